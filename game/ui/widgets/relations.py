"""The relations panel: how each government sees you, how you see it, and where it is heading."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label

from game.ui.seam import RelationRow
from game.ui.text import delta, signed, stance_words
from game.ui.widgets.trend import Trend

STANCES = ("ally", "friendly", "cool", "hostile")


class RelationLine(Vertical):
    """One government: its name and the stances in words ("hostile / cool"), then its view
    of you (with change and trend) and yours of it.

    Two lines, so that names fit beside the options list on an 80-column terminal. The
    score labels carry a stance class (`ally`, `friendly`, `cool`, `hostile`) that the
    stylesheet colours, so the colours follow the theme; the words say the same for a reader
    who cannot tell the colours apart, and ▲/▼ give the direction of each change.
    """

    DEFAULT_CSS = """
    RelationLine {
        height: 2;
    }
    RelationLine > Horizontal {
        height: 1;
    }
    RelationLine .name {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RelationLine .stance {
        width: auto;
        padding-left: 1;
    }
    """

    def __init__(self, row: RelationRow) -> None:
        super().__init__(id=f"relation-{row.actor}")
        self.row = row

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.row.name, classes="name", markup=False)
            yield Label(classes="stance")
        with Horizontal():
            yield Label(classes="score theirs")
            yield Label(classes="change")
            yield Trend(width=8)
            yield Label(classes="score yours")
            yield Label(classes="change")

    def on_mount(self) -> None:
        self.show(self.row)

    def show(self, row: RelationRow) -> None:
        """Display a new position of this relation."""
        self.row = row
        self.query_one(".name", Label).tooltip = Content(row.name)
        for selector, value, stance in (
            (".theirs", row.theirs, row.theirs_stance),
            (".yours", row.yours, row.yours_stance),
        ):
            label = self.query_one(selector, Label)
            label.update(signed(value))
            if not label.has_class(stance):  # restyling is the costly part: only on change
                label.remove_class(*STANCES, update=False)
                label.add_class(stance)
        changes = list(self.query(".change").results(Label))
        changes[0].update(delta(row.theirs_change))
        changes[1].update(delta(row.yours_change))
        self.query_one(".stance", Label).update(stance_words(row.theirs_stance, row.yours_stance))
        trend = self.query_one(Trend)
        trend.show(row.theirs_history)
        trend.tooltip = "Their view of you, turn by turn: " + ", ".join(
            signed(v) for v in row.theirs_history
        )


class RelationsPanel(Vertical):
    """All of the player's relations, under a line of column headings."""

    DEFAULT_CSS = """
    RelationsPanel {
        height: auto;
    }
    RelationsPanel .score {
        width: 6;
        text-align: right;
    }
    RelationsPanel .change {
        width: 5;
        padding-left: 1;
    }
    RelationsPanel Trend {
        width: 8;
        height: 1;
        margin-right: 1;
    }
    RelationsPanel > .headings {
        height: 1;
    }
    """

    def __init__(self, rows: Sequence[RelationRow], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = tuple(rows)

    def compose(self) -> ComposeResult:
        yield Label(" Sees you    trend       You see", classes="headings muted")
        for row in self._rows:
            yield RelationLine(row)

    def show(self, rows: Sequence[RelationRow]) -> None:
        """Update every line in place (the set of governments never changes in a game)."""
        self._rows = tuple(rows)
        for row in rows:
            self.query_one(f"#relation-{row.actor}", RelationLine).show(row)
