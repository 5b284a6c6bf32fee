"""Small pieces of styled text the screens share: signed numbers, deltas, headings.

Styles are theme variables (``$text-success``...), never fixed colours, so the light and dark
themes both read well. Scenario text goes in as plain strings, never as markup, so a bracket
in a scenario cannot be mistaken for a style.
"""

from __future__ import annotations

from textual.content import Content

DIMMED = "$foreground-disabled"
"""Text that cannot be acted on (an unavailable option): the theme's foreground, faded.

Inside ``Content`` use the ``$foreground-*`` variables, not ``$text-muted`` or
``$text-disabled``: those are "auto 60%" and "auto 38%", which a ``Content`` style drew at
full strength (white on dark), brighter than normal text (issue 15)."""


def signed(value: int) -> str:
    """'+12', '-5', '0': relation scores read as a direction as well as a size."""
    return f"{value:+d}" if value else "0"


def delta_style(value: float) -> str:
    """Green for up, red for down, muted for no change."""
    if value > 0:
        return "$text-success"
    if value < 0:
        return "$text-error"
    return "$foreground-muted"


def delta(value: int, *, arrows: bool = True) -> Content:
    """A change since last turn: '▲3', '▼12', or a muted '·' when nothing moved."""
    if not value:
        return Content.styled("·", "$foreground-muted")
    text = f"{'▲' if value > 0 else '▼'}{abs(value)}" if arrows else f"{value:+d}"
    return Content.styled(text, delta_style(value))


STANCE_STYLES = {
    "ally": "bold $text-success",
    "friendly": "$text-success",
    "cool": "$text-warning",
    "hostile": "bold $text-error",
}
"""The colour of each stance of a relation; the stance is always written too (a word beside
the number), so that no meaning is carried by colour alone."""


def stance_words(theirs: str, yours: str) -> Content:
    """'hostile / cool': how they see you, then how you see them, each in its colour; one
    word when both are the same ('friendly'), so that names keep their room."""
    if theirs == yours:
        return Content.styled(theirs, STANCE_STYLES.get(theirs, ""))
    return Content.assemble(
        (theirs, STANCE_STYLES.get(theirs, "")), " / ", (yours, STANCE_STYLES.get(yours, ""))
    )


def prose(text: str) -> str:
    """Scenario prose re-flowed for the terminal: paragraphs kept, line breaks inside them not.

    Authors often write `|` blocks wrapped at their editor's width; kept as they are, those
    breaks make ragged lines in a panel of another width. Lines that start like a list item
    stay on their own line.
    """
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if lines and line and not line.startswith(("- ", "* ", "• ")):
                lines[-1] += " " + line
            elif line:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(p for p in paragraphs if p)


def heading(text: str) -> Content:
    return Content.styled(text, "bold")


def muted(text: str) -> Content:
    return Content.styled(text, "$foreground-muted")


def lines(*parts: Content | str) -> Content:
    """Join parts into one block, one per line."""
    return Content("\n").join(Content(p) if isinstance(p, str) else p for p in parts)
