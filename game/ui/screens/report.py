"""The turn report: your move and how it went, the news, and every change with its cause."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.debrief import OUTCOME_WORDS, cause_text, long_date
from game.engine import Cause, Change, TurnReport, World
from game.engine.narrate import headlines
from game.ui.screens import STYLESHEET
from game.ui.text import delta_style, heading, muted
from game.ui.view import subject_text


def _by_cause(changes: Sequence[Change]) -> list[tuple[Cause, list[Change]]]:
    """Changes grouped under their cause, causes in the order they first acted."""
    groups: dict[Cause, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.cause, []).append(change)
    return list(groups.items())


def report_text(world: World, report: TurnReport, role: str) -> Content:
    """The whole report as one block: the move, the news, then every change under its cause.

    Causes are worded by the engine's narrator; changes are worded from the player's side
    ("Russia's view of you") so the student sees at once what touches them.
    """
    parts: list[Content] = []
    mine = next((c for c in report.choices if c.actor == role), None)
    if mine is not None and mine.option is not None:
        outcome = OUTCOME_WORDS.get(mine.outcome, mine.outcome)
        parts.append(
            Content.assemble(
                ("Your move: ", "bold"),
                world.option(mine.option).label,
                (f" ({outcome})", "$text-muted"),
            )
        )
    else:
        parts.append(Content.assemble(("Your move: ", "bold"), "none"))
    news = headlines(world, report, skip_actor=role)
    if news:
        parts += [Content(""), heading("News")]
        parts += [Content(f"• {item}") for item in news]
    parts += [Content(""), heading("What changed, and why")]
    if not report.changes:
        parts.append(muted("Nothing moved."))
    for cause, changes in _by_cause(report.changes):
        parts.append(Content.styled(cause_text(world, cause), "$text-primary"))
        for change in changes:
            if change.kind == "flag":  # the scenario's bookkeeping: shown, but quietly
                parts.append(muted(f"      {subject_text(world, change, role)}"))
                continue
            arrow = "▲" if change.delta > 0 else "▼" if change.delta < 0 else "•"
            parts.append(
                Content.assemble(
                    "  ",
                    (f"{arrow}{change.delta:+4d}", delta_style(change.delta)),
                    f" {subject_text(world, change, role)}",
                    (f" ({change.before} → {change.after})", "$text-muted"),
                )
            )
    if report.ending is not None:
        ending = next(e.model for e in world.endings if e.id == report.ending)
        parts += [Content(""), heading(f"The crisis is over: {ending.title}")]
    return Content("\n").join(parts)


class ReportScreen(ModalScreen[None]):
    """A turn's report over the turn screen; any of enter, escape or r closes it.

    No footer: its one key is on the button, and a second footer to build and tear down on
    every turn was the largest part of the time to get back to the turn screen.

    | Key | Action |
    | :- | :- |
    | enter, escape, r | Close the report. |
    | up/down, page up/down | Scroll. |
    """

    CSS_PATH = STYLESHEET

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue", priority=True),
        Binding("escape", "close", "Close", show=False),
        Binding("r", "close", "Close", show=False),
    ]

    def __init__(self, world: World, report: TurnReport, role: str) -> None:
        super().__init__()
        self.world = world
        self.report = report
        self.role = role

    def compose(self) -> ComposeResult:
        date = long_date(self.world.date_of(self.report.turn))
        with Vertical(id="report-box") as box:
            box.border_title = f"Turn {self.report.turn} report, {date}"
            with VerticalScroll(id="report-body"):
                yield Static(report_text(self.world, self.report, self.role))
            last = self.report.ending is not None
            label = "Debrief (enter)" if last else "Continue (enter)"
            yield Button(label, id="report-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#report-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
