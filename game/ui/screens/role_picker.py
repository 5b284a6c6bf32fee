"""The role picker: each playable government with its position, briefing and goals.

It is the first screen a student can act on, and from the second start of `detente play` the
app's first frame (game/ui/picker_cache.py), so it comes up in two steps. The first frame is
the status line and the list of governments, with its few rules in ``DEFAULT_CSS``: the keys
work at once. Right after that frame, ``add_details`` reads the game's stylesheet and mounts
the briefing panel and the footer. Reading a stylesheet file re-parses every rule Textual holds
and restyles every widget, and with the panel and the footer that tripled the first frame's
cost (README, "Performance").
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from game.ui.messages import RoleChosen
from game.ui.picker_view import RolesView
from game.ui.screens import STYLESHEET
from game.ui.screens.base import GameScreen
from game.ui.text import heading, muted, prose
from game.ui.widgets.pick_list import PickList
from game.ui.widgets.status_bar import StatusBar

DETAILS_AFTER = 0.1
"""Seconds between the first frame and the briefing panel: Textual writes a frame to the
terminal from a thread of its own, which work begun at once in the main thread holds back
on a busy machine (measured: the first frame then reached the terminal no sooner than with
everything mounted at once). A tenth of a second is not seen."""


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

    CSS_PATH = None
    """Not the game's stylesheet before the first frame: ``add_details`` reads it after."""

    DEFAULT_CSS = """
    RolePickerScreen #picker-body {
        height: 1fr;
    }
    RolePickerScreen #roles {
        width: 30%;
        min-width: 24;
        max-width: 36;
        height: 1fr;
        border: round $primary 50%;
        border-title-color: $text-primary;
        border-title-style: bold;
        background: $surface;
    }
    RolePickerScreen #roles:focus {
        border: round $accent;
    }
    RolePickerScreen #role-detail {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    """
    """The picker's layout, and the look of the list for the first frame (the same as
    every panel's in game.tcss, whose rules take over once it is read)."""

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
        self.set_timer(DETAILS_AFTER, self.add_details)

    async def add_details(self) -> None:
        """After the first frame: the game's stylesheet, the briefing panel and the footer
        (mounted once: a screen shown again is not rebuilt).

        Nothing is looked up after the footer's mount is awaited: a role chosen or the app
        quit meanwhile would have taken the screen's widgets away.
        """
        if self.details_shown:
            return
        try:
            body = self.query_one("#picker-body", Horizontal)
            roles = self.query_one("#roles", PickList)
        except NoMatches:  # the screen is being taken down
            return
        stylesheet = self.app.stylesheet
        if not stylesheet.has_source(str(STYLESHEET), ""):
            stylesheet.read(STYLESHEET)
            stylesheet.reparse()
            stylesheet.update(self.app)
        role = roles.highlighted_option
        text = Static(self.description(role.id or "") if role else "", id="role-text")
        detail = VerticalScroll(text, id="role-detail")
        detail.border_title = "Briefing"
        body.mount(detail)
        await self.mount(Footer())
        self.refresh_bindings()  # a footer shows its keys when told the bindings changed

    @property
    def details_shown(self) -> bool:
        """Whether the briefing panel is up (it is mounted right after the first frame)."""
        try:
            self.query_one("#role-detail", VerticalScroll)
        except NoMatches:
            return False
        return True

    def on_option_list_option_highlighted(self, event: PickList.OptionHighlighted) -> None:
        if self.details_shown:  # else add_details describes the role highlighted by then
            self.describe(event.option.id or "")

    def on_option_list_option_selected(self, event: PickList.OptionSelected) -> None:
        self.action_choose()

    def describe(self, role: str) -> None:
        """Show a role's summary, briefing and goals beside the list."""
        self.query_one("#role-text", Static).update(self.description(role))
        self.query_one("#role-detail", VerticalScroll).scroll_home(animate=False)

    def description(self, role: str) -> Content:
        """A role's name and leader, summary, briefing and goals with their weights."""
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
        return Content("\n").join(parts)

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
