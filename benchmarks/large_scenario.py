"""A generated scenario on the scale of the General Assembly: 193 governments, 400 options.

The benchmark needs a big scenario that looks like a real one, and a 400 KB YAML file is not
something to keep in the repository, so this writes it on demand (to a temporary folder by
default). The crisis is a grain and energy shock after a Black Sea blockade. Every UN member
state takes part, with ISO alpha-3 ids; relations come from regions, blocs, rivalries and
partnerships; every government has goals and a few options (its own, its region's, shared
ones), the powers have more; scripted and triggered events; seven endings.

Deterministic: the same file every time (a fixed random seed).

Run:  .venv/bin/python benchmarks/large_scenario.py [DIRECTORY] [--actors N] [--options M]
(prints the file's path; N above 193 adds made-up governments, for the size benchmarks)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from un_members import BLOCS, MEMBERS, PARTNERS, POWERS, RIVALS

OPTIONS = 400
TURNS = 12
LEADERS = {"AFR": "ZAF", "MNA": "SAU", "EUR": "DEU", "ASI": "CHN", "AME": "USA", "OCE": "AUS"}
SECOND = {"AFR": "NGA", "MNA": "EGY", "EUR": "FRA", "ASI": "IND", "AME": "BRA", "OCE": "NZL"}
PLAYABLE = ("USA", "CHN", "RUS", "IND", "BRA", "TUR", "ZAF", "EGY", "UKR", "DEU")
IMPORTERS = ("EGY", "LBN", "YEM", "TUN", "LBY", "SOM", "SDN", "BGD", "PAK", "KEN", "ETH", "IDN")


def q(text: str) -> str:
    """A YAML scalar: JSON strings are valid double-quoted YAML."""
    return json.dumps(text, ensure_ascii=False)


def effects(items: list[tuple[str, str, int]]) -> str:
    """Effects as flow mappings: (kind, target, change)."""
    parts = []
    for kind, target, change in items:
        if kind == "rel" and len({a.strip() for a in target.replace("<", "").split("->")}) == 1:
            continue  # a view of oneself is not a relation
        if kind == "flag":
            parts.append(f"{{flag: {target}}}")
        else:
            parts.append(f"{{{kind}: {q(target)}, change: {change}}}")
    return "[" + ", ".join(parts) + "]"


def roster_of(actors: int = len(MEMBERS)) -> tuple[tuple[str, str, str], ...]:
    """The UN members, then made-up governments (`X0194`...) spread over the regions.

    The extra ones let the benchmarks try the scenario at sizes beyond the General Assembly
    (the supported sizes of docs/reliability.md are measured with them).
    """
    if actors <= len(MEMBERS):
        return MEMBERS[:actors] if actors < len(MEMBERS) else MEMBERS
    regions = sorted({reg for _, _, reg in MEMBERS})
    extra = tuple(
        (f"X{n:04d}", f"Made-up State {n}", regions[n % len(regions)])
        for n in range(len(MEMBERS) + 1, actors + 1)
    )
    return MEMBERS + extra


def build(seed: int = 1, actors: int = len(MEMBERS), option_count: int = OPTIONS) -> str:
    """The scenario's YAML text, with ``actors`` governments (at least the 193 UN members)
    and at least ``option_count`` options (every government has one of its own, so a scenario
    has at least ``actors`` + 26)."""
    rng = random.Random(seed)
    roster = roster_of(max(actors, len(MEMBERS)))
    codes = [code for code, _, _ in roster]
    region = {code: reg for code, _, reg in roster}
    by_region: dict[str, list[str]] = {}
    for code, _, reg in roster:
        by_region.setdefault(reg, []).append(code)
    lines = [
        "format: 1",
        "id: grain_shock",
        'title: "The Grain Shock: a General Assembly Crisis"',
        "summary: >-",
        "  A blockade in the Black Sea has cut grain and fertiliser exports. Prices spike, import-",
        "  dependent governments face bread riots, and every member of the United Nations must",
        "  choose whom to blame, whom to help and what to ask for.",
        'start_date: "2022-06-06"',
        f"turns: {TURNS}",
        "turn_days: 7",
        "default_role: USA",
        "actors:",
    ]
    for code, name, reg in roster:
        leader = LEADERS[reg] if LEADERS[reg] != code else SECOND[reg]
        support, economy = rng.randint(40, 70), rng.randint(30, 80)
        lines += [
            f"  - id: {code}",
            f"    name: {q(name)}",
            f"    playable: {'true' if code in PLAYABLE else 'false'}",
            f"    stats: {{support: {support}, economy: {economy}}}",
            "    goals:",
            "      - {id: bread, label: Keep bread affordable, "
            f'measure: "stat({code}, economy)", weight: 2, range: [0, 100]}}',
            "      - {id: calm, label: Keep the streets calm, "
            f'measure: "stat({code}, support)", weight: 1, range: [20, 90]}}',
            "      - {id: friends, label: Stay close to the region's leader, "
            f'measure: "rel({leader}, {code})", weight: 1, range: [-50, 80]}}',
        ]
        if code in POWERS:
            rival = next((b if a == code else a for a, b, _ in RIVALS if code in (a, b)), None)
            if rival:
                lines.append(
                    f"      - {{id: pressure, label: Keep {rival} on the back foot, "
                    f'measure: "0 - stat({rival}, economy)", weight: 1, range: [-100, 0]}}'
                )
        lines.append(
            f"    ai: {{noise: {rng.choice([2, 3, 5])}, wait_bias: {rng.choice([0, 1, 2])}}}"
        )

    # Neighbours and bloc partners see each other alike (one `between:` entry for both
    # views, as authors write them); rivals and patrons are asymmetric (`from:`/`to:`).
    mutual: dict[frozenset[str], int] = {}
    for members in by_region.values():
        for code in members:
            for other in rng.sample([m for m in members if m != code], 4):
                mutual[frozenset((code, other))] = rng.randint(0, 45)
    for members in BLOCS.values():
        for i, code in enumerate(members):
            for other in members[i + 1 :]:
                mutual[frozenset((code, other))] = rng.randint(35, 65)
    for code in codes:
        for other in rng.sample(codes, 2):
            if other != code:
                mutual[frozenset((code, other))] = rng.randint(-20, 20)
    directed: dict[tuple[str, str], int] = {}
    for a, b, score in (*RIVALS, *PARTNERS):
        mutual.pop(frozenset((a, b)), None)
        directed[(a, b)] = score
        directed[(b, a)] = score + rng.randint(-5, 5)
    lines.append("relations:")
    lines += [f"  - {{between: [{', '.join(sorted(p))}], score: {s}}}" for p, s in mutual.items()]
    lines += [f"  - {{from: {a}, to: {b}, score: {s}}}" for (a, b), s in directed.items()]

    options: list[str] = []

    def option(oid: str, by: list[str], label: str, body: list[str]) -> None:
        options.append(
            "\n".join(
                [f"  - id: {oid}", f"    by: [{', '.join(by)}]", f"    label: {q(label)}"]
                + [f"    {line}" for line in body]
            )
        )

    option("hold", codes, "Wait and watch", [])
    option(
        "back_corridor",
        [c for c in codes if c not in ("UKR", "RUS")],
        "Back the UN grain corridor",
        [
            'requires: "turn >= 2"',
            "once: true",
            "effects: "
            + effects(
                [("rel", "UKR -> SELF", 4), ("rel", "RUS -> SELF", -3), ("stat", "SELF.support", 1)]
            ),
        ],
    )
    for reg, members in by_region.items():
        leader, second = LEADERS[reg], SECOND[reg]
        low = reg.lower()
        members = [m for m in members if m not in (leader, second)]  # SELF would be them
        option(
            f"{low}_summit",
            members,
            "Attend the regional summit",
            [
                "effects: "
                + effects(
                    [
                        ("rel", f"{leader} -> SELF", 3),
                        ("rel", f"SELF -> {second}", 2),
                        ("stat", "SELF.support", 1),
                    ]
                )
            ],
        )
        option(
            f"{low}_food_pool",
            members,
            "Pool food reserves with the region",
            [
                "chance: 0.7",
                "effects: "
                + effects([("stat", "SELF.economy", 3), ("rel", f"{second} -> SELF", 2)]),
                "otherwise: " + effects([("stat", "SELF.economy", -1)]),
            ],
        )
        option(
            f"{low}_export_ban",
            members,
            "Ban grain exports",
            [
                'requires: "stat(SELF, economy) < 50"',
                "effects: "
                + effects(
                    [
                        ("stat", "SELF.economy", 4),
                        ("stat", "SELF.support", 2),
                        ("rel", f"{leader} -> SELF", -4),
                        ("rel", f"{second} -> SELF", -3),
                    ]
                ),
            ],
        )
        option(
            f"{low}_appeal",
            members,
            "Appeal to the great powers for aid",
            [
                'requires: "rel(USA, SELF) > 0 or rel(CHN, SELF) > 0 or rel(RUS, SELF) > 20"',
                "delay: 1",
                "effects: " + effects([("stat", "SELF.economy", 5), ("stat", "SELF.support", 1)]),
            ],
        )
    for code in codes:
        option(
            f"{code.lower()}_subsidy",
            [code],
            "Subsidise bread at home",
            [
                "effects: "
                + effects([("stat", f"{code}.support", 4), ("stat", f"{code}.economy", -3)])
            ],
        )
    templates = ["aid", "court", "sanction", "broker", "escort", "fertiliser", "pledge", "press"]
    spare = max(0, option_count - len(options))
    made = 0
    for round_ in range(spare):
        for power in POWERS:
            if made == spare:
                break
            kind = templates[round_ % len(templates)]
            oid = f"{power.lower()}_{kind}_{round_}"
            made += _power_option(option, oid, kind, power, rng, codes, region, by_region)
        if made == spare:
            break
    lines.append("options:")
    lines += options

    lines.append("events:")
    lines += _events(rng)
    lines.append("endings:")
    lines += _endings()
    return "\n".join(lines) + "\n"


def _power_option(
    option: Callable[[str, list[str], str, list[str]], None],
    oid: str,
    kind: str,
    power: str,
    rng: random.Random,
    codes: list[str],
    region: dict[str, str],
    by_region: dict[str, list[str]],
) -> int:
    """One extra option for a power (through ``option``); returns 1 if made."""
    rival = next((b if a == power else a for a, b, _ in RIVALS if power in (a, b)), None)
    partner = next((b if a == power else a for a, b, _ in PARTNERS if power in (a, b)), None)
    if kind == "aid":
        reg = rng.choice(sorted(by_region))
        targets = rng.sample(by_region[reg], 3)
        items = [("rel", f"{t} -> {power}", 5) for t in targets]
        items += [("stat", f"{targets[0]}.economy", 3), ("stat", f"{power}.economy", -2)]
        option(oid, [power], f"Ship grain to {reg}", ["effects: " + effects(items)])
    elif kind == "court":
        friend = partner or rng.choice(codes)
        if friend == power:
            return 0
        items = [("rel", f"{friend} <-> {power}", 6), ("stat", f"{power}.support", 1)]
        option(oid, [power], f"Court {friend}", ["effects: " + effects(items)])
    elif kind == "sanction":
        if rival is None:
            return 0
        items = [
            ("stat", f"{rival}.economy", -5),
            ("rel", f"{rival} <-> {power}", -8),
            ("stat", f"{power}.economy", -1),
        ]
        option(
            oid,
            [power],
            f"Sanction {rival}",
            [f'requires: "rel({power}, {rival}) < -30"', "effects: " + effects(items)],
        )
    elif kind == "broker":
        option(
            oid,
            [power],
            "Broker a grain deal",
            [
                "once: true",
                "chance: 0.4",
                "delay: 2",
                "effects: "
                + effects(
                    [
                        ("flag", "grain_deal", 1),
                        ("rel", f"UKR -> {power}", 5),
                        ("rel", f"RUS -> {power}", 5),
                        ("stat", f"{power}.support", 5),
                    ]
                ),
                "otherwise: " + effects([("stat", f"{power}.support", -2)]),
            ],
        )
    elif kind == "escort":
        option(
            oid,
            [power],
            "Escort grain ships",
            [
                'requires: "flag(grain_deal) or turn >= 4"',
                "chance: 0.8",
                "effects: "
                + effects(
                    [
                        ("flag", "corridor_open", 1),
                        ("rel", f"RUS -> {power}", -6),
                        ("rel", f"UKR -> {power}", 6),
                    ]
                ),
                "otherwise: " + effects([("rel", f"RUS -> {power}", -10)]),
            ],
        )
    elif kind == "fertiliser":
        reg = region[power]
        targets = rng.sample(by_region[reg], 2)
        items = [("stat", f"{t}.economy", 2) for t in targets if t != power]
        items += [("rel", f"{t} -> {power}", 3) for t in targets if t != power]
        items.append(("stat", f"{power}.economy", -2))
        option(oid, [power], "Sell fertiliser at cost", ["effects: " + effects(items)])
    elif kind == "pledge":
        option(
            oid,
            [power],
            "Pledge to the World Food Programme",
            [
                "once: true",
                "effects: "
                + effects([("stat", f"{power}.support", 2), ("stat", f"{power}.economy", -3)]),
            ],
        )
    else:
        target = rival or rng.choice(codes)
        if target == power:
            return 0
        option(
            oid,
            [power],
            f"Blame {target} in the General Assembly",
            [
                "effects: "
                + effects([("rel", f"{power} -> {target}", -5), ("stat", f"{power}.support", 2)])
            ],
        )
    return 1


Effect = tuple[str, str, int]


def _event(
    eid: str, title: str, items: list[Effect], *, turn: int = 0, when: str = "", extra: str = ""
) -> str:
    trigger = f"turn: {turn}" if turn else f"when: {q(when)}"
    return f"  - {{id: {eid}, title: {q(title)}, {trigger}{extra}, effects: {effects(items)}}}"


def _events(rng: random.Random) -> list[str]:
    out = []
    for index, turn in enumerate((1, 3, 5, 7, 9, 11)):
        hit = rng.sample(IMPORTERS, 5)
        items = [("stat", f"{code}.economy", -3) for code in hit]
        items += [("stat", f"{code}.support", -2) for code in hit]
        out.append(_event(f"price_spike_{index}", "Grain prices spike again", items, turn=turn))
    sail: list[Effect] = [
        ("stat", "UKR.economy", 10),
        ("stat", "EGY.economy", 5),
        ("rel", "UKR -> RUS", 5),
    ]
    out.append(_event("ships_sail", "The first grain ships sail", sail, when="flag(grain_deal)"))
    mines: list[Effect] = [("rel", "UKR -> RUS", -5), ("stat", "TUR.support", -2)]
    out.append(
        _event(
            "corridor_mines",
            "A mine hits a freighter",
            mines,
            when="flag(corridor_open)",
            extra=", chance: 0.3",
        )
    )
    for code in IMPORTERS:
        riots: list[Effect] = [("stat", f"{code}.support", -3), ("stat", f"{code}.economy", -2)]
        out.append(
            _event(
                f"riots_{code.lower()}",
                f"Bread riots in {code}",
                riots,
                when=f"stat({code}, support) < 35",
                extra=", chance: 0.5, once: false",
            )
        )
    return out


ENDINGS: tuple[tuple[str, str, str, bool, tuple[int, ...]], ...] = (
    (
        "famine",
        "Famine in the Horn of Africa",
        "stat(SOM, economy) < 5 and stat(ETH, economy) < 10 and stat(SDN, economy) < 10",
        True,
        (10, 20, 15, 20, 30, 20, 20, 10, 10, 15),
    ),
    (
        "grain_deal",
        "The grain deal holds",
        "flag(grain_deal) and flag(corridor_open)",
        False,
        (80, 70, 60, 75, 70, 90, 75, 85, 85, 80),
    ),
    (
        "bloc_split",
        "The world splits into blocs",
        "rel(USA, CHN) < -70 and rel(USA, RUS) < -85",
        False,
        (35, 35, 40, 30, 25, 30, 25, 20, 30, 35),
    ),
    (
        "concert",
        "A concert of powers",
        "min(rel(USA, CHN), rel(USA, RUS)) > -30 and rel(CHN, USA) > -30",
        False,
        (70, 75, 70, 65, 60, 65, 60, 60, 40, 75),
    ),
    (
        "south_rises",
        "The Global South sets the terms",
        "stat(IND, economy) > 75 and stat(BRA, economy) > 75 and stat(ZAF, economy) > 60",
        False,
        (40, 60, 45, 95, 95, 60, 95, 70, 40, 45),
    ),
    (
        "bread_riots",
        "Bread riots topple governments",
        "stat(EGY, support) < 10 and stat(TUN, support) < 15",
        True,
        (20, 30, 35, 30, 30, 25, 30, 0, 20, 25),
    ),
    ("muddle_through", "The world muddles through", "", False, (50,) * 7 + (40, 30, 50)),
)
"""(id, title, condition ('' for the fallback), checked every turn, scores of PLAYABLE)."""


def _endings() -> list[str]:
    out = []
    for eid, title, when, any_turn, worth in ENDINGS:
        scores = ", ".join(f"{role}: {value}" for role, value in zip(PLAYABLE, worth, strict=True))
        parts = [f"id: {eid}", f"title: {q(title)}"]
        parts += ["at: any"] if any_turn else []
        parts += [f"when: {q(when)}"] if when else []
        out.append(f"  - {{{', '.join(parts)}, scores: {{{scores}}}}}")
    return out


def bare(actors: int, option_count: int = 0, turns: int = TURNS) -> str:
    """A scenario of ``actors`` governments with as little as the format asks of each.

    The rich scenario above spends about 190 values per government, so the value budget
    stops it near the General Assembly's size; a hostile or careless file gets thousands of
    governments past that budget by giving each only an id and a name. This is that file:
    the first government is the playable role, ``option_count`` options (one per government
    when 0) each move one relation, and there is one ending.
    """
    ids = [f"A{n:05d}" for n in range(1, actors + 1)]
    lines = [
        "format: 1",
        "id: crowd",
        "title: A crowded crisis",
        "summary: Every government at once.",
        'start_date: "2022-06-06"',
        f"turns: {turns}",
        f"default_role: {ids[0]}",
        "actors:",
        f"  - {{id: {ids[0]}, name: First, playable: true, goals: "
        f'[{{id: g, label: Friends, measure: "rel({ids[1]}, {ids[0]})"}}]}}',
    ]
    lines += [f"  - {{id: {ident}, name: N}}" for ident in ids[1:]]
    lines.append("options:")
    for n in range(option_count or actors):
        who, other = ids[n % actors], ids[(n + 1) % actors]
        lines.append(
            f"  - {{id: o{n}, by: [{who}], label: Reach out, "
            f'effects: [{{rel: "{other} -> {who}", change: 2}}]}}'
        )
    lines += ["endings:", "  - {id: done, title: Done, scores: {" + ids[0] + ": 50}}"]
    return "\n".join(lines) + "\n"


def write(
    directory: Path | None = None,
    actors: int = len(MEMBERS),
    options: int = OPTIONS,
    *,
    sparse: bool = False,
) -> Path:
    """Write the scenario to ``directory`` (a new temporary folder by default)."""
    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="detente-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    if sparse:
        path = folder / f"crowd_{actors}.yaml"
        path.write_text(bare(actors, options), encoding="utf-8")
        return path
    path = folder / f"grain_shock_{actors}.yaml"
    path.write_text(build(actors=actors, option_count=options), encoding="utf-8")
    return path


if __name__ == "__main__":
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("directory", nargs="?", type=Path, help="where to write (a temporary folder)")
    cli.add_argument("--actors", type=int, default=len(MEMBERS), help="governments (>= 193)")
    cli.add_argument("--options", type=int, default=OPTIONS, help="options, at least")
    cli.add_argument("--bare", action="store_true", help="minimal governments (`bare`)")
    ns = cli.parse_args()
    print(write(ns.directory, ns.actors, ns.options, sparse=ns.bare))
