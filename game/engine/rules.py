"""One turn of play, in a fixed and documented order.

``play_turn(world, state, option_id)`` is the whole rule book:

1. **Choices.** The player's option must be available. Every other actor that has options
   chooses through its AI (``ai.choose``, in actor order: ``ai.choose_all``), judging the
   state as the turn began, so all governments move simultaneously.
2. **Moves resolve** in scenario actor order. A move marks itself taken; one with ``delay``
   is set aside to land later; otherwise its ``chance`` is rolled and its ``effects`` (or
   ``otherwise``) apply. Relation changes propagate to the viewer's allies and enemies.
3. **Delayed moves** due this turn land (chance rolled now), in the order they were made.
4. **Events** are checked in scenario order: scripted ones on their turn, triggered ones when
   their condition holds; each rolls its ``chance`` and fires at most once unless ``once:
   false``.
5. **Decay.** Relations that nothing changed this turn drift toward their baseline.
6. **Endings.** After the last turn every ending is checked in order, the fallback last;
   after earlier turns only ``at: any`` endings are. The first that holds ends the game.
   Like events, endings see ``turn`` as the turn being played (``turns`` after the last one),
   so `turn == turns` in an ending means "at the end of the game".

Bounds hold at every step (each change is clamped). Everything random comes from the state's
own generator in a fixed order, so a seed and a list of choices replay a game exactly.
"""

from __future__ import annotations

from game.engine import ai
from game.engine.board import Board
from game.engine.position import Position
from game.engine.rng import next_float, seed_state
from game.engine.state import Cause, Choice, MoveOutcome, Pending, State, TurnReport
from game.engine.world import CompiledOption, World


class IllegalMove(ValueError):
    """The option cannot be taken now; ``available`` lists what can."""

    def __init__(self, message: str, available: tuple[str, ...]) -> None:
        super().__init__(message)
        self.available = available


class GameOver(ValueError):
    """A turn was asked of a game that has ended."""


def new_game(world: World, role: str, seed: int = 0) -> State:
    """The opening position of a game played as ``role``."""
    if role not in world.playable:
        raise ValueError(
            f"'{role}' is not a playable role; choose one of {', '.join(world.playable)}"
        )
    return State(
        role=role,
        seed=seed,
        turn=1,
        rel=world.initial_rel,
        stats=world.initial_stats,
        flags=frozenset(),
        taken=frozenset(),
        fired=frozenset(),
        pending=(),
        rng=seed_state(seed),
    )


def is_available(option: CompiledOption, actor: int, view: Position) -> bool:
    """Whether an actor may take an option in this position."""
    if option.model.once and (option.index, actor) in view.taken:
        return False
    return option.requires is None or bool(option.requires(view))


def available_options(world: World, view: Position, actor_id: str) -> tuple[CompiledOption, ...]:
    """The options an actor may take now, in scenario order."""
    actor = world.actor_index[actor_id]
    return tuple(o for o in world.actor_options[actor] if is_available(o, actor, view))


def play_turn(world: World, state: State, option_id: str | None, *, record: bool = True) -> State:
    """Play one turn with the player's choice; return the next state.

    ``option_id`` may be None only when the player has no available option. With
    ``record=False`` no report or change history is kept: the state is the same otherwise,
    and bulk simulations run several times faster.
    """
    if state.over:
        raise GameOver(f"the game has ended ({state.ending}); start a new one")
    player = world.actor_index[state.role]
    offered = available_options(world, state, state.role)
    if option_id is None:
        if offered:
            raise IllegalMove("choose one of the available options", tuple(o.id for o in offered))
        chosen: CompiledOption | None = None
    else:
        chosen = next((o for o in offered if o.id == option_id), None)
        if chosen is None:
            raise IllegalMove(_not_available(world, state, option_id), tuple(o.id for o in offered))

    board = Board(world, state, record=record)
    computer = [a for a in range(world.size) if a != player and world.actor_options[a]]
    picks, board.rng = ai.choose_all(world, state, computer, board.rng)
    decided = dict(zip(computer, picks, strict=True))
    decided[player] = chosen
    moves: list[tuple[int, CompiledOption | None]] = [
        (actor, decided[actor]) for actor in range(world.size) if actor in decided
    ]

    turn = state.turn
    pending = list(state.pending)
    choices = []
    for actor, option in moves:
        choices.append(_resolve_move(world, board, actor, option, turn, pending))

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
            turn, tuple(choices), tuple(landed), fired, tuple(board.changes or ()), ending
        )
        log = (*log, report)
    return State(
        role=state.role,
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
        choices=(*state.choices, option_id),
        log=log,
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


def _not_available(world: World, state: State, option_id: str) -> str:
    if option_id not in world.option_index:
        return f"there is no option '{option_id}' in this scenario"
    option = world.option(option_id)
    actor = world.actor_index[state.role]
    if state.role not in option.by:
        return f"'{option_id}' is not an option for {state.role}"
    if option.once and (world.option_index[option_id], actor) in state.taken:
        return f"'{option_id}' can be taken only once, and {state.role} has taken it"
    return f"'{option_id}' is not available now: it requires {option.requires}"
