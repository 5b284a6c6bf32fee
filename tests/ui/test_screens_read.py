"""What a student sees and the keys they press (issue 15): stable numbers, keys that do
what they say, dimmed unavailable options, words beside colours, honest trends."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Label, Static

from game.engine import World
from game.launch import load_world
from game.paths import tutorial_scenario
from game.ui.app import make_app
from game.ui.screens.dialogs import ConfirmScreen
from game.ui.screens.end import EndScreen, timeline_text
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.turn import TurnScreen
from game.ui.seam import DecisionRow
from game.ui.widgets.option_detail import OptionDetail
from game.ui.widgets.options import OptionsList
from game.ui.widgets.relations import RelationLine
from game.ui.widgets.trend import BLOCKS, trend_blocks

from .helpers import local_session, play_to_end, play_turn_by_keys, text_of


def test_a_drift_of_a_point_draws_flat_and_a_real_fall_draws_as_one():
    drift = trend_blocks([-90, -91, -90, -92], 8)
    assert len(set(drift)) <= 2 and BLOCKS[0] not in drift and BLOCKS[-1] not in drift
    fall = trend_blocks([40, 20, 0, -20, -40], 8)
    assert fall[0] == BLOCKS[-1] and fall[-1] == BLOCKS[0]
    assert trend_blocks([5], 8) == BLOCKS[4] * 2  # one turn: a flat line at mid height
    assert len(trend_blocks(list(range(20)), 8)) == 8  # the latest turns that fit


def test_long_dates_do_not_run_into_the_decision():
    rows = (DecisionRow(1, "19 September 2022", "Press banks", "done"),)
    assert "19 September 2022  Press banks" in str(timeline_text_of(rows))


def timeline_text_of(rows: tuple[DecisionRow, ...]):
    class End:
        decisions = rows
        offers: tuple[str, ...] = ()

    return timeline_text(End())  # type: ignore[arg-type]


async def test_every_option_keeps_its_number_and_key_all_game(s400: tuple[World, str]):
    world, path = s400
    app = make_app(world, scenario_path=path, role="TUR", seed=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        first = {r.number: r.id for r in screen.rows}
        changed = False
        while isinstance(app.screen, TurnScreen):
            assert {r.number: r.id for r in screen.rows} == first
            for number in (n for n in first if n <= 9):
                await pilot.press(str(number))  # each key selects the same option, always
                assert screen.options_list.highlighted_id == first[number]
            changed |= any(not r.available for r in screen.rows[:3])
            await play_turn_by_keys(pilot)
        assert changed


async def test_page_keys_land_on_available_options_and_arrows_always_move_them(
    s400: tuple[World, str],
):
    world, path = s400
    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        options = screen.options_list
        available = {r.id for r in screen.rows if r.available}
        assert len(available) < len(screen.rows)
        for key in ("pagedown", "pageup", "end", "home", "pagedown", "pagedown"):
            await pilot.press(key)
            assert options.highlighted_id in available, key
        # With the detail panel focused, the arrows still move the options...
        await pilot.press("home", "tab")
        assert isinstance(app.focused, OptionDetail)
        before = options.highlighted
        await pilot.press("down")
        assert options.highlighted == (before or 0) + 1
        assert screen.detail.scroll_y == 0
        # ...and shift+down or page down scroll the panel.
        await pilot.press("shift+down", "shift+down")
        assert screen.detail.scroll_y > 0 or screen.detail.max_scroll_y == 0
        assert isinstance(app.focused, OptionDetail)


async def test_unavailable_options_are_dimmer_than_available_ones(river: tuple[World, str]):
    """In both themes the ✗ rows are nearer the background than the playable ones (they
    were drawn brighter: white on dark, black on light)."""
    world, path = river
    for theme in ("textual-dark", "textual-light"):
        app = make_app(world, scenario_path=path, role="NRL", seed=1)
        async with app.run_test(size=(100, 30)) as pilot:
            app.theme = theme
            await pilot.press("enter")
            screen = app.screen
            assert isinstance(screen, TurnScreen)
            await pilot.press("3", "enter", "enter")  # talks (once): unavailable from now
            await pilot.pause()
            options = screen.query_one(OptionsList)
            rows = screen.rows
            blocked = next(i for i, r in enumerate(rows) if not r.available)
            playable = next(
                i for i, r in enumerate(rows) if r.available and i != options.highlighted
            )
            colours = {}
            for index in (blocked, playable):
                y = options._index_to_line[index]
                segments = list(options.render_line(y - int(options.scroll_y)))
                text = [s for s in segments if s.text.strip()]
                colours[index] = text[0].style.color.get_truecolor()
            bg = Color.parse(app.current_theme.to_color_system().generate()["surface"])

            dim, bright = (
                abs(Color(*colours[i]).brightness - bg.brightness) for i in (blocked, playable)
            )
            assert dim < bright, theme


async def test_relations_say_their_stance_in_words(s400: tuple[World, str]):
    world, path = s400
    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        session = local_session(app)
        for line in app.screen.query(RelationLine):
            row = line.row
            words = text_of(line.query_one(".stance", Label))
            same = row.theirs_stance == row.yours_stance
            assert (
                words == row.theirs_stance if same else f"{row.theirs_stance} / {row.yours_stance}"
            )
        assert session.turn == 1


async def test_quitting_after_the_end_asks_only_until_the_debrief_is_written(river):
    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "debrief" in app.screen.question
        await pilot.press("n")
        assert isinstance(app.screen, EndScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_the_tutorial_ends_with_a_way_into_the_real_crisis(s400: tuple[World, str]):
    world, path = s400
    tutorial_world, _ = load_world(tutorial_scenario())
    app = make_app(
        world, scenario_path=path, seed=3, tutorial=(tutorial_world, str(tutorial_scenario()))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")  # the tutorial, please
        await pilot.press("enter")  # its only role
        await pilot.pause()
        if isinstance(app.screen, RolePickerScreen):
            await pilot.press("enter")
        await pilot.press("enter")  # briefing read
        await play_to_end(pilot)
        end = app.screen
        assert isinstance(end, EndScreen)
        assert world.scenario.title in text_of(end.query_one("#end-next", Static))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        assert app.world is world and app.scenario_path == path and app.session is None


async def test_the_end_screen_offers_nothing_after_a_real_crisis(river):
    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        assert not app.screen.query("#end-next")
        await pilot.press("n")
        assert isinstance(app.screen, EndScreen)


async def test_the_tutorial_opened_by_name_also_leads_to_the_shipped_crisis():
    world, _ = load_world(tutorial_scenario())
    app = make_app(world, scenario_path=str(tutorial_scenario()), role="VEL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        assert "S-400" in text_of(app.screen.query_one("#end-next", Static))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        assert app.world.scenario.id == "s400_transfer"


async def test_notices_take_the_status_line_instead_of_covering_the_text(river):
    world, path = river
    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "s")
        await pilot.pause()
        title = app.screen.query_one("#status-title", Label)
        assert text_of(title).startswith("Saved to ")
        assert not app._notifications  # no toast over the panels
        await pilot.press("enter")  # the report: its notice shows on the line above it
        app.screen.query_one("#report-body").focus()
        app.action_save()
        await pilot.pause()
        assert text_of(app.screen_stack[-2].query_one("#status-title", Label)).startswith("Saved")
        assert not app._notifications
