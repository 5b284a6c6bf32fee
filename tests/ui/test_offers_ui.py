"""Offers on screen: the seat reads an offer's terms and answers it by keys, and the game
played is the one `detente run --answer` plays with the same answers.

On the starter (`detente new`), where Southland may propose a shared water quota to
Northland (with a counter-proposal): with seed 0 the computer's Southland makes it on turn 1,
so Northland's turn 2 shows it.
"""

from __future__ import annotations

import json

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from game.cli import load_world, main
from game.engine import World
from game.sim.run import RunRequest, run_game
from game.ui.app import DetenteApp, make_app
from game.ui.screens.briefing import BriefingScreen
from game.ui.screens.end import EndScreen
from game.ui.screens.offers import OffersScreen
from game.ui.screens.report import ReportScreen
from game.ui.screens.turn import TurnScreen
from game.ui.seam import MoveRefused
from tests.ui.helpers import local_session

SEED = 0
"""A seed on which the computer's Southland proposes the quota on turn 1."""

KEYS = {"accept": "y", "decline": "n", "counter": "c"}


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, str]:
    path = tmp_path_factory.mktemp("offers-ui") / "river.yaml"
    assert main(["new", str(path)]) == 0
    world, _ = load_world(str(path))
    return world, str(path)


def screen_text(app: DetenteApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def play_one_seat(pilot: Pilot, answer: str) -> list[tuple[int, str]]:
    """Play Northland to the end by keys: option 1 every turn, and ``answer`` by its key to
    every offer put to it. Returns (turn, offer) for each offer answered."""
    app = pilot.app
    assert isinstance(app, DetenteApp)
    await pilot.pause()
    if isinstance(app.screen, BriefingScreen):
        await pilot.press("enter")
    answered = []
    while not isinstance(app.screen, EndScreen):
        screen = app.screen
        if isinstance(screen, ReportScreen):
            await pilot.press("enter")
            continue
        assert isinstance(screen, TurnScreen) and screen.view is not None
        for offer in screen.view.offers:
            await pilot.press("o")
            assert isinstance(app.screen, OffersScreen)
            await pilot.press(KEYS[answer])
            await pilot.press("enter")
            assert isinstance(app.screen, TurnScreen)
            answered.append((screen.view.turn, offer.id))
        await pilot.press("1", "enter")
        await pilot.pause()
    return answered


@pytest.mark.parametrize("answer", ["accept", "decline"])
async def test_an_offer_answered_by_keys_is_the_game_detente_run_answer_plays(
    starter: tuple[World, str], answer: str
) -> None:
    """The computer offers, the player answers by keys: ending, score, choices and the
    offer's outcome equal `detente run --as NRL --answer TURN:OFFER=ANSWER`."""
    world, path = starter
    app = make_app(world, scenario_path=path, role="NRL", seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        answered = await play_one_seat(pilot, answer)
        state = local_session(app).state
        end_text = screen_text(app)
    assert answered == [(2, "propose_quota")]
    assert [(a.turn, a.offer, a.answer) for a in state.answers] == [(2, "propose_quota", answer)]

    outcome = run_game(
        RunRequest(
            path,
            role="NRL",
            seed=SEED,
            choose=",".join(c or "-" for c in state.choices),
            answer=(f"2:propose_quota={answer}",),
            json=True,
        ),
        lambda _: None,
    )
    assert not outcome.failed
    data = json.loads(outcome.output)
    assert data["ending"] == state.ending
    assert data["score"]["total"] == local_session(app).debrief().total
    settled = {"accept": "accepted", "decline": "declined"}[answer]
    news = [(t["turn"], n["outcome"]) for t in data["turns"] for n in t.get("offers", [])]
    assert (2, settled) in news
    assert [(r.turn, n.outcome) for r in state.log for n in r.offers] == news
    # The end screen lists the offer and how it went.
    verb = {"accept": "is accepted by Northland", "decline": "is declined by Northland"}
    assert f"Turn 2: Southland's offer (Propose a shared water quota) {verb[answer]}" in end_text


async def test_the_offer_shows_terms_answers_and_forecast_and_an_answer_can_be_taken_back(
    starter: tuple[World, str],
) -> None:
    """The dialog shows the terms, each answer with its key and effects, and the answer
    given; `x` takes it back; the news on the turn screen says the answer given."""
    world, path = starter
    app = make_app(world, scenario_path=path, role="NRL", seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the briefing
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)  # the report of turn 1 leads with it
        assert "Offer to you from Southland: Propose a shared water quota" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TurnScreen) and screen.view is not None
        assert "press o to answer" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        text = screen_text(app)
        assert "Southland offers: Propose a shared water quota" in text
        assert "The dam lets half the river's summer flow through to Southland." in text
        assert "A quota for this summer only" in text
        assert "+10 your view of Southland" in text  # what accepting does, in words
        await pilot.press("c")
        await pilot.pause()
        assert "A quota for this summer only ◀ your answer" in screen_text(app)
        session = local_session(app)
        assert session.answers == {"propose_quota": "counter"}
        await pilot.press("x")
        assert session.answers == {}
        await pilot.press("y", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        assert "your answer: Accept" in screen_text(app)


def test_an_answer_to_no_open_offer_is_refused(starter: tuple[World, str]) -> None:
    """The session refuses an offer that is not open to the seat, or an answer it lacks."""
    from game.ui.session import LocalSession

    world, path = starter
    session = LocalSession.new(world, "NRL", SEED, path)
    with pytest.raises(MoveRefused, match="no longer open"):
        session.answer("propose_quota", "accept")
    session.play(session.turn_view().options[0].id)
    with pytest.raises(MoveRefused, match="not an answer"):
        session.answer("propose_quota", "maybe")


async def test_no_offer_no_o_key(starter: tuple[World, str]) -> None:
    """Without an offer to answer, `o` is off (not in the footer) and does nothing."""
    world, path = starter
    app = make_app(world, scenario_path=path, role="NRL", seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        assert app.screen.check_action("offers", ()) is False
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)


SEATS = ("NRL", "STH")


async def hand_over(pilot: Pilot, role: str) -> None:
    """Press enter on the hand-over to ``role`` (and on its briefing on turn 1)."""
    from game.ui.screens.handover import HandoverScreen

    app = pilot.app
    assert isinstance(app, DetenteApp)
    assert isinstance(app.screen, HandoverScreen)
    assert app.screen.seat_name == app.world.actor(role).name
    await pilot.press("enter")
    if isinstance(app.screen, BriefingScreen):
        await pilot.press("enter")


async def choose(pilot: Pilot, option: str | None = None) -> None:
    """On a seat's turn screen, select ``option`` (or the first available) and confirm."""
    screen = pilot.app.screen
    assert isinstance(screen, TurnScreen)
    row = next(r for r in screen.rows if r.available and option in (None, r.id))
    await pilot.press(str(row.number), "enter")
    await pilot.pause()


async def test_hotseat_one_seat_offers_the_other_answers_by_keys(
    starter: tuple[World, str],
) -> None:
    """Southland offers on turn 1, Northland accepts by keys on turn 2: the game equals
    `detente run --seats NRL,STH --answer NRL=2:propose_quota=accept`; the hand-over and
    Southland's own screen never show Northland's answer before the turn is played."""
    from game.ui.screens.handover import HandoverScreen, SeatsEndScreen

    world, path = starter
    app = make_app(world, scenario_path=path, seats=SEATS, seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        game = app.hotseat
        assert game is not None
        await hand_over(pilot, "NRL")
        await choose(pilot)
        await hand_over(pilot, "STH")
        await choose(pilot, "propose_quota")
        for role in SEATS:  # the reports of turn 1
            await hand_over(pilot, role)
            await pilot.press("enter")
        await hand_over(pilot, "NRL")
        screen = app.screen
        assert isinstance(screen, TurnScreen) and screen.view is not None
        assert [o.id for o in screen.view.offers] == ["propose_quota"]
        await pilot.press("o", "y", "enter")
        assert "your answer: Accept" in screen_text(app)
        await choose(pilot)
        assert isinstance(app.screen, HandoverScreen)
        handover_text = screen_text(app)
        await hand_over(pilot, "STH")
        sth_text = screen_text(app)
        sth_view = app.screen.view  # type: ignore[attr-defined]
        assert sth_view.offers_made[0].replies == (("Northland", "no answer yet"),)
        for text in (handover_text, sth_text):
            assert "Accept" not in text and "accepts" not in text
        await choose(pilot)
        while not isinstance(app.screen, SeatsEndScreen):
            if isinstance(app.screen, HandoverScreen):
                await pilot.press("enter")
                if isinstance(app.screen, BriefingScreen):
                    await pilot.press("enter")
            elif isinstance(app.screen, ReportScreen):
                await pilot.press("enter")
            else:
                await choose(pilot)
            await pilot.pause()
        state = game.state

    assert [(a.turn, a.role, a.offer, a.answer) for a in state.answers] == [
        (2, "NRL", "propose_quota", "accept")
    ]
    outcome = run_game(
        RunRequest(
            path,
            seed=SEED,
            seats=",".join(SEATS),
            seat_choose=tuple(
                f"{s}={','.join(c or '-' for c in state.choices_of(s))}" for s in SEATS
            ),
            answer=("NRL=2:propose_quota=accept",),
            json=True,
        ),
        lambda _: None,
    )
    assert not outcome.failed
    data = json.loads(outcome.output)
    assert data["ending"] == state.ending
    for role in SEATS:
        assert data["seats"][role]["choices"] == list(state.choices_of(role))
    news = [(t["turn"], n["outcome"]) for t in data["turns"] for n in t.get("offers", [])]
    assert news == [(r.turn, n.outcome) for r in state.log for n in r.offers]
    assert (2, "accepted") in news
