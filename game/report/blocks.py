"""A document as a list of blocks, written once and rendered as Markdown or as HTML.

The debrief and the class report say each thing in one place (a heading, a table, a list);
the two renderers decide only how it looks, so the Markdown file and the HTML page cannot
tell different stories.
"""

from __future__ import annotations

import html

import attrs


@attrs.frozen
class Heading:
    level: int
    text: str


@attrs.frozen
class Para:
    text: str
    """Plain text; ``**bold**`` and `code` spans are the only markup, kept by both renderers."""


@attrs.frozen
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[int, ...] = ()
    """Columns aligned right (numbers)."""


@attrs.frozen
class Bullets:
    items: tuple[str, ...]
    compact: bool = False
    """Printed small and in two columns (a long list of short items)."""


@attrs.frozen
class Chart:
    """A chart the HTML page draws (SVG) and the Markdown leaves out."""

    name: str
    svg: str


@attrs.frozen
class Charts:
    """Charts side by side (two to a printed row)."""

    charts: tuple[Chart, ...]


@attrs.frozen
class Appendix:
    """Where the body ends: the HTML page starts a new printed page here."""

    title: str


Block = Heading | Para | Table | Bullets | Chart | Charts | Appendix


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(blocks: list[Block]) -> str:
    """The document as Markdown (charts left out: a Markdown file holds text only)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Para):
            lines += [block.text, ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_md_cell(h) for h in block.header) + " |")
            lines.append(
                "| "
                + " | ".join(
                    "---:" if i in block.right else "---" for i in range(len(block.header))
                )
                + " |"
            )
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Bullets):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, Appendix):
            lines += ["---", "", f"# {block.title}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _inline(text: str) -> str:
    """Escaped text with ``**bold**`` spans as <strong> and `code` spans as <code>."""
    out = []
    for n, piece in enumerate(text.split("`")):
        if n % 2:
            out.append(f"<code>{html.escape(piece)}</code>")
            continue
        parts = html.escape(piece).split("**")
        out.append("".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts)))
    return "".join(out)


def html_body(blocks: list[Block]) -> str:
    """The document's blocks as HTML elements (the page around them is the caller's)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level, 6)
            out.append(f"<h{level}>{_inline(block.text)}</h{level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{_inline(block.text)}</p>")
        elif isinstance(block, Table):
            head = "".join(
                f"<th{' class=num' if i in block.right else ''}>{_inline(h)}</th>"
                for i, h in enumerate(block.header)
            )
            body = "".join(
                "<tr>"
                + "".join(
                    f"<td{' class=num' if i in block.right else ''}>{_inline(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in block.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(block, Bullets):
            opening = '<ul class="compact">' if block.compact else "<ul>"
            out.append(opening + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Chart):
            out.append(_figure(block))
        elif isinstance(block, Charts):
            out.append('<div class="charts">' + "".join(map(_figure, block.charts)) + "</div>")
        elif isinstance(block, Appendix):
            out.append(f'<h1 class="appendix">{_inline(block.title)}</h1>')
    return "\n".join(out)


def _figure(chart: Chart) -> str:
    return f'<figure class="chart" id="chart-{chart.name}">{chart.svg}</figure>'


PAGE_CSS = """
@page { size: A4; margin: 12mm 12mm; }
body { font: 9.5pt/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
       max-width: 52em; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 15pt; margin: 0.3em 0; } h2 { font-size: 12pt; margin: 0.7em 0 0.25em; }
h3 { font-size: 11pt; margin: 0.7em 0 0.2em; }
p, ul { margin: 0.3em 0; } li { margin: 0.1em 0; }
table { border-collapse: collapse; margin: 0.3em 0 0.6em; width: 100%; }
th, td { border-bottom: 1px solid #bbb; padding: 0.1em 0.4em; text-align: left;
         vertical-align: top; }
th { border-bottom: 1.5px solid #333; } .num { text-align: right; white-space: nowrap; }
figure.chart { margin: 0.4em 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; max-height: 58mm; }
ul.compact { columns: 2; column-gap: 1.5em; font-size: 8.5pt; padding-left: 1.2em; }
.charts { display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; gap: 0.5em; }
h1.appendix { break-before: page; }
code { font: 8.5pt/1.3 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap;
       word-break: break-all; }
tr, li { break-inside: avoid; } h2, h3 { break-after: avoid; }
"""
"""Print-first styles: A4 pages, no colour that means something on its own (the charts'
series are named in their legends), tables that do not split a row across pages."""


def html_page(title: str, blocks: list[Block]) -> str:
    """A self-contained HTML page: styles inline, charts as inline SVG, nothing fetched."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="Detente">\n'
        f"<title>{html.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n<body>\n"
        f"{html_body(blocks)}\n</body>\n</html>\n"
    )
