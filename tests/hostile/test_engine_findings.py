"""Engine bugs found while testing hostile input, kept as regression tests.

Found by these tests and fixed in the engine (736e86c): in an option's `requires`, rel(A, B)
indexed the relation array with a stride of len(actors) + 1, because the option's symbol table
also holds SELF. It read the wrong pair, and for the last actors ran past the end of the array
(IndexError in play_turn, on a scenario the checker accepts).
"""

from __future__ import annotations

from game.engine import World, available_options, new_game, play_turn
from game.scenario.loader import load_scenario_text
from tests.scenario.conftest import edit, starter_text


def world_of(text: str) -> World:
    result = load_scenario_text(text, "finding.yaml")
    assert result.loaded is not None, [d.format() for d in result.diagnostics]
    return World.build(result.loaded)


def test_rel_in_an_option_condition_reads_the_right_relation() -> None:
    # RGC's view of NRL starts at 10; everything else that matters starts at 0 or -20.
    text = edit(starter_text(), "requires: flag(talks)", "requires: rel(RGC, NRL) == 10")
    world = world_of(text)
    state = new_game(world, "NRL", 0)
    assert state.rel[world.rel_index("RGC", "NRL")] == 10
    assert "mediate" in [o.id for o in available_options(world, state, "RGC")]


def test_rel_of_the_last_actors_in_an_option_condition_does_not_crash() -> None:
    text = edit(starter_text(), "requires: flag(talks)", "requires: rel(RGC, STH) > -100")
    world = world_of(text)
    state = play_turn(world, new_game(world, "NRL", 0), "hold_firm")
    assert state.turn == 2
