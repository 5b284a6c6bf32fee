"""The role picker in two steps (issue 15, speed): a list of governments that takes keys at
once, then, a moment later, the briefing panel, the footer and the game's stylesheet."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Static

from game.engine import World
from game.ui.app import make_app
from game.ui.screens import STYLESHEET, role_picker
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.role_picker import RolePickerScreen
from game.ui.view import roles_view
from game.ui.widgets.pick_list import PickList

from .helpers import local_session, picker_details, text_of


def picker_app(river: tuple[World, str]):
    world, path = river
    return make_app(world, scenario_path=path, seed=1)


async def test_the_list_takes_keys_before_the_panel_is_up(river, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(role_picker, "DETAILS_AFTER", 600.0)  # the panel never comes here
    app = picker_app(river)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RolePickerScreen)
        assert not screen.details_shown
        assert not screen.query(Footer)
        roles = screen.query_one("#roles", PickList)
        assert roles.border_title == "Governments" and roles.has_focus
        assert roles.get_option_at_index(roles.highlighted or 0).id == "NRL"  # the default
        await pilot.press("down")
        assert roles.get_option_at_index(roles.highlighted or 0).id == "STH"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert local_session(app).role == "STH"


async def test_the_panel_footer_and_stylesheet_follow_the_first_frame(river):
    world, _ = river
    view = roles_view(world)
    northland = next(role for role in view.roles if role.id == "NRL")
    app = picker_app(river)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await picker_details(pilot)
        assert app.stylesheet.has_source(str(STYLESHEET))
        text = text_of(screen.query_one("#role-text", Static))
        assert text.startswith("Northland\nPrime Minister Ana Berg")
        assert "You govern Northland." in text
        assert "Your goals" in text
        for weight in northland.weights:  # each goal with its share of the score
            assert f"• {weight.label} ({weight.share:.0%} of your score)" in text
        keys = [key.description for key in screen.query("FooterKey").results()]
        assert "Play this role" in keys
        await pilot.press("down")
        assert "You govern Southland." in text_of(screen.query_one("#role-text", Static))


async def test_a_role_moved_to_before_the_panel_is_the_one_it_describes(
    river, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(role_picker, "DETAILS_AFTER", 600.0)
    app = picker_app(river)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RolePickerScreen)
        await pilot.press("down")  # to Southland, with no panel yet
        await screen.add_details()
        await pilot.pause()
        assert screen.details_shown
        assert "You govern Southland." in text_of(screen.query_one("#role-text", Static))
        await screen.add_details()  # a second call mounts nothing more
        assert len(screen.query("#role-detail")) == 1 and len(screen.query(Footer)) == 1
