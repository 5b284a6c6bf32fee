"""The offers dialog over the turn screen: the offers the seat must answer, answered by keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Footer, Static

from game.ui.messages import Notice
from game.ui.screens.base import GameModal
from game.ui.seam import GameSession, MoveRefused, OfferView
from game.ui.widgets.offers import ANSWER_KEYS, offers_text


class OffersScreen(GameModal[None]):
    """The offers put to the seat, each with its terms and answers; the answers are kept by the
    session until the turn is played (the move is still chosen on the turn screen).

    A dialog rather than a panel so that an 80x24 turn screen keeps its room for the options.

    | Key | Action |
    | :- | :- |
    | y | Accept the selected offer. |
    | n | Decline it. |
    | c | Make its counter-proposal (when it has one). |
    | x | Take back the answer (the offer stays open). |
    | 1-9 | Select an offer by its number. |
    | enter, escape, o | Back to the turn. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('accept')", "Accept"),
        Binding("n", "answer('decline')", "Decline"),
        Binding("c", "answer('counter')", "Counter"),
        Binding("x", "answer('')", "Take back"),
        Binding("1", "select(1)", "Select offer", key_display="1-9"),
        *[Binding(str(n), f"select({n})", f"Select offer {n}", show=False) for n in range(2, 10)],
        Binding("enter", "close", "Back", priority=True),
        Binding("escape", "close", "Close", show=False),
        Binding("o", "close", "Close", show=False),
    ]

    def __init__(self, session: GameSession, *, advisor: bool = True) -> None:
        super().__init__()
        self.session = session
        self.advisor = advisor
        """Whether each answer shows its effects and value (the turn screen's `a`)."""
        self.selected = 0
        """Index of the offer the answer keys act on."""
        self.offers: tuple[OfferView, ...] = session.turn_view().offers

    def compose(self) -> ComposeResult:
        with Vertical(id="offers-box") as box:
            box.border_title = "Offers to answer"
            with VerticalScroll(id="offers-body"):
                yield Static(id="offers-text")
            yield Button("Back to the turn (enter)", id="offers-close", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.show_offers()
        self.query_one("#offers-body").focus()
        self.fit_body()

    def on_resize(self) -> None:
        self.fit_body()

    def fit_body(self) -> None:
        """Scroll only the text, within the room the box leaves (border, button, footer: 4)."""
        room = self.size.height - self.styles.padding.height - 4
        self.query_one("#offers-body").styles.max_height = max(room, 3)

    def show_offers(self) -> None:
        self.offers = self.session.turn_view().offers
        self.selected = min(self.selected, max(len(self.offers) - 1, 0))
        text = offers_text(self.offers, self.selected, advisor=self.advisor)
        self.query_one("#offers-text", Static).update(text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_select(self, number: int) -> None:
        if not 1 <= number <= len(self.offers):
            self.app.post_message(Notice(f"There is no offer {number}.", "warning"))
            return
        self.selected = number - 1
        self.show_offers()

    def action_answer(self, answer: str) -> None:
        """Give the selected offer this answer ('' takes the answer back)."""
        self.answer(answer or None)

    def answer(self, answer: str | None) -> None:
        """Give (or take back) the selected offer's answer through the session."""
        if not self.offers:
            return
        offer = self.offers[self.selected]
        if answer is not None and answer not in {a.id for a in offer.answers}:
            keys = ", ".join(f"{ANSWER_KEYS[a.id]} {a.label}" for a in offer.answers)
            self.app.post_message(Notice(f"This offer's answers are: {keys}.", "warning"))
            return
        try:
            self.session.answer(offer.id, answer)
        except MoveRefused as error:
            self.app.post_message(Notice(str(error), "error"))
        self.show_offers()
