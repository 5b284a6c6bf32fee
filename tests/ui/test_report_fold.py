"""The turn report's first screen is short (issue 15): it leads with the summary, and the
cause-by-cause account is folded below it until `c` (or a click on its title) unfolds it."""

from __future__ import annotations

from textual.widgets import Collapsible

from game.ui import screens, view
from game.ui.app import make_app
from tests.ui.helpers import local_session, text_of


async def test_the_report_leads_with_the_summary_and_folds_the_causes(s400):
    world, path = s400
    app = make_app(world, scenario_path=path, role="TUR", seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")  # briefing, then the first option
        screen = app.screen
        assert isinstance(screen, screens.ReportScreen)
        state = local_session(app).state
        expected = view.report_view(world, state.log[-1], "TUR", state)
        assert 3 <= len(expected.summary) <= 6
        lead = text_of(screen.query_one("#report-lead")).splitlines()
        assert lead[1:] == [f"• {line}" for line in expected.summary]
        account = screen.query_one("#report-account", Collapsible)
        causes = screen.query_one("#report-causes")
        assert account.collapsed and not causes.region  # folded: not drawn
        body = screen.query_one("#report-body")
        assert body.max_scroll_y == 0  # the first screen is the whole lead, even at 80x24
        shown = text_of(causes)
        for group in expected.causes:
            assert group.cause in shown
        await pilot.press("c")
        await pilot.pause()
        assert not account.collapsed and causes.region.height > 0
        assert body.max_scroll_y > 0  # the full account is long: now it scrolls
        await pilot.press("c")
        await pilot.pause()
        assert account.collapsed
        await pilot.press("enter")
        assert isinstance(app.screen, screens.TurnScreen)
