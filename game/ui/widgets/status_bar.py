"""The one-line header of the game screens: scenario on the left, where you stand on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label


class StatusBar(Horizontal):
    """Scenario title (cut short on narrow terminals) and the facts of the moment.

    The facts (turn, date, score, seed) matter more than the title, so the title gives way
    when the terminal is narrow.
    """

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        dock: top;
        padding: 0 1;
    }
    StatusBar > #status-title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        text-style: bold;
    }
    StatusBar > #status-facts {
        width: auto;
        padding-left: 1;
    }
    """

    def __init__(self, title: str = "", facts: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._facts = facts

    def compose(self) -> ComposeResult:
        yield Label(self._title, id="status-title", markup=False)
        yield Label(self._facts, id="status-facts", markup=False)

    def show(self, title: str, facts: str) -> None:
        """Replace both parts."""
        self.query_one("#status-title", Label).update(title)
        self.query_one("#status-facts", Label).update(facts)
