"""The turn report: your move and how it went, the news, and every change with its cause."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from game.ui.screens.base import GameModal
from game.ui.seam import ReportView
from game.ui.text import delta_style, heading, muted


def report_text(report: ReportView) -> Content:
    """The whole report as one block: the move, the news, then every change under its cause."""
    parts: list[Content] = []
    if report.summary:  # what mattered to the seat leads; the full account follows
        parts += [heading("This turn, for you")]
        parts += [Content(f"• {line}") for line in report.summary]
    elif report.move is not None:
        parts.append(
            Content.assemble(
                ("Your move: ", "bold"), report.move, (f" ({report.outcome})", "$foreground-muted")
            )
        )
    else:
        parts.append(Content.assemble(("Your move: ", "bold"), "none"))
    if report.news:
        parts += [Content(""), heading("News")]
        parts += [Content(f"• {item}") for item in report.news]
    parts += [Content(""), heading("What changed, and why")]
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
    if report.ending is not None:
        parts += [Content(""), heading(f"The crisis is over: {report.ending}")]
    return Content("\n").join(parts)


class ReportScreen(GameModal[None]):
    """A turn's report over the turn screen; any of enter, escape or r closes it.

    No footer: its one key is on the button, and a second footer to build and tear down on
    every turn was the largest part of the time to get back to the turn screen.

    | Key | Action |
    | :- | :- |
    | enter, escape, r | Close the report. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue", priority=True),
        Binding("escape", "close", "Close", show=False),
        Binding("r", "close", "Close", show=False),
    ]

    def __init__(self, report: ReportView) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box") as box:
            box.border_title = f"Turn {self.report.turn} report, {self.report.date}"
            with VerticalScroll(id="report-body"):
                yield Static(report_text(self.report))
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
