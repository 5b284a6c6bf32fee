"""The role picker: each playable government with its position, briefing and goals."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from game.ui.messages import RoleChosen
from game.ui.picker_view import RolesView
from game.ui.screens.base import GameScreen
from game.ui.text import heading, muted, prose
from game.ui.widgets.pick_list import PickList
from game.ui.widgets.status_bar import StatusBar


class RolePickerScreen(GameScreen):
    """Choose which government to play.

    | Key | Action |
    | :- | :- |
    | up/down | Move between roles (the panel on the right describes the highlighted one). |
    | enter | Play the highlighted role. |
    | p | Add another player: a hot-seat game, its governments chosen on the seat picker. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Play this role", priority=True),
        Binding("p", "add_player", "Add a player", tooltip="Several players on this terminal"),
    ]

    def __init__(self, roles: RolesView, seed: int) -> None:
        super().__init__()
        self.roles = roles
        self.seed = seed
        self._by_id = {role.id: role for role in roles.roles}

    def compose(self) -> ComposeResult:
        yield StatusBar(self.roles.title, f"Choose your role │ Seed {self.seed}")
        with Horizontal(id="picker-body"):
            roles = PickList(id="roles")
            roles.border_title = "Governments"
            yield roles
            detail = VerticalScroll(Static(id="role-text"), id="role-detail")
            detail.border_title = "Briefing"
            yield detail
        yield Footer()

    def on_mount(self) -> None:
        roles = self.query_one("#roles", PickList)
        for n, actor in enumerate(self.roles.roles):
            if n:
                roles.add_option(None)  # a separator line between roles
            prompt = Content.assemble((actor.name, "bold"))
            if actor.leader:
                prompt = Content.assemble(prompt, "\n", (actor.leader, "$foreground-muted"))
            roles.add_option(Option(prompt, id=actor.id))
        roles.highlighted = roles.get_option_index(self.roles.default)
        roles.focus()

    def on_option_list_option_highlighted(self, event: PickList.OptionHighlighted) -> None:
        self.describe(event.option.id or "")

    def on_option_list_option_selected(self, event: PickList.OptionSelected) -> None:
        self.action_choose()

    def describe(self, role: str) -> None:
        """Show a role's summary, briefing and goals beside the list."""
        actor = self._by_id[role]
        parts = [heading(actor.name)]
        if actor.leader:
            parts.append(muted(actor.leader))
        for text in (actor.summary, actor.briefing):
            if text:
                parts += [Content(""), Content(prose(text))]
        if actor.goals:
            parts += [Content(""), heading("Your goals")]
            if actor.weights:
                parts += [
                    Content(f"• {w.label} ({w.share:.0%} of your score)") for w in actor.weights
                ]
            else:
                parts += [Content(f"• {goal}") for goal in actor.goals]
        parts += [Content(""), muted("Press enter to play this role.")]
        self.query_one("#role-text", Static).update(Content("\n").join(parts))
        self.query_one("#role-detail", VerticalScroll).scroll_home(animate=False)

    def action_choose(self) -> None:
        """Start the game as the highlighted role."""
        roles = self.query_one("#roles", PickList)
        if roles.highlighted is None:
            return
        role = roles.get_option_at_index(roles.highlighted).id
        if role is not None:
            self.ask_app(RoleChosen(role))

    def action_add_player(self) -> None:
        """Several people on this terminal: the seat picker, the highlighted role taken."""
        from game.ui.screens.seat_picker import SeatPickerScreen

        roles = self.query_one("#roles", PickList)
        first = None
        if roles.highlighted is not None:
            first = roles.get_option_at_index(roles.highlighted).id
        self.app.push_screen(SeatPickerScreen(self.roles, self.seed, first=first))
