"""At 80 columns (issue 15): the end screen's trajectories say each stance in words, and the
status bar shows a long scenario title by its main part rather than cut mid-word."""

from __future__ import annotations

from textual.widgets import Label

from game.engine import World
from game.ui import screens
from game.ui.app import make_app
from game.ui.widgets.status_bar import StatusBar, fitted_title

from .helpers import play_to_end, text_of

LONG = "The S-400 Question: Turkey Between Washington, Kyiv and Moscow"


def test_a_title_gives_way_to_its_main_part_only_when_it_does_not_fit():
    assert fitted_title(LONG, len(LONG)) == LONG
    assert fitted_title(LONG, len(LONG) - 1) == "The S-400 Question"
    assert fitted_title("A title without a colon", 5) == "A title without a colon"


async def test_the_status_title_at_80_and_120_columns(s400: tuple[World, str]):
    world, path = s400
    for width, expected in ((80, "The S-400 Question"), (120, world.scenario.title)):
        app = make_app(world, scenario_path=path, role="TUR", seed=1)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.press("enter")
            assert isinstance(app.screen, screens.TurnScreen)
            bar = app.screen.query_one(StatusBar)
            title = bar.query_one("#status-title", Label)
            assert text_of(title) == expected
            assert title.size.width >= len(expected)  # shown whole, no ellipsis
            facts = text_of(bar.query_one("#status-facts", Label))
            assert (
                "Turn 1/" in facts
                and bar.query_one("#status-facts").outer_size.width == len(facts) + 1
            )


async def test_end_screen_trajectories_say_the_stance_at_80_columns(s400: tuple[World, str]):
    world, path = s400
    app = make_app(world, scenario_path=path, role="USA", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        screen = app.screen
        assert isinstance(screen, screens.EndScreen)
        end = screen.session.debrief()
        for row in end.relations:
            line = screen.query_one(f"#trajectory-{row.actor}")
            stances = [text_of(label) for label in line.query(".stance").results(Label)]
            assert stances == [row.theirs_stance, row.yours_stance]
            for label in line.query(".stance").results(Label):
                assert label.region.width >= len(text_of(label))  # on screen, not cut
                assert label.region.right <= 80
