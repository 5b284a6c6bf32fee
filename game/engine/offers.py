"""Offers: terms one government puts to others, who answer on their following turns.

An offer is made by taking an option with an `offer:` (its own effects land at once, like
any move's). From the next turn its parties answer: a seat by the answers passed to
``play_turn``, a computer government on the first turn it sees the offer, by valuing each
answer's effects for its own goals exactly as it values its options (``move_value``: what
the advisor would forecast), without noise, so answering draws nothing from the generator
and a scenario without offers plays as it always did. It declines unless accepting (or
countering) is worth strictly more than declining.

How an offer ends, checked after the turn's answers, in the order offers were made:
one decline ends it ``declined``; else one counter ends it ``countered``; else every
party's accept ends it ``accepted``; else, once `expires` turns have passed since it was
made, it ``expired``. The effects of the end land then, caused by the offer (``Cause``
kind ``accepted`` and so on, the maker as actor). An offer is open until then, and the
option that makes it cannot be taken again (by anyone) while it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from game.engine.board import Board
from game.engine.preview import Forecast, Outcome, effects_outcome
from game.engine.state import Answer, Cause, CauseKind, IllegalMove, OfferNews, OpenOffer, State
from game.engine.valuation import goal_terms, move_value
from game.engine.world import CompiledOffer, World

SeatAnswers = Mapping[str, Mapping[str, str]]
"""One turn's answers: per seat, per open offer (named by the option that made it), its
answer (``accept``, ``decline`` or ``counter``)."""


class IllegalAnswer(IllegalMove):
    """An answer that cannot be given now: to no open offer of this seat's, already given,
    or not one of the offer's answers. ``available`` lists the answers (or offers) it may."""


def offer_of(world: World, open_offer: OpenOffer) -> CompiledOffer:
    """The compiled offer an open offer was made with (as its maker made it)."""
    offer = world.bound(open_offer.option, open_offer.actor).offer
    assert offer is not None  # only an option with an offer opens one
    return offer


def open_to(world: World, state: State, role: str) -> tuple[OpenOffer, ...]:
    """The open offers a role is a party to and has not answered yet, oldest first."""
    actor = world.actor_index[role]
    waiting = []
    for open_offer in state.offers:
        parties = offer_of(world, open_offer).parties
        if actor in parties and open_offer.answers[parties.index(actor)] is None:
            waiting.append(open_offer)
    return tuple(waiting)


def offers_to_answer(world: World, state: State, role: str) -> dict[str, tuple[str, ...]]:
    """The open offers a role has still to answer, each with the answers it may give."""
    return {
        world.options[o.option].id: offer_of(world, o).answers for o in open_to(world, state, role)
    }


def ai_answer(world: World, state: State, role: str, offer_id: str) -> str:
    """What the computer would answer for ``role`` to an open offer (for a seat played by
    a policy, or an advisor)."""
    for open_offer in open_to(world, state, role):
        if world.options[open_offer.option].id == offer_id:
            return computer_answer(
                world, state, world.actor_index[role], offer_of(world, open_offer)
            )
    raise IllegalAnswer(f"{role} has no open offer '{offer_id}' to answer", (), role)


def preview_answer(world: World, state: State, role: str, offer_id: str, answer: str) -> Forecast:
    """What ``role``'s answer to an open offer would do if the offer ended with it, for the
    advisor: the effects of that end (``on_accept`` and so on) on a scratch copy of the
    position, and how ``role``'s goals would fare. Like an option's forecast it does not
    foresee the other parties' answers: an accept lands only once every party accepts."""
    for open_offer in open_to(world, state, role):
        if world.options[open_offer.option].id != offer_id:
            continue
        offer = offer_of(world, open_offer)
        if answer not in offer.answers:
            raise IllegalAnswer(
                f"'{answer}' is not an answer to '{offer_id}'; answer "
                + " or ".join(offer.answers),
                offer.answers,
                role,
            )
        cause = Cause(_KIND_OF[answer], offer_id, world.actor_ids[open_offer.actor])
        ops = offer.outcomes[offer.answers.index(answer)]
        outcome: Outcome = effects_outcome(world, state, world.actor_index[role], ops, cause)
        return Forecast(offer_id, role, 0, (outcome,))
    raise IllegalAnswer(f"{role} has no open offer '{offer_id}' to answer", (), role)


def check_answers(world: World, state: State, answers: SeatAnswers | None) -> list[Answer]:
    """The seats' answers this turn, in seat order; IllegalAnswer for any that cannot be
    given (a role that is not a seat, an offer not open to it, an answer it does not have)."""
    if not answers:
        return []
    given = []
    for role in answers:
        if role not in state.seats:
            raise IllegalAnswer(
                f"{role} is not a seat in this game and cannot answer offers",
                state.seats,
                role,
            )
    for role in state.seats:
        waiting = {world.options[o.option].id: o for o in open_to(world, state, role)}
        for offer_id, answer in answers.get(role, {}).items():
            open_offer = waiting.get(offer_id)
            if open_offer is None:
                raise IllegalAnswer(
                    f"{role} has no open offer '{offer_id}' to answer"
                    + (f" (open to it: {', '.join(waiting)})" if waiting else ""),
                    tuple(waiting),
                    role,
                )
            choices = offer_of(world, open_offer).answers
            if answer not in choices:
                raise IllegalAnswer(
                    f"'{answer}' is not an answer to '{offer_id}'; answer " + " or ".join(choices),
                    choices,
                    role,
                )
            given.append(Answer(state.turn, role, offer_id, answer))
    return given


def computer_answer(world: World, state: State, actor: int, offer: CompiledOffer) -> str:
    """What a computer government answers: the answer whose effects its goals value most,
    declining unless another is worth strictly more (all judged as the turn began)."""
    terms = goal_terms(world, state, actor)
    before = 0.0
    for term in terms:  # goal_total's sum, in its order
        before += term
    decline = offer.answers.index("decline")
    best = "decline"
    best_value = move_value(world, state, actor, offer.moves[decline], before, terms)
    for answer, move in zip(offer.answers, offer.moves, strict=True):
        if answer == "decline":
            continue
        value = move_value(world, state, actor, move, before, terms)
        if value > best_value:
            best, best_value = answer, value
    return best


def settle(
    world: World, board: Board, state: State, given: list[Answer]
) -> tuple[list[OpenOffer], list[OfferNews]]:
    """Record this turn's answers (the seats' given, the computer's worked out), end every
    offer they or the clock settle, and land its effects. Returns the offers still open and
    the news of the offers answered or settled."""
    seats = {world.actor_index[seat] for seat in state.seats}
    by_seat = {(a.role, a.offer): a.answer for a in given}
    still_open: list[OpenOffer] = []
    news: list[OfferNews] = []
    ids = world.actor_ids
    for open_offer in state.offers:
        offer = offer_of(world, open_offer)
        option_id = world.options[open_offer.option].id
        answers = list(open_offer.answers)
        answered = False
        for k, party in enumerate(offer.parties):
            if answers[k] is not None:
                continue
            if party in seats:
                answers[k] = by_seat.get((ids[party], option_id))
            else:
                answers[k] = computer_answer(world, state, party, offer)
            answered = answered or answers[k] is not None
        outcome = _outcome(answers, state.turn >= open_offer.made + offer.expires)
        parties = tuple(ids[p] for p in offer.parties)
        shown = tuple(a or "" for a in answers)
        maker = ids[open_offer.actor]
        if outcome == "open":
            still_open.append(
                OpenOffer(open_offer.option, open_offer.actor, open_offer.made, tuple(answers))
            )
            if answered:
                news.append(OfferNews(option_id, maker, parties, "open", shown))
            continue
        if outcome == "expired":
            effects = offer.expired
        else:
            effects = offer.outcomes[offer.answers.index(_ANSWER_OF[outcome])]
        board.apply(effects, Cause(outcome, option_id, maker))
        news.append(OfferNews(option_id, maker, parties, outcome, shown))
    return still_open, news


Settled = Literal["accepted", "declined", "countered", "expired"]
"""How an offer can end."""

_ANSWER_OF = {"accepted": "accept", "declined": "decline", "countered": "counter"}
_KIND_OF: dict[str, CauseKind] = {
    "accept": "accepted",
    "decline": "declined",
    "counter": "countered",
}


def _outcome(answers: list[str | None], out_of_time: bool) -> Settled | Literal["open"]:
    """How an offer stands after its answers: one refusal or counter settles it first."""
    if "decline" in answers:
        return "declined"
    if "counter" in answers:
        return "countered"
    if all(answer == "accept" for answer in answers):
        return "accepted"
    return "expired" if out_of_time else "open"
