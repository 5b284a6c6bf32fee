"""The rules of Détente: pure, deterministic, no I/O and no UI.

Public API::

    world = World.build(loaded_scenario)        # once per scenario
    state = new_game(world, "TUR", seed=7)
    available_options(world, state, "TUR")      # what the player may do
    preview(world, state, "mediate")            # what it would do
    state = play_turn(world, state, "mediate")  # do it; state.log[-1] says what happened
    score(world, state)                         # how the player is doing
"""

from game.engine.preview import Forecast, Outcome, preview
from game.engine.rules import GameOver, IllegalMove, available_options, new_game, play_turn
from game.engine.scoring import ScoreCard, score
from game.engine.state import Cause, Change, Choice, State, TurnReport
from game.engine.world import World

__all__ = [
    "Cause",
    "Change",
    "Choice",
    "Forecast",
    "GameOver",
    "IllegalMove",
    "Outcome",
    "ScoreCard",
    "State",
    "TurnReport",
    "World",
    "available_options",
    "new_game",
    "play_turn",
    "preview",
    "score",
]
