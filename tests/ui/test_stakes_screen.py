"""The stakes on screen (issue 15): `g` on the turn screen shows what the score counts, every
ending with its worded condition and how far the position is, which one would be chosen, and
the relations the goals read, third parties included; checked against the engine's rules."""

from __future__ import annotations

from game.ui import screens, view
from game.ui.app import make_app
from tests.ui.helpers import local_session, text_of


async def test_stakes_show_every_ending_its_clauses_and_the_chosen_one(s400):
    """The US seat: every ending's title and worth, each clause in words with where the
    position stands, one "▶" on the ending the engine would pick now, the score's meaning,
    and the third-party relation its goal reads (how Turkey sees Russia)."""
    world, path = s400
    app = make_app(world, scenario_path=path, role="USA", seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the briefing
        assert isinstance(app.screen, screens.TurnScreen)
        await pilot.press("g")
        assert isinstance(app.screen, screens.StakesScreen)
        shown = text_of(app.screen.query_one("#stakes-text"))
        session = local_session(app)
        state = session.state
        stakes = view.ending_stakes(world, state)
        assert view.score_note(world, state) in shown
        assert "neutral until it is known" in shown  # no ending yet: the 50 is explained
        lines = shown.splitlines()
        for stake in stakes:
            title_line = next(line for line in lines if stake.title in line)
            assert f"{stake.score:3d} {stake.title}" in title_line
            assert title_line.lstrip().startswith("▶") == stake.chosen
            for clause in stake.clauses:
                assert any(clause.need in line and clause.now in line for line in lines)
        assert sum(line.lstrip().startswith("▶") for line in lines) == 1
        watched = view.watched_relations(world, state)
        third = [w for w in watched if w.third_party]
        assert third, "the US goals read how Turkey sees Russia"
        section = lines[lines.index("Relations your goals read") + 1 :]
        assert len(section) == len(watched)
        for relation in third:
            subject = relation.subject[:1].upper() + relation.subject[1:]
            line = next(line for line in section if subject in line)
            assert "(third party)" in line and relation.stance in line
        await pilot.press("escape")
        assert isinstance(app.screen, screens.TurnScreen)
        # Help says it too, in visible words, not only the status line's tooltip.
        assert any(view.score_note(world, state) in note for note in app.help_notes())


async def test_stakes_follow_the_position_after_a_turn(s400):
    """After a turn the stakes read the new position: a clause's "now" changes with it, and
    what the dialog shows is the engine's stakes of the session's state, not the start's."""
    world, path = s400
    app = make_app(world, scenario_path=path, role="TUR", seed=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "enter")  # briefing, then play the first option
        assert isinstance(app.screen, screens.ReportScreen)
        await pilot.press("enter")
        state = local_session(app).state
        assert state.turn == 2
        await pilot.press("g")
        shown = text_of(app.screen.query_one("#stakes-text"))
        for stake in view.ending_stakes(world, state):
            for clause in stake.clauses:
                assert f"{clause.need}: {clause.now}" in shown
        await pilot.press("g")
        assert isinstance(app.screen, screens.TurnScreen)
