"""What the debrief's analyses found, as plain data: luck apart from judgment, the road not
taken.

The numbers are worked out by the headless tools (``game.sim.luck``, ``game.sim.whatif``),
which the screens may not import (the ``ui`` contract); the screens' views, the exported
debrief and the class report read these records instead. So this module imports nothing of
the game: it is the one vocabulary both sides share.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import attrs


def median(scores: Sequence[float]) -> float:
    """The middle score (the mean of the two middle ones for an even count)."""
    return float(statistics.median(scores))


def percentile(scores: Sequence[float], share: int) -> float:
    """The ``share``-th percentile (10 or 90, ...), interpolated linearly between the two
    nearest scores: numpy's default, and ``statistics.quantiles(method="inclusive")``."""
    if len(scores) == 1:
        return float(scores[0])
    cuts = statistics.quantiles(scores, n=100, method="inclusive")
    return float(cuts[share - 1])


@attrs.frozen
class Distribution:
    """The final scores one way of playing earns over the same set of other dice.

    Attributes:
        policy: Its name: ``choices`` (the student's own), ``uniform`` (random play), ``ai``
            (the computer's play), and any reference added later (``lookahead``).
        label: How a student reads it ("Your choices").
        scores: One final score per seed, in seed order.
    """

    policy: str
    label: str
    scores: tuple[int, ...]

    @property
    def median(self) -> float:
        return median(self.scores)

    @property
    def p10(self) -> float:
        return percentile(self.scores, 10)

    @property
    def p90(self) -> float:
        return percentile(self.scores, 90)


@attrs.frozen
class TurnValue:
    """What one decision gained or cost in expectation, by rollouts over the same dice.

    ``expected`` is the mean score of the student's choices; each alternative's is the mean
    score of the same choices with this turn's move replaced (later turns as before, the AI's
    where the script's move is closed). ``gain`` > 0: the move beat every alternative.

    Attributes:
        turn: The turn.
        chosen: The option taken (None: nothing was possible).
        chosen_label: Its label.
        expected: Mean score of the student's choices.
        alternatives: (option id, label, mean score) of each other option open that turn.
    """

    turn: int
    chosen: str | None
    chosen_label: str
    expected: float
    alternatives: tuple[tuple[str, str, float], ...]

    @property
    def best_alternative(self) -> tuple[str, str, float] | None:
        """The alternative with the highest mean score (the first listed on a tie)."""
        if not self.alternatives:
            return None
        return max(self.alternatives, key=lambda a: a[2])

    @property
    def gain(self) -> float:
        """Mean score of the choice minus that of the best alternative (0: no alternative)."""
        best = self.best_alternative
        return self.expected - best[2] if best is not None else 0.0


@attrs.frozen
class LuckReport:
    """Luck apart from judgment for one finished game of one seat.

    Judgment is how far the student's choices lift the median score above random play's on
    the same dice; luck is how far their actual score lies from their choices' median.

    Attributes:
        role: The seat.
        seed: The game's own seed.
        score: The score the student actually got.
        seeds: The other dice: the seeds every distribution was played on.
        distributions: ``choices`` first, then the references (``uniform``, ``ai``, ...).
        turns: Per turn, what the decision gained or cost in expectation.
        turn_seeds: How many of ``seeds`` (the first ones) the per-turn rollouts used.
    """

    role: str
    seed: int
    score: int
    seeds: tuple[int, ...]
    distributions: tuple[Distribution, ...]
    turns: tuple[TurnValue, ...]
    turn_seeds: int

    def distribution(self, policy: str) -> Distribution | None:
        return next((d for d in self.distributions if d.policy == policy), None)

    @property
    def choices(self) -> Distribution:
        found = self.distribution("choices")
        assert found is not None  # always computed first
        return found

    @property
    def random_median(self) -> float:
        found = self.distribution("uniform")
        return found.median if found is not None else float("nan")

    @property
    def judgment(self) -> float:
        return self.choices.median - self.random_median

    @property
    def luck(self) -> float:
        return self.score - self.choices.median

    def summary(self) -> dict[str, float | int]:
        """The figures `detente debrief --json` prints, by their documented names."""
        choices = self.choices
        figures: dict[str, float | int] = {
            "score": self.score,
            "choices_median": choices.median,
            "choices_p10": choices.p10,
            "choices_p90": choices.p90,
            "random_median": self.random_median,
            "judgment": self.judgment,
            "luck": self.luck,
        }
        for other in self.distributions:
            if other.policy not in ("choices", "uniform"):
                figures[f"{other.policy}_median"] = other.median
        figures["runs"] = len(self.seeds)
        return figures


@attrs.frozen
class PathPoint:
    """One turn of a game, as the what-if compares it."""

    turn: int
    choice: str | None
    choice_label: str
    rel: tuple[int, ...]
    """The relation array after the turn (the world's order)."""
    score: int
    """The seat's score after the turn."""


@attrs.frozen
class WhatIf:
    """The road not taken: the game as played and the alternate one, side by side.

    Attributes:
        turn, option: The changed move (turn, option id) and its label.
        actual, alternate: Each game's turns (after each turn); the start is ``start_rel``.
        actual_ending, alternate_ending: Ending titles ('' if not over).
        actual_score, alternate_score: Final scores.
        diverge_turn: The first turn after which the two positions differ (None: never).
        why: What differed on that turn, worded: the moves, then the changes.
        followed: Turns after ``turn`` where the student's own choice was still possible.
        replaced: Turns after ``turn`` where it was not, and the AI chose instead.
        choices: The alternate game's choices (replay it with ``detente run --choose``).
    """

    turn: int
    option: str
    option_label: str
    start_rel: tuple[int, ...]
    actual: tuple[PathPoint, ...]
    alternate: tuple[PathPoint, ...]
    actual_ending: str
    alternate_ending: str
    actual_score: int
    alternate_score: int
    diverge_turn: int | None
    why: tuple[str, ...]
    followed: tuple[int, ...]
    replaced: tuple[int, ...]
    choices: tuple[str | None, ...]


@attrs.frozen
class Reflection:
    """A sentence the student typed on why, at a prompt of the scenario.

    Attributes:
        turn: The turn whose report it followed (None: at the end of the game).
        prompt: The question, as the scenario words it.
        text: The student's answer.
    """

    turn: int | None
    prompt: str
    text: str


@attrs.frozen
class PlayRecord:
    """What a game's moves do not say about how it was played, kept in its save.

    Attributes:
        student: The student's name, as they typed it once (settings).
        class_name: Their class.
        advisor: Per turn played, whether the advisor's forecasts were on when the move was
            chosen; empty when not recorded (a save from before it was kept).
        reflections: The student's reflections, in the order typed.
    """

    student: str = ""
    class_name: str = ""
    advisor: tuple[bool, ...] = ()
    reflections: tuple[Reflection, ...] = ()

    def advisor_words(self, turns: int) -> str:
        """'on', 'off', 'on for 3 of 10 turns', or 'not recorded'."""
        if not self.advisor:
            return "not recorded"
        shown = sum(self.advisor)
        if shown == len(self.advisor):
            return "on"
        if shown == 0:
            return "off"
        return f"on for {shown} of {len(self.advisor)} turns"
