"""States as plain, id-keyed data, for saves and JSON output. Pure: no files here.

Indexes are an implementation detail of one compiled ``World``; what is written down uses
ids (``"RUS->TUR": -35``) so a save is readable and survives reordering of the scenario.
"""

from __future__ import annotations

from typing import Any

from game.engine.state import Change, Choice, OfferNews, State, TurnReport
from game.engine.world import World


def board_dict(world: World, state: State) -> dict[str, Any]:
    """What every seat may see of a position, id-keyed: relations, stats, flags, the moves
    taken and the events fired (a save's snapshot and a seat's view both hold it)."""
    ids = world.actor_ids
    n = world.size
    return {
        "relations": {
            f"{ids[i // n]}->{ids[i % n]}": value
            for i, value in enumerate(state.rel)
            if i // n != i % n
        },
        "stats": {
            f"{a}.{s}": value for (a, s), value in zip(world.stat_keys, state.stats, strict=True)
        },
        "flags": sorted(state.flags),
        "taken": sorted([world.options[o].id, ids[a]] for o, a in state.taken),
        "fired": sorted(world.events[e].id for e in state.fired),
    }


def snapshot(world: World, state: State) -> dict[str, Any]:
    """The position as id-keyed data (without the per-turn log).

    A one-seat game is written as it always was (``role``, ``choices`` as a list), so old
    saves compare equal to a replay; a game with several seats has ``seats`` and ``choices``
    per role instead.
    """
    ids = world.actor_ids
    seats: dict[str, Any] = (
        {"seats": list(state.seats)} if state.multi_seat else {"role": state.role}
    )
    return {
        **seats,
        "seed": state.seed,
        "turn": state.turn,
        "ending": state.ending,
        **board_dict(world, state),
        "pending": [
            {"due": p.due, "option": world.options[p.option].id, "actor": ids[p.actor]}
            for p in state.pending
        ],
        "rng": state.rng,
        "choices": choices_data(state),
        **offers_data(world, state),
    }


def offers_data(world: World, state: State) -> dict[str, Any]:
    """Open offers and the seats' answers, for a snapshot: nothing at all for a game that
    has had neither, so a save without offers is written as it always was."""
    data: dict[str, Any] = {}
    if state.offers:
        ids = world.actor_ids
        data["offers"] = [
            {
                "option": world.options[o.option].id,
                "actor": ids[o.actor],
                "made": o.made,
                "answers": list(o.answers),
            }
            for o in state.offers
        ]
    if state.answers:
        data["answers"] = [[a.turn, a.role, a.offer, a.answer] for a in state.answers]
    return data


def choices_data(state: State) -> list[str | None] | dict[str, list[str | None]]:
    """The seats' choices: a list for a one-seat game, a list per role for several."""
    if not state.multi_seat:
        return list(state.choices)
    return {seat: list(state.choices_of(seat)) for seat in state.seats}


def change_dict(change: Change) -> dict[str, Any]:
    cause = change.cause
    data: dict[str, Any] = {
        "kind": change.kind,
        "subject": "->".join(change.subject)
        if change.kind == "rel"
        else ".".join(change.subject).lstrip("."),
        "before": change.before,
        "after": change.after,
        "cause": {"kind": cause.kind, "source": cause.source, "actor": cause.actor},
    }
    if cause.via:
        data["cause"]["via"] = cause.via
    if cause.delayed:
        data["cause"]["delayed"] = True
    return data


def choice_dict(choice: Choice) -> dict[str, Any]:
    return {"actor": choice.actor, "option": choice.option, "outcome": choice.outcome}


def offer_news_dict(news: OfferNews) -> dict[str, Any]:
    return {
        "offer": news.option,
        "by": news.actor,
        "to": list(news.parties),
        "outcome": news.outcome,
        "answers": {
            party: (news.answers[k] or None) if k < len(news.answers) else None
            for k, party in enumerate(news.parties)
        },
    }


def report_dict(report: TurnReport) -> dict[str, Any]:
    """A turn's report as plain data (``offers`` only on a turn that had offer news, so a
    report without offers reads as it always did)."""
    data = {
        "turn": report.turn,
        "choices": [choice_dict(c) for c in report.choices],
        "landed": [choice_dict(c) for c in report.landed],
        "events": list(report.events),
        "changes": [change_dict(c) for c in report.changes],
        "ending": report.ending,
    }
    if report.revealed:
        data["revealed"] = [choice_dict(c) for c in report.revealed]
    if report.offers:
        data["offers"] = [offer_news_dict(n) for n in report.offers]
    return data
