"""The app's keys and dialogs: quit, help, palette, advisor, theme, saves, export, errors."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from game.debrief import debrief_markdown
from game.engine import World
from game.ui.app import DetenteApp, make_app
from game.ui.screens.dialogs import ConfirmScreen, HelpScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.turn import TurnScreen
from game.ui.widgets.option_detail import OptionDetail
from game.ui.widgets.options import OptionsList

from .helpers import local_session, play_to_end, play_turn_by_keys, text_of


def detail_text(app: DetenteApp) -> str:
    return text_of(app.screen.query_one(OptionDetail).query_one(Static))


async def test_quit_asks_only_when_turns_are_unsaved(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("s")
        await pilot.press("q")  # saved: quits at once
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_quit_dialog_yes_quits(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")  # the mouse works in dialogs too
        await pilot.pause()
    assert app.return_code == 0


async def test_help_lists_every_key_in_the_footer(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=42)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)
        shown = [
            app.get_key_display(b.binding)
            for b in app.screen.active_bindings.values()
            if b.binding.show and b.enabled
        ]
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = [key for key, _ in app.screen.keys]
        spelled = {"⏎": "enter", "^p": "ctrl+p"}  # help spells these out
        for key in shown:
            assert spelled.get(key, key) in listed
        assert "ctrl+p" in listed
        assert any("42" in note for note in app.screen.notes)  # the seed, to replay
        await pilot.press("escape")
        assert isinstance(app.screen, TurnScreen)


async def test_the_palette_offers_the_game_actions_by_name(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Save game", "Confirm choice", "Advisor on/off", "Help"):
            assert title in titles
        assert any(t.startswith("Select 1: ") for t in titles)
        assert app.advisor
        await pilot.press("ctrl+p")
        await pilot.press(*"advisor on")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.advisor


async def test_advisor_toggles_the_forecast(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "2")
        assert "Advisor's forecast" in detail_text(app)
        assert "Your goals" in detail_text(app)
        await pilot.press("a")
        assert "Advisor off" in detail_text(app)
        assert "Your goals" not in detail_text(app)
        await pilot.press("a")
        assert "Advisor's forecast" in detail_text(app)


async def test_unavailable_options_show_why_and_cannot_be_played(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        blocked = [r for r in screen.rows if not r.available]
        assert blocked and all(r.reason and "(SELF" not in r.reason for r in blocked)
        assert not any("flag(" in r.reason or "rel(" in r.reason for r in blocked)
        # Its own number selects it, to read why not (its number is its place in the list).
        assert blocked[0].number == screen.rows.index(blocked[0]) + 1 <= 9
        await pilot.press(str(blocked[0].number))
        assert screen.query_one(OptionsList).highlighted_id == blocked[0].id
        assert "Not available now: " in detail_text(app)
        assert blocked[0].reasons[0][:30] in " ".join(detail_text(app).split())
        await pilot.press("enter")
        assert isinstance(app.screen, TurnScreen)
        assert app.session is not None and local_session(app).state.turn == 1
        assert app.messages[-1].startswith("Not available now")


async def test_ctrl_t_switches_light_and_dark(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark


async def test_a_new_game_without_a_seed_gets_one_and_shows_it(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, seed=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        assert isinstance(app.seed, int)
        status = text_of(app.screen.query_one("#status-facts"))
        assert f"Seed {app.seed}" in status


async def test_export_writes_the_debrief_and_says_where(river: tuple[World, str], tmp_path: Path):
    world, path = river

    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_to_end(pilot)
        await pilot.press("e")
        assert app.session is not None
        target = tmp_path / "debrief-river-NRL-seed1.md"
        assert target.read_text(encoding="utf-8") == debrief_markdown(
            world, local_session(app).state
        )
        assert str(target) in app.messages[-1]
        await pilot.press("r")  # the last report, over the end screen
        assert type(app.screen).__name__ == "ReportScreen"
        await pilot.press("enter")
        assert isinstance(app.screen, EndScreen)


async def test_a_save_that_fails_is_a_message_not_a_crash(river, tmp_path, monkeypatch):
    world, path = river
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))

    app = make_app(world, scenario_path=path, role="NRL", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await play_turn_by_keys(pilot)  # the autosave fails too, quietly
        await pilot.press("s")
        assert "cannot save" in app.messages[-1]
        assert isinstance(app.screen, TurnScreen)
        await play_to_end(pilot)  # and the game goes on
        assert isinstance(app.screen, EndScreen)


async def test_the_last_report_reopens_with_r(river: tuple[World, str]):
    world, path = river

    app = make_app(world, scenario_path=path, role="STH", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "r")
        assert isinstance(app.screen, TurnScreen)  # no report before the first turn
        await play_turn_by_keys(pilot)
        await pilot.press("r")
        assert type(app.screen).__name__ == "ReportScreen"
        await pilot.press("r")
        assert isinstance(app.screen, TurnScreen)


async def test_the_layout_follows_a_resize(s400: tuple[World, str]):
    world, path = s400

    app = make_app(world, scenario_path=path, role="TUR", seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        options = app.screen.query_one(OptionsList)
        narrow = options.size.width
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert options.size.width > narrow
        assert app.screen.query_one("#turn-left").size.width <= 52  # the relations stay compact
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert options.size.width == narrow
