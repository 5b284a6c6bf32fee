"""What one seat may see: the rule, in one place, that the screens and the class server obey.

In a game with several seats each person must see only what their government would know:
the shared position, their own options and forecasts, the offers made to them or by them,
and the other seats' moves only once the turn has resolved. ``seat_view`` and
``seat_report`` give exactly that as plain, JSON-serialisable data, so the hot-seat screens
and the class server send the same thing and no screen decides what is secret.

Hidden from a seat: the random generator's state (it would foretell chance rolls and the
AIs' noise), the other seats' options, availability and forecasts, the other seats' delayed
moves still waiting to land (only their headline was news), and anything another seat has
chosen for the turn being played (``OpenTurn`` holds those apart from the position).
Secret moves (an option with `secret: true`): a seat learns of another government's secret
move only if it is named in the option's `reveal_to:`, or once `revealed_after:` turns have
passed (then it is news: ``TurnReport.revealed``). Until then the move is missing from the
seat's reports and from the other seats' choices and moves taken in its view; the numbers it
changed are public like every number on the board, so they stay in the report, caused by
"an undisclosed move" (``Cause`` kind ``hidden``, no source, no actor). The rules themselves
see everything (a condition reading `taken(...)` of a secret option holds for everyone),
and so does the debrief once the game is over.
Offers: a seat sees an open offer only if it made it (with every party's answer so far) or
must answer it (with its own answer only); the other seats learn of it in a report once it
is settled, and meanwhile see only the maker's move, as public as any other.
"""

from __future__ import annotations

from typing import Any

import attrs

from game.engine.offers import check_answers, offer_of
from game.engine.preview import Forecast, preview
from game.engine.rules import GameOver, available_options, check_choice, play_turn
from game.engine.scoring import score
from game.engine.serialize import board_dict, change_dict, choice_dict, report_dict
from game.engine.state import Cause, Choice, SeatError, State, TurnReport
from game.engine.world import World


@attrs.frozen
class OpenTurn:
    """A turn whose seats are still choosing: each seat's choice so far, apart from the state.

    Seats choose in any order and may change their mind until every seat has chosen; then
    ``play`` resolves the turn with all of them at once, so the moves stay simultaneous.
    """

    state: State
    chosen: tuple[tuple[str, str | None], ...] = ()
    """(seat, option) for each seat that has chosen, in the order they chose."""
    answered: tuple[tuple[str, str, str], ...] = ()
    """(seat, offer, answer) for each answer a seat has given this turn."""

    def answer(self, world: World, role: str, offer: str, answer: str) -> OpenTurn:
        """This turn with ``role``'s answer to an open offer recorded (a later answer to the
        same offer replaces it); IllegalAnswer for one it cannot give."""
        self.state.seat_index(role)
        check_answers(world, self.state, {role: {offer: answer}})
        kept = tuple(a for a in self.answered if a[:2] != (role, offer))
        return attrs.evolve(self, answered=(*kept, (role, offer, answer)))

    def withdraw(self, role: str, offer: str) -> OpenTurn:
        """This turn without ``role``'s answer to ``offer`` (left open, as if never given)."""
        return attrs.evolve(
            self, answered=tuple(a for a in self.answered if a[:2] != (role, offer))
        )

    def answers_of(self, role: str) -> dict[str, str]:
        """``role``'s answers this turn so far, per offer (for its own screens only)."""
        return {offer: answer for seat, offer, answer in self.answered if seat == role}

    def answers(self) -> dict[str, dict[str, str]]:
        """The answers given so far, as ``play_turn`` takes them."""
        given: dict[str, dict[str, str]] = {}
        for role, offer, answer in self.answered:
            given.setdefault(role, {})[offer] = answer
        return given

    def choose(self, world: World, role: str, option_id: str | None) -> OpenTurn:
        """This turn with ``role``'s choice recorded; SeatError for a role that is not a seat,
        IllegalMove for an option the seat may not take now, GameOver once the game ended."""
        if self.state.over:
            raise GameOver(f"the game has ended ({self.state.ending}); start a new one")
        self.state.seat_index(role)
        check_choice(world, self.state, role, option_id)
        kept = tuple((seat, option) for seat, option in self.chosen if seat != role)
        return attrs.evolve(self, chosen=(*kept, (role, option_id)))

    def choice_of(self, role: str) -> str | None:
        """The option ``role`` has chosen this turn (None if it chose to wait or not yet)."""
        return dict(self.chosen).get(role)

    def has_chosen(self, role: str) -> bool:
        return any(seat == role for seat, _ in self.chosen)

    @property
    def waiting(self) -> tuple[str, ...]:
        """The seats that have not chosen yet, in seat order."""
        return tuple(seat for seat in self.state.seats if not self.has_chosen(seat))

    @property
    def complete(self) -> bool:
        return not self.waiting

    def play(self, world: World, *, record: bool = True) -> State:
        """Resolve the turn with every seat's choice; SeatError while a seat has not chosen."""
        if self.waiting:
            raise SeatError(f"still waiting for {', '.join(self.waiting)} to choose")
        return play_turn(
            world, self.state, dict(self.chosen), answers=self.answers(), record=record
        )


def seat_view(
    world: World, state: State, role: str, *, open_turn: OpenTurn | None = None
) -> dict[str, Any]:
    """What ``role``'s seat may see of the position, as plain data.

    With ``open_turn`` (the turn being chosen), the view also says which seats have chosen,
    never what, and what this seat has chosen so far.
    """
    state.seat_index(role)
    if open_turn is not None and open_turn.state is not state:
        raise SeatError("the open turn is for another position")
    me = world.actor_index[role]
    card = score(world, state, role)
    view: dict[str, Any] = {
        "scenario": world.scenario.id,
        "role": role,
        "seats": list(state.seats),
        "turn": state.turn,
        "turns": world.scenario.turns,
        "over": state.over,
        "ending": state.ending,
        **_board_seen(world, state, role),
        "pending": [
            {"due": p.due, "option": world.options[p.option].id}
            for p in state.pending
            if p.actor == me
        ],
        "choices": {seat: _choices_seen(world, state, seat, role) for seat in state.seats},
        "score": {
            "total": card.total,
            "goals": {g.id: round(g.score, 2) for g in card.goals},
            "ending": card.ending_score,
        },
        "options": [] if state.over else _options(world, state, role),
        "offers": seat_offers(world, state, role),
    }
    if open_turn is not None:
        view["chosen"] = {seat: open_turn.has_chosen(seat) for seat in state.seats}
        if open_turn.has_chosen(role):
            view["my_choice"] = open_turn.choice_of(role)
    return view


def _options(world: World, state: State, role: str) -> list[dict[str, Any]]:
    """Every option of the seat's government: available ones with its own forecast."""
    offered = {o.id for o in available_options(world, state, role)}
    rows = []
    for option in world.options:
        if role not in option.by:
            continue
        row: dict[str, Any] = {"id": option.id, "label": option.label, "available": False}
        if option.id in offered:
            row["available"] = True
            row["forecast"] = forecast_dict(world, preview(world, state, option.id, role))
        rows.append(row)
    return rows


def seat_offers(world: World, state: State, role: str) -> dict[str, list[dict[str, Any]]]:
    """The open offers this seat is party to (``to_me``: its own answer so far, never the
    other parties') and those it made (``mine``: every party's answer so far): the
    ``offers`` of ``seat_view``, apart so a screen can ask for them without the forecasts."""
    me = world.actor_index[role]
    to_me = []
    mine = []
    for open_offer in state.offers:
        option = world.options[open_offer.option]
        offer = offer_of(world, open_offer)
        model = option.offer
        assert model is not None
        parties = [world.actor_ids[p] for p in offer.parties]
        row: dict[str, Any] = {
            "offer": option.id,
            "by": world.actor_ids[open_offer.actor],
            "to": parties,
            "label": option.label,
            "terms": model.terms,
            "made": open_offer.made,
            "last_turn": open_offer.made + offer.expires,
        }
        if me in offer.parties:
            answers: list[dict[str, str]] = [
                {"id": "accept", "label": "Accept"},
                {"id": "decline", "label": "Decline"},
            ]
            if model.counter is not None:
                answers.append({"id": "counter", "label": model.counter.label})
            row["answers"] = answers
            row["answered"] = open_offer.answers[offer.parties.index(me)]
            to_me.append(row)
        elif open_offer.actor == me:
            row["answered"] = dict(zip(parties, open_offer.answers, strict=True))
            mine.append(row)
    return {"to_me": to_me, "mine": mine}


def forecast_dict(world: World, forecast: Forecast) -> dict[str, Any]:
    """A forecast as plain data: expected change of each goal, and each branch's changes."""
    goals = world.goals[world.actor_index[forecast.actor]]
    return {
        "option": forecast.option,
        "delay": forecast.delay,
        "expected": {
            g.id: round(d, 2) for g, d in zip(goals, forecast.expected_goal_deltas, strict=True)
        },
        "outcomes": [
            {"probability": o.probability, "changes": [change_dict(c) for c in o.changes]}
            for o in forecast.outcomes
        ],
    }


def knows(world: World, role: str, choice: Choice, turns_since: int = 0) -> bool:
    """Whether ``role`` may know that ``choice`` was made, ``turns_since`` turns after the
    turn it was made on: every move but another government's secret one, which only the
    governments in its `reveal_to:` know, and everyone once `revealed_after:` has passed."""
    if choice.option is None or choice.actor == role:
        return True
    option = world.option(choice.option)
    if not option.secret or role in option.reveal_to:
        return True
    return option.revealed_after is not None and turns_since >= option.revealed_after


def seen_report(
    world: World, report: TurnReport, role: str, earlier: tuple[TurnReport, ...] = ()
) -> TurnReport:
    """A resolved turn as ``role`` may know it: the secret moves it may not know of left out
    of the moves, their changes caused by an undisclosed move; with ``earlier`` (the reports
    of the turns before), the secret moves revealed on this turn in ``revealed``."""
    hidden = {
        (c.option, c.actor) for c in (*report.choices, *report.landed) if not knows(world, role, c)
    }
    revealed = tuple(
        c
        for past in earlier
        for c in past.choices
        if not knows(world, role, c, report.turn - past.turn - 1)
        and knows(world, role, c, report.turn - past.turn)
    )
    if not hidden and not revealed:
        return report

    def cause(change_cause: Cause) -> Cause:
        if (change_cause.source, change_cause.actor) in hidden and change_cause.kind in (
            "option",
            "failure",
        ):
            return Cause("hidden", via=change_cause.via)
        return change_cause

    return attrs.evolve(
        report,
        choices=tuple(c for c in report.choices if (c.option, c.actor) not in hidden),
        landed=tuple(c for c in report.landed if (c.option, c.actor) not in hidden),
        changes=tuple(attrs.evolve(c, cause=cause(c.cause)) for c in report.changes),
        revealed=revealed,
    )


def _choices_seen(world: World, state: State, seat: str, role: str) -> list[str | None]:
    """A seat's choices so far as ``role`` may know them (None where a secret move is).

    The move at index ``k`` was made on turn ``k + 1``; the turns played since then, that
    one included, are ``state.turn - 1 - (k + 1)``: as in ``seen_report``, so a move shows
    in the view from the position after the report that revealed it."""
    now = state.turn
    return [
        option if option is None or knows(world, role, Choice(seat, option), now - 2 - k) else None
        for k, option in enumerate(state.choices_of(seat))
    ]


def _board_seen(world: World, state: State, role: str) -> dict[str, Any]:
    """The board as ``role`` may know it: the moves taken without others' secret ones.

    ``taken`` holds no turn, so a secret move stays out of it until it shows in the maker's
    choices as revealed (a computer government's, which has no choices list, stays out)."""
    board = board_dict(world, state)
    shown: set[tuple[str, str]] = set()
    for seat in state.seats:
        shown.update((o, seat) for o in _choices_seen(world, state, seat, role) if o)
    board["taken"] = [
        [option, actor]
        for option, actor in board["taken"]
        if knows(world, role, Choice(actor, option)) or (option, actor) in shown
    ]
    return board


def seat_report(world: World, report: TurnReport, role: str) -> dict[str, Any]:
    """What ``role``'s seat may see of a resolved turn: every move but the secret ones it
    may not know of (``seen_report``), with the seat's own move picked out."""
    if role not in world.actor_index:
        raise SeatError(f"'{role}' is not a government in this scenario")
    report = seen_report(world, report, role)
    mine = next((c for c in report.choices if c.actor == role), None)
    report = attrs.evolve(
        report,
        offers=tuple(
            news
            for news in report.offers
            if news.outcome not in ("made", "open") or role == news.actor or role in news.parties
        ),
    )
    data = report_dict(report)
    data["role"] = role
    data["mine"] = choice_dict(mine) if mine is not None else None
    return data
