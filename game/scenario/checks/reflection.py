"""Reflection prompts: each on a turn that is played, at most one per turn and one at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def check_reflection(ctx: CheckContext) -> None:
    """A prompt after the last turn would never be asked; two on one turn, one would be lost."""
    report, turns = ctx.report, ctx.scenario.turns
    asked: dict[int | None, int] = {}
    for index, prompt in enumerate(ctx.scenario.reflection):
        path = report.path_of(prompt)
        where = "at the end" if prompt.turn is None else f"after turn {prompt.turn}"
        if prompt.turn is not None and prompt.turn > turns:
            report.error(
                (*path, "turn"),
                f"turn {prompt.turn} is after the last turn ({turns}), so it is never asked",
            )
        if prompt.turn in asked:
            report.error(
                path,
                f"a second prompt {where} (the first is reflection item {asked[prompt.turn] + 1}); "
                "give each turn one question",
            )
        else:
            asked[prompt.turn] = index
        if not prompt.prompt.strip():
            report.error((*path, "prompt"), "the prompt is empty: write the question")
