"""Whether the engine can play the scenario within bounds: the size of one game (actors²
× turns) and of the playthroughs its `tests:` make `detente check` replay.

The lists' own limits (at most 250 actors, 3,000 options...) are in the model's field
metadata and refused while structuring; what is here is the product of several fields, which
no single field can bound. The numbers and why they are what they are: ``model.MAX_GAME_SIZE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.scenario.model import MAX_GAME_SIZE, MAX_TEST_TURNS, ScenarioTest

if TYPE_CHECKING:
    from game.scenario.checks.context import CheckContext


def game_size(actors: int, turns: int) -> int:
    """The work of one game of ``turns`` turns: every turn visits every pair of actors."""
    return actors * actors * turns


def most_turns(actors: int, budget: int = MAX_GAME_SIZE) -> int:
    """The most turns a game of ``actors`` actors may have within ``budget``."""
    return budget // max(actors * actors, 1)


def check_size(ctx: CheckContext) -> None:
    """One game, and the tests' replays together, within their budgets."""
    scenario, report = ctx.scenario, ctx.report
    if ctx.is_damaged(scenario, "actors", "turns"):
        return
    actors = len(scenario.actors)
    if game_size(actors, scenario.turns) > MAX_GAME_SIZE:
        report.error(
            ("turns",),
            f"{actors:,} actors for {scenario.turns} turns is more than one game can play in "
            f"bounded time (every turn visits every pair of actors): with {actors:,} actors "
            f"write at most {most_turns(actors)} turns, or use fewer actors "
            f"(actors² × turns is {game_size(actors, scenario.turns):,}; at most "
            f"{MAX_GAME_SIZE:,})",
        )
        return
    replayed = sum(replayed_turns(test, scenario.turns) for test in scenario.tests)
    if game_size(actors, replayed) > MAX_TEST_TURNS:
        report.error(
            ("tests",),
            f"the tests replay {replayed:,} turns of {actors:,} actors in all, more than "
            f"`detente check` replays in bounded time: with {actors:,} actors keep the tests' "
            f"turns to {most_turns(actors, MAX_TEST_TURNS):,} together (fewer or shorter "
            "tests, or put a long playthrough in a transcript file of its own)",
            at_key=True,
        )


def replayed_turns(test: ScenarioTest, turns: int) -> int:
    """Turns a test plays: one per `choose:` or `wait:` step, up to the game's end."""
    played = sum(1 for step in test.steps if step.choose is not None or step.wait is not None)
    return min(played, turns)
