"""Small modal dialogs: the quit confirmation and the help listing every key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from game.ui.screens.base import GameModal
from game.ui.text import heading, muted

if TYPE_CHECKING:
    from game.ui.seam import GameSession


class ConfirmScreen(GameModal[bool]):
    """Ask a yes/no question; dismisses with True for yes.

    | Key | Action |
    | :- | :- |
    | y | Yes. |
    | n, escape | No. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(
        self,
        question: str,
        detail: str = "",
        *,
        yes: str = "Yes",
        no: str = "No",
        default_yes: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.default_yes = default_yes
        """Whether enter means yes (the yes button has the focus); no by default."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(heading(self.question), id="confirm-question")
            if self.detail:
                yield Label(muted(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    f"{self.yes} (y)", id="yes", variant="success" if self.default_yes else "error"
                )
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def quit_confirmation(session: GameSession) -> ConfirmScreen:
    """The question asked before quitting with turns not saved by the player: it says where
    those turns are kept, or, when the autosave failed, that quitting loses them and why."""
    if session.autosaved:
        detail = (
            "Turns were played since you last saved (s). The autosave keeps them: "
            f"{session.autosave_path}"
        )
        return ConfirmScreen("Quit the game?", detail, yes="Quit", no="Stay")
    if session.autosave_failure:
        why = f"the autosave failed: {session.autosave_failure}"
    else:
        why = "the autosave does not hold them yet"
    detail = (
        f"Turns were played since you last saved (s), and {why}. Quitting now loses them. "
        "Stay, and press s to try saving again."
    )
    return ConfirmScreen("Quit and lose turns?", detail, yes="Quit anyway", no="Stay")


class HelpScreen(GameModal[None]):
    """Every key that works where help was opened, and how the game is played.

    | Key | Action |
    | :- | :- |
    | escape, ?, q, enter | Close help. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "close", "Close", priority=True)
    ]

    def __init__(self, keys: Sequence[tuple[str, str]], notes: Sequence[str]) -> None:
        super().__init__()
        self.keys = tuple(keys)
        self.notes = tuple(notes)

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self.keys), default=4) + 2
        rows = [
            Content.assemble((key.ljust(width), "bold $text-accent"), text)
            for key, text in self.keys
        ]
        body = [heading("Keys"), *rows]
        if self.notes:
            body += [Content(""), heading("Good to know")]
            body += [Content(f"• {note}") for note in self.notes]
        with Vertical(id="help-box") as box:
            box.border_title = "Help"
            with VerticalScroll(id="help-body"):
                yield Static(Content("\n").join(body))
            yield Button("Close (escape)", id="help-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
