"""Dialogs that ask the student for words: a reflection on a move, their name and class."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from game.ui.screens.base import GameModal
from game.ui.text import heading, muted

MAX_REFLECTION = 1000
"""The longest reflection kept: a few sentences (a save holds at most 2,000 characters)."""


class ReflectionScreen(GameModal[str | None]):
    """The scenario's question after a turn (or at the end); dismisses with the answer, or
    None when skipped.

    | Key | Action |
    | :- | :- |
    | enter | Keep the answer. |
    | escape | Skip the question. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip")]

    def __init__(self, prompt: str, when: str) -> None:
        super().__init__()
        self.prompt = prompt
        """The question, as the scenario words it."""
        self.when = when
        """'After turn 2' or 'At the end'."""

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box", classes="ask-box"):
            yield Label(heading(f"{self.when}: a question for you"), classes="ask-title")
            yield Label(self.prompt, id="ask-prompt", markup=False)
            yield Input(
                placeholder="A sentence on why…", max_length=MAX_REFLECTION, id="ask-answer"
            )
            yield Label(muted("enter keeps it for your debrief · escape skips"), classes="ask-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_skip(self) -> None:
        self.dismiss(None)


class StudentScreen(GameModal[tuple[str, str] | None]):
    """Asked once, before the first debrief is written: the name and class for its header;
    dismisses with (name, class), or None when skipped.

    | Key | Action |
    | :- | :- |
    | enter | Next field; on the last, keep both. |
    | escape | Skip (the debrief says the name was not given). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "skip", "Skip")]

    def compose(self) -> ComposeResult:
        with Vertical(id="student-box", classes="ask-box"):
            yield Label(heading("Your name for the debrief"), classes="ask-title")
            yield Label(
                "Your instructor reads it at the top of your debrief. Asked once: "
                "later debriefs use it too.",
                classes="ask-hint",
            )
            yield Input(placeholder="Your name", max_length=200, id="student-name")
            yield Input(placeholder="Your class (optional)", max_length=200, id="student-class")
            yield Label(muted("enter keeps it · escape skips"), classes="ask-hint")

    def on_mount(self) -> None:
        self.query_one("#student-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "student-name":
            self.query_one("#student-class", Input).focus()
            return
        name = self.query_one("#student-name", Input).value.strip()
        group = self.query_one("#student-class", Input).value.strip()
        self.dismiss((name, group) if name else None)

    def action_skip(self) -> None:
        self.dismiss(None)
