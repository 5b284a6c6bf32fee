"""One turn of play, in a fixed and documented order.

``play_turn(world, state, {"TUR": option_id, "USA": None})`` is the whole rule book (a
one-seat game may pass its seat's option alone: ``play_turn(world, state, option_id)``):

1. **Choices.** Each seat's option must be available to that seat (None only where the seat
   has nothing available). Every other actor that has options chooses through its AI
   (``ai.choose``, in actor order: ``ai.choose_all``). Seats and AIs all judge the state as
   the turn began, so all governments move simultaneously: no seat's choice is seen by the
   AIs or by another seat, and the AIs' noise is drawn for the non-seat actors only, in
   actor order, exactly as in a one-seat game.
2. **Offers are answered** (``offers.py``): every offer made on an earlier turn and still
   open gets the answers of its parties, the seats' as passed in ``answers`` and the
   computer governments' worked out on the position as the turn began; in the order the
   offers were made, one that is declined, countered, accepted by all or out of time ends,
   and its effects land. Nothing random is drawn.
3. **Moves resolve** in scenario actor order, seats and AIs alike: a seat's move takes the
   place of its actor in that order (so which governments are seats never reorders a turn,
   and a one-seat game resolves exactly as it always did). A move marks itself taken; one
   with ``delay`` is set aside to land later; otherwise its ``chance`` is rolled and its
   ``effects`` (or ``otherwise``) apply. Relation changes propagate to the viewer's allies
   and enemies. A move that makes an offer opens it (answered from the next turn).
4. **Delayed moves** due this turn land (chance rolled now), in the order they were made.
5. **Events** are checked in scenario order: scripted ones on their turn, triggered ones when
   their condition holds; each rolls its ``chance`` and fires at most once unless ``once:
   false``.
6. **Decay.** Relations that nothing changed this turn drift toward their baseline.
7. **Endings.** After the last turn every ending is checked in order, the fallback last;
   after earlier turns only ``at: any`` endings are. The first that holds ends the game.
   Like events, endings see ``turn`` as the turn being played (``turns`` after the last one),
   so `turn == turns` in an ending means "at the end of the game".

Bounds hold at every step (each change is clamped). Everything random comes from the state's
own generator in a fixed order, so a seed and a list of choices replay a game exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine import ai, offers
from game.engine.board import Board
from game.engine.position import Position
from game.engine.rng import next_float, seed_state
from game.engine.state import (
    Cause,
    Choice,
    IllegalMove,
    MoveOutcome,
    OfferNews,
    OpenOffer,
    Pending,
    SeatError,
    State,
    TurnReport,
)
from game.engine.world import CompiledOption, World

SeatAnswers = offers.SeatAnswers


class GameOver(ValueError):
    """A turn was asked of a game that has ended."""


SeatChoices = Mapping[str, "str | None"]
"""One turn's choices: every seat's option (None where it has nothing available)."""


def new_game(
    world: World,
    role: str | None = None,
    seed: int = 0,
    *,
    seats: Sequence[str] | None = None,
) -> State:
    """The opening position of a game played as ``role``, or by several ``seats``.

    Seats are kept in scenario actor order, whatever order they are given in: that is the
    order their moves resolve in (``rules`` step 3) and the order of ``State.seats``.
    """
    if (role is None) == (seats is None):
        raise SeatError("give either one role or the seats of the game")
    named = (role,) if role is not None else tuple(seats or ())
    if not named:
        raise SeatError("a game needs at least one seat")
    for seat in named:
        if seat not in world.playable:
            raise ValueError(
                f"'{seat}' is not a playable role; choose one of {', '.join(world.playable)}"
            )
    if len(set(named)) != len(named):
        raise SeatError(f"a role can hold one seat only: {', '.join(named)}")
    ordered = tuple(a for a in world.actor_ids if a in named)
    return State(
        seats=ordered,
        seed=seed,
        turn=1,
        rel=world.initial_rel,
        stats=world.initial_stats,
        flags=frozenset(),
        taken=frozenset(),
        fired=frozenset(),
        pending=(),
        rng=seed_state(seed),
        moves=tuple(() for _ in ordered),
    )


def is_available(option: CompiledOption, actor: int, view: Position) -> bool:
    """Whether an actor may take an option in this position."""
    if option.model.once and (option.index, actor) in view.taken:
        return False
    return option.requires is None or bool(option.requires(view))


def available_options(world: World, state: State, actor_id: str) -> tuple[CompiledOption, ...]:
    """The options an actor may take now, in scenario order (an offer's option not while
    that offer is open)."""
    actor = world.actor_index[actor_id]
    found = tuple(o for o in world.actor_options[actor] if is_available(o, actor, state))
    if state.offers:
        making = {o.option for o in state.offers}
        found = tuple(o for o in found if o.index not in making)
    return found


def seat_choices(state: State, choice: str | SeatChoices | None) -> dict[str, str | None]:
    """A turn's choices as a mapping over exactly the game's seats.

    A bare option id (or None) is the one seat's choice of a one-seat game. SeatError for a
    bare choice in a game with several seats, a missing seat or a role that is not a seat.
    """
    if choice is None or isinstance(choice, str):
        return {state.role: choice}
    missing = [s for s in state.seats if s not in choice]
    extra = [r for r in choice if r not in state.seats]
    if extra:
        raise SeatError(
            f"{', '.join(map(str, extra))}: not a seat in this game "
            f"(seats: {', '.join(state.seats)})"
        )
    if missing:
        raise SeatError(f"no choice for {', '.join(missing)}: every seat chooses each turn")
    return {seat: choice[seat] for seat in state.seats}


def check_choice(
    world: World, state: State, role: str, option_id: str | None
) -> CompiledOption | None:
    """The option a seat chose, if it may take it now; IllegalMove (with what it may) if not."""
    offered = available_options(world, state, role)
    if option_id is None:
        if offered:
            raise IllegalMove(
                "choose one of the available options", tuple(o.id for o in offered), role
            )
        return None
    chosen = next((o for o in offered if o.id == option_id), None)
    if chosen is None:
        raise IllegalMove(
            _not_available(world, state, role, option_id), tuple(o.id for o in offered), role
        )
    return chosen


def play_turn(
    world: World,
    state: State,
    choice: str | SeatChoices | None,
    *,
    answers: SeatAnswers | None = None,
    record: bool = True,
) -> State:
    """Play one turn with every seat's choice; return the next state.

    ``choice`` maps each seat to its option (None only where that seat has no available
    option); a one-seat game may pass the option alone. ``answers`` gives the seats'
    answers to offers open to them (``{"TUR": {"usa_offer_f35": "accept"}}``); a seat may
    leave an offer unanswered until it expires. With ``record=False`` no report or change
    history is kept: the state is the same otherwise, and bulk simulations run several
    times faster.
    """
    if state.over:
        raise GameOver(f"the game has ended ({state.ending}); start a new one")
    by_seat = seat_choices(state, choice)
    decided: dict[int, CompiledOption | None] = {
        world.actor_index[seat]: check_choice(world, state, seat, option_id)
        for seat, option_id in by_seat.items()
    }
    given = offers.check_answers(world, state, answers)

    board = Board(world, state, record=record)
    computer = [a for a in range(world.size) if a not in decided and world.actor_options[a]]
    picks, board.rng = ai.choose_all(world, state, computer, board.rng)
    decided.update(zip(computer, picks, strict=True))
    moves: list[tuple[int, CompiledOption | None]] = [
        (actor, decided[actor]) for actor in range(world.size) if actor in decided
    ]

    turn = state.turn
    open_offers, offer_news = (
        offers.settle(world, board, state, given) if state.offers else ([], [])
    )
    pending = list(state.pending)
    choices = []
    for actor, option in moves:
        choices.append(_resolve_move(world, board, actor, option, turn, pending))
        if option is not None and option.offer is not None:
            open_offers.append(
                OpenOffer(option.index, actor, turn, (None,) * len(option.offer.parties))
            )
            offer_news.append(
                OfferNews(
                    option.id,
                    world.actor_ids[actor],
                    tuple(world.actor_ids[p] for p in option.offer.parties),
                    "made",
                )
            )

    landed = []
    for delayed in [p for p in pending if p.due == turn]:
        option = world.bound(delayed.option, delayed.actor)
        outcome = _land(world, board, delayed.actor, option, delayed=True)
        landed.append(Choice(world.actor_ids[delayed.actor], option.id, outcome))
    pending = [p for p in pending if p.due > turn]

    fired = _fire_events(world, board, turn)
    board.decay()
    ending = _ending(world, board, turn)  # endings see `turn` as the turn just played
    board.turn = turn + 1

    log = state.log
    if record:
        report = TurnReport(
            turn,
            tuple(choices),
            tuple(landed),
            fired,
            tuple(board.changes or ()),
            ending,
            tuple(offer_news),
        )
        log = (*log, report)
    moves_so_far = state.moves or tuple(() for _ in state.seats)
    return State(
        seats=state.seats,
        seed=state.seed,
        turn=turn + 1,
        rel=tuple(board.rel),
        stats=tuple(board.stats),
        flags=frozenset(board.flags),
        taken=frozenset(board.taken),
        fired=frozenset(board.fired),
        pending=tuple(pending),
        rng=board.rng,
        ending=ending,
        moves=tuple(
            (*past, by_seat[seat]) for seat, past in zip(state.seats, moves_so_far, strict=True)
        ),
        log=log,
        offers=tuple(open_offers),
        answers=(*state.answers, *given),
    )


def _resolve_move(
    world: World,
    board: Board,
    actor: int,
    option: CompiledOption | None,
    turn: int,
    pending: list[Pending],
) -> Choice:
    actor_id = world.actor_ids[actor]
    if option is None:
        return Choice(actor_id, None, "none")
    board.taken.add((option.index, actor))
    if option.model.delay:
        pending.append(Pending(turn + option.model.delay, option.index, actor))
        return Choice(actor_id, option.id, "pending")
    return Choice(actor_id, option.id, _land(world, board, actor, option, delayed=False))


def _land(
    world: World, board: Board, actor: int, option: CompiledOption, *, delayed: bool
) -> MoveOutcome:
    """Roll the move's chance and apply its effects or its `otherwise`."""
    success = True
    if option.model.chance < 1:
        roll, board.rng = next_float(board.rng)
        success = roll < option.model.chance
    actor_id = world.actor_ids[actor]
    if success:
        board.apply(option.effects, Cause("option", option.id, actor_id, delayed=delayed))
        return "success"
    board.apply(option.otherwise, Cause("failure", option.id, actor_id, delayed=delayed))
    return "failure"


def _fire_events(world: World, board: Board, turn: int) -> tuple[str, ...]:
    fired = []
    for event in world.events:
        model = event.model
        if model.once and event.index in board.fired:
            continue
        due = (
            model.turn == turn if model.turn is not None else bool(event.when and event.when(board))
        )
        if not due:
            continue
        if model.chance < 1:
            roll, board.rng = next_float(board.rng)
            if roll >= model.chance:
                continue
        board.fired.add(event.index)
        board.apply(event.effects, Cause("event", event.id))
        fired.append(event.id)
    return tuple(fired)


def _ending(world: World, board: Board, turn: int) -> str | None:
    final = turn >= world.scenario.turns
    fallback = None
    for ending in world.endings:
        if ending.when is None:
            fallback = ending.id
        elif (final or ending.model.at == "any") and ending.when(board):
            return ending.id
    return fallback if final else None


def _not_available(world: World, state: State, role: str, option_id: str) -> str:
    if option_id not in world.option_index:
        return f"there is no option '{option_id}' in this scenario"
    option = world.option(option_id)
    actor = world.actor_index[role]
    if role not in option.by:
        return f"'{option_id}' is not an option for {role}"
    if option.once and (world.option_index[option_id], actor) in state.taken:
        return f"'{option_id}' can be taken only once, and {role} has taken it"
    return f"'{option_id}' is not available now: it requires {option.requires}"
