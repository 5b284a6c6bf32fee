"""The turn report: what mattered to you in a few lines, with the full account (the news, and
every change with its cause) folded below it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Collapsible, Static

from game.ui.screens.base import GameModal
from game.ui.seam import ReportView
from game.ui.text import delta_style, heading, muted


def lead_text(report: ReportView) -> Content:
    """What the report leads with: what mattered to the seat in a few lines (``summary``,
    which already names the news), and the ending when this turn ended the crisis.

    A report built without the position has no summary: it then leads with the move and
    the news, as before.
    """
    parts: list[Content] = []
    if report.summary:
        parts += [heading("This turn, for you")]
        parts += [Content(f"• {line}") for line in report.summary]
    else:
        move = report.move if report.move is not None else "none"
        outcome = f" ({report.outcome})" if report.move is not None else ""
        parts.append(
            Content.assemble(("Your move: ", "bold"), move, (outcome, "$foreground-muted"))
        )
        if report.news:
            parts += [Content(""), heading("News")]
            parts += [Content(f"• {item}") for item in report.news]
    if report.ending is not None:
        parts += [Content(""), heading(f"The crisis is over: {report.ending}")]
    return Content("\n").join(parts)


def account_text(report: ReportView) -> Content:
    """The full account, folded below the lead: the news in full (when the lead has only
    its summary), then every change under its cause, in the order they happened."""
    parts: list[Content] = []
    if report.summary and report.news:
        parts += [heading("News")]
        parts += [Content(f"• {item}") for item in report.news]
        parts.append(Content(""))
    parts.append(heading("What changed, and why"))
    if not report.causes:
        parts.append(muted("Nothing moved."))
    for group in report.causes:
        parts.append(Content.styled(group.cause, "$text-primary"))
        for change in group.changes:
            if change.flag:  # the scenario's bookkeeping: shown, but quietly
                parts.append(muted(f"      {change.subject}"))
                continue
            arrow = "▲" if change.delta > 0 else "▼" if change.delta < 0 else "•"
            parts.append(
                Content.assemble(
                    "  ",
                    (f"{arrow}{change.delta:+4d}", delta_style(change.delta)),
                    f" {change.subject}",
                    (f" ({change.before} → {change.after})", "$foreground-muted"),
                )
            )
    return Content("\n").join(parts)


ACCOUNT_TITLE = "Every change, cause by cause (c)"


class ReportScreen(GameModal[None]):
    """A turn's report over the turn screen; any of enter, escape or r closes it.

    It leads with the summary, so its first screen is short; the cause-by-cause account is
    folded below (`c`, or a click on its title, unfolds it).

    No footer: its one key is on the button, and a second footer to build and tear down on
    every turn was the largest part of the time to get back to the turn screen.

    | Key | Action |
    | :- | :- |
    | enter, escape, r | Close the report. |
    | c | Unfold (or fold) every change, cause by cause. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue", priority=True),
        Binding("escape", "close", "Close", show=False),
        Binding("r", "close", "Close", show=False),
        Binding("c", "toggle_account", "Every change", show=False),
    ]

    def __init__(self, report: ReportView) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box") as box:
            box.border_title = f"Turn {self.report.turn} report, {self.report.date}"
            with VerticalScroll(id="report-body"):
                yield Static(lead_text(self.report), id="report-lead")
                with Collapsible(title=ACCOUNT_TITLE, collapsed=True, id="report-account"):
                    yield Static(account_text(self.report), id="report-causes")
            last = self.report.ending is not None
            label = "Debrief (enter)" if last else "Continue (enter)"
            yield Button(label, id="report-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()
        self.fit_body()

    def on_resize(self) -> None:
        self.fit_body()

    def fit_body(self) -> None:
        """Let the text scroll within what is left between the header and the footer.

        The box stays off the status line and the footer (the screen's padding), and only
        the text scrolls, so there is one scroll bar, not one for the box and one for the
        text. The box's border and its button take three lines.
        """
        room = self.size.height - self.styles.padding.height - 3
        self.query_one("#report-body").styles.max_height = max(room, 3)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_account(self) -> None:
        """Unfold the full account (or fold it again)."""
        account = self.query_one("#report-account", Collapsible)
        account.collapsed = not account.collapsed
