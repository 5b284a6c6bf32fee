"""What the engine lends to the tools that re-implement its rules: the batch simulator.

``game.engine`` (its ``__all__``) is the API for playing a game; ``narrate`` and ``serialize``
turn what happened into words and plain data. The numpy batch engine in ``game/sim`` needs
more: the compiled world's parts, the arithmetic conditions use, the random generator's
constants and the AI's own choice, so that its twins of the scalar rules agree with them bit
for bit. This module names that surface, and only it: ``game.sim`` imports engine internals
through here (an import-linter contract in pyproject.toml, and ``tests/test_layers.py``, hold
it to that), so a change to anything listed is a change the batch engine must follow.
"""

from __future__ import annotations

from game.engine.ai import choose
from game.engine.compile import ARITHMETIC, COMPARISONS, Compiled, Symbols
from game.engine.position import Position
from game.engine.relevance import Step, expr_reads
from game.engine.rng import GOLDEN, MASK, SQRT3, seed_state
from game.engine.rounding import ordered_sum
from game.engine.scoring import NEUTRAL_ENDING_SCORE
from game.engine.world import CompiledOption, Op, World

__all__ = [
    "ARITHMETIC",
    "COMPARISONS",
    "GOLDEN",
    "MASK",
    "NEUTRAL_ENDING_SCORE",
    "SQRT3",
    "Compiled",
    "CompiledOption",
    "Op",
    "Position",
    "Step",
    "Symbols",
    "World",
    "choose",
    "expr_reads",
    "ordered_sum",
    "seed_state",
]
