"""The seat picker: `detente play --seats` without roles, and "add a player" (p) on the role
picker, both start a hot-seat game of the governments taken."""

from __future__ import annotations

from game.cli import build_parser
from game.engine import World
from game.launch import Opening, open_game
from game.ui.app import DetenteApp, make_app
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.screens.seat_picker import SeatPickerScreen


def seat_picker_app(river: tuple[World, str]) -> DetenteApp:
    world, path = river
    return DetenteApp(Opening(world, path, pick_seats=True), seed=3)


def test_seats_without_roles_opens_the_seat_picker(river) -> None:
    """`--seats` alone parses, and opening the game asks for the seat picker."""
    _, path = river
    args = build_parser().parse_args(["play", path, "--seats"])
    assert args.seats == ""
    opening = open_game(path, seats=args.seats)
    assert opening.pick_seats and opening.seats == () and opening.state is None


async def test_two_governments_taken_start_a_hotseat_game(river) -> None:
    app = seat_picker_app(river)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SeatPickerScreen)
        await pilot.press("space", "down", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert app.hotseat is not None and app.hotseat.seats == ("NRL", "STH")
        assert app.hotseat.state.seed == 3
        assert app.screen.seat_name == "Northland"


async def test_one_government_is_not_enough(river) -> None:
    """With one government taken, enter says why and stays on the picker."""
    app = seat_picker_app(river)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SeatPickerScreen)
        assert app.hotseat is None
        assert app.messages[-1].startswith("Take 2 to 4 governments")


async def test_add_a_player_on_the_role_picker_turns_the_game_hotseat(river) -> None:
    """`p` on the role picker opens the seat picker with the highlighted role taken; one
    more and enter start a hot-seat game; escape goes back to the role picker."""
    world, path = river
    app = make_app(world, scenario_path=path, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, SeatPickerScreen) and picker.chosen == ("NRL",)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RolePickerScreen)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert app.hotseat is not None and app.hotseat.seats == ("NRL", "STH")
        assert not any(isinstance(s, RolePickerScreen) for s in app.screen_stack)
