"""A relation's trend as a row of block characters, on a scale that does not exaggerate.

Textual's ``Sparkline`` stretches whatever it is given between its lowest and highest value,
so a drift of one point (-90, -91, -90, -92) drew as a collapse (issue 15). Here the scale
spans at least ``MIN_SPAN`` points, centred on the values: small moves stay small.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"
MIN_SPAN = 40
"""The smallest range of scores the trend's height stands for: a fifth of the usual
-100..100 scale, so a 10-point move is a clear step and a 1-point drift is flat."""


def trend_blocks(values: Sequence[int], width: int, *, min_span: int = MIN_SPAN) -> str:
    """The last ``width`` values as blocks, lowest ▁ to highest █, on a scale of at least
    ``min_span`` points; a single value is a flat line."""
    if not values or width <= 0:
        return ""
    shown = list(values)[-width:]
    low, high = float(min(shown)), float(max(shown))
    if high - low < min_span:
        middle = (low + high) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
    steps = len(BLOCKS) - 1
    if len(shown) == 1:
        shown = shown * 2  # a line, not a dot
    return "".join(BLOCKS[round((v - low) / (high - low) * steps)] for v in shown)


class Trend(Static):
    """A one-line trend of a relation's history (see ``trend_blocks``)."""

    DEFAULT_CSS = """
    Trend {
        height: 1;
        color: $text-primary;
    }
    """

    def __init__(self, values: Sequence[int] = (), *, width: int = 8) -> None:
        super().__init__(Content(trend_blocks(values, width)))
        self._values = tuple(values)
        self._width = width

    def show(self, values: Sequence[int]) -> None:
        self._values = tuple(values)
        self.update(Content(trend_blocks(self._values, self._width)))
