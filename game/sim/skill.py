"""What judgment is worth in each role: random play, the computer, one-button habits and the
lookahead player, side by side (``detente simulate --skill``).

For each playable role it plays, on the batch engine and with fixed seeds:

- **random**: any available option alike (the ``uniform`` policy);
- **ai**: what the computer would choose for the role (the ``ai`` policy);
- **one-button** strategies, one per option X of the role: *always X where it is available,
  otherwise any available option alike* (a student with one idea who clicks anything else);
- **lookahead**: the lookahead player (``lookahead.Lookahead``), which tries each option over
  fresh continuations of the game and never sees the game's own dice.

and compares their scores against the targets of a teaching game (``TARGETS``): thought must
beat luck and habit by a margin larger than the dice spread a thoughtful player still meets.
A role that misses a target gets a warning that names it, so an instructor learns it about
their own scenario before a class does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np

from game.engine import World
from game.sim.balance import median, percentile
from game.sim.batch import Chooser, play_batch
from game.sim.batch_board import Games, Rules
from game.sim.batch_world import BatchWorld
from game.sim.lookahead import Lookahead, offered_table, uniform_pick
from game.sim.runs import Run

LEAD_OVER_RANDOM = 15.0
"""Points by which the lookahead player's median must beat random play's."""
LEAD_OVER_BUTTON = 10.0
"""Points by which it must beat the best one-button strategy's median."""
BEST_ENDING_SHARE = 0.05
"""Share of its games in which it must reach the role's best-scoring ending."""

DEFAULT_PLAYER = Lookahead()
"""The lookahead player ``simulate --skill`` measures unless told otherwise."""

BUTTON_SALT = 0xB077_0000
"""Mixed into the one-button strategies' seeds, apart from the game's and the lookahead's."""


@attrs.frozen
class Spread:
    """A score distribution, as a teacher reads it.

    Attributes:
        runs: Games played.
        p10, median, p90: Percentiles of the final score (``balance.percentile``).
        mean: The mean score.
    """

    runs: int
    p10: float
    median: float
    p90: float
    mean: float

    @property
    def width(self) -> float:
        """p90 - p10: how far the dice alone move a player who plays this way."""
        return self.p90 - self.p10

    @classmethod
    def of(cls, runs: Sequence[Run]) -> Spread:
        scores = [run.score for run in runs]
        return cls(
            runs=len(scores),
            p10=percentile(scores, 0.1),
            median=median(scores),
            p90=percentile(scores, 0.9),
            mean=round(sum(scores) / len(scores), 2),
        )


@attrs.frozen
class RoleSkill:
    """One role's skill table row, with what the lookahead player reached.

    Attributes:
        role: The role's actor id.
        random, ai, lookahead: Score distributions of those players.
        buttons: Per option of the role (scenario order), its one-button strategy's scores.
        endings: How many of the lookahead player's games reached each ending.
        best_endings: The role's best-scoring endings (highest ending score for the role).
        taken: Per option of any government, the share of the lookahead player's games in
            which it was taken at least once (what the player drew out of the others).
        warnings: The targets this role misses, in words.
    """

    role: str
    random: Spread
    ai: Spread
    lookahead: Spread
    buttons: tuple[tuple[str, Spread], ...]
    endings: dict[str, int]
    best_endings: tuple[str, ...]
    taken: dict[str, float]
    warnings: tuple[str, ...]

    @property
    def best_button(self) -> tuple[str, Spread]:
        """The one-button strategy with the highest median (the first on a tie)."""
        return max(self.buttons, key=lambda pair: pair[1].median)

    @property
    def best_ending_share(self) -> float:
        return sum(self.endings.get(e, 0) for e in self.best_endings) / self.lookahead.runs


def button(option: int, seeds: list[int]) -> Chooser:
    """Always the option at ``option`` (position among the role's) where it is available,
    otherwise any available option alike, with dice of its own."""
    generator = np.random.default_rng(
        np.random.SeedSequence([BUTTON_SALT, option, len(seeds), *seeds[:1]])
    )

    def press(bw: BatchWorld, rules: Rules, games: Games, player: int) -> Any:
        offered = offered_table(bw, games, player)
        pick = uniform_pick(offered, generator)
        return np.where(offered[option], option, pick)

    return press


def role_skill(
    world: World,
    role: str,
    runs: int,
    lookahead_runs: int,
    seed: int = 0,
    player: Lookahead = DEFAULT_PLAYER,
    progress: Callable[[str], None] | None = None,
) -> RoleSkill:
    """Play the role every way and measure it against the targets."""
    seeds = list(range(seed, seed + runs))
    say = progress or (lambda _: None)
    say(f"{role}: random")
    random_runs, _ = play_batch(world, role, seeds, "uniform")
    say(f"{role}: ai")
    ai_runs, _ = play_batch(world, role, seeds, "ai")
    buttons = []
    for position, option in enumerate(_options(world, role)):
        say(f"{role}: always {option}")
        pressed, _ = play_batch(world, role, seeds, "uniform", chooser=button(position, seeds))
        buttons.append((option, Spread.of(pressed)))
    say(f"{role}: lookahead")
    look_seeds = seeds[:lookahead_runs]
    look_runs, _ = play_batch(
        world, role, look_seeds, "uniform", chooser=player.chooser(look_seeds)
    )
    endings = Counter(run.ending for run in look_runs)
    taken: Counter[str] = Counter()
    for run in look_runs:
        taken.update(run.taken)
    skill = RoleSkill(
        role=role,
        random=Spread.of(random_runs),
        ai=Spread.of(ai_runs),
        lookahead=Spread.of(look_runs),
        buttons=tuple(buttons),
        endings={e.id: endings[e.id] for e in world.endings if endings[e.id]},
        best_endings=best_endings(world, role),
        taken={o.id: round(taken[o.id] / len(look_runs), 4) for o in world.options},
        warnings=(),
    )
    return attrs.evolve(skill, warnings=misses(skill))


def _options(world: World, role: str) -> list[str]:
    """The role's options in the order the batch numbers them."""
    from game.sim.batch import batch_world

    bw = batch_world(world)
    return [option.compiled.model.id for option in bw.moves[world.actor_index[role]]]


def best_endings(world: World, role: str) -> tuple[str, ...]:
    """The endings that score highest for the role."""
    worth = {e.id: e.model.scores.get(role) for e in world.endings}
    scored = {k: v for k, v in worth.items() if v is not None}
    if not scored:
        return ()
    top = max(scored.values())
    return tuple(k for k, v in scored.items() if v == top)


def misses(skill: RoleSkill) -> tuple[str, ...]:
    """The targets a role misses, each in a sentence that says by how much."""
    out = []
    look = skill.lookahead
    lead = look.median - skill.random.median
    if lead < LEAD_OVER_RANDOM:
        out.append(
            f"thinking ahead beats random play by {lead:+.1f} points "
            f"(target: {LEAD_OVER_RANDOM:.0f} or more)"
        )
    name, best = skill.best_button
    over = look.median - best.median
    if over < LEAD_OVER_BUTTON:
        out.append(
            f"thinking ahead beats the best one-button strategy (always {name}) by "
            f"{over:+.1f} points (target: {LEAD_OVER_BUTTON:.0f} or more)"
        )
    if look.width >= lead:
        out.append(
            f"the dice move a thoughtful player by {look.width:.0f} points (p10-p90), as much "
            f"as thought earns over random play ({lead:+.1f}): a grade would grade luck"
        )
    if skill.best_endings and skill.best_ending_share < BEST_ENDING_SHARE:
        out.append(
            f"the role's best ending ({', '.join(skill.best_endings)}) is reached in "
            f"{skill.best_ending_share:.1%} of the lookahead player's games "
            f"(target: {BEST_ENDING_SHARE:.0%} or more)"
        )
    return tuple(out)
