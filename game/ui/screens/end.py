"""The end screen: the ending, your score per goal, your decisions, where each relation went."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Label, Static

from game.ui.messages import ExportRequested, NextScenarioRequested
from game.ui.screens.base import SessionScreen
from game.ui.seam import EndView, GameSession, LuckView, RelationRow
from game.ui.text import heading, muted, prose, signed
from game.ui.widgets.status_bar import StatusBar
from game.ui.widgets.trend import Trend

TREND_WIDTH = 8
"""Turns drawn per trend on the end screen (the latest ones), to leave room for the names
and the stance words at 80 columns."""


def ending_text(end: EndView) -> Content:
    """The ending's title and account, then the score card."""
    parts = [heading(end.ending_title)]
    if end.ending_text:
        parts += [Content(""), Content(prose(end.ending_text))]
    if end.ending_basis:
        parts.append(muted(f"History: this ending is {end.ending_basis}."))
    if end.history:
        parts += [Content(""), heading("What actually happened")]
        parts += [Content(f"• {line}") for line in end.history]
    parts += [Content(""), heading(f"Your score: {end.total} out of 100")]
    for goal in end.goals:
        parts.append(
            Content.assemble(
                (f"{goal.score:5.0f}  ", "bold"),
                goal.label,
                (f" (weight {goal.weight:g})", "$foreground-muted"),
            )
        )
    parts.append(
        Content.assemble(
            (f"{end.ending_score:5.0f}  ", "bold"),
            "The ending, worth ",
            f"{end.ending_share:.0%} of the total",
        )
    )
    return Content("\n").join(parts)


def timeline_text(end: EndView) -> Content:
    """One line per turn: date, decision, outcome."""
    parts = [heading("Your decisions")]
    # As wide as the longest date and a gap: "19 September 2022" is 17 characters.
    width = max((len(d.date) for d in end.decisions), default=0) + 2
    for d in end.decisions:
        parts.append(
            Content.assemble(
                (f"{d.turn:2d} ", "bold"),
                (d.date.ljust(width), "$foreground-muted"),
                d.label,
                (f" ({d.outcome})", "$foreground-muted"),
            )
        )
    if end.offers:
        parts += [Content(""), heading("Offers")]
        parts += [Content(f"• {line}") for line in end.offers]
    return Content("\n").join(parts)


def luck_text(luck: LuckView | None) -> Content:
    """Luck apart from judgment: the two numbers first, then the figures behind them."""
    parts = [heading("Luck and judgment")]
    if luck is None:
        parts.append(muted("Replaying your choices under other dice…"))
        return Content("\n").join(parts)
    if luck.note:
        parts.append(muted(f"Not worked out: {luck.note}."))
        return Content("\n").join(parts)
    parts.append(
        Content.assemble(
            ("Judgment ", "bold"),
            (signed(round(luck.judgment)), "bold"),
            ("  your choices' median against random play's", "$foreground-muted"),
        )
    )
    parts.append(
        Content.assemble(
            ("Luck     ", "bold"),
            (signed(round(luck.luck)), "bold"),
            ("  your score against your choices' median", "$foreground-muted"),
        )
    )
    parts += [Content(line) for line in luck.lines]
    if luck.mattered:
        parts.append(Content("Decisions that mattered most (points in expectation):"))
        parts += [Content(f"  {line}") for line in luck.mattered]
    return Content("\n").join(parts)


class EndScreen(SessionScreen):
    """The debrief; `e` writes it to a Markdown file (and an HTML page) for the instructor;
    `w` replays the game with one move changed.

    | Key | Action |
    | :- | :- |
    | e | Export the debrief as Markdown and HTML. |
    | w | What if: the game with another move on a turn you choose. |
    | n | After the tutorial: play the real crisis it was played before. |
    | up/down, page up/down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export debrief",
            tooltip="Write the debrief as a Markdown file for your instructor",
        ),
        Binding("w", "what_if", "What if…", tooltip="Replay the game with one move changed"),
        Binding("n", "next_scenario", "Real crisis", tooltip="Play the real crisis next"),
    ]

    def __init__(self, session: GameSession, *, next_title: str | None = None) -> None:
        super().__init__(session)
        self.next_title = next_title
        """The crisis to offer next (the end of the tutorial), if any."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_scenario":
            return self.next_title is not None
        return True

    def action_next_scenario(self) -> None:
        if self.next_title is not None:
            self.ask_app(NextScenarioRequested())

    def compose(self) -> ComposeResult:
        end = self.session.debrief()
        yield StatusBar(end.title, end.status)
        with VerticalScroll(id="end-body") as body:
            body.border_title = "Debrief"
            yield Static(ending_text(end), id="end-ending")
            yield Static(luck_text(None), id="end-luck")
            yield Static(timeline_text(end), id="end-timeline")
            yield Label(heading("Relations, from the first turn to the last"), classes="gap")
            yield Horizontal(
                Label("", classes="name"),
                Label("How they see you", classes="column"),
                Label("How you see them", classes="column"),
                classes="trajectory",
            )
            for row in end.relations:
                yield self._trajectory(row)
            yield Label(
                muted("Press e to export this debrief (Markdown and HTML), w for what if…"),
                classes="gap",
            )
            if self.next_title is not None:
                yield Label(
                    Content.assemble(
                        ("Ready for the real thing? ", "bold"),
                        f"Press n to play {self.next_title}.",
                    ),
                    id="end-next",
                    classes="gap",
                )
        yield Footer()

    @staticmethod
    def _trajectory(row: RelationRow) -> Horizontal:
        """A government's relation with the player: start → end with its stance in words
        (as on the turn screen: colour never carries the meaning alone), and the path
        between. Sized to fit 80 columns with a name of up to 18 characters."""
        theirs, yours = list(row.theirs_history), list(row.yours_history)
        return Horizontal(
            Label(row.name, classes="name", markup=False),
            Label(f"{signed(theirs[0])} → ", classes="from"),
            Label(signed(theirs[-1]), classes=f"score theirs {row.theirs_stance}"),
            Label(row.theirs_stance, classes=f"stance {row.theirs_stance}"),
            Trend(theirs, width=TREND_WIDTH),
            Label(f"{signed(yours[0])} → ", classes="from"),
            Label(signed(yours[-1]), classes=f"score yours {row.yours_stance}"),
            Label(row.yours_stance, classes=f"stance {row.yours_stance}"),
            Trend(yours, width=TREND_WIDTH),
            classes="trajectory",
            id=f"trajectory-{row.actor}",
        )

    def on_mount(self) -> None:
        self.query_one("#end-body").focus()
        self.run_worker(self._work_out_luck, name="luck", thread=True, exit_on_error=False)

    def _work_out_luck(self) -> None:
        """Seconds of replays, off the screen's thread; the panel is filled when done."""
        try:
            luck = self.session.luck()
        except Exception as error:  # a bug: said on the panel, not lost in a worker
            luck = LuckView(note=f"an internal error stopped it ({type(error).__name__}: {error})")
        self.app.call_from_thread(self.show_luck, luck)

    def show_luck(self, luck: LuckView) -> None:
        self.query_one("#end-luck", Static).update(luck_text(luck))

    def action_what_if(self) -> None:
        from game.ui.screens.whatif import WhatIfScreen

        self.app.push_screen(WhatIfScreen(self.session))

    def action_export(self) -> None:
        self.ask_app(ExportRequested())
