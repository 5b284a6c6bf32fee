"""Property tests (issue 6): the checker never raises, and what it accepts the engine plays.

1. Random mutations of shipped scenarios, as text (lines dropped, doubled, swapped, cut;
   characters and bytes inserted) and as data (keys deleted, values swapped for values of
   other types, ids changed) never make the checker raise; a mutant it accepts is played
   to an ending like the generated scenarios below.
2. Small scenarios generated from strategies that follow the format: whatever the checker
   accepts, the engine plays to an ending under random play without an exception, with every
   relation and stat within bounds after every turn, a score within 0..100, and a save that
   restores to the same position.
"""

from __future__ import annotations

import copy
import math
import os
import random
from pathlib import Path
from typing import Any

import attrs
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.engine import World, available_options, new_game, play_turn, score
from game.engine.serialize import snapshot
from game.paths import default_scenario, shipped_scenarios
from game.saves import SaveFile, restore
from game.scenario.loader import LoadResult, load_scenario_text
from game.sim.check import _run_tests
from tests.scenario.conftest import starter_text

EXAMPLES = int(os.environ.get("DETENTE_FUZZ_EXAMPLES", "100"))
"""Examples per property: modest by default so the suite stays fast; raise it to search
harder (docs/reliability.md gives the command)."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SOURCES = [(p.read_text(encoding="utf-8"), p) for p in shipped_scenarios()]
SOURCES.append((starter_text(), default_scenario()))
SOURCE = st.sampled_from(range(len(SOURCES))).map(SOURCES.__getitem__)
"""A shipped scenario or the starter, as (text, path); drawn by index to keep reports short."""
PARSED = [yaml.safe_load(text) for text, _ in SOURCES]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def check(text: str, path: Path) -> LoadResult:
    """What `detente check` does with a scenario's text: load, check, replay its tests."""
    result = load_scenario_text(text, str(path), path.parent)
    assert all(d.file and d.message for d in result.diagnostics)
    event("unreadable" if result.unreadable else "accepted" if result.loaded else "refused")
    if result.loaded is not None:
        _run_tests(str(path), result)
        world = World.build(result.loaded)
        chooser = random.Random(len(text))
        play_to_the_end(world, world.playable[0], 0, lambda offered: chooser.choice(offered))
    return result


def play_to_the_end(world: World, role: str, seed: int, pick) -> None:
    """Play a whole game, ``pick`` choosing among the offered options, checking the bounds
    after every turn, the ending, the score, and that a save of the end restores exactly."""
    rules = world.scenario.rules
    state = new_game(world, role, seed)
    for _ in range(world.scenario.turns):
        offered = available_options(world, state, role)
        state = play_turn(world, state, pick(offered).id if offered else None)
        assert within(state.rel, *rules.relation_bounds)
        assert within(state.stats, *rules.stat_bounds)
        if state.over:
            break
    assert state.over and state.ending in {e.id for e in world.endings}
    card = score(world, state)
    assert 0 <= card.total <= 100 and not math.isnan(card.goal_score)
    saved = SaveFile(world.scenario.id, "", role, seed, state.choices, snapshot(world, state))
    assert snapshot(world, restore(world, saved)) == snapshot(world, state)


# --- 1. mutations ----------------------------------------------------------------------------

NASTY = [
    "\t",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "&a ",
    "*a",
    "!!",
    "#",
    "\\",
    "%",
    "\x00",
    "\x1b",
    "\ufeff",
    "\u2028",
    "é",
    "\ud800",
    "---\n",
    "? ",
    "|",
    ">",
    "@",
    "`",
]


@st.composite
def text_mutations(draw: st.DrawFn) -> tuple[str, Path]:
    text, path = draw(SOURCE)
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "double", "swap", "insert", "replace", "cut"]))
        if kind == "drop" and len(lines) > 1:
            del lines[where]
        elif kind == "double":
            lines.insert(where, lines[where])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif kind in ("insert", "replace"):
            line = lines[where]
            col = draw(st.integers(0, len(line)))
            piece = draw(st.sampled_from(NASTY) | st.text(max_size=4))
            rest = line[col + (1 if kind == "replace" else 0) :]
            lines[where] = line[:col] + piece + rest
        elif kind == "cut":
            lines = lines[: where + 1]
    return "\n".join(lines), path


@FUZZ
@given(text_mutations())
def test_text_mutations_never_crash_the_checker(mutated: tuple[str, Path]) -> None:
    check(*mutated)


@FUZZ
@given(SOURCE, st.data())
def test_random_bytes_never_crash_the_reader(source: tuple[str, Path], data: st.DataObject) -> None:
    raw = source[0].encode()
    at = data.draw(st.integers(0, len(raw)))
    noise = data.draw(st.binary(min_size=1, max_size=16))
    mutated = raw[:at] + noise + raw[at:]
    text = mutated.decode("utf-8", errors="surrogateescape")  # lone surrogates, as from bad files
    check(text, source[1])


OTHER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.sampled_from([10**40, -(10**40), 0, -1, 101, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["TUR", "SELF", "NRL", "rel(A, B) >", "turn > 1", "A -> B", "x.y", ""]),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def paths_in(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in nested dicts and lists."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += paths_in(value, (*prefix, i))
    return found


@st.composite
def data_mutations(draw: st.DrawFn) -> tuple[str, Path]:
    index = draw(st.sampled_from(range(len(SOURCES))))
    data, path = copy.deepcopy(PARSED[index]), SOURCES[index][1]
    for _ in range(draw(st.integers(1, 5))):
        places = [p for p in paths_in(data) if p]
        target = draw(st.sampled_from(places))
        parent = data
        for step in target[:-1]:
            parent = parent[step]
        last = target[-1]
        kind = draw(st.sampled_from(["delete", "retype", "rename", "duplicate"]))
        if kind == "delete":
            del parent[last]
        elif kind == "retype":
            parent[last] = draw(OTHER_VALUES)
        elif kind == "rename" and isinstance(parent[last], str):
            parent[last] = draw(st.sampled_from(["TUR", "NRL", "SELF", "x y", "a" * 70, ""]))
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), path


@FUZZ
@given(data_mutations())
def test_data_mutations_never_crash_the_checker(mutated: tuple[str, Path]) -> None:
    check(*mutated)


# --- 2. generated scenarios, played --------------------------------------------------------


def ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


@attrs.frozen
class Names:
    """The ids a generated scenario has, for conditions and effects to refer to."""

    actors: list[str]
    flags: list[str]
    options: list[str]
    events: list[str]
    low: int
    high: int


@st.composite
def conditions(draw: st.DrawFn, names: Names, depth: int = 2) -> str:
    """A condition in the documented language, well-formed and mostly able to hold."""

    def atom() -> str:
        kind = draw(st.sampled_from(["rel", "stat", "flag", "turn", "taken", "fired", "bool"]))
        a, b = draw(st.sampled_from(names.actors)), draw(st.sampled_from(names.actors))
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        if kind == "rel":
            term = f"rel({a}, {b})"
            if draw(st.booleans()):
                term = draw(
                    st.sampled_from(
                        [f"abs({term})", f"{term} * 2 - 10", f"min({term}, 50)", f"{term} / 3"]
                    )
                )
            return f"{term} {op} {draw(st.integers(names.low, names.high))}"
        if kind == "stat":
            return f"stat({a}, support) {op} {draw(st.integers(0, 100))}"
        if kind == "flag":
            return f"flag({draw(st.sampled_from(names.flags))})"
        if kind == "turn":
            return f"turn {op} {draw(st.integers(1, 10))}"
        if kind == "taken" and names.options:
            return f"taken({draw(st.sampled_from(names.options))})"
        if kind == "fired" and names.events:
            return f"fired({draw(st.sampled_from(names.events))})"
        return draw(st.sampled_from(["true", "false"]))

    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return atom()
    first, second = (draw(conditions(names, depth - 1)) for _ in range(2))
    return draw(
        st.sampled_from(
            [
                f"{first} and {second}",
                f"{first} or {second}",
                f"not ({first})",
                f"({first}) or not ({second})",
            ]
        )
    )


@st.composite
def effects(draw: st.DrawFn, names: Names, acting: list[str]) -> dict[str, Any]:
    """An effect; in an option (``acting`` not empty) it may name SELF."""
    kind = draw(st.sampled_from(["rel", "rel", "stat", "flag"]))
    if kind == "rel":
        bystanders = [a for a in names.actors if a not in acting]
        viewer = draw(st.sampled_from(names.actors + (["SELF"] if acting and bystanders else [])))
        barred = {viewer} | (set(acting) if viewer == "SELF" else set())
        viewed = draw(st.sampled_from([a for a in names.actors if a not in barred]))
        arrow = draw(st.sampled_from(["->", "<->"]))
        amount = draw(
            st.sampled_from(
                [
                    {"change": draw(st.integers(-60, 60))},
                    {"set": draw(st.integers(names.low, names.high))},
                ]
            )
        )
        return {
            "rel": f"{viewer} {arrow} {viewed}",
            **amount,
            **({"propagate": False} if draw(st.booleans()) else {}),
        }
    if kind == "stat":
        owner = draw(st.sampled_from(names.actors + (["SELF"] if acting else [])))
        amount = draw(
            st.sampled_from(
                [
                    {"change": draw(st.integers(-60, 60))},
                    {"set": draw(st.integers(0, 100))},
                ]
            )
        )
        return {"stat": f"{owner}.support", **amount}
    return {
        "flag": draw(st.sampled_from(names.flags)),
        **({"set": False} if draw(st.integers(0, 3)) == 0 else {}),
    }


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """A small scenario following the format, from random choices at every key."""
    actors = ids("A", draw(st.integers(2, 5)))
    playable = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True))
    low, high = draw(st.integers(-100, 0)), draw(st.integers(1, 100))
    names = Names(
        actors=actors,
        flags=ids("f", draw(st.integers(1, 3))),
        options=ids("o", max(len(playable), draw(st.integers(1, 6)))),
        events=ids("e", draw(st.integers(0, 3))),
        low=low,
        high=high,
    )
    turns = draw(st.integers(1, 10))
    return {
        "format": 1,
        "id": "fuzzed",
        "title": "Fuzzed",
        "summary": "Generated.",
        "start_date": "2030-01-01",
        "turns": turns,
        "rules": {
            "relation_bounds": [low, high],
            "decay": draw(st.floats(0, 1)),
            "ally_threshold": draw(st.integers(low, high)),
            "enemy_threshold": draw(st.integers(low, high)),
            "ally_reaction": draw(st.floats(0, 1)),
            "enemy_reaction": draw(st.floats(0, 1)),
            "ending_share": draw(st.floats(0, 1)),
        },
        "actors": [draw(actor(names, a, a in playable)) for a in actors],
        "relations": [
            {"from": a, "to": b, "score": draw(st.integers(low, high))}
            for a in actors
            for b in actors
            if a != b and draw(st.booleans())
        ],
        "options": [
            draw(option(names, o, [playable[i]] if i < len(playable) else None))
            for i, o in enumerate(names.options)
        ],
        "events": [draw(scenario_event(names, e, turns)) for e in names.events],
        "endings": [
            {
                "id": f"end{i}",
                "title": "An end",
                "when": draw(conditions(names)),
                "at": draw(st.sampled_from(["end", "any"])),
                "scores": {p: draw(st.integers(0, 100)) for p in playable},
            }
            for i in range(draw(st.integers(0, 3)))
        ]
        + [{"id": "fallback", "title": "Time runs out"}],
    }


@st.composite
def actor(draw: st.DrawFn, names: Names, ident: str, playable: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": ident,
        "name": f"Land {ident}",
        "playable": playable,
        "stats": {"support": draw(st.integers(0, 100))},
        "ai": {"noise": draw(st.floats(0, 20)), "wait_bias": draw(st.floats(-5, 5))},
    }
    if playable or draw(st.booleans()):
        other = draw(st.sampled_from([a for a in names.actors if a != ident]))
        entry["goals"] = [
            {
                "id": "g",
                "label": "goal",
                "weight": draw(st.floats(0, 5)),
                "measure": draw(
                    st.sampled_from(
                        [
                            f"rel({other}, {ident})",
                            f"stat({ident}, support)",
                            f"rel({other}, {ident}) + stat({ident}, support)",
                            f"min(rel({other}, {ident}), rel({ident}, {other}))",
                        ]
                    )
                ),
            }
        ]
    return entry


@st.composite
def option(draw: st.DrawFn, names: Names, ident: str, by: list[str] | None) -> dict[str, Any]:
    by = by or draw(st.lists(st.sampled_from(names.actors), min_size=1, max_size=3, unique=True))
    chance = draw(st.sampled_from([1, 1, 0.5, 0.9, 0.0]))
    entry: dict[str, Any] = {
        "id": ident,
        "by": by,
        "label": f"Do {ident}",
        "chance": chance,
        "effects": [draw(effects(names, by)) for _ in range(draw(st.integers(0, 3)))],
        "once": draw(st.booleans()),
        "delay": draw(st.integers(0, 2)),
        "ai_weight": draw(st.floats(-10, 10)),
    }
    if draw(st.booleans()):
        entry["requires"] = draw(conditions(names))
    if chance < 1:
        entry["otherwise"] = [draw(effects(names, by))]
    return entry


@st.composite
def scenario_event(draw: st.DrawFn, names: Names, ident: str, turns: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": ident,
        "title": f"News {ident}",
        "chance": draw(st.sampled_from([1, 0.5])),
        "once": draw(st.booleans()),
        "effects": [draw(effects(names, []))],
    }
    if draw(st.booleans()):
        entry["turn"] = draw(st.integers(1, turns))
    else:
        entry["when"] = draw(conditions(names))
    return entry


def within(values: tuple[int, ...], low: int, high: int) -> bool:
    return all(low <= v <= high for v in values)


@settings(FUZZ, max_examples=EXAMPLES * 6 // 5)
@given(scenarios(), st.integers(0, 2**32), st.data())
def test_accepted_scenarios_play_to_an_ending_within_bounds(
    scenario: dict[str, Any], seed: int, data: st.DataObject
) -> None:
    result = load_scenario_text(yaml.safe_dump(scenario, sort_keys=False), "fuzzed.yaml")
    event("accepted, played" if result.loaded else "refused by the checker")
    if result.loaded is None:
        return  # refused, with reasons: that is the checker's job, tested above
    world = World.build(result.loaded)
    for role in world.playable:
        play_to_the_end(world, role, seed, lambda offered: data.draw(st.sampled_from(offered)))
