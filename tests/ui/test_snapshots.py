"""Screenshots of every screen at 80x24 and 120x40, compared with the approved SVGs.

The frozen river scenario (tests/ui/data/river.yaml) and a fixed seed keep them
deterministic. After an intended change of the layout, regenerate with `make snapshots`
and look at the new SVGs before committing them. Each test's docstring says what a reviewer
should see in its picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import World
from game.ui.app import make_app

from .helpers import picker_details

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
TURNS = 5  # the river scenario's length
PLAY_ALL = ["enter"] + ["enter", "enter"] * TURNS  # briefing, then confirm and close each turn


def app_for(river: tuple[World, str], role: str | None = "NRL"):
    world, path = river
    return make_app(world, scenario_path=path, role=role, seed=1)


@pytest.mark.parametrize("size", SIZES)
def test_role_picker(snap_compare, river, size):
    """The role picker: Northland and Southland with their leaders under "Governments"
    (Northland, the default, highlighted), Northland's briefing and goals on the right, seed 1
    in the status bar and the keys in the footer (taken once the panel, mounted right after
    the first frame, is up)."""
    assert snap_compare(app_for(river, role=None), terminal_size=size, run_before=picker_details)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, river, size):
    """Northland's briefing: the river scenario's title and dates, the summary, "You:
    Northland", its goals, the classroom handout under "Where the facts come from", and
    "Press enter to begin" at the bottom."""
    assert snap_compare(app_for(river), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_turn_screen(snap_compare, river, size):
    """Turn 1 with option 2 (Hold firm) selected: relations (how each government sees you,
    how you see it, the stance in words beside each name, e.g. "cool", flat trend lines at
    mid height) and "The crisis begins on 1 May 2030" on the left, the three options on the
    right numbered 1-3 (the numbers they keep all game), and below them the selected
    option's description, the fact it rests on and the advisor's forecast; muted text
    (the column headings, "·" for no change) is grey, not white."""
    assert snap_compare(app_for(river), press=["enter", "2"], terminal_size=size)


def test_turn_screen_light_theme(snap_compare, river):
    """The second turn in the light theme: every panel, the stance colours and words of the
    relations, the ▲ change and the forecast's green and red amounts still readable on a
    light background."""
    assert snap_compare(app_for(river), press=["enter", "enter", "enter", "ctrl+t"])


@pytest.mark.parametrize("size", SIZES)
def test_turn_report(snap_compare, river, size):
    """The first turn's report in a box over the (already updated) turn-2 screen: "This
    turn, for you" with 3-6 bullets (the move and its outcome, the score, the goals that
    moved, the news), then a folded "▶ Every change, cause by cause (c)" and a "Continue
    (enter)" button: short, with no scroll bar. The box leaves the status line (top) and the
    last line free."""
    assert snap_compare(app_for(river), press=["enter", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_turn_report_unfolded(snap_compare, river, size):
    """The same report after `c`: below the summary, "▼ Every change, cause by cause (c)"
    opens on the news and every change under its cause with arrow, amount and before →
    after; at 80x24 the text scrolls inside the box, with one scroll bar."""
    assert snap_compare(app_for(river), press=["enter", "enter", "c"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_second_turn(snap_compare, river, size):
    """The second turn: news of the other governments' moves, a change since last turn (▲/▼)
    beside each relation, and trend lines with two points on a fixed scale (a 10-point move
    is a step of a block or two, not the full height)."""
    assert snap_compare(app_for(river), press=["enter", "enter", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_unavailable_option(snap_compare, river, size):
    """Turn 2 after accepting the council's talks (a once-only move): "3 ✗ Accept the
    council's talks - Already taken" keeps its number 3, in grey, fainter than options 1
    and 2; the Regional Council, pleased, reads "friendly" with ▲10."""
    press = ["enter", "3", "enter", "enter"]
    assert snap_compare(app_for(river), press=press, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_stakes(snap_compare, river, size):
    """The stakes (g) over turn 1: "Your score" with what it counts (the ending a neutral 50
    until it is known), the endings in the order the game tries them, each with its worth,
    a sign ("▶" would be chosen now, "✓" holds but comes later, "·" not yet) and each clause
    with ✓/✗ and where the position stands, then the relations Northland's goals read with
    their stance in words, and a "Back to the turn (enter)" button."""
    assert snap_compare(app_for(river), press=["enter", "g"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, river, size, monkeypatch):
    """Help over the turn screen: every key that works there with what it does, then notes
    on what the score counts (and that g shows the stakes), the seed, the mouse, the save
    folder (a fixed path) and the debrief."""
    # Help names the save folder, so it must be the same path on every run. Nothing is
    # written there: no turn is played before help is shown.
    monkeypatch.setenv("XDG_DATA_HOME", "/nonexistent/detente-snapshots")
    # The replay hint names the scenario as typed from the current folder: start where it is,
    # so the hint reads `detente play river.yaml ...` in every clone.
    monkeypatch.chdir(Path(river[1]).parent)
    assert snap_compare(app_for(river), press=["enter", "question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_end_screen(snap_compare, river, size):
    """After five turns: the ending's title and text, the score card per goal and for the
    ending, one line per decision with its date, a gap, and the decision, and each relation
    from its first to its last value with a trend line on a fixed scale; between the score
    card and the decisions, "Luck and judgment" says it is not available (a session with no
    analyses: `detente play` gives the app them)."""
    assert snap_compare(
        app_for(river), press=PLAY_ALL, terminal_size=size, run_before=_luck_worked_out
    )


async def _luck_worked_out(pilot) -> None:
    """The end screen works luck out in a worker: wait for it, so the picture is the same."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def analysed_app(river: tuple[World, str]):
    from game.report.tools import ReportTools

    world, path = river
    return make_app(
        world, scenario_path=path, role="NRL", seed=1, analyst=ReportTools(runs=40, turn_runs=10)
    )


@pytest.mark.parametrize("size", SIZES)
def test_end_screen_luck_panel(snap_compare, river, size):
    """After five turns, scrolled down a page: "Luck and judgment" under the score card, with
    "Judgment" and "Luck" as signed whole numbers and what each compares, the score, the
    median of the student's choices on 40 other dice (the middle 80%), random play's and the
    computer's medians on the same dice, and the decisions that mattered most."""
    assert snap_compare(
        analysed_app(river),
        press=[*PLAY_ALL, "pagedown"],
        terminal_size=size,
        run_before=_luck_worked_out,
    )


@pytest.mark.parametrize("size", SIZES)
def test_what_if_panel(snap_compare, river, size):
    """`w` on the end screen, turn 2 picked and its second move chosen: the turns on the
    left, that turn's moves on the right, and below, the two games side by side (ending,
    score, each government's view start → end), the turn they part on and why, and which
    later turns kept the student's own choices."""
    assert snap_compare(
        analysed_app(river),
        press=[*PLAY_ALL, "w", "down", "enter", "down", "enter"],
        terminal_size=size,
        run_before=_luck_worked_out,
    )


OFFER_TURN = ["enter", "1", "enter", "enter"]
"""Briefing, option 1 on turn 1, the report: with seed 0 Southland's offer is then open."""


@pytest.mark.parametrize("size", SIZES)
def test_turn_with_an_offer(snap_compare, river_offer, size):
    """Northland's turn 2 with Southland's offer open: the news panel leads with "Offer from
    Southland: Propose a shared water quota (until turn 3; press o to answer)", and the
    footer lists "o Offers"."""
    world, path = river_offer
    app = make_app(world, scenario_path=path, role="NRL", seed=0)
    assert snap_compare(app, press=OFFER_TURN, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_offers_dialog(snap_compare, river_offer, size):
    """The offers dialog (o) with the counter-proposal chosen (c): "▶ 1. Southland offers:
    Propose a shared water quota", to you, answer by turn 3, the terms, "Your answer: A quota
    for this summer only"; then each answer with its key (y, n, c), its score change in
    green or red and the numbers it moves; "◀ your answer" beside the counter; the footer
    lists y, n, c, x and 1-9."""
    world, path = river_offer
    app = make_app(world, scenario_path=path, role="NRL", seed=0)
    assert snap_compare(app, press=[*OFFER_TURN, "o", "c"], terminal_size=size)
