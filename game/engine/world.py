"""A checked scenario compiled for play: ids resolved to indexes, conditions to closures.

Built once per scenario (``World.build``) and shared by every game played on it: the app, the
CLI, and thousands of simulated playthroughs. Nothing in it changes during play.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, Literal

import attrs

from game.engine.compile import Compiled, Symbols, compile_expr
from game.engine.position import Position
from game.engine.reach import gain_bound
from game.engine.relevance import (
    Reads,
    Step,
    expr_reads_in,
    goal_reads,
    merge,
    moved_goals,
    plan,
)
from game.engine.rounding import ordered_sum
from game.scenario import bounds, calendar
from game.scenario.expr import Expr
from game.scenario.loaded import LoadedScenario
from game.scenario.model import Actor, Effect, Ending, Event, Goal, Option, Rules, Scenario
from game.scenario.refs import SELF, parse_rel, parse_stat

ValuePlan = tuple[tuple[Step, ...], tuple[bool, ...], float]
"""A move's trace plan for an actor, per goal whether the plan can move it, and the most the
plan can change the actor's weighted goal total (``reach.gain_bound``)."""


@attrs.frozen
class Op:
    """One compiled effect.

    Attributes:
        kind: What it changes.
        index: Position in the relation or stat array (unused for flags).
        amount: Change to add, when ``absolute`` is False; value to set otherwise.
        absolute: Whether ``amount`` is set rather than added.
        flag: Flag name, for flag effects.
        propagate: For relations: whether allies and enemies of the viewer react.
        when: For ``if``: the condition, read on the position as the effect lands.
        then, orelse: For ``if``: the effects applied when ``when`` holds, and when not.
        reads: For ``if``: the numbers and flags the condition reads (``relevance``).
    """

    kind: Literal["rel", "stat", "flag", "if"]
    index: int = 0
    amount: int = 0
    absolute: bool = False
    flag: str = ""
    propagate: bool = True
    when: Compiled | None = attrs.field(default=None, eq=False, repr=False)
    then: tuple[Op, ...] = ()
    orelse: tuple[Op, ...] = ()
    reads: Reads | None = None


@attrs.frozen
class CompiledOffer:
    """The offer an option makes, as one actor makes it (SELF in its effects is that actor).

    Attributes:
        parties: Indexes of the governments that must all accept, in `to:` order.
        answers: The answers a party may give (``accept``, ``decline``, maybe ``counter``).
        outcomes: Per answer, the effects that land when the offer ends with it.
        expired: The effects that land when the time runs out.
        expires: Turns the parties have to answer.
        moves: Per answer, its effects as a move the AI can value (``valuation.move_value``),
            indexed apart from every option so their trace plans are kept apart.
    """

    parties: tuple[int, ...]
    answers: tuple[str, ...]
    outcomes: tuple[tuple[Op, ...], ...]
    expired: tuple[Op, ...]
    expires: int
    moves: tuple[CompiledOption, ...]


@attrs.frozen
class CompiledOption:
    """An option as one actor takes it: `SELF` in its condition and effects is that actor."""

    index: int
    model: Option
    actor: int
    requires: Compiled | None
    effects: tuple[Op, ...]
    otherwise: tuple[Op, ...]
    offer: CompiledOffer | None = None
    """Set when taking the option makes an offer."""

    @property
    def id(self) -> str:
        return self.model.id


@attrs.frozen
class CompiledEvent:
    index: int
    model: Event
    when: Compiled | None
    effects: tuple[Op, ...]

    @property
    def id(self) -> str:
        return self.model.id


@attrs.frozen
class CompiledEnding:
    model: Ending
    when: Compiled | None

    @property
    def id(self) -> str:
        return self.model.id


@attrs.frozen
class CompiledGoal:
    """A goal with its measure compiled and its range fixed, ready to score."""

    id: str
    label: str
    weight: float
    measure: Compiled
    low: float
    high: float
    span: float = attrs.field(init=False)
    """``high - low``, computed once (the AI scores goals thousands of times a turn)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "span", self.high - self.low)

    def score(self, view: Position) -> float:
        """The goal's score now, 0..100.

        The measure clamped into [low, high], written as comparisons rather than calls to
        ``max`` and ``min`` (the same result: ``max(v, low)`` is ``low`` only if ``low > v``).
        """
        value = self.measure(view)
        low = self.low
        if low > value:
            value = low
        if self.high < value:
            value = self.high
        return 100.0 * (value - low) / self.span


@attrs.frozen
class World:
    """Everything the rules need about a scenario, in the shape they need it.

    Attributes:
        loaded: The checked scenario and its briefs, for text shown to players.
        actor_ids: Actor ids in scenario order; an actor's index is its position here.
        stat_keys: (actor id, stat name) for each position of the stat array.
        options: Option models in scenario order; an option's index is its position here.
        events, endings: Compiled, in scenario order.
        actor_options: For each actor index, the options it may take, compiled for it.
        goals: For each actor index, its compiled goals.
        initial_rel, baseline_rel, initial_stats: Starting arrays.
    """

    loaded: LoadedScenario
    actor_ids: tuple[str, ...]
    stat_keys: tuple[tuple[str, str], ...]
    options: tuple[Option, ...]
    events: tuple[CompiledEvent, ...]
    endings: tuple[CompiledEnding, ...]
    actor_options: tuple[tuple[CompiledOption, ...], ...]
    goals: tuple[tuple[CompiledGoal, ...], ...]
    initial_rel: tuple[int, ...]
    baseline_rel: tuple[int, ...]
    initial_stats: tuple[int, ...]
    option_index: dict[str, int]
    actor_index: dict[str, int]
    symbols: Symbols
    goal_weights: tuple[float, ...]
    """Per actor: the sum of its goals' weights (the AI divides by it on every valuation)."""
    rules: Rules
    """The scenario's rule constants, one attribute away (read on every effect)."""
    _plans: dict[tuple[int, int, int, bool], ValuePlan] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    """Trace plans worked out so far (see ``value_plan``); a cache, not part of the value."""
    _reads: dict[int, tuple[Reads, ...]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _bounds: dict[tuple[int, int, int], float] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    _derived: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    @property
    def scenario(self) -> Scenario:
        return self.loaded.scenario

    @property
    def size(self) -> int:
        """Number of actors (the relation array is size × size)."""
        return len(self.actor_ids)

    def actor(self, actor_id: str) -> Actor:
        return self.scenario.actors[self.actor_index[actor_id]]

    def option(self, option_id: str) -> Option:
        return self.options[self.option_index[option_id]]

    def bound(self, option: int, actor: int) -> CompiledOption:
        """Option ``option`` compiled for ``actor`` (who must be among its `by`)."""
        return next(o for o in self.actor_options[actor] if o.index == option)

    def reads(self, actor: int) -> tuple[Reads, ...]:
        """What each of the actor's goals reads (cached)."""
        found = self._reads.get(actor)
        if found is None:
            found = self._reads[actor] = goal_reads(self, actor)
        return found

    def trace_plan(self, actor: int, option: CompiledOption, success: bool) -> tuple[Step, ...]:
        """The part of a move's effects (``otherwise`` if not ``success``) the actor's goals see."""
        return self.value_plan(actor, option, success)[0]

    def value_plan(self, actor: int, option: CompiledOption, success: bool) -> ValuePlan:
        """The trace plan of a move for the actor, and which of its goals the plan can move.

        Worked out on first use and kept: a scenario has thousands of (actor, move) pairs and
        a game asks about a few hundred of them per turn.
        """
        key = (actor, option.index, option.actor, success)
        found = self._plans.get(key)
        if found is None:
            ops = option.effects if success else option.otherwise
            reads = self.reads(actor)
            steps = plan(self.size, merge(reads), ops)
            moved = moved_goals(reads, steps)
            found = self._plans[key] = (steps, moved, gain_bound(self, actor, steps, moved))
        return found

    def value_bound(self, actor: int, option: CompiledOption) -> float:
        """The most ``valuation.move_value`` can be for the actor's own option (cached)."""
        key = (actor, option.index, option.actor)
        found = self._bounds.get(key)
        if found is None:
            found = self._bounds[key] = _value_bound(self, actor, option)
        return found

    def derived(self, key: str, build: Callable[[World], Any]) -> Any:
        """A form of this world another module compiles from it (the batch simulator's
        tables), built on first use and kept with the world, so it lives exactly as long."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def rel_index(self, viewer: str, viewed: str) -> int:
        return self.actor_index[viewer] * self.size + self.actor_index[viewed]

    def date_of(self, turn: int) -> datetime.date:
        """In-world date on which a turn starts."""
        start = datetime.date.fromisoformat(self.scenario.start_date)
        return start + datetime.timedelta(days=calendar.days_before(self.scenario, turn))

    def compile(self, expr: Expr) -> Compiled:
        """Compile an expression checked against this scenario (tests, transcripts)."""
        return compile_expr(expr, self.symbols)

    def knows(self, kind: str, name: str, earlier: tuple[str, ...]) -> bool:
        """Whether an id of a kind exists here: the resolver ``check_types`` asks."""
        if kind == "actor":
            return name in self.actor_index
        if kind == "stat":
            actor = self.actor_index.get(earlier[0], -1) if earlier else -1
            return (actor, name) in self.symbols.stats
        if kind == "option":
            return name in self.option_index
        if kind == "event":
            return name in self.symbols.events
        return kind == "flag"

    @property
    def playable(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.scenario.actors if a.playable)

    @classmethod
    def build(cls, loaded: LoadedScenario) -> World:
        """Compile a checked scenario. Assumes the checker found no errors."""
        return _build(loaded)


def _value_bound(world: World, actor: int, option: CompiledOption) -> float:
    """``move_value``'s formula with each branch's gain at its bound (weights are >= 0)."""
    total_weight = world.goal_weights[actor]
    if not total_weight:
        return 0.0
    chance = option.model.chance
    value = 0.0
    if chance > 0 and option.effects:
        value += chance * world.value_plan(actor, option, True)[2]
    if chance < 1 and option.otherwise:
        value += (1 - chance) * world.value_plan(actor, option, False)[2]
    return value / total_weight


def _build(loaded: LoadedScenario) -> World:
    s = loaded.scenario
    actor_ids = tuple(a.id for a in s.actors)
    actor_index = {a: i for i, a in enumerate(actor_ids)}
    n = len(actor_ids)
    stat_keys = tuple((a.id, name) for a in s.actors for name in a.stats)
    stat_index = {(actor_index[a], name): i for i, (a, name) in enumerate(stat_keys)}
    option_index = {o.id: i for i, o in enumerate(s.options)}
    option_actors = {i: tuple(actor_index[a] for a in o.by) for i, o in enumerate(s.options)}
    symbols = Symbols(
        actors=actor_index,
        stats=stat_index,
        options=option_index,
        option_actors=option_actors,
        events={e.id: i for i, e in enumerate(s.events)},
        turns=s.turns,
    )

    def ops(effects: tuple[Effect, ...], actors: dict[str, int] = actor_index) -> tuple[Op, ...]:
        found: list[Op] = []
        for effect in effects:
            if effect.if_ is not None:
                sym = symbols if actors is actor_index else attrs.evolve(symbols, actors=actors)
                found.append(
                    Op(
                        "if",
                        when=compile_expr(effect.if_, sym),
                        then=ops(effect.then, actors),
                        orelse=ops(effect.else_, actors),
                        reads=expr_reads_in(sym, n, effect.if_),
                    )
                )
            else:
                found.extend(_compile_effect(effect, actors, n, stat_index))
        return tuple(found)

    def cond(expr: Expr | None, sym: Symbols = symbols) -> Compiled | None:
        return compile_expr(expr, sym) if expr is not None else None

    def bind(index: int, option: Option, actor: int) -> CompiledOption:
        """Compile an option for one actor, with SELF standing for that actor."""
        own = {**actor_index, SELF: actor}
        sym = attrs.evolve(symbols, actors=own)
        return CompiledOption(
            index,
            option,
            actor,
            cond(option.requires, sym),
            ops(option.effects, own),
            ops(option.otherwise, own),
            _compile_offer(index, option, actor, own, ops),
        )

    # Each actor's options in scenario order, from one pass over the options' `by:` lists
    # (asking every actor about every option cost actors × options: 750,000 at the limits).
    options_of: list[list[int]] = [[] for _ in range(n)]
    for i in range(len(s.options)):
        for actor in dict.fromkeys(option_actors[i]):
            options_of[actor].append(i)
    actor_options = tuple(
        tuple(bind(i, s.options[i], actor) for i in options_of[actor]) for actor in range(n)
    )
    initial, baseline = _relations(s, actor_index, n)
    facts = bounds.Facts(
        relation=bounds.Interval(*s.rules.relation_bounds),
        stat=bounds.Interval(*s.rules.stat_bounds),
        turns=s.turns,
        flag_can_be_set=lambda name: True,
    )
    goals = tuple(
        tuple(_compile_goal(goal, symbols, facts) for goal in actor.goals) for actor in s.actors
    )
    return World(
        loaded=loaded,
        actor_ids=actor_ids,
        stat_keys=stat_keys,
        options=s.options,
        events=tuple(
            CompiledEvent(i, e, cond(e.when), ops(e.effects)) for i, e in enumerate(s.events)
        ),
        endings=tuple(CompiledEnding(e, cond(e.when)) for e in s.endings),
        actor_options=actor_options,
        goals=goals,
        initial_rel=initial,
        baseline_rel=baseline,
        initial_stats=tuple(a.stats[name] for a in s.actors for name in a.stats),
        option_index=option_index,
        actor_index=actor_index,
        symbols=symbols,
        goal_weights=tuple(ordered_sum(g.weight for g in actor_goals) for actor_goals in goals),
        rules=s.rules,
    )


def _compile_offer(
    index: int,
    option: Option,
    actor: int,
    actors: dict[str, int],
    ops: Callable[[tuple[Effect, ...], dict[str, int]], tuple[Op, ...]],
) -> CompiledOffer | None:
    """The option's offer as ``actor`` makes it, or None for a plain option.

    Each answer's effects are also a move for the AI to value; such a move's index is
    negative (``-1 - (3 * index + k)`` for the option's k-th answer), never an option's, so
    ``World.value_plan`` keeps its plan apart from the option's own.
    """
    offer = option.offer
    if offer is None:
        return None
    by_answer = {"accept": offer.on_accept, "decline": offer.on_decline}
    if offer.counter is not None:
        by_answer["counter"] = offer.counter.effects
    outcomes = tuple(ops(by_answer[answer], actors) for answer in offer.answers)
    moves = tuple(
        CompiledOption(-1 - (3 * index + k), option, actor, None, effects, ())
        for k, effects in enumerate(outcomes)
    )
    return CompiledOffer(
        parties=tuple(actors[party] for party in offer.to),
        answers=offer.answers,
        outcomes=outcomes,
        expired=ops(offer.on_expire, actors),
        expires=offer.expires,
        moves=moves,
    )


def _compile_effect(
    effect: Effect, actors: dict[str, int], n: int, stats: dict[tuple[int, str], int]
) -> tuple[Op, ...]:
    absolute = effect.set is not None
    amount = int(effect.set) if effect.set is not None else int(effect.change or 0)
    if effect.flag is not None:
        return (
            Op("flag", flag=effect.flag, amount=0 if effect.set is False else 1, absolute=True),
        )
    if effect.stat is not None:
        ref = parse_stat(effect.stat)
        assert ref is not None  # guaranteed by the checker
        return (Op("stat", stats[(actors[ref.actor], ref.stat)], amount, absolute),)
    rel = parse_rel(effect.rel or "")
    assert rel is not None
    return tuple(
        Op("rel", actors[a] * n + actors[b], amount, absolute, propagate=effect.propagate)
        for a, b in rel.pairs()
    )


def _relations(
    s: Scenario, actors: dict[str, int], n: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    initial = [0] * (n * n)
    baseline = [0] * (n * n)
    for relation in s.relations:
        if relation.between is not None:
            a, b = relation.between
            pairs = [(a, b), (b, a)]
        else:
            assert relation.from_ is not None and relation.to is not None
            pairs = [(relation.from_, relation.to)]
        for a, b in pairs:
            index = actors[a] * n + actors[b]
            initial[index] = relation.score
            baseline[index] = relation.score if relation.baseline is None else relation.baseline
    return tuple(initial), tuple(baseline)


def _compile_goal(goal: Goal, symbols: Symbols, facts: bounds.Facts) -> CompiledGoal:
    if goal.range is not None:
        low, high = goal.range
    else:
        span = bounds.interval(goal.measure, facts)
        low, high = span.low, span.high
    if high <= low:
        high = low + 1  # a degenerate range would divide by zero; the checker warns of it
    return CompiledGoal(
        goal.id, goal.label, goal.weight, compile_expr(goal.measure, symbols), low, high
    )
