"""Reading a screenshot as a colour-blind player sees it: the text of each screen line with
its colours, and those colours through the Machado, Oliveira and Fernandes (2009) simulation
of protanopia and deuteranopia (severity 1)."""

from __future__ import annotations

import html
import re

import attrs
import numpy as np

MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
}
"""The published matrices for full severity; they apply to linear RGB."""

STYLE = re.compile(r"\.(terminal-[\w-]+) \{ fill: (#[0-9a-fA-F]{6})")
TEXT = re.compile(
    r'<text class="([^"]+)" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-[\w-]*?line-(\d+)\)">([^<]*)</text>'
)


@attrs.frozen
class Span:
    """A run of text on one screen line, drawn in one colour."""

    line: int
    column: int
    text: str
    fill: str


CELL = 12.2
"""The width of one character cell in Textual's screenshots (x is in these units)."""


def spans(svg: str) -> list[Span]:
    """Every run of text in a Rich/Textual SVG screenshot, with its line and fill colour."""
    fills = dict(STYLE.findall(svg))
    return [
        Span(
            int(line), round(float(x) / CELL), html.unescape(text).replace("\xa0", " "), fills[cls]
        )
        for cls, x, line, text in TEXT.findall(svg)
    ]


def line_text(all_spans: list[Span], line: int, start: int = 0, end: int = 10_000) -> str:
    """The text on one screen line between two columns, as it reads."""
    row = sorted((s for s in all_spans if s.line == line), key=lambda s: s.column)
    return "".join(s.text for s in row if start <= s.column < end)


def simulate(fill: str, kind: str) -> tuple[int, int, int]:
    """The colour as a protanope or deuteranope sees it (sRGB in, sRGB out)."""
    rgb = np.array([int(fill[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    matrix = MACHADO_2009.get(kind, np.identity(3))  # "normal": as a trichromat sees it
    seen = np.clip(matrix @ linear, 0, 1)
    srgb = np.where(seen <= 0.0031308, seen * 12.92, 1.055 * seen ** (1 / 2.4) - 0.055)
    r, g, b = (round(float(v) * 255) for v in srgb)
    return r, g, b


def hue_apart(a: str, b: str, kind: str) -> float:
    """How far apart two colours look once simulated, ignoring brightness: the angle
    between them in the simulated RGB space, in degrees (a hue, not a shade)."""
    va, vb = np.array(simulate(a, kind), float), np.array(simulate(b, kind), float)
    cos = va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb) or 1)
    return float(np.degrees(np.arccos(np.clip(cos, -1, 1))))
