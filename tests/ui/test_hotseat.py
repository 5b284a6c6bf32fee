"""Hot-seat play (`detente play --seats`): two people on one terminal, by keys alone.

The game played on screen must be the game `detente run --seats` plays with the same seed
and choices; the hand-over screen must show nothing of the seat before; the end screen and
the export give every seat's debrief; a hot-seat game autosaves with its seats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.cli import main
from game.engine import World
from game.exitcodes import EXIT_INVALID
from game.launch import LaunchError, open_game
from game.saves import read_save
from game.sim.run import RunRequest, run_game
from game.ui.app import DetenteApp, make_app
from game.ui.hotseat import HotSeatGame, SeatSession
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.handover import HandoverScreen, SeatsEndScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn import TurnScreen
from tests.ui.helpers import key_for

SEATS = ("NRL", "STH")
SEED = 3
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def hotseat_app(river: tuple[World, str]) -> DetenteApp:
    world, path = river
    return make_app(world, scenario_path=path, seats=SEATS, seed=SEED)


def screen_text(app: DetenteApp) -> str:
    """Everything the screen on top shows, as plain text (every Static and Label)."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def game_of(app: DetenteApp) -> HotSeatGame:
    assert app.hotseat is not None
    return app.hotseat


async def take_keyboard(pilot: Pilot, role: str) -> None:
    """On a hand-over to ``role``'s seat, press enter (and leave the briefing on turn 1)."""
    app = pilot.app
    assert isinstance(app, DetenteApp)
    assert isinstance(app.screen, HandoverScreen)
    assert app.screen.seat_name == app.world.actor(role).name
    await pilot.press("enter")
    if isinstance(app.screen, BriefingScreen):
        await pilot.press("enter")


async def choose_by_keys(pilot: Pilot) -> None:
    """On a seat's turn screen, pick the test policy's option by its number, and confirm."""
    app = pilot.app
    assert isinstance(app, DetenteApp)
    screen = app.screen
    assert isinstance(screen, TurnScreen)
    assert app.session is not None
    available = [r for r in screen.rows if r.available]
    nth = key_for(app.session.turn + SEATS.index(app.session.role), len(available))
    if nth is not None:
        await pilot.press(str(available[nth - 1].number))
    await pilot.press("enter")


async def play_hotseat_to_end(pilot: Pilot) -> None:
    """Hand-over, turn, for each seat; then hand-over, report, for each seat; to the end."""
    app = pilot.app
    assert isinstance(app, DetenteApp)
    await pilot.pause()
    while not game_of(app).state.over:
        for role in SEATS:
            await take_keyboard(pilot, role)
            await choose_by_keys(pilot)
        for role in SEATS:
            await take_keyboard(pilot, role)
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SeatsEndScreen)


async def test_hotseat_game_by_keys_equals_detente_run(river):
    """Two seats played to the end by keys: each seat's ending, score and choices are what
    `detente run --seats --choose ... --json` gives for the same seed and choices."""
    world, path = river
    app = hotseat_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        await play_hotseat_to_end(pilot)
        game = game_of(app)
        shown = {}
        for _ in SEATS:
            screen = app.screen
            assert isinstance(screen, SeatsEndScreen)
            shown[screen.session.role] = screen_text(app)
            await pilot.press("d")
        choices = {seat: game.state.choices_of(seat) for seat in SEATS}
        totals = {s.role: s.debrief().total for s in game.sessions}
    assert set(shown) == set(SEATS)
    for role in SEATS:  # each seat's own debrief was on screen
        assert f"Your score: {totals[role]} out of 100" in shown[role]
        assert world.actor(role).name in shown[role]

    request = RunRequest(
        path,
        seed=SEED,
        seats=",".join(SEATS),
        seat_choose=tuple(f"{s}={','.join(c or '-' for c in choices[s])}" for s in SEATS),
        json=True,
    )
    outcome = run_game(request, lambda _: None)
    assert not outcome.failed
    expected = json.loads(outcome.output)["seats"]
    ending = game.state.ending
    assert ending is not None
    for role in SEATS:
        assert expected[role]["choices"] == list(choices[role])
        assert expected[role]["score"]["total"] == totals[role]
        assert expected[role]["ending"] == ending
    assert len({len(c) for c in choices.values()}) == 1 and len(choices["NRL"]) == 5


async def test_handover_hides_the_previous_seats_choice(river):
    """After Northland chooses, the hand-over to Southland shows neither Northland's option
    nor its forecast: only whose keyboard it is."""
    app = hotseat_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_keyboard(pilot, "NRL")
        screen = app.screen
        assert isinstance(screen, TurnScreen) and app.session is not None
        row = next(r for r in screen.rows if r.available)
        await pilot.press(str(row.number))
        await pilot.pause()
        forecast = app.session.forecast(row.id)
        on_turn_screen = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        text = screen_text(app)
        assert app.session.role == "STH"
        # The option and its forecast were on Northland's screen...
        assert row.label in on_turn_screen
        hidden = [line for _, line in forecast.branches[0].lines] + [row.label]
        assert any(item in on_turn_screen for item in hidden)
        # ...and none of it is on the hand-over.
        for item in hidden:
            assert item not in text
        assert "Pass the keyboard to Southland" in text
        # The report key is off on a hand-over (the report would be the last seat's).
        assert app.check_action("report", ()) is False


async def test_the_turn_waits_for_every_seat(river):
    """The first seat's choice is recorded, not played: the turn resolves after the last."""
    app = hotseat_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await take_keyboard(pilot, "NRL")
        await choose_by_keys(pilot)
        game = game_of(app)
        assert game.state.turn == 1 and game.waiting == ("STH",)
        assert isinstance(app.session, SeatSession) and app.session.role == "STH"
        await take_keyboard(pilot, "STH")
        await choose_by_keys(pilot)
        assert game.state.turn == 2 and game.waiting == SEATS
        # The hand-over to each seat's report: neither `r` nor the palette shows a report
        # before the right person pressed enter.
        assert isinstance(app.screen, HandoverScreen) and app.session.last_report is not None
        await pilot.press("r")
        app.action_report()  # as the palette calls it
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)


async def test_export_writes_every_seats_debrief_and_autosave_has_seats(river, private_files):
    """At the end, `e` writes one Markdown debrief per seat; the autosave is a save with
    seats holding every seat's choices."""
    app = hotseat_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        await play_hotseat_to_end(pilot)
        await pilot.press("e")
        await pilot.pause()
        game = game_of(app)
        autosave = game.autosave_path
    for role in SEATS:
        written = Path(private_files) / f"debrief-river_dam-{role}-seed{SEED}.md"
        matches = list(Path(private_files).glob(f"debrief-*-{role}-seed{SEED}.md"))
        assert matches, f"no debrief for {role} ({written.name})"
        assert game.world.actor(role).name in matches[0].read_text(encoding="utf-8")
    saved = read_save(autosave)
    assert saved.seats == SEATS
    assert saved.seat_choices == tuple(game.state.choices_of(s) for s in SEATS)


async def test_a_save_with_seats_continues_hot_seat(river, private_files):
    """`detente play --load` of a hot-seat autosave opens it hot-seat, at the next turn."""
    world, path = river
    app = hotseat_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for role in SEATS:
            await take_keyboard(pilot, role)
            await choose_by_keys(pilot)
        await pilot.pause()
        autosave = game_of(app).autosave_path
    opening = open_game(path, save=str(autosave))
    assert opening.state is not None and opening.state.seats == SEATS
    loaded = make_app(world, scenario_path=path, state=opening.state)
    async with loaded.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(loaded.screen, HandoverScreen)
        await take_keyboard(pilot, "NRL")
        assert isinstance(loaded.screen, TurnScreen)
        assert game_of(loaded).state.turn == 2


@pytest.mark.parametrize("seats", ["NRL", "NRL,NRL", "NRL,XYZ", "NRL,STH,NRL,STH,NRL"])
def test_wrong_seats_are_refused(river, seats):
    """One seat, a seat twice, an unknown role, or more than four: a message, exit 1."""
    _, path = river
    with pytest.raises(LaunchError) as raised:
        open_game(path, seats=seats)
    assert raised.value.code == EXIT_INVALID
    assert "--seats" in str(raised.value)


@pytest.mark.parametrize("seats", ["NRL", "NRL,XYZ"])
def test_play_seats_refused_by_the_cli(river, capsys, monkeypatch, seats):
    """`detente play --seats NRL` (or an unknown role) ends with the reason and exit 1."""
    import game.ui.app

    def opening_without_a_terminal(opener, **_):  # the app's worker, without a terminal
        try:
            opener()
        except Exception as error:
            return 1, error
        return 0, None

    monkeypatch.setattr(game.ui.app, "run_app", opening_without_a_terminal)
    _, path = river
    assert main(["play", path, "--seats", seats]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "--seats" in err and "Traceback" not in err


@pytest.mark.parametrize("size", SIZES)
def test_handover_snapshot(snap_compare, river, size):
    """The hand-over to Southland after Northland chose on turn 1: a framed notice in the
    middle ("Pass the keyboard to Southland", next: your briefing, then turn 1), the status
    line with the scenario's title and "Hot seat", and enter in the footer; nothing of
    Northland's screen."""
    assert snap_compare(hotseat_app(river), press=["enter", "enter", "enter"], terminal_size=size)
