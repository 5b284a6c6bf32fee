"""What every check reads: the scenario, where to report, and lookups built once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

import attrs

from game.scenario import bounds
from game.scenario.checks.flags import FlagReads, flags_set_by
from game.scenario.checks.report import Reporter
from game.scenario.diagnostics import Suggestions
from game.scenario.model import Actor, Ending, Event, Option, Scenario
from game.scenario.structure import Structurer
from game.scenario.yamlread import Path


@attrs.frozen
class CheckContext:
    """The scenario under check and what the checks share.

    The fields are fixed for a whole check, except what three collaborators gather:
    ``report`` collects diagnostics, ``suggest`` spends its budget of suggestions and
    ``flag_reads`` records which flags conditions read, for the flag checks that run last.

    Who SELF stands for is not here: checks of an option's parts take it as ``acting`` (the
    actors who may take the option; empty elsewhere, where SELF means nothing).

    Attributes:
        scenario: The scenario as structured.
        report: Where problems go.
        fact_ids: Ids of the facts in every brief the scenario cites.
        damaged: (id of element, field) pairs whose value was bad, already reported.
        dropped: List items that could not be built, by path, as written.
        flags_named: Flags some condition text reads, even one that could not be checked.
        flags_set: Flags some effect sets (dropped elements' effects included).
        actors, options, events, endings: Elements by id (the last one of an id wins).
        score_bounds: What interval analysis of conditions may assume.
        suggest: "Did you mean" hints, with a budget for the whole file.
        flag_reads: Where each flag is read by a checked condition.
    """

    scenario: Scenario
    report: Reporter
    fact_ids: Set[str]
    damaged: Set[tuple[int, str]]
    dropped: Mapping[Path, object]
    flags_named: Set[str]
    flags_set: Set[str]
    actors: Mapping[str, Actor]
    options: Mapping[str, Option]
    events: Mapping[str, Event]
    endings: Mapping[str, Ending]
    score_bounds: bounds.Facts
    suggest: Suggestions
    flag_reads: FlagReads

    @classmethod
    def build(
        cls,
        scenario: Scenario,
        report: Reporter,
        fact_ids: Iterable[str],
        structurer: Structurer | None,
    ) -> CheckContext:
        """The context for checking ``scenario``; ``structurer`` is the one that built it."""
        built = structurer.built if structurer else ()
        flags_set = flags_set_by(scenario, built)
        low, high = scenario.rules.relation_bounds
        stat_low, stat_high = scenario.rules.stat_bounds
        return cls(
            scenario=scenario,
            report=report,
            fact_ids=set(fact_ids),
            damaged=structurer.damaged if structurer else frozenset(),
            dropped=structurer.dropped if structurer else {},
            flags_named=structurer.flags_named if structurer else frozenset(),
            flags_set=flags_set,
            actors={a.id: a for a in scenario.actors},
            options={o.id: o for o in scenario.options},
            events={e.id: e for e in scenario.events},
            endings={e.id: e for e in scenario.endings},
            score_bounds=bounds.Facts(
                relation=bounds.Interval(low, high),
                stat=bounds.Interval(stat_low, stat_high),
                turns=scenario.turns,
                flag_can_be_set=flags_set.__contains__,
            ),
            suggest=Suggestions(),
            flag_reads=FlagReads(),
        )

    def is_damaged(self, element: object, *fields: str) -> bool:
        """Whether any of these fields of element held a bad value, already reported."""
        return any((id(element), field) in self.damaged for field in fields)

    def dropped_items(self, key: str) -> list[object]:
        """The items of a top-level list that could not be built, as written."""
        return [value for path, value in self.dropped.items() if len(path) == 2 and path[0] == key]
