"""How a headless player chooses when no script says: uniformly at random, or like the AI.

A policy is a function (world, state, rng) -> option id or None. Its randomness comes from a
``random.Random`` seeded by the caller, apart from the game's own generator, so a run is
replayed by (seed, policy) alone.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from game.engine import State, World, available_options
from game.engine.kernel import choose, seed_state

Policy = Callable[[World, State, random.Random], "str | None"]


def uniform(world: World, state: State, rng: random.Random) -> str | None:
    """Any available option, each as likely as the others."""
    offered = available_options(world, state, state.role)
    return rng.choice(offered).id if offered else None


def like_ai(world: World, state: State, rng: random.Random) -> str | None:
    """What the computer would choose for the player's role (its goals, its noise)."""
    offered = available_options(world, state, state.role)
    if not offered:
        return None
    pick, _ = choose(world, state, world.actor_index[state.role], seed_state(rng.getrandbits(63)))
    return (pick or offered[0]).id


def least_used() -> Policy:
    """Prefer the options taken least so far by this policy (ties at random).

    Like ChoiceScript's randomtest option: it drives runs into the corners that uniform play
    rarely visits. The policy remembers across the games it plays, so build one per batch.
    """
    used: Counter[str] = Counter()

    def choose(world: World, state: State, rng: random.Random) -> str | None:
        offered = available_options(world, state, state.role)
        if not offered:
            return None
        fewest = min(used[o.id] for o in offered)
        pick = rng.choice([o for o in offered if used[o.id] == fewest]).id
        used[pick] += 1
        return pick

    return choose


POLICIES: dict[str, Policy] = {"random": uniform, "uniform": uniform, "ai": like_ai}


def policy_named(name: str) -> Policy:
    """A fresh policy by its command-line name."""
    return least_used() if name == "least-used" else POLICIES[name]
