"""A player that thinks ahead: it tries each option it has over fresh continuations of the game.

At every turn, for every game it plays, the lookahead player copies the position once per
(available option, rollout), plays that option, and plays the game on to its ending: the
computer governments choose as they always do, and the player's later moves follow a simple
continuation policy (``CONTINUATIONS``). It then takes the option whose rollouts scored best
on average for its role (ties: the earlier option in scenario order).

It never sees the game's future dice. Each rollout gets a generator state drawn from the
player's own ``numpy`` generator (seeded by ``Lookahead.seed`` and the games' seeds), not from
the game's seed stream, so what it foresees is a fair guess, not the game's actual future.

All rollouts of a turn are played together as one batch (``batch.step`` on copies of the
games, ``Games.take``), which is what makes it affordable: ``detente simulate --skill`` uses it
to measure what judgment is worth in a role (``skill``), and the debrief can compare a
student's choices with it.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from game.sim.batch import Chooser, scores, step
from game.sim.batch_ai import available, choose
from game.sim.batch_board import Games, Rules
from game.sim.batch_world import BatchWorld

SALT = 0x5EED_100C
"""Mixed into the lookahead's seeds so its dice are never the game's own."""

CONTINUATIONS = ("uniform", "ai")
"""How the player moves in a rollout after the option tried: ``uniform``, any available
option alike; ``ai``, what the computer would choose for the role (its goals, its noise)."""


def offered_table(bw: BatchWorld, games: Games, player: int) -> np.ndarray:
    """Where each of the player's options is available: booleans (options, games)."""
    count = games.count
    options = bw.moves[player]
    table = np.zeros((len(options), count), dtype=bool)
    for position, option in enumerate(options):
        table[position] = np.broadcast_to(available(option, player, games), (count,))
    return table


def uniform_pick(offered: np.ndarray, generator: np.random.Generator) -> np.ndarray:
    """A uniformly random available option per game (-1 where none is offered)."""
    count = offered.shape[1]
    offers = offered.sum(axis=0)
    draws = np.floor(generator.random(count) * offers).astype(np.int64)
    pick = np.argmax(np.cumsum(offered, axis=0) > draws, axis=0).astype(np.int64)
    pick[offers == 0] = -1
    return pick


@attrs.frozen
class Lookahead:
    """The lookahead player's settings.

    Attributes:
        rollouts: Continuations tried per available option per turn: more is steadier and
            slower (the time grows with it linearly).
        continuation: The player's policy inside a rollout (``CONTINUATIONS``).
        seed: Mixed with the games' seeds into the player's own generator.
    """

    rollouts: int = 10
    continuation: str = "uniform"
    seed: int = 0

    def chooser(self, seeds: list[int]) -> Chooser:
        """A batch player (``batch.Chooser``) for the games of these seeds, with its own dice."""
        entropy = [SALT, self.seed, len(seeds), *seeds[:1]]
        generator = np.random.default_rng(np.random.SeedSequence(entropy))

        def choose_lookahead(bw: BatchWorld, rules: Rules, games: Games, player: int) -> Any:
            return self.choose(bw, rules, games, player, generator)

        return choose_lookahead

    def choose(
        self,
        bw: BatchWorld,
        rules: Rules,
        games: Games,
        player: int,
        generator: np.random.Generator,
    ) -> np.ndarray:
        """The option position per game whose rollouts score best (-1: none offered)."""
        count = games.count
        pick = np.full(count, -1, dtype=np.int64)
        if not bw.moves[player]:
            return pick
        offered = offered_table(bw, games, player)
        game_of, option_of = np.nonzero(offered.T)  # by game, then option
        if not len(game_of):
            return pick
        k = self.rollouts
        columns = np.repeat(game_of, k)
        states = generator.integers(0, 2**63, size=len(columns), dtype=np.uint64)
        copies = games.take(columns, states)
        final = self.rollout(bw, rules, copies, player, np.repeat(option_of, k), generator)
        mean = final.reshape(-1, k).mean(axis=1)
        value = np.full((count, offered.shape[0]), -np.inf)
        value[game_of, option_of] = mean
        has = offered.any(axis=0)
        pick[has] = np.argmax(value, axis=1)[has]
        return pick

    def rollout(
        self,
        bw: BatchWorld,
        rules: Rules,
        games: Games,
        player: int,
        first: np.ndarray,
        generator: np.random.Generator,
    ) -> np.ndarray:
        """Play the copies to their endings, the player taking ``first`` now; final scores."""
        result = np.zeros(games.count, dtype=np.float64)
        mine = first
        turn = games.turn
        while games.count:
            ending = step(bw, rules, games, player, mine, turn)
            over = ending >= 0
            if over.any():
                result[games.ids[over]] = scores(bw, games, player, ending)[over]
                games.keep(~over)
            games.touched[:] = False
            turn += 1
            if not games.count:
                break
            mine = self.continue_play(bw, rules, games, player, generator)
        return result

    def continue_play(
        self,
        bw: BatchWorld,
        rules: Rules,
        games: Games,
        player: int,
        generator: np.random.Generator,
    ) -> np.ndarray:
        """The player's move in a rollout after the option tried."""
        offered = offered_table(bw, games, player)
        if self.continuation == "ai":
            states = generator.integers(0, 2**63, size=games.count, dtype=np.uint64)
            best, _ = choose(bw, rules, games, player, states)
            first = np.argmax(offered, axis=0)
            fallback = np.where(offered.any(axis=0), first, -1)
            return np.where(best >= 0, best, fallback)
        return uniform_pick(offered, generator)
