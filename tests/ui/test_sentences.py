"""Reasons and stakes read as sentences on screen (issue 15): each starts with a capital, and
an actor with a `short_name` is called by it in sentences ("Russia's view of you") while the
panels keep its full name."""

from __future__ import annotations

from textual.widgets import Static

from game.engine import World
from game.ui import screens
from game.ui.app import make_app
from game.ui.widgets.options import OptionsList

from .helpers import text_of


async def test_a_closed_option_and_the_stakes_speak_in_sentences_with_short_names(
    s400: tuple[World, str],
):
    world, path = s400
    assert world.actor("RUS").short_name == "Russia"
    app = make_app(world, scenario_path=path, role="TUR", seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")  # the briefing
        screen = app.screen
        assert isinstance(screen, screens.TurnScreen)
        closed = [r for r in screen.rows if not r.available]
        assert closed
        for row in closed:
            assert all(r[:1].isupper() for r in row.reasons), row.reasons
            shown = str(screen.query_one(OptionsList).get_option(row.id).prompt)
            assert f"✗ {row.label} - {row.reasons[0]}" in shown
        f35 = next(r for r in closed if r.id.startswith("f35") or "F-35 programme" in r.label)
        assert f35.reasons == ("United States' view of you must be at least 0; it is -20",)
        # The relations panel lists governments by their full names.
        assert "Russian Federation" in "".join(
            text_of(s) for s in screen.query("RelationLine Label").results(Static)
        )
        await pilot.press("g")
        assert isinstance(app.screen, screens.StakesScreen)
        stakes = text_of(app.screen.query_one("#stakes-text", Static))
        assert "✗ Russia's view of you at most -80: it is +20" in stakes
        assert "Russian Federation's" not in stakes
        marked = [
            line.strip() for line in stakes.splitlines() if line.strip() and line.strip()[0] in "✓✗"
        ]
        assert marked and all(line[2:3].isupper() for line in marked), marked
