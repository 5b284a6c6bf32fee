"""The one-line header of the game screens: scenario on the left, where you stand on the right."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Label

NOTICE_STYLES = {
    "information": "bold $text-success",
    "warning": "bold $text-warning",
    "error": "bold $text-error",
}


class StatusBar(Horizontal):
    """Scenario title (cut short on narrow terminals) and the facts of the moment.

    The facts (turn, date, score, seed) matter more than the title, so the title gives way
    when the terminal is narrow. The app's notices ("Saved to ...") take the title's place
    for a few seconds (``notice``): a toast would cover the text the student is reading.
    """

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $foreground;
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
        self._restore: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Label(self._title, id="status-title", markup=False)
        yield Label(self._facts, id="status-facts", markup=False)

    def on_resize(self) -> None:
        if self._restore is None:
            self.query_one("#status-title", Label).update(self.fitted_title())

    def fitted_title(self) -> str:
        """The title as it fits beside the facts: whole, or its main part when it has one."""
        room = self.size.width - (cell_len(self._facts) + 1)  # the facts and their gap
        return fitted_title(self._title, room)

    def show(self, title: str, facts: str) -> None:
        """Replace both parts (a notice on show stays until its time is up)."""
        self._title = title
        self._facts = facts
        if self._restore is None:
            self.query_one("#status-title", Label).update(self.fitted_title())
        self.query_one("#status-facts", Label).update(facts)

    def notice(self, text: str, severity: str = "information", seconds: float = 6) -> None:
        """Show a notice in the title's place for a while (plain text, never markup)."""
        if self._restore is not None:
            self._restore.stop()
        style = NOTICE_STYLES.get(severity, NOTICE_STYLES["information"])
        self.query_one("#status-title", Label).update(Content.styled(text, style))
        self._restore = self.set_timer(seconds, self._end_notice)

    def _end_notice(self) -> None:
        self._restore = None
        self.query_one("#status-title", Label).update(self.fitted_title())


def fitted_title(title: str, room: int) -> str:
    """A scenario title in ``room`` cells: whole if it fits, else its main part, before the
    first ': ' ("The S-400 Question" for "The S-400 Question: Turkey Between Washington,
    Kyiv and Moscow"), which reads better than a title cut mid-word. A title without one is
    left to the label's ellipsis."""
    if cell_len(title) <= room or ": " not in title:
        return title
    return title.split(": ", 1)[0]
