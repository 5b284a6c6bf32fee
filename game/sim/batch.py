"""Thousands of playthroughs at once: the engine's rules run on numpy tables, turn by turn.

``play_batch`` plays one role's games for a list of seeds together. Each step plays one turn
of every game still going, in the order ``rules.play_turn`` documents: the player's policy and
the AI choose on the position as the turn began, open offers are answered and settled, moves
resolve in actor order, delayed moves land, events fire, relations decay, endings are
checked. Every game keeps its own generator state and draws exactly when the scalar engine
would, and sums are added in the engine's order, so a batch reproduces
``simulate.play_runs`` bit for bit: same choices, endings, scores and relations for every
seed. ``tests/sim/test_batch.py`` holds it to that.

What a batch cannot reproduce exactly it declares up front, before a game is played
(``fallback``: a named reason): the caller plays those runs on the scalar engine and says
why. That covers the ``least-used`` policy, whose choice in one run depends on the runs
before it, and scenarios whose numbers could overflow int64 or leave the range where float64
is exact. Anything that goes wrong inside a batch after that is a bug, and is raised.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np

from game.engine import World
from game.engine.kernel import NEUTRAL_ENDING_SCORE, ordered_sum
from game.sim import vector_rng
from game.sim.batch_ai import available, choose, computer_answers, goal_term, ordered_total
from game.sim.batch_board import ALL, Columns, Games, Rules, apply, decay
from game.sim.batch_world import BatchWorld
from game.sim.policy_names import DEPENDS_ON_EARLIER_RUNS, POLICY_NAMES
from game.sim.runs import Run
from game.sim.vector_expr import Unsupported


@attrs.frozen
class Fallback:
    """Why the batch engine will not play a simulation, declared before it starts.

    Attributes:
        reason: A short name for the kind of refusal: ``seats`` (games of several seats),
            ``policy`` (one whose runs depend on earlier runs), ``int64-overflow``,
            ``exactness`` (numbers beyond float64's exact range), ``no-fallback-ending``,
            ``conditional-effects`` (effects with `if:`).
        detail: What in this scenario or command caused it, in a sentence.
    """

    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.detail} ({self.reason})"


def batch_world(world: World) -> BatchWorld:
    """The batch form of a world, built once per World; raises ``Unsupported``."""
    built = world.derived("batch", _build)
    if isinstance(built, Unsupported):
        raise built
    return built


def _build(world: World) -> BatchWorld | Unsupported:
    try:
        return BatchWorld.build(world)
    except Unsupported as refusal:
        return refusal  # kept, so the refusal is not worked out again


def fallback(world: World, policy: str, seats: int = 1) -> Fallback | None:
    """Why a batch cannot play this scenario with this policy (and number of seats in a
    game), or None if it can."""
    if seats > 1:
        return Fallback("seats", f"the batch engine plays one seat per game, not {seats} (--seats)")
    if policy in DEPENDS_ON_EARLIER_RUNS:
        return Fallback("policy", f"the {policy} policy's choices depend on earlier runs")
    if policy not in POLICY_NAMES:
        return Fallback("policy", f"no such policy: {policy}")
    try:
        batch_world(world)
    except Unsupported as refusal:
        return Fallback(refusal.reason, str(refusal))
    return None


@attrs.frozen
class Final:
    """A game's last position, for checking a batch against the scalar engine."""

    turn: int
    rel: tuple[int, ...]
    stats: tuple[int, ...]
    flags: frozenset[str]
    taken: frozenset[tuple[int, int]]
    fired: frozenset[int]
    rng: int


@attrs.define
class _Record:
    """What the batch writes down per game (indexed by the caller's game number)."""

    ending: np.ndarray
    score: np.ndarray
    played: np.ndarray
    choices: np.ndarray
    relations: np.ndarray
    taken: np.ndarray
    finals: list[Final | None]


Chooser = Callable[[BatchWorld, Rules, Games, int], np.ndarray]
"""A player for the batch: (batch world, rules, games at the turn's start, player index) ->
the player's option position per game (-1 where none is offered). It must not draw from
``games.rng``, the games' own dice (the lookahead player, ``lookahead``, is one)."""


def play_batch(
    world: World,
    role: str,
    seeds: list[int],
    policy: str,
    *,
    finals: bool = False,
    chooser: Chooser | None = None,
    script: tuple[str | None, ...] | None = None,
    scripts: list[tuple[str | None, ...]] | None = None,
) -> tuple[list[Run], list[Final | None]]:
    """Play one game per seed as ``role``; the runs in seed order (and final positions).

    The role chooses by ``policy``, or by ``chooser`` when one is given (then ``policy`` only
    names it for the fallback check: pass ``uniform``).
    With ``script`` (the ``ai`` policy only), turn t plays ``script[t-1]`` in every game where
    that option is available, and the AI's choice elsewhere: ``policies.scripted_then_ai``.
    ``scripts`` gives each game its own script (one per seed; a seed may repeat), so many
    variants of a script play in one batch.
    """
    if (script is not None or scripts is not None) and policy != "ai":
        raise ValueError("a script falls back to the ai policy only")
    if scripts is not None and len(scripts) != len(seeds):
        raise ValueError("give one script per seed")
    refusal = fallback(world, policy)
    if refusal is not None:
        raise Unsupported(str(refusal), refusal.reason)
    bw = batch_world(world)
    rules = Rules(bw)
    player = world.actor_index[role]
    n = world.size
    turns = world.scenario.turns
    count = len(seeds)
    games = Games(bw, vector_rng.seed_states(seeds))
    players = [random.Random(seed) for seed in seeds]
    others = [o for o in range(n) if o != player]
    views = np.array([[o * n + player, player * n + o] for o in others], dtype=np.intp)
    record = _Record(
        ending=np.full(count, -1, dtype=np.int64),
        score=np.zeros(count, dtype=np.int64),
        played=np.zeros(count, dtype=np.int64),
        choices=np.full((turns, count), -1, dtype=np.int64),
        relations=np.zeros((turns, len(others), 2, count), dtype=np.int64),
        taken=np.zeros((len(bw.taken_keys), count), dtype=bool),
        finals=[None] * count,
    )
    option_of = np.array(
        [[o.compiled.index for o in bw.moves[player]] + [-1]], dtype=np.int64
    ).ravel()
    wanted_table = _script_table(world, bw, player, turns, count, script, scripts)
    turn = 1
    while games.count:
        games.turn = turn
        wanted = None
        if wanted_table is not None and turn <= turns:
            wanted = wanted_table[turn - 1, games.ids]
        if chooser is None:
            mine = _player_choice(bw, rules, games, player, policy, players, wanted)
        else:
            mine = chooser(bw, rules, games, player)
        ending = step(
            bw,
            rules,
            games,
            player,
            mine,
            turn,
            # A chooser (the lookahead player) answers offers as the computer would.
            None
            if chooser is not None
            else lambda: _player_answers(bw, rules, games, player, policy, players),
        )
        ids = games.ids
        record.choices[turn - 1, ids] = option_of[mine]
        record.relations[turn - 1][:, :, ids] = games.rel[views]
        record.played[ids] = turn
        over = ending >= 0
        if over.any():
            _finish(bw, games, player, ending, over, record, finals)
            games.keep(~over)
        games.touched[:] = False
        turn += 1
    return _runs(bw, role, seeds, record), record.finals


def step(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    player: int,
    mine: np.ndarray,
    turn: int,
    answer: Callable[[], None] | None = None,
) -> np.ndarray:
    """Play turn ``turn`` of every game with the player's choice ``mine`` (``rules.play_turn``
    after the player has chosen): the computer governments choose, open offers are answered
    and settled (the player's answers by ``answer``, else as the computer would answer for
    it), moves resolve in actor order, delayed moves land, events fire, relations decay,
    endings are checked. Returns the ending index per game (-1 while it goes on) and leaves
    ``games.turn`` at the next turn; ``games.touched`` is left for the caller to clear."""
    choices = {player: mine}
    for actor in range(bw.world.size):
        if actor != player and bw.moves[actor]:
            choices[actor], _ = choose(bw, rules, games, actor, games.rng)
    if bw.offers:
        _settle(bw, rules, games, player, turn, answer)
    for actor in range(bw.world.size):
        if actor in choices:
            _resolve(bw, rules, games, actor, choices[actor], turn)
    _land(bw, rules, games, turn)
    _fire_events(bw, rules, games, turn)
    decay(games, rules)
    ending = endings(bw, games, turn >= bw.world.scenario.turns)  # sees the turn just played
    games.turn = turn + 1
    return ending


def _player_choice(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    player: int,
    policy: str,
    players: list[random.Random],
    wanted: np.ndarray | None = None,
) -> np.ndarray:
    """The role's option position per game (-1: none offered), as ``policies`` chooses;
    ``wanted`` (positions in the role's options) is played where it is offered, the policy
    choosing elsewhere (``policies.scripted_then_ai``: no draw where the script plays).
    ``wanted`` holds one position per game (-1: nothing scripted)."""
    options = bw.moves[player]
    count = games.count
    if not options:
        return np.full(count, -1, dtype=np.int64)
    offered = np.empty((len(options), count), dtype=bool)
    for position, option in enumerate(options):
        offered[position] = available(option, player, games)
    offers = offered.sum(axis=0)
    ranked = np.cumsum(offered, axis=0)
    pick = np.full(count, -1, dtype=np.int64)
    has = np.flatnonzero(offers)
    if not len(has):
        return pick
    ids = games.ids
    if wanted is not None:
        asked = np.flatnonzero(wanted >= 0)
        scripted = np.zeros(count, dtype=bool)
        scripted[asked] = offered[wanted[asked], asked]
        pick[scripted] = wanted[scripted]
        has = has[~scripted[has]]
        if not len(has):
            return pick
    if policy == "ai":
        states = np.zeros(count, dtype=np.uint64)
        states[has] = vector_rng.seed_states(
            [players[ids[g]].getrandbits(63) for g in has.tolist()]
        )
        best, _ = choose(bw, rules, games, player, states)
        first = np.argmax(offered, axis=0)
        pick[has] = np.where(best >= 0, best, first)[has]
        return pick
    ranges = [range(k) for k in range(len(options) + 1)]
    draws = np.array(
        [
            players[game].choice(ranges[k])
            for game, k in zip(ids[has].tolist(), offers[has].tolist(), strict=True)
        ],
        dtype=np.int64,
    )
    pick[has] = np.argmax(ranked[:, has] > draws, axis=0)
    return pick


def _settle(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    player: int,
    turn: int,
    answer: Callable[[], None] | None,
) -> None:
    """Open offers answered and settled (``offers.settle``): every answer first, judged on the
    position as the turn began (the computer's, and the player's by its policy), then each
    offer that ends, in the order offers were made (turn made, then maker), with its effects."""
    maker, made = games.offer_maker, games.offer_made
    if not (maker >= 0).any():
        return
    if answer is not None:
        answer()
    for (slot, by), offer in bw.offers.items():
        here = maker[slot] == by
        if not here.any():
            continue
        answers = games.offer_answers[slot]
        for k, party in enumerate(offer.parties):
            need = here & (answers[k] < 0)
            if (party != player or answer is None) and need.any():
                answers[k] = np.where(
                    need, computer_answers(bw, rules, games, party, offer), answers[k]
                )
    groups = sorted(
        {
            (t, m)
            for slot in range(len(maker))
            for t, m in zip(
                made[slot][maker[slot] >= 0].tolist(),
                maker[slot][maker[slot] >= 0].tolist(),
                strict=True,
            )
        }
    )
    for when, by in groups:
        for slot in range(len(maker)):
            group = (maker[slot] == by) & (made[slot] == when)
            if not group.any():
                continue
            offer = bw.offers[(slot, by)]
            answers = games.offer_answers[slot]
            index = {answer: k for k, answer in enumerate(offer.answers)}
            declined = group & (answers == index["decline"]).any(axis=0)
            countered = group & ~declined
            if "counter" in index:
                countered &= (answers == index["counter"]).any(axis=0)
            else:
                countered &= False
            accepted = group & ~declined & ~countered & (answers == index["accept"]).all(axis=0)
            expired = group & ~declined & ~countered & ~accepted & (turn >= when + offer.expires)
            for mask, effects in (
                (declined, offer.outcomes[index["decline"]]),
                (countered, offer.outcomes[index["counter"]] if "counter" in index else ()),
                (accepted, offer.outcomes[index["accept"]]),
                (expired, offer.expired),
            ):
                _apply(games, rules, effects, mask)
            ended = declined | countered | accepted | expired
            maker[slot, ended] = -1
            answers[:, ended] = -1


def _player_answers(
    bw: BatchWorld,
    rules: Rules,
    games: Games,
    player: int,
    policy: str,
    players: list[random.Random],
) -> None:
    """The player's answers by its policy (``policies.policy_answers``): ``ai`` as the
    computer would, any other at random from the game's own generator, one draw per offer
    open to the player, in the order the offers were made."""
    maker, made = games.offer_maker, games.offer_made
    waiting = []  # (slot, maker, party position) of offers the player must answer
    for (slot, by), offer in bw.offers.items():
        if player in offer.parties:
            k = offer.parties.index(player)
            here = (maker[slot] == by) & (games.offer_answers[slot][k] < 0)
            if here.any():
                waiting.append((slot, by, k, here, offer))
    if not waiting:
        return
    if policy == "ai":
        for slot, _, k, here, offer in waiting:
            answers = games.offer_answers[slot]
            chosen = computer_answers(bw, rules, games, player, offer)
            answers[k] = np.where(here, chosen, answers[k])
        return
    ids = games.ids.tolist()
    columns = sorted({c for *_, here, _ in waiting for c in np.flatnonzero(here).tolist()})
    for column in columns:
        mine = sorted(
            (int(made[slot, column]), by, slot, k, offer)
            for slot, by, k, here, offer in waiting
            if here[column]
        )
        for _, _, slot, k, offer in mine:
            games.offer_answers[slot][k, column] = players[ids[column]].choice(
                range(len(offer.answers))
            )


def _script_table(
    world: World,
    bw: BatchWorld,
    player: int,
    turns: int,
    count: int,
    script: tuple[str | None, ...] | None,
    scripts: list[tuple[str | None, ...]] | None,
) -> np.ndarray | None:
    """Per turn and game, the scripted option as a position in the role's options (-1: none
    scripted, or an option this role never has, which is then never available)."""
    if script is None and scripts is None:
        return None
    position = {world.options[o.compiled.index].id: p for p, o in enumerate(bw.moves[player])}
    table = np.full((turns, count), -1, dtype=np.int64)
    columns: dict[tuple[str | None, ...], list[int]] = {}
    for game, own in enumerate(scripts if scripts is not None else [script or ()] * count):
        columns.setdefault(own, []).append(game)
    for own, games in columns.items():
        row = [position.get(o, -1) if o is not None else -1 for o in own[:turns]]
        row += [-1] * (turns - len(row))
        table[:, games] = np.array(row, dtype=np.int64)[:, None]
    return table


def _cols(mask: np.ndarray) -> Columns | None:
    """Columns of the games in ``mask``: None if none, ALL if all."""
    found = np.flatnonzero(mask)
    if not len(found):
        return None
    return ALL if len(found) == len(mask) else found


def _resolve(
    bw: BatchWorld, rules: Rules, games: Games, actor: int, chosen: np.ndarray, turn: int
) -> None:
    """The actor's moves in every game (``rules._resolve_move`` and ``_land``)."""
    options = bw.moves[actor]
    present = np.flatnonzero(np.bincount(chosen + 1, minlength=len(options) + 1)[1:])
    if not len(present):
        return
    chances = np.array([o.compiled.model.chance for o in options] + [1.0])
    delays = np.array([o.compiled.model.delay for o in options] + [0])
    rolls = (chances[chosen] < 1) & (delays[chosen] == 0)
    success: Any = True
    if rolls.any():
        roll = vector_rng.next_float(games.rng, rolls)
        success = roll < chances[chosen]
    for position in present.tolist():
        option = options[position]
        mask = chosen == position
        games.taken[option.row] |= mask
        model = option.compiled.model
        if model.delay:
            slot = games.pending.setdefault((turn, actor), np.full(games.count, -1, np.int64))
            slot[mask] = position
        elif model.chance < 1:
            _apply(games, rules, option.effects, mask & success)
            _apply(games, rules, option.otherwise, mask & ~success)
        else:
            _apply(games, rules, option.effects, mask)
        if option.offer_slot >= 0:  # the move opens its offer
            games.offer_maker[option.offer_slot, mask] = actor
            games.offer_made[option.offer_slot, mask] = turn
            games.offer_answers[option.offer_slot][:, mask] = -1


def _apply(games: Games, rules: Rules, ops: tuple, mask: np.ndarray) -> None:
    if ops:
        cols = _cols(mask)
        if cols is not None:
            apply(games, rules, ops, cols)


def _land(bw: BatchWorld, rules: Rules, games: Games, turn: int) -> None:
    """Delayed moves due this turn, in the order they were made (turn, then actor)."""
    for made, actor in sorted(games.pending):
        slot = games.pending[(made, actor)]
        options = bw.moves[actor]
        due = [o for o in options if o.compiled.model.delay == turn - made]
        if turn - made >= max(o.compiled.model.delay for o in options):
            del games.pending[(made, actor)]
        if not due:
            continue
        chances = np.array([o.compiled.model.chance for o in options] + [1.0])
        masks = [(option, slot == option.position) for option in due]
        landing = np.logical_or.reduce([mask for _, mask in masks])
        rolls = landing & (chances[slot] < 1)
        success: Any = True
        if rolls.any():
            roll = vector_rng.next_float(games.rng, rolls)
            success = roll < chances[slot]
        for option, mask in masks:
            if option.compiled.model.chance < 1:
                _apply(games, rules, option.effects, mask & success)
                _apply(games, rules, option.otherwise, mask & ~success)
            else:
                _apply(games, rules, option.effects, mask)


def _fire_events(bw: BatchWorld, rules: Rules, games: Games, turn: int) -> None:
    """Events in scenario order (``rules._fire_events``)."""
    count = games.count
    for event in bw.events:
        if event.turn is not None:
            if event.turn != turn:
                continue
            due: Any = np.ones(count, dtype=bool)
        elif event.when is None:
            continue
        else:
            due = event.when(games)
            if not isinstance(due, np.ndarray):
                if not due:
                    continue
                due = np.ones(count, dtype=bool)
        if event.once:
            due = due & ~games.fired[event.index]
        if not due.any():
            continue
        if event.chance < 1:
            roll = vector_rng.next_float(games.rng, due)
            due = due & (roll < event.chance)
        games.fired[event.index] |= due
        _apply(games, rules, event.effects, due)


def endings(bw: BatchWorld, games: Games, final: bool) -> np.ndarray:
    """The ending index per game, -1 while it goes on (``rules._ending``)."""
    ending = np.full(games.count, -1, dtype=np.int64)
    for candidate in bw.endings:
        if candidate.when is None or not (final or candidate.any_turn):
            continue
        holds = candidate.when(games)
        if isinstance(holds, np.ndarray):
            ending[holds & (ending < 0)] = candidate.index
        elif holds:
            ending[ending < 0] = candidate.index
    if final:
        ending[ending < 0] = bw.fallback
    return ending


def _finish(
    bw: BatchWorld,
    games: Games,
    player: int,
    ending: np.ndarray,
    over: np.ndarray,
    record: _Record,
    finals: bool,
) -> None:
    """Score the games that just ended and write down what the report needs."""
    ids = games.ids[over]
    record.ending[ids] = ending[over]
    record.score[ids] = scores(bw, games, player, ending)[over]
    record.taken[:, ids] = games.taken[:, over]
    if finals:
        for column in np.flatnonzero(over).tolist():
            record.finals[games.ids[column]] = Final(
                turn=games.turn,
                rel=tuple(games.rel[:, column].tolist()),
                stats=tuple(games.stats[:, column].tolist()),
                flags=frozenset(
                    bw.flag_names[r] for r in np.flatnonzero(games.flags[:, column]).tolist()
                ),
                taken=frozenset(
                    bw.taken_keys[r] for r in np.flatnonzero(games.taken[:, column]).tolist()
                ),
                fired=frozenset(np.flatnonzero(games.fired[:, column]).tolist()),
                rng=int(games.rng[column]),
            )


def scores(bw: BatchWorld, games: Games, player: int, ending: np.ndarray) -> np.ndarray:
    """``score(world, state).total`` for every game, with the same operations in order."""
    world = bw.world
    role = world.actor_ids[player]
    goals = bw.goals[player]
    weight = ordered_sum(goal.weight for goal in goals)
    goal_score: Any = 0.0
    if weight:
        goal_score = ordered_total([goal_term(goal, games) for goal in goals]) / weight
    worth = np.array(
        [e.model.scores.get(role, NEUTRAL_ENDING_SCORE) for e in world.endings] + [0],
        dtype=np.float64,
    )
    share = world.scenario.rules.ending_share
    total = (1 - share) * goal_score + share * worth[ending]
    return np.rint(total).astype(np.int64)


def _runs(bw: BatchWorld, role: str, seeds: list[int], record: _Record) -> list[Run]:
    """One ``Run`` per seed. Equal values share one tuple: 10,000 runs repeat most of them,
    and building each once keeps both the time and the memory of a big simulation down."""
    world = bw.world
    played = record.played.tolist()
    endings = [world.endings[e].id for e in record.ending.tolist()]
    scores = record.score.tolist()
    choices = _shared_rows(record.choices.T, played, [o.id for o in world.options] + [None])
    # Relation pairs (their view, your view) are coded as one integer each, and each code
    # becomes one shared tuple: ten thousand runs hold a few thousand distinct pairs. The
    # tuples are kept by code in a dict of the pairs that occur, never in a table of every
    # possible pair: with `relation_bounds: [-10000, 10000]` that table took 3.2 GB.
    low, high = world.scenario.rules.relation_bounds
    width = high - low + 1
    codes = (record.relations[:, :, 0] - low) * width + (record.relations[:, :, 1] - low)
    pair_of = {
        code: (code // width + low, code % width + low) for code in np.unique(codes).tolist()
    }
    pair = pair_of.__getitem__
    codes = codes.transpose(2, 0, 1).tolist()
    taken = _taken_sets(bw, record)
    return [
        Run(
            role,
            seed,
            choices[game],
            endings[game],
            scores[game],
            taken[game],
            tuple([tuple(map(pair, turn)) for turn in codes[game][: played[game]]]),
        )
        for game, seed in enumerate(seeds)
    ]


def _shared_rows(table: np.ndarray, lengths: list[int], names: list[Any]) -> list[tuple]:
    """Row g's first lengths[g] entries as a tuple of names; equal tuples shared."""
    shared: dict[tuple, tuple] = {}
    out = []
    for row, length in zip(table.tolist(), lengths, strict=True):
        value = tuple(names[c] for c in row[:length])
        out.append(shared.setdefault(value, value))
    return out


def _taken_sets(bw: BatchWorld, record: _Record) -> list[tuple[str, ...]]:
    """Per game, the ids of the options any government took (scenario order); equal ones
    shared."""
    world = bw.world
    by_option = np.zeros((len(world.options), len(bw.taken_keys)), dtype=np.int32)
    for row, (option, _) in enumerate(bw.taken_keys):
        by_option[option, row] = 1
    taken = (by_option @ record.taken.astype(np.int32)) > 0
    unique, inverse = np.unique(np.packbits(taken, axis=0).T, axis=0, return_inverse=True)
    bits = np.unpackbits(unique, axis=1, count=len(world.options)).astype(bool)
    ids = np.array([o.id for o in world.options], dtype=object)
    sets = [tuple(ids[row].tolist()) for row in bits]
    return [sets[u] for u in inverse.ravel().tolist()]
