"""The relations panel: how each government sees you, how you see it, and where it is heading."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline

from game.ui.seam import RelationRow
from game.ui.text import delta, signed

STANCES = ("ally", "friendly", "cool", "hostile")


class RelationLine(Vertical):
    """One government: its name, then its view of you (with change and trend) and yours of it.

    Two lines, so that full names fit beside the options list on an 80-column terminal. The
    score labels carry a stance class (`ally`, `friendly`, `cool`, `hostile`) that the
    stylesheet colours, so the colours follow the theme.
    """

    DEFAULT_CSS = """
    RelationLine {
        height: 2;
    }
    RelationLine > .name {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RelationLine > Horizontal {
        height: 1;
    }
    """

    def __init__(self, row: RelationRow) -> None:
        super().__init__(id=f"relation-{row.actor}")
        self.row = row

    def compose(self) -> ComposeResult:
        yield Label(self.row.name, classes="name", markup=False)
        with Horizontal():
            yield Label(classes="score theirs")
            yield Label(classes="change")
            yield Sparkline(summary_function=max)
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
        sparkline = self.query_one(Sparkline)
        # One point would draw as a full bar; two equal points draw the flat line it is.
        history = row.theirs_history
        sparkline.data = list(history) * 2 if len(history) == 1 else list(history)
        sparkline.tooltip = "Their view of you, turn by turn: " + ", ".join(
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
    RelationsPanel Sparkline {
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
