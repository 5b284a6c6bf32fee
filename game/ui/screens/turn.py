"""The turn screen: relations, news, your options and the selected one in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from game.debrief import long_date
from game.engine import score
from game.engine.narrate import headlines
from game.ui.screens import STYLESHEET
from game.ui.session import Session
from game.ui.view import OptionRow, advice, option_rows, relation_rows
from game.ui.widgets.news import NewsPanel
from game.ui.widgets.option_detail import OptionDetail
from game.ui.widgets.options import OptionsList
from game.ui.widgets.relations import RelationsPanel
from game.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from game.ui.app import DetenteApp


def status_facts(session: Session) -> str:
    """'Turkey │ Turn 3/10 │ 4 April 2022 │ Score 52': what the header shows on every turn."""
    world, state = session.world, session.state
    turns = world.scenario.turns
    turn = min(state.turn, turns)
    total = score(world, state).total
    name = world.actor(state.role).name
    return f"{name} │ Turn {turn}/{turns} │ {long_date(world.date_of(turn))} │ Score {total}"


class TurnScreen(Screen[None]):
    """One turn of the game.

    | Key | Action |
    | :- | :- |
    | 1-9 | Select an available option (shows it in full). |
    | up/down | Move within the options list. |
    | enter | Confirm the selected option and play the turn. |
    | a | Advisor's forecast on or off. |
    """

    CSS_PATH = STYLESHEET

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "confirm",
            "Confirm",
            priority=True,
            tooltip="Play the selected option: the turn cannot be undone",
        ),
        Binding("1", "pick(1)", "Select", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", f"Select option {n}", show=False) for n in range(2, 10)],
        Binding("a", "toggle_advisor", "Advisor", tooltip="Advisor's forecast on or off"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows: tuple[OptionRow, ...] = ()
        self._shown: tuple[str, int, bool] | None = None
        """(option, turn, advisor) the detail panel shows now."""

    @property
    def game(self) -> DetenteApp:
        return cast("DetenteApp", self.app)

    def compose(self) -> ComposeResult:
        world = self.session.world
        yield StatusBar(world.scenario.title, status_facts(self.session), id="status")
        with Horizontal(id="turn-body"):
            with Vertical(id="turn-left"):
                relations = RelationsPanel(relation_rows(world, self.session.state), id="relations")
                relations.border_title = "Relations"
                yield relations
                news = NewsPanel(id="news")
                news.border_title = "News"
                yield news
            with Vertical(id="turn-right"):
                options = OptionsList(id="options")
                options.border_title = "Your options"
                yield options
                detail = OptionDetail(id="detail")
                detail.border_title = "Selected"
                yield detail
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_turn()
        self.query_one(OptionsList).focus()

    def refresh_turn(self) -> None:
        """Show the session's current position: called on mount and after every turn."""
        session = self.session
        world, state = session.world, session.state
        self.query_one(StatusBar).show(world.scenario.title, status_facts(session))
        self.query_one(RelationsPanel).show(relation_rows(world, state, tuple(session.history)))
        news = self.query_one(NewsPanel)
        report = session.last_report
        if report is None:
            news.border_title = "News"
            news.show([], empty=f"The crisis begins on {long_date(world.date_of(1))}.")
        else:
            news.border_title = f"News, turn {report.turn}"
            news.show(headlines(world, report, skip_actor=state.role), empty="A quiet week.")
        self.rows = option_rows(world, state)
        options = self.query_one(OptionsList)
        options.show(self.rows)
        if not any(row.available for row in self.rows):
            self.query_one(OptionDetail).show_nothing(
                "Nothing you can do this turn: press enter to wait and see."
            )
        else:
            self.show_detail(options.highlighted_id)

    def show_detail(self, option_id: str | None) -> None:
        """Describe an option, with the forecast when the advisor is on.

        A new turn both highlights the first option (which posts a highlight message) and
        asks for its detail directly; the second request for the same view is skipped.
        """
        if option_id is None:
            return
        view = (option_id, self.session.state.turn, self.game.advisor)
        if view == self._shown:
            return
        self._shown = view
        world, state = self.session.world, self.session.state
        option = world.option(option_id)
        facts = world.loaded.facts
        cited = [facts[f] for f in option.facts if f in facts]
        row = next((r for r in self.rows if r.id == option_id), None)
        blocked = row.reason if row is not None and not row.available else ""
        forecast = advice(world, state, option_id) if self.game.advisor else None
        self.query_one(OptionDetail).show(
            option, cited, forecast, advisor=self.game.advisor, unavailable=blocked
        )

    def on_option_list_option_highlighted(self, event: OptionsList.OptionHighlighted) -> None:
        self.show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionsList.OptionSelected) -> None:
        self.action_confirm()

    def action_pick(self, number: int) -> None:
        """Highlight the available option with this number."""
        row = next((r for r in self.rows if r.number == number), None)
        if row is None:
            self.game.say(f"There is no option {number} this turn.", severity="warning")
            return
        self.query_one(OptionsList).highlight_id(row.id)

    def action_confirm(self) -> None:
        """Play the highlighted option (or wait, when nothing is available)."""
        if self.session.state.over:
            return
        option_id = self.query_one(OptionsList).highlighted_id
        available = [r for r in self.rows if r.available]
        if not available:
            self.game.play(None)  # nothing possible: the turn passes
            return
        row = next((r for r in self.rows if r.id == option_id), None)
        if row is None:
            self.game.say("Select an option first (1-9 or the arrow keys).", severity="warning")
        elif not row.available:
            self.game.say(f"Not available now: {row.reason}.", severity="warning")
        else:
            self.game.play(row.id)

    def action_toggle_advisor(self) -> None:
        self.game.toggle_advisor()

    def show_advice(self) -> None:
        """Redraw the selected option after the advisor was switched on or off."""
        self.show_detail(self.query_one(OptionsList).highlighted_id)
