"""The turn screen: relations, news, your options and the selected one in full."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer

from game.ui.messages import AdvisorToggled, MovePlayed
from game.ui.screens.base import SessionScreen
from game.ui.seam import GameSession, OptionRow, TurnView
from game.ui.widgets.news import NewsPanel
from game.ui.widgets.offers import offer_lines
from game.ui.widgets.option_detail import OptionDetail
from game.ui.widgets.options import OptionsList
from game.ui.widgets.relations import RelationsPanel
from game.ui.widgets.status_bar import StatusBar


class TurnScreen(SessionScreen):
    """One turn of the game.

    | Key | Action |
    | :- | :- |
    | 1-9 | Select an option by its number, which it keeps all game (shows it in full). |
    | up/down | Move within the options list, whichever panel has the focus. |
    | shift+up/down | Scroll the selected option's panel. |
    | enter | Confirm the selected option and play the turn. |
    | a | Advisor's forecast on or off. |
    | g | The stakes (goals and endings): what the score counts, the endings and how far each is. |
    | o | The offers put to you: their terms, and your answers (y, n, c in the dialog). |

    Arrows always move the options: the panels that scroll (the selected option, the news)
    leave them to the screen and scroll with shift+arrows and the page keys instead.
    """

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
        Binding(
            "g",
            "stakes",
            "Stakes",
            tooltip="The stakes: what your score counts and what each ending needs",
        ),
        Binding(
            "o",
            "offers",
            "Offers",
            tooltip="The offers put to you: their terms, what each answer does, your answers",
        ),
        Binding("up", "move_option(-1)", "Previous option", show=False),
        Binding("down", "move_option(1)", "Next option", show=False),
        Binding("shift+up", "scroll_detail(-1)", "Scroll the selected option", show=False),
        Binding("shift+down", "scroll_detail(1)", "Scroll the selected option", show=False),
    ]

    def __init__(self, session: GameSession, *, advisor: bool = True) -> None:
        super().__init__(session)
        self.advisor = advisor
        """Whether the detail panel shows the advisor's forecast (`a` toggles it)."""
        self.view: TurnView | None = None
        """The position shown now (None until the screen is composed)."""
        self.rows: tuple[OptionRow, ...] = ()
        self._shown: tuple[str, int, bool] | None = None
        """(option, turn, advisor) the detail panel shows now."""

    @property
    def options_list(self) -> OptionsList:
        return self.query_one(OptionsList)

    @property
    def detail(self) -> OptionDetail:
        return self.query_one(OptionDetail)

    @property
    def relations(self) -> RelationsPanel:
        return self.query_one(RelationsPanel)

    @property
    def news(self) -> NewsPanel:
        return self.query_one(NewsPanel)

    def compose(self) -> ComposeResult:
        view = self.view = self.session.turn_view()
        yield StatusBar(view.title, view.status, id="status")
        with Horizontal(id="turn-body"):
            with Vertical(id="turn-left"):
                relations = RelationsPanel(view.relations, id="relations")
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
        self.refresh_turn(self.view)
        self.options_list.focus()

    def refresh_turn(self, view: TurnView | None = None) -> None:
        """Show the session's current position: called on mount and after every turn."""
        view = self.view = view or self.session.turn_view()
        self.status_bar.show(view.title, view.status)
        self.relations.show(view.relations)
        news = self.news
        news.border_title = view.news_title
        news.show(
            (*offer_lines(view.offers, view.offers_made), *view.news),
            empty=view.news_empty,
        )
        self.rows = view.options
        self.refresh_bindings()
        options = self.options_list
        options.show(self.rows)
        if not any(row.available for row in self.rows):
            self.detail.show_nothing("Nothing you can do this turn: press enter to wait and see.")
        else:
            self.show_detail(options.highlighted_id)

    def show_detail(self, option_id: str | None) -> None:
        """Describe an option, with the forecast when the advisor is on.

        A new turn both highlights the first option (which posts a highlight message) and
        asks for its detail directly; the second request for the same view is skipped.
        """
        if option_id is None:
            return
        shown = (option_id, self.session.turn, self.advisor)
        if shown == self._shown:
            return
        self._shown = shown
        row = next((r for r in self.rows if r.id == option_id), None)
        blocked = row.reason if row is not None and not row.available else ""
        forecast = self.session.forecast(option_id) if self.advisor else None
        self.detail.show(
            self.session.option_view(option_id), forecast, advisor=self.advisor, unavailable=blocked
        )

    def on_option_list_option_highlighted(self, event: OptionsList.OptionHighlighted) -> None:
        self.show_detail(event.option.id)

    def on_option_list_option_selected(self, event: OptionsList.OptionSelected) -> None:
        self.action_confirm()

    def action_pick(self, number: int) -> None:
        """Highlight the option with this number (an unavailable one too: the detail panel
        then says why it cannot be taken)."""
        row = next((r for r in self.rows if r.number == number), None)
        if row is None:
            self.say(f"There is no option {number}.", severity="warning")
            return
        self.options_list.highlight_id(row.id)

    def action_move_option(self, step: int) -> None:
        """Arrows reach here when a panel other than the options list has the focus."""
        options = self.options_list
        if step < 0:
            options.action_cursor_up()
        else:
            options.action_cursor_down()

    def action_scroll_detail(self, step: int) -> None:
        detail = self.detail
        if step < 0:
            detail.scroll_up(animate=False)
        else:
            detail.scroll_down(animate=False)

    def action_confirm(self) -> None:
        """Play the highlighted option (or wait, when nothing is available)."""
        view = self.view
        if view is None or view.over or self.session.over:
            return
        option_id = self.options_list.highlighted_id
        available = [r for r in self.rows if r.available]
        if not available:
            self.ask_app(MovePlayed(None, view.turn))  # nothing possible: the turn passes
            return
        row = next((r for r in self.rows if r.id == option_id), None)
        if row is None:
            self.say("Select an option first (1-9 or the arrow keys).", severity="warning")
        elif not row.available:
            self.say(f"Not available now: {row.reason}.", severity="warning")
        else:
            self.ask_app(MovePlayed(row.id, view.turn))

    def action_stakes(self) -> None:
        """Show the stakes of the position on screen (the screen's own view, so the dialog
        and the turn below it always agree)."""
        from game.ui.screens.stakes import StakesScreen

        view = self.view or self.session.turn_view()
        self.app.push_screen(StakesScreen(view))

    def action_offers(self) -> None:
        """Show the offers put to the seat, to answer by keys; the turn's news then says the
        answers given."""
        from game.ui.screens.offers import OffersScreen

        view = self.view or self.session.turn_view()
        if not view.offers:
            self.say("No offer is waiting for your answer.")
            return
        self.app.push_screen(
            OffersScreen(self.session, advisor=self.advisor),
            lambda _: self.refresh_turn(),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`o` is on (footer, help) only while an offer waits for the seat's answer: most
        turns have none, and the footer of an 80-column screen has no room to spare."""
        if action == "offers":
            return bool(self.view and self.view.offers)
        return True

    def action_toggle_advisor(self) -> None:
        """Switch the forecasts on or off here, and tell the app (later turns keep it)."""
        self.advisor = not self.advisor
        self.show_advice()
        self.ask_app(AdvisorToggled(self.advisor))

    def show_advice(self) -> None:
        """Redraw the selected option after the advisor was switched on or off."""
        self.show_detail(self.options_list.highlighted_id)
