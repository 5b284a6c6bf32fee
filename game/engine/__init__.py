"""The rules of Détente: pure, deterministic, no I/O and no UI.

Public API::

    world = World.build(loaded_scenario)        # once per scenario
    state = new_game(world, "TUR", seed=7)
    available_options(world, state, "TUR")      # what the player may do
    preview(world, state, "mediate")            # what it would do
    state = play_turn(world, state, "mediate")  # do it; state.log[-1] says what happened
    score(world, state)                         # how the player is doing

    state = new_game(world, seats=("TUR", "USA"), seed=7)      # several people play
    state = play_turn(world, state, {"TUR": "mediate", "USA": None})
    score(world, state, "USA"); preview(world, state, "mediate", "TUR")
    seat_view(world, state, "TUR")              # what one seat may see (plain data)
    state = play_turn(world, state, {"TUR": "wait", "USA": None},   # answer offers open
                      answers={"TUR": {"usa_offer_f35": "accept"}})  # to a seat
"""

from game.engine.offers import (
    IllegalAnswer,
    SeatAnswers,
    ai_answer,
    offers_to_answer,
    preview_answer,
)
from game.engine.preview import Forecast, Outcome, preview
from game.engine.rules import (
    GameOver,
    SeatChoices,
    available_options,
    new_game,
    play_turn,
)
from game.engine.scoring import ScoreCard, score
from game.engine.state import (
    Cause,
    Change,
    Choice,
    IllegalMove,
    OfferNews,
    SeatError,
    State,
    TurnReport,
)
from game.engine.visibility import OpenTurn, knows, seat_report, seat_view, seen_report
from game.engine.world import World

__all__ = [
    "Cause",
    "Change",
    "Choice",
    "Forecast",
    "GameOver",
    "IllegalAnswer",
    "IllegalMove",
    "OfferNews",
    "OpenTurn",
    "Outcome",
    "ScoreCard",
    "SeatAnswers",
    "SeatChoices",
    "SeatError",
    "State",
    "TurnReport",
    "World",
    "ai_answer",
    "available_options",
    "knows",
    "new_game",
    "offers_to_answer",
    "play_turn",
    "preview",
    "preview_answer",
    "score",
    "seat_report",
    "seat_view",
    "seen_report",
]
