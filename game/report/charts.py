"""The debrief's charts as SVG, drawn by pygal (imported here only, when a page is written).

Each chart is a string of SVG to place inside the HTML page: no script is linked (pygal's
tooltips would fetch one from the web), so the page is whole offline and prints as shown.
Series differ by dash pattern as well as colour, and each is named in the legend, so a
chart printed in grey or read by someone colour-blind still tells them apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from game.analysis import Distribution

WIDTH, HEIGHT = 480, 300
DASHES = ("", "6,3", "2,3", "10,3,2,3", "1,2", "8,2,2,2,2,2")
"""One dash pattern per series, in series order (solid first)."""


def _config(title: str, **extra: Any) -> dict[str, Any]:
    import pygal.style

    style = pygal.style.Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#999",
        font_family="system-ui, sans-serif",
        colors=("#1f5fa8", "#c0392b", "#2e7d32", "#6a3d9a", "#b8860b", "#555555"),
        title_font_size=16,
        legend_font_size=12,
        label_font_size=11,
        major_label_font_size=11,
    )
    return {
        "title": title,
        "js": [],
        "disable_xml_declaration": True,
        "width": WIDTH,
        "height": HEIGHT,
        "style": style,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": 44,
        "show_minor_x_labels": True,
        "print_labels": False,
        **extra,
    }


def _render(chart: Any) -> str:
    svg = chart.render(is_unicode=True)
    assert isinstance(svg, str)
    return svg


def line_chart(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """Lines over turns: one series per name, each in its own dash pattern."""
    import pygal

    extra: dict[str, Any] = {"x_labels": list(x_labels), "dots_size": 2}
    if low is not None and high is not None:
        extra["range"] = (low, high)
    chart = pygal.Line(**_config(title, **extra))
    for index, (name, values) in enumerate(series):
        chart.add(name, list(values), stroke_style={"width": 2, "dasharray": DASHES[index % 6]})
    return _render(chart)


def distribution_chart(title: str, distributions: Sequence[Distribution], actual: int) -> str:
    """How often each way of playing reached each score band; the student's own score's band
    is marked on the axis."""
    import pygal

    width = 5
    low = min(min(d.scores) for d in distributions)
    high = max(max(d.scores) for d in distributions)
    first = (min(low, actual) // width) * width
    bands = list(range(first, max(high, actual) + 1, width))
    labels = [f"{b}–{b + width - 1}" for b in bands]
    labels[(actual - first) // width] += f" ◆ you: {actual}"
    chart = pygal.Bar(**_config(title, x_labels=labels, x_label_rotation=40))
    for index, dist in enumerate(distributions):
        counts = Counter((s - first) // width for s in dist.scores)
        shares = [round(100 * counts.get(i, 0) / len(dist.scores), 1) for i in range(len(bands))]
        chart.add(
            f"{dist.label} (% of games)", shares, stroke_style={"dasharray": DASHES[index % 6]}
        )
    return _render(chart)


def endings_chart(
    title: str, endings: Sequence[str], class_shares: Sequence[float], ai_shares: Sequence[float]
) -> str:
    """The share of the class's games and of the computer's reaching each ending."""
    import pygal

    chart = pygal.HorizontalBar(**_config(title, x_labels=list(endings), height=HEIGHT))
    chart.add("The class (%)", [round(v, 1) for v in class_shares])
    chart.add("The computer's games (%)", [round(v, 1) for v in ai_shares])
    return _render(chart)
