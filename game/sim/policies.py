"""How a headless player chooses when no script says: uniformly at random, or like the AI.

A policy is a function (world, state, rng, role) -> option id or None; ``role`` is the seat
it chooses for (a one-seat game's seat when left out). Its randomness comes from a
``random.Random`` seeded by the caller, apart from the game's own generator, so a run is
replayed by (seed, policy) alone.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from typing import Protocol

from game.engine import State, World, ai_answer, available_options, offers_to_answer
from game.engine.kernel import choose, seed_state
from game.sim.policy_names import canonical


class Policy(Protocol):
    """Chooses a seat's option for this turn (None where it has nothing available)."""

    def __call__(
        self, world: World, state: State, rng: random.Random, role: str | None = None, /
    ) -> str | None: ...


def uniform(world: World, state: State, rng: random.Random, role: str | None = None) -> str | None:
    """Any available option, each as likely as the others."""
    offered = available_options(world, state, role or state.role)
    return rng.choice(offered).id if offered else None


def like_ai(world: World, state: State, rng: random.Random, role: str | None = None) -> str | None:
    """What the computer would choose for the seat's role (its goals, its noise)."""
    role = role or state.role
    offered = available_options(world, state, role)
    if not offered:
        return None
    pick, _ = choose(world, state, world.actor_index[role], seed_state(rng.getrandbits(63)))
    return (pick or offered[0]).id


def scripted_then_ai(script: tuple[str | None, ...]) -> Policy:
    """A student's own choices where the game still offers them, the AI's where it does not.

    On turn t the policy plays ``script[t-1]`` if that option is available to the seat now;
    otherwise (the option is closed in this game, the script chose nothing that turn, or the
    game has gone on past the script's last turn) it chooses as ``like_ai``. It draws from
    ``rng`` only when it falls back to the AI, so a game that follows the script throughout
    draws nothing. The batch engine plays the same policy (``play_batch(script=...)``).
    """

    def choose(
        world: World, state: State, rng: random.Random, role: str | None = None
    ) -> str | None:
        role = role or state.role
        wanted = script[state.turn - 1] if state.turn <= len(script) else None
        if wanted is not None and any(
            o.id == wanted for o in available_options(world, state, role)
        ):
            return wanted
        return like_ai(world, state, rng, role)

    return choose


def least_used() -> Policy:
    """Prefer the options taken least so far by this policy (ties at random).

    Like ChoiceScript's randomtest option: it drives runs into the corners that uniform play
    rarely visits. The policy remembers across the games it plays, so build one per batch.
    """
    used: Counter[str] = Counter()

    def choose(
        world: World, state: State, rng: random.Random, role: str | None = None
    ) -> str | None:
        offered = available_options(world, state, role or state.role)
        if not offered:
            return None
        fewest = min(used[o.id] for o in offered)
        pick = rng.choice([o for o in offered if used[o.id] == fewest]).id
        used[pick] += 1
        return pick

    return choose


def policy_answers(
    name: str, world: World, state: State, rng: random.Random, role: str
) -> dict[str, str]:
    """A policy's answers to the offers open to a seat: the computer's answer for ``ai``,
    any answer at random (drawn from ``rng`` in the order the offers were made) otherwise.
    Nothing is drawn when no offer is open, so games without offers replay as before."""
    open_offers = offers_to_answer(world, state, role)
    if canonical(name) == "ai":
        return {offer: ai_answer(world, state, role, offer) for offer in open_offers}
    return {offer: rng.choice(answers) for offer, answers in open_offers.items()}


BUILDERS: dict[str, Callable[[], Policy]] = {
    "uniform": lambda: uniform,
    "least-used": least_used,
    "ai": lambda: like_ai,
}
"""How to get a fresh policy of each name in ``policy_names.POLICY_NAMES`` (aliases aside)."""


def policy_named(name: str) -> Policy:
    """A fresh policy by its command-line name."""
    return BUILDERS[canonical(name)]()
