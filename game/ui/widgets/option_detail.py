"""The selected option in full: what it means, the facts it rests on, the advisor's forecast."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from game.ui.seam import Advice, OptionView
from game.ui.text import delta_style, heading, muted, prose
from game.ui.widgets.scrolling import SidePanel


class OptionDetail(SidePanel):
    """Description, sources and forecast of one option, as one scrolling block of text.

    One ``Static`` updated in place keeps a key press cheap; the parts are separated by
    blank lines and bold headings so the block still reads as sections. It takes focus
    (tab) so the keyboard can scroll it on a small terminal, with the page keys or
    shift+arrows (the arrows stay with the options: ``SidePanel``).
    """

    DEFAULT_CSS = """
    OptionDetail > Static {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show_nothing(self, message: str) -> None:
        """No option to describe (none available, or none highlighted)."""
        self.query_one("#detail-body", Static).update(muted(message))

    def show(
        self,
        option: OptionView,
        advice: Advice | None,
        *,
        advisor: bool,
        unavailable: str = "",
    ) -> None:
        """Describe an option; the forecast only when the advisor is on.

        ``unavailable`` is the reason the option cannot be taken now, if it cannot.
        """
        parts: list[Content] = [heading(option.label)]
        if unavailable:
            parts.append(Content.styled(f"Not available now: {unavailable}", "$text-warning"))
        if option.description:
            parts.append(Content(prose(option.description)))
        if option.basis:
            parts.append(muted(f"History: {option.basis}."))
        if option.facts:
            parts.append(Content(""))
            parts.append(heading("Based on"))
            parts += [Content(f"• {claim}") for claim in option.facts]
        parts.append(Content(""))
        if not advisor:
            parts.append(muted("Advisor off: press a to hear the forecast."))
        elif advice is not None:
            parts += _advice(advice)
        self.query_one("#detail-body", Static).update(Content("\n").join(parts))
        self.scroll_home(animate=False)


def _advice(advice: Advice) -> list[Content]:
    """The forecast as lines: chance and delay, each branch's changes, expected goal effects."""
    notes = []
    if advice.chance < 1:
        notes.append(f"{advice.chance:.0%} chance it works")
    if advice.delay:
        notes.append(f"lands in {advice.delay} turn{'s' if advice.delay != 1 else ''}")
    title = "Advisor's forecast" + (f" ({', '.join(notes)})" if notes else "")
    parts = [heading(title)]
    for branch in advice.branches:
        parts.append(Content(f"{branch.title}:"))
        if not branch.lines:
            parts.append(muted("  nothing measurable"))
        for amount, subject in branch.lines:
            parts.append(
                Content.assemble("  ", (f"{amount:+4d}", delta_style(amount)), f" {subject}")
            )
    parts.append(Content("Your goals (expected change of score):"))
    for label, change in advice.goals:
        rounded = round(change, 1)
        shown = f"{rounded:+6.1f}" if rounded else "   0.0"
        parts.append(Content.assemble("  ", (shown, delta_style(rounded)), f" {label}"))
    net = round(advice.score_change, 1)
    parts.append(
        Content.assemble(
            "Your score, all goals weighed: ",
            (f"{net:+.1f}" if net else "0.0", delta_style(net)),
            " expected",
        )
    )
    parts.append(muted("Events and the other governments' moves are not foreseen."))
    return parts
