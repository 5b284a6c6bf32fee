"""Luck apart from judgment: a finished game's choices replayed under many other dice.

The batch engine plays the student's own choices as a policy (``policies.scripted_then_ai``:
turn t plays the student's turn-t option wherever that game still offers it, the AI's choice
wherever it does not, and the AI's after the student's last turn) on the seeds S+1 ... S+N,
S being the game's own seed. The reference policies (random play, the computer's play, and
any added to ``REFERENCES``) play the very same seeds, so the distributions differ by the way
of playing only. Per turn, the same choices with that turn's move replaced by each other
option the student had then are played on the first ``turn_runs`` of those seeds, and the
mean scores compared.

Everything is a pure function of (scenario, role, seed, choices, run counts): the same game
gives the same figures on every machine.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.analysis import Distribution, LuckReport, TurnValue
from game.engine import State, World, available_options, new_game, play_turn
from game.sim.batch import play_batch

RUNS = 500
"""Seeds per distribution: the median moves by about a point between 500 and 5,000."""
TURN_RUNS = 100
"""Seeds per alternative move in the per-turn rollouts (turns x options batches of them)."""


@attrs.frozen
class Reference:
    """A way of playing the student's game is compared with.

    Attributes:
        policy: Its name in the report and the JSON (``<policy>_median``).
        label: How a student reads it.
        play: The final score per seed: (world, role, seeds) -> scores in seed order.
    """

    policy: str
    label: str
    play: Callable[[World, str, list[int]], list[int]]


def _batch_policy(name: str) -> Callable[[World, str, list[int]], list[int]]:
    def play(world: World, role: str, seeds: list[int]) -> list[int]:
        runs, _ = play_batch(world, role, seeds, name)
        return [run.score for run in runs]

    return play


REFERENCES: tuple[Reference, ...] = (
    Reference("uniform", "Random play", _batch_policy("uniform")),
    Reference("ai", "The computer's play", _batch_policy("ai")),
)
"""The reference distributions, in the order shown. ``uniform`` must stay: judgment is
measured against it. A class report plays these for every student's seeds at once."""

LOOKAHEAD_RUNS = 100
"""Seeds the lookahead player plays in one game's debrief: it tries every option over
``LOOKAHEAD_ROLLOUTS`` continuations each turn, so it costs about as much per game as the
other references together per hundred (about 1 s of CPU for the S-400 crisis)."""
LOOKAHEAD_ROLLOUTS = 5
"""Continuations per option: at 5 the S-400 median is the same as at 10, in half the time."""


def _lookahead(world: World, role: str, seeds: list[int]) -> list[int]:
    """The lookahead player (``game.sim.lookahead``, issue 14) on the first
    ``LOOKAHEAD_RUNS`` seeds: what thinking ahead earns in this crisis, with its own dice."""
    from game.sim.lookahead import Lookahead

    mine = seeds[:LOOKAHEAD_RUNS]
    player = Lookahead(rollouts=LOOKAHEAD_ROLLOUTS)
    runs, _ = play_batch(world, role, mine, "uniform", chooser=player.chooser(mine))
    return [run.score for run in runs]


DEBRIEF_REFERENCES: tuple[Reference, ...] = (
    *REFERENCES,
    Reference("lookahead", "A player who thinks ahead", _lookahead),
)
"""One game's debrief also shows the lookahead player; it plays fewer seeds than the others
(its distribution is over ``LOOKAHEAD_RUNS`` games), and the class report leaves it out."""


class NotAnalysable(ValueError):
    """A game the analysis does not cover (unfinished, or with several seats): why, worded."""


def script_scores(
    world: World, role: str, script: tuple[str | None, ...], seeds: list[int]
) -> list[int]:
    """The final score of ``script`` played by ``scripted_then_ai`` on each seed (batch)."""
    runs, _ = play_batch(world, role, seeds, "ai", script=script)
    return [run.score for run in runs]


def other_seeds(seed: int, runs: int) -> list[int]:
    """The other dice of a game with ``seed``: the next ``runs`` seeds after it."""
    return [seed + 1 + i for i in range(runs)]


def analyse(
    world: World,
    state: State,
    *,
    runs: int = RUNS,
    turn_runs: int = TURN_RUNS,
    references: tuple[Reference, ...] = DEBRIEF_REFERENCES,
) -> LuckReport:
    """Luck and judgment for a finished one-seat game; NotAnalysable otherwise.
    ``turn_runs=0`` leaves out the per-turn rollouts (the class report does not show them)."""
    if state.multi_seat:
        raise NotAnalysable("luck and judgment are worked out for one-seat games only")
    if not state.over:
        raise NotAnalysable("the game is not over: luck and judgment need its final score")
    from game.engine import score

    role, script = state.role, tuple(state.choices)
    seeds = other_seeds(state.seed, runs)
    distributions = [
        Distribution("choices", "Your choices", tuple(script_scores(world, role, script, seeds)))
    ]
    for reference in references:
        distributions.append(
            Distribution(
                reference.policy, reference.label, tuple(reference.play(world, role, seeds))
            )
        )
    turn_runs = min(turn_runs, runs)
    turns = turn_values(world, state, seeds[:turn_runs]) if turn_runs > 0 else ()
    return LuckReport(
        role=role,
        seed=state.seed,
        score=score(world, state).total,
        seeds=tuple(seeds),
        distributions=tuple(distributions),
        turns=turns,
        turn_seeds=turn_runs,
    )


def analyse_many(
    world: World,
    states: list[State],
    *,
    runs: int = RUNS,
    references: tuple[Reference, ...] = REFERENCES,
) -> list[LuckReport]:
    """``analyse`` (without per-turn rollouts) for many finished one-seat games of one
    scenario and role at once: every game's seeds in one batch per way of playing, so a
    class of thirty costs three batches, not ninety. The same figures as ``analyse``."""
    if not states:
        return []
    from game.engine import score

    role = states[0].role
    for state in states:
        if state.multi_seat or not state.over or state.role != role:
            raise NotAnalysable("analyse_many takes finished one-seat games of one role")
    seeds = [other_seeds(state.seed, runs) for state in states]
    every = [seed for own in seeds for seed in own]
    mine, _ = play_batch(
        world, role, every, "ai", scripts=[tuple(s.choices) for s in states for _ in range(runs)]
    )
    played = {r.policy: r.play(world, role, every) for r in references}
    reports = []
    for index, state in enumerate(states):
        part = slice(index * runs, (index + 1) * runs)
        distributions = [
            Distribution("choices", "Your choices", tuple(r.score for r in mine[part]))
        ]
        distributions += [
            Distribution(r.policy, r.label, tuple(played[r.policy][part])) for r in references
        ]
        reports.append(
            LuckReport(
                role=role,
                seed=state.seed,
                score=score(world, state).total,
                seeds=tuple(seeds[index]),
                distributions=tuple(distributions),
                turns=(),
                turn_seeds=0,
            )
        )
    return reports


def turn_values(world: World, state: State, seeds: list[int]) -> tuple[TurnValue, ...]:
    """Per turn, the mean score of the student's choices and of each alternative open then.

    Every variant (the choices as played, and each with one turn's move replaced) plays the
    same seeds, all in one batch: one script per game.
    """
    role, script = state.role, tuple(state.choices)
    variants: list[tuple[str | None, ...]] = [script]
    rows: list[tuple[int, str | None, list[tuple[str, str, int]]]] = []
    position = new_game(world, role, state.seed)
    for turn, chosen in enumerate(script, start=1):
        alternatives = []
        for option in available_options(world, position, role):
            if option.id == chosen:
                continue
            alternatives.append((option.id, world.option(option.id).label, len(variants)))
            variants.append((*script[: turn - 1], option.id, *script[turn:]))
        rows.append((turn, chosen, alternatives))
        position = play_turn(world, position, chosen, record=False)
    runs, _ = play_batch(
        world,
        role,
        [seed for _ in variants for seed in seeds],
        "ai",
        scripts=[variant for variant in variants for _ in seeds],
    )
    n = len(seeds)
    means = [_mean([run.score for run in runs[v * n : (v + 1) * n]]) for v in range(len(variants))]
    return tuple(
        TurnValue(
            turn,
            chosen,
            world.option(chosen).label if chosen else "No move",
            means[0],
            tuple((option, label, means[v]) for option, label, v in alternatives),
        )
        for turn, chosen, alternatives in rows
    )


def _mean(scores: list[int]) -> float:
    return sum(scores) / len(scores)
