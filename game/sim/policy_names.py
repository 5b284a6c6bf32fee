"""The names of the headless player's policies, in one place.

``detente run --policy`` and ``detente simulate --policy`` offer them, ``policies`` builds
them and the batch simulator says which it plays. Kept free of imports so the command line
can list them without loading the engine (see ``game/cli.py``).
"""

from __future__ import annotations

POLICY_NAMES: tuple[str, ...] = ("uniform", "random", "least-used", "ai")
"""Every policy, as the command line spells it."""

ALIASES: dict[str, str] = {"random": "uniform"}
"""Names that mean another policy."""

DEPENDS_ON_EARLIER_RUNS: frozenset[str] = frozenset({"least-used"})
"""Policies whose choice in one run depends on the runs played before it by the same policy:
they must play the runs one after another, in seed order."""


def canonical(name: str) -> str:
    """The policy a name means (``random`` is ``uniform``)."""
    return ALIASES.get(name, name)
