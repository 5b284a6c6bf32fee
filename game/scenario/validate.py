"""Checks that need the whole scenario: ids, cross-references, bounds and conditions.

Structure (keys and types) is checked while structuring; this module checks what only makes
sense once everything is read: that every id named exists (with a suggestion when it is
misspelt), that ids are unique, that scores sit within bounds, that conditions can hold at
all, that each playable role has something to do. Every problem is reported, none stops the
others, each at the line of the element concerned.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from game.scenario import bounds
from game.scenario.diagnostics import Diagnostic, Severity, Suggestions, clip
from game.scenario.expr import KEYWORDS, Call, Expr, IdKind, Name, Type, check_types
from game.scenario.model import (
    ID_PATTERN,
    STEP_KEYS,
    Brief,
    Effect,
    Ending,
    Event,
    Option,
    Scenario,
)
from game.scenario.refs import SELF, parse_rel, parse_stat
from game.scenario.structure import Structurer, expr_place
from game.scenario.yamlread import Marks, Path

RESERVED = frozenset({SELF, *KEYWORDS})
"""Words an actor id may not be, since conditions read them as something else."""

SELF_OUTSIDE_OPTION = "SELF (the actor taking the option) is only meaningful in an option"

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(text: str) -> bool:
    """Whether text is a real date written YYYY-MM-DD (fromisoformat alone also takes
    20220319 and 2022-W11-6)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return DATE.match(text) is not None


class Reporter:
    """Collects diagnostics for one file, placing each by the model path of its element."""

    def __init__(self, filename: str, marks: Marks, paths: dict[int, Path]) -> None:
        self.filename = filename
        self.marks = marks
        self.paths = paths
        self.diagnostics: list[Diagnostic] = []

    def path_of(self, element: object, *rest: str | int) -> Path:
        return (*self.paths.get(id(element), ()), *rest)

    def add(
        self,
        severity: Severity,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        context: str = "",
        offset: int | None = None,
    ) -> None:
        if offset is not None:
            place = expr_place(self.marks, path, offset)
        else:
            place = self.marks.key(path) if at_key else self.marks.value(path)
        self.diagnostics.append(
            Diagnostic(severity, message, self.filename, place.line, place.col, context)
        )

    def error(self, path: Path, message: str, **kw: object) -> None:
        self.add("error", path, message, **kw)  # type: ignore[arg-type]

    def warning(self, path: Path, message: str, **kw: object) -> None:
        self.add("warning", path, message, **kw)  # type: ignore[arg-type]


def validate(
    scenario: Scenario,
    report: Reporter,
    fact_ids: Iterable[str],
    structurer: Structurer | None = None,
) -> None:
    """Run every whole-scenario check, adding diagnostics to ``report``.

    ``structurer`` is the one that built ``scenario``: what it found wrong (damaged fields,
    dropped elements) keeps the checks from echoing problems it has already reported.
    """
    _Checker(scenario, report, set(fact_ids), structurer).run()


def check_brief(brief: Brief, report: Reporter) -> None:
    """A brief's own checks: a real citation date, and fact ids unique within it."""
    if not is_date(brief.citation.date):
        report.error(
            report.path_of(brief.citation, "date"),
            f"'{clip(brief.citation.date)}' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-19",
        )
    seen: set[str] = set()
    for fact in brief.facts:
        if fact.id in seen:
            report.error(report.path_of(fact, "id"), f"duplicate fact id '{fact.id}'")
        seen.add(fact.id)


class _Checker:
    def __init__(
        self,
        scenario: Scenario,
        report: Reporter,
        facts: set[str],
        structurer: Structurer | None = None,
    ) -> None:
        self.s = scenario
        self.r = report
        self.facts = facts
        self.damaged = structurer.damaged if structurer else set()
        self.dropped = structurer.dropped if structurer else {}
        built = structurer.built if structurer else ()
        self.flags_named = structurer.flags_named if structurer else set()
        """Flags that some condition text reads, even one that could not be checked."""
        self.suggest = Suggestions()
        self.actors = {a.id: a for a in scenario.actors}
        self.options = {o.id: o for o in scenario.options}
        self.events = {e.id: e for e in scenario.events}
        self.endings = {e.id: e for e in scenario.endings}
        self.flags_set = self._flags_set(built)
        self.flags_read: dict[str, list[tuple[Path, int]]] = {}
        self.acting: tuple[str, ...] = ()
        """While checking an option: who may take it (what SELF can stand for)."""
        low, high = scenario.rules.relation_bounds
        slow, shigh = scenario.rules.stat_bounds
        self.bounds = bounds.Facts(
            relation=bounds.Interval(low, high),
            stat=bounds.Interval(slow, shigh),
            turns=scenario.turns,
            flag_can_be_set=lambda name: name in self.flags_set,
        )

    def run(self) -> None:
        self.check_meta()
        self.check_rules()
        self.check_actors()
        self.check_relations()
        self.ids_unique(self.s.options, "option")
        self.ids_unique(self.s.events, "event")
        self.ids_unique(self.s.endings, "ending")
        for option in self.s.options:
            self.check_option(option)
        for event in self.s.events:
            self.check_event(event)
        self.check_endings()
        self.check_roles_have_options()
        self.check_known_unreachable()
        self.check_tests()
        self.check_flags()

    # --- helpers ---------------------------------------------------------------------------

    def bad(self, element: object, *fields: str) -> bool:
        """Whether any of these fields of element held a bad value, already reported."""
        return any((id(element), field) in self.damaged for field in fields)

    def dropped_items(self, key: str) -> list[object]:
        """The items of a top-level list that could not be built, as written."""
        return [value for path, value in self.dropped.items() if len(path) == 2 and path[0] == key]

    def ids_unique(self, items: Sequence[object], kind: str) -> None:
        counts = Counter(item.id for item in items)  # type: ignore[attr-defined]
        seen: set[str] = set()
        for item in items:
            ident = item.id  # type: ignore[attr-defined]
            if counts[ident] > 1 and ident in seen:
                self.r.error(
                    self.r.path_of(item, "id"), f"duplicate {kind} id '{ident}'; ids must be unique"
                )
            seen.add(ident)

    def actor_ref(self, path: Path, ident: str, *, what: str = "actor", context: str = "") -> bool:
        if ident in self.actors or (ident == SELF and self.acting):
            return True
        if ident == SELF:
            self.r.error(path, SELF_OUTSIDE_OPTION, context=context)
            return False
        hint = self.suggest(ident, self.actors)
        if not hint:
            hint = "; there are none" if not self.actors else f"; actors are {_listed(self.actors)}"
        self.r.error(path, f"unknown {what} '{clip(ident)}'{hint}", context=context)
        return False

    def fact_refs(self, element: object, facts: tuple[str, ...], context: str) -> None:
        for i, fact in enumerate(facts):
            if fact not in self.facts:
                hint = self.suggest(fact, self.facts)
                if not self.facts:
                    hint = "; list the brief that holds it under `sources:`"
                self.r.error(
                    self.r.path_of(element, "facts", i),
                    f"unknown fact '{clip(fact)}'{hint}",
                    context=context,
                )

    def known(self, kind: IdKind, name: str, earlier: tuple[str, ...]) -> bool:
        if kind == "actor":
            return name in self.actors or (name == SELF and bool(self.acting))
        if kind == "stat":
            owners = self.acting if earlier and earlier[0] == SELF else earlier[:1]
            return bool(owners) and all(
                o in self.actors and name in self.actors[o].stats for o in owners
            )
        if kind == "flag":
            return True  # flags need no declaration; unset ones are reported by check_flags
        if kind == "option":
            return name in self.options
        return name in self.events

    def candidates(self, kind: str | None, earlier_actor: str | None = None) -> Iterable[str]:
        if kind == "actor":
            return self.actors
        if kind == "stat" and earlier_actor in self.actors:
            return self.actors[earlier_actor].stats
        if kind == "option":
            return self.options
        if kind == "event":
            return self.events
        return ()

    def expr(self, expr: Expr, path: Path, want: Type, context: str) -> bool:
        """Check names and types; record flags read. True when the expression is sound."""
        problems = check_types(expr, want, self.known)
        for problem in problems:
            if problem.unknown == SELF and problem.kind == "actor":
                self.r.error(
                    path,
                    f"in condition: {SELF_OUTSIDE_OPTION}",
                    offset=problem.col,
                    context=context,
                )
                continue
            hint = ""
            if problem.unknown:
                actor = _first_actor_arg(expr, problem.col)
                hint = self.suggest(problem.unknown, self.candidates(problem.kind, actor))
            self.r.error(
                path, f"in condition: {problem.message}{hint}", offset=problem.col, context=context
            )
        for node in expr.walk():
            if isinstance(node, Call) and node.func == "flag" and node.args:
                arg = node.args[0]
                if isinstance(arg, Name):
                    self.flags_read.setdefault(arg.name, []).append((path, arg.col))
        if problems:
            return False
        huge = bounds.too_large(expr, self.bounds)
        if huge is not None:
            self.r.error(
                path,
                f"in condition: this product can exceed {bounds.LARGEST:.0e}, far beyond any "
                "score; use smaller numbers",
                offset=huge.col,
                context=context,
            )
            return False
        return True

    def condition(
        self,
        expr: Expr | None,
        path: Path,
        context: str,
        what: str,
        facts: bounds.Facts | None = None,
    ) -> bool:
        """A condition must be sound and able to hold; True when it is (or is absent)."""
        if expr is None:
            return True
        if not self.expr(expr, path, "bool", context):
            return False
        if True not in bounds.truth(expr, facts or self.bounds):
            self.r.error(
                path,
                f"this condition can never hold, so the {what} can never happen "
                "(check the numbers against the score bounds, and that its flags are set "
                "somewhere)",
                offset=0,
                context=context,
            )
            return False
        return True

    def rules_out_turns(self, expr: Expr | None, last: int) -> bool:
        """Whether a condition cannot hold on any of turns 1 to ``last``, from the bounds."""
        if last < 1 or expr is None:
            return False
        if not any(isinstance(node, Name) and node.name == "turn" for node in expr.walk()):
            return False
        until = attrs.evolve(self.bounds, turn=bounds.Interval(1, last))
        return True not in bounds.truth(expr, until)

    # --- sections --------------------------------------------------------------------------

    def check_meta(self) -> None:
        if not is_date(self.s.start_date):
            self.r.error(
                ("start_date",),
                f"'{self.s.start_date}' is not a date; write it as YYYY-MM-DD, e.g. 2022-03-21",
            )
        if self.s.default_role is not None:
            role = self.actors.get(self.s.default_role)
            if self.actor_ref(("default_role",), self.s.default_role, what="role") and (
                role is not None and not role.playable
            ):
                self.r.error(
                    ("default_role",),
                    f"default_role '{self.s.default_role}' is not playable; "
                    "set `playable: true` on that actor or pick a playable one",
                )

    def check_rules(self) -> None:
        rules = self.s.rules
        if self.bad(rules, "relation_bounds", "ally_threshold", "enemy_threshold"):
            return
        low, high = rules.relation_bounds
        thresholds = (
            ("ally_threshold", rules.ally_threshold, "ally", "ally_reaction"),
            ("enemy_threshold", rules.enemy_threshold, "enemy", "enemy_reaction"),
        )
        for key, value, who, reaction in thresholds:
            if low <= value <= high:
                continue
            never = (value > high) == (who == "ally")
            effect = (
                f"so no actor is ever another's {who} (to turn {who} reactions off, set "
                f"`{reaction}: 0` instead)"
                if never
                else f"so every actor is always every other's {who}"
            )
            self.r.error(
                self._rules_path(key, "relation_bounds"),
                f"{key} {value} is outside the relation bounds {low}..{high}, {effect}",
            )
        if rules.enemy_threshold >= rules.ally_threshold:
            self.r.error(
                self._rules_path("enemy_threshold", "ally_threshold"),
                f"enemy_threshold {rules.enemy_threshold} must be below ally_threshold "
                f"{rules.ally_threshold}: an actor cannot be both another's ally and its enemy",
            )

    def _rules_path(self, *keys: str) -> Path:
        """The first of these rules that is written (a default has no place of its own)."""
        for key in keys:
            path = self.r.path_of(self.s.rules, key)
            if path in self.r.marks.values:
                return path
        return self.r.path_of(self.s.rules)

    def check_actors(self) -> None:
        # When an actor could not be read, counting them would only echo its problem.
        if len(self.s.actors) < 2 and not self.bad(self.s, "actors"):
            self.r.error(
                ("actors",),
                f"a scenario needs at least two actors (this one has {len(self.s.actors)}): "
                "diplomacy takes two",
                at_key=True,
            )
        if not self.s.actors:
            return
        self.ids_unique(self.s.actors, "actor")
        for actor in self.s.actors:
            if actor.id in RESERVED:
                self.r.error(
                    self.r.path_of(actor, "id"),
                    f"'{actor.id}' cannot be an actor id: conditions give it another meaning "
                    "(SELF is the actor taking an option); choose another id",
                )
        unread = self.bad(self.s, "actors") or any(self.bad(a, "playable") for a in self.s.actors)
        if not unread and not any(a.playable for a in self.s.actors):
            self.r.error(
                ("actors",),
                "no actor is playable; set `playable: true` on at least one",
                at_key=True,
            )
        low, high = self.s.rules.stat_bounds
        for actor in self.s.actors:
            context = f"in actor '{actor.id}'"
            for i, member in enumerate(actor.members):
                self.actor_ref(self.r.path_of(actor, "members", i), member, context=context)
            for stat, value in actor.stats.items():
                if not re.fullmatch(ID_PATTERN, stat):
                    self.r.error(
                        self.r.path_of(actor, "stats", stat),
                        f"'{clip(stat)}' is not a valid stat name: use letters, digits and _, "
                        "starting with a letter (conditions write it as stat(A, name))",
                        at_key=True,
                        context=context,
                    )
                if not low <= value <= high:
                    self.r.error(
                        self.r.path_of(actor, "stats", stat),
                        f"stat '{stat}' is {value}, outside the stat bounds {low}..{high}",
                        context=context,
                    )
            if actor.playable and not actor.goals and not self.bad(actor, "goals"):
                self.r.error(
                    self.r.path_of(actor, "playable"),
                    f"playable role '{actor.id}' has no goals; the player could not be scored",
                    at_key=True,
                )
            self.ids_unique(actor.goals, f"goal (of {actor.id})")
            for goal in actor.goals:
                if goal.range is not None and goal.range[0] == goal.range[1]:
                    self.r.error(
                        self.r.path_of(goal, "range"),
                        f"the range [{goal.range[0]:g}, {goal.range[1]:g}] is empty: give the "
                        "measure's worst value first and its best second, e.g. [0, 100]",
                        context=f"in goal '{goal.id}' of {actor.id}",
                    )
                path = self.r.path_of(goal, "measure")
                if self.expr(goal.measure, path, "number", f"in goal '{goal.id}' of {actor.id}"):
                    span = bounds.interval(goal.measure, self.bounds)
                    if goal.range is None and not (
                        abs(span.low) < 1e12 and abs(span.high) < 1e12 and span.low < span.high
                    ):
                        self.r.error(
                            path,
                            "cannot tell this measure's range; add `range: [worst, best]`",
                            context=f"in goal '{goal.id}' of {actor.id}",
                        )

    def check_relations(self) -> None:
        low, high = self.s.rules.relation_bounds
        seen: dict[tuple[str, str], int] = {}
        for relation in self.s.relations:
            path = self.r.path_of(relation)
            if self.bad(relation, "from_", "to", "between"):
                continue  # who is related to whom could not be read
            if relation.between is not None:
                if relation.from_ is not None or relation.to is not None:
                    self.r.error(
                        path, "give either `between: [A, B]` or `from:` and `to:`, not both"
                    )
                    continue
                if len(relation.between) != 2:
                    self.r.error((*path, "between"), "`between` names exactly two actors")
                    continue
                a, b = relation.between
                refs = [((*path, "between", 0), a), ((*path, "between", 1), b)]
                pairs = [(a, b), (b, a)]
            elif relation.from_ is None or relation.to is None:
                self.r.error(path, "a relation needs `from:` and `to:` (or `between: [A, B]`)")
                continue
            else:
                refs = [((*path, "from"), relation.from_), ((*path, "to"), relation.to)]
                pairs = [(relation.from_, relation.to)]
            if not all([self.actor_ref(p, ident) for p, ident in refs]):
                continue
            if pairs[0][0] == pairs[0][1]:
                self.r.error(path, f"a relation from '{pairs[0][0]}' to itself has no meaning")
                continue
            for name, value in (("score", relation.score), ("baseline", relation.baseline)):
                if value is not None and not low <= value <= high:
                    self.r.error(
                        (*path, name),
                        f"{name} {value} is outside the relation bounds {low}..{high}",
                    )
            for pair in pairs:
                if pair in seen:
                    self.r.error(
                        path,
                        f"the relation {pair[0]} -> {pair[1]} is set twice "
                        f"(first at line {seen[pair]})",
                    )
                else:
                    seen[pair] = self.r.marks.value(path).line

    def check_option(self, option: Option) -> None:
        context = f"in option '{option.id}'"
        if not option.by and not self.bad(option, "by"):
            self.r.error(self.r.path_of(option, "by"), "`by` must name at least one actor")
        for i, actor in enumerate(option.by):
            self.actor_ref(self.r.path_of(option, "by", i), actor, context=context)
        self.acting = tuple(a for a in option.by if a in self.actors)
        sound = self.condition(
            option.requires, self.r.path_of(option, "requires"), context, "option"
        )
        self.effects(option, "effects", option.effects, context)
        self.effects(option, "otherwise", option.otherwise, context)
        self.acting = ()
        if option.otherwise and option.chance >= 1 and not self.bad(option, "chance"):
            self.r.warning(
                self.r.path_of(option, "otherwise"),
                "`otherwise` effects never happen because `chance` is 1; lower `chance` or "
                "remove them",
                at_key=True,
                context=context,
            )
        if option.delay and option.delay >= self.s.turns:
            self.r.warning(
                self.r.path_of(option, "delay"),
                f"a delay of {option.delay} turns outlasts the {self.s.turns}-turn game",
                context=context,
            )
        elif (
            option.delay
            and sound
            and self.rules_out_turns(option.requires, self.s.turns - option.delay)
        ):
            late = self.s.turns - option.delay + 1
            self.r.warning(
                self.r.path_of(option, "delay"),
                f"taken on turn {late} or later, its effects land after the last turn "
                f"({self.s.turns}), and its `requires:` rules out every earlier turn, so they "
                "never happen; shorten the delay or offer it earlier",
                context=context,
            )
        self.fact_refs(option, option.facts, context)

    def check_event(self, event: Event) -> None:
        context = f"in event '{event.id}'"
        path = self.r.path_of(event)
        if (event.turn is None) == (event.when is None) and not self.bad(event, "turn", "when"):
            self.r.error(
                path,
                "an event needs exactly one of `turn:` (scripted) or `when:` (triggered)",
                context=context,
            )
        if event.turn is not None and event.turn > self.s.turns:
            self.r.error(
                (*path, "turn"),
                f"turn {event.turn} is after the last turn ({self.s.turns}), so it never fires",
            )
        self.condition(event.when, (*path, "when"), context, "event")
        self.effects(event, "effects", event.effects, context)
        self.fact_refs(event, event.facts, context)

    def effects(self, owner: object, key: str, effects: tuple[Effect, ...], context: str) -> None:
        for i, effect in enumerate(effects):
            self.effect(effect, self.r.path_of(owner, key, i), context)

    def effect(self, effect: Effect, path: Path, context: str) -> None:
        if self.bad(effect, "rel", "stat", "flag"):
            return  # its target could not be read; the problem is reported
        targets = [k for k in ("rel", "stat", "flag") if getattr(effect, k) is not None]
        if len(targets) != 1:
            self.r.error(
                path,
                "an effect names exactly one of `rel: A -> B`, `stat: A.name` or `flag: name`"
                + (f" (this one has {', '.join(targets)})" if targets else ""),
                context=context,
            )
            return
        target = targets[0]
        if target == "flag":
            if effect.change is not None:
                self.r.error(
                    (*path, "change"),
                    "a flag has no amount; use `set: false` to clear it",
                    at_key=True,
                    context=context,
                )
            if effect.set is not None and not isinstance(effect.set, bool):
                self.r.error((*path, "set"), "a flag is set to true or false", context=context)
            if not re.fullmatch(ID_PATTERN, effect.flag or ""):
                self.r.error(
                    (*path, "flag"),
                    f"'{clip(effect.flag or '')}' is not a valid flag name: use up to 64 "
                    "letters, digits and _, starting with a letter, so that flag(name) can "
                    "read it",
                    context=context,
                )
            return
        amount_unread = self.bad(effect, "change", "set")
        if (effect.change is None) == (effect.set is None) and not amount_unread:
            self.r.error(
                path,
                f"a `{target}` effect needs exactly one of `change:` or `set:`",
                context=context,
            )
        if isinstance(effect.set, bool):
            self.r.error(
                (*path, "set"),
                f"a {target} is set to a number, not {str(effect.set).lower()}",
                context=context,
            )
        if target == "rel":
            rel = parse_rel(effect.rel or "")
            if rel is None:
                self.r.error(
                    (*path, "rel"),
                    f"'{clip(effect.rel or '')}' is not a relation; "
                    "write `A -> B` (A's view of B) or `A <-> B`",
                    context=context,
                )
                return
            ok = self.actor_ref((*path, "rel"), rel.viewer, context=context)
            ok = self.actor_ref((*path, "rel"), rel.viewed, context=context) and ok
            if ok and rel.viewer == rel.viewed:
                self.r.error(
                    (*path, "rel"), "an actor's view of itself is not a relation", context=context
                )
            elif ok and SELF in (rel.viewer, rel.viewed):
                other = rel.viewed if rel.viewer == SELF else rel.viewer
                if other in self.acting:
                    self.r.error(
                        (*path, "rel"),
                        f"when {other} takes this option, SELF is {other}, and an actor's view "
                        f"of itself is not a relation; take {other} out of `by:` or name "
                        "another actor",
                        context=context,
                    )
            value, (low, high) = effect.set, self.s.rules.relation_bounds
        else:
            if not effect.propagate:
                self.r.warning(
                    (*path, "propagate"),
                    "`propagate` only applies to `rel` effects",
                    at_key=True,
                    context=context,
                )
            stat = parse_stat(effect.stat or "")
            if stat is None:
                self.r.error(
                    (*path, "stat"),
                    f"'{clip(effect.stat or '')}' is not a stat; write `ACTOR.name`, "
                    "e.g. `TUR.support`",
                    context=context,
                )
                return
            if self.actor_ref((*path, "stat"), stat.actor, context=context):
                owners = self.acting if stat.actor == SELF else (stat.actor,)
                for owner in owners:
                    actor = self.actors[owner]
                    if stat.stat not in actor.stats:
                        hint = self.suggest(stat.stat, actor.stats) or (
                            f"; {owner} has "
                            + (", ".join(actor.stats) or "no stats: add them under its `stats:`")
                        )
                        self.r.error(
                            (*path, "stat"),
                            f"unknown stat '{stat.stat}' of {owner}{hint}",
                            context=context,
                        )
            value, (low, high) = effect.set, self.s.rules.stat_bounds
        if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
            self.r.error(
                (*path, "set"), f"{value} is outside the bounds {low}..{high}", context=context
            )

    def check_endings(self) -> None:
        unread = self.dropped_items("endings")
        if not self.s.endings:
            if not unread:
                self.r.error(("endings",), "a scenario needs at least one ending")
            return
        # An ending whose `when` could not be read is neither the fallback nor another ending;
        # one that could not be read at all counts as the fallback if it was written as one.
        fallbacks = [e for e in self.s.endings if e.when is None and not self.bad(e, "when")]
        unread_fallback = any(
            isinstance(ending, dict) and ending.get("when") is None for ending in unread
        )
        if not fallbacks and not unread_fallback:
            self.r.error(
                ("endings",),
                "no fallback ending: leave `when:` off exactly one ending, used when the turns "
                "run out and no other ending holds",
                at_key=True,
            )
        for extra in fallbacks[1:]:
            self.r.error(
                self.r.path_of(extra, "id"),
                f"ending '{extra.id}' has no `when:`, but '{fallbacks[0].id}' is already the "
                "fallback; give one of them a condition",
            )
        for ending in fallbacks:
            if ending.at == "any":
                self.r.error(self.r.path_of(ending, "at"), "the fallback ending must be `at: end`")
        for ending in self.s.endings:
            self.check_ending(ending)

    def check_ending(self, ending: Ending) -> None:
        context = f"in ending '{ending.id}'"
        self.condition(ending.when, self.r.path_of(ending, "when"), context, "ending")
        for role, value in ending.scores.items():
            path = self.r.path_of(ending, "scores", role)
            if not self.actor_ref(path, role, what="role", context=context):
                continue
            if not self.actors[role].playable:
                self.r.warning(
                    path, f"'{role}' is not playable, so its score is never shown", context=context
                )
            if not 0 <= value <= 100:
                self.r.error(path, f"score {value} is outside 0..100", context=context)
        self.fact_refs(ending, ending.facts, context)

    def check_roles_have_options(self) -> None:
        if self.bad(self.s, "options"):
            return  # an option could not be read; it may have been the role's
        for actor in self.s.actors:
            if actor.playable and not any(actor.id in o.by for o in self.s.options):
                self.r.error(
                    self.r.path_of(actor, "id"),
                    f"playable role '{actor.id}' has no option; "
                    f"add options with `by: [{actor.id}]`",
                )

    def check_known_unreachable(self) -> None:
        every = set(self.options) | set(self.events) | set(self.endings)
        for i, ident in enumerate(self.s.known_unreachable):
            if ident not in every:
                self.r.error(
                    ("known_unreachable", i),
                    f"'{clip(ident)}' is not an option, event or ending"
                    + self.suggest(ident, every),
                )

    def check_tests(self) -> None:
        for test in self.s.tests:
            context = f"in test '{test.name}'"
            role = self.actors.get(test.role)
            known = self.actor_ref(
                self.r.path_of(test, "role"), test.role, what="role", context=context
            )
            if known and role is not None and not role.playable:
                self.r.error(
                    self.r.path_of(test, "role"),
                    f"'{test.role}' is not playable",
                    context=context,
                )
            for step in test.steps:
                self.check_step(step, context)

    def check_step(self, step: object, context: str) -> None:
        path = self.r.path_of(step)
        if self.bad(step, *STEP_KEYS):
            return  # its one key has a bad value, already reported
        given = [k for k in STEP_KEYS if getattr(step, k) is not None]
        if len(given) != 1:
            self.r.error(
                path, f"each step has exactly one of {', '.join(STEP_KEYS)}", context=context
            )
            return
        kind = given[0]
        value = getattr(step, kind)
        if kind == "wait":
            if value is not True:
                self.r.error((*path, "wait"), "write `wait: true`, or leave the step out")
        elif kind == "expect":
            # Between turns, `turn` is the next turn to play: turns + 1 once the game is over.
            after = attrs.evolve(self.bounds, turn=bounds.Interval(1, self.s.turns + 1))
            self.condition(value, (*path, "expect"), context, "expectation", after)
        elif kind == "ending":
            if value not in self.endings:
                self.r.error(
                    (*path, "ending"),
                    f"unknown ending '{clip(value)}'{self.suggest(value, self.endings)}",
                    context=context,
                )
        else:
            names = (value,) if isinstance(value, str) else value
            for i, name in enumerate(names):
                if name not in self.options:
                    sub = (*path, kind) if isinstance(value, str) else (*path, kind, i)
                    self.r.error(
                        sub,
                        f"unknown option '{clip(name)}'{self.suggest(name, self.options)}",
                        context=context,
                    )

    def _flags_set(self, built: Iterable[object]) -> set[str]:
        """Flags some effect sets: in the scenario, or in an element that could not be built
        (so that its problem is not echoed as a flag that is never set)."""
        flags: set[str] = set()
        every = [*self.s.options, *self.s.events]
        effects = [e for owner in every for e in (*owner.effects, *getattr(owner, "otherwise", ()))]
        for effect in [*effects, *(e for e in built if isinstance(e, Effect))]:
            if effect.flag is not None and effect.set is not False:
                flags.add(effect.flag)
        return flags

    def check_flags(self) -> None:
        for name, places in self.flags_read.items():
            if name not in self.flags_set:
                path, col = places[0]
                hint = self.suggest(name, self.flags_set)
                self.r.warning(
                    path,
                    f"flag '{name}' is read but never set by any option or event, so it is "
                    f"always false{hint}",
                    offset=col,
                )
        for owner in [*self.s.options, *self.s.events]:
            for group in ("effects", "otherwise"):
                for i, effect in enumerate(getattr(owner, group, ())):
                    if effect.flag is not None and not (
                        effect.flag in self.flags_read or effect.flag in self.flags_named
                    ):
                        self.r.warning(
                            self.r.path_of(owner, group, i, "flag"),
                            f"flag '{clip(effect.flag)}' is set but no condition reads it",
                        )


def _listed(ids: Iterable[str], limit: int = 12) -> str:
    """Ids for a message: all of them when few, else the first ones and how many more."""
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit:,} more"


def _first_actor_arg(expr: Expr, col: int) -> str | None:
    """For `stat(TUR, suport)`: the actor named before the stat at ``col``."""
    for node in expr.walk():
        if isinstance(node, Call) and node.func == "stat" and len(node.args) == 2:
            actor, stat = node.args
            if isinstance(stat, Name) and stat.col == col and isinstance(actor, Name):
                return actor.name
    return None
