"""Hostile scenario files (issue 6), built on demand, shared by the tests and the benchmark.

Each ``Hostile`` writes one input into a folder and says what `detente check` must answer:
the exit codes allowed, the line the first message must carry (None where no line exists,
such as a missing file), and a fragment of that message.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import attrs
import yaml

from game.scenario.loader import MAX_FILE_BYTES
from game.scenario.model import MAX_ACTORS
from game.scenario.yamlread import MAX_DEPTH
from tests.scenario.conftest import edit, line_of, starter_text

ANY_LINE = -1


@attrs.frozen
class Hostile:
    """One hostile input and the answer expected for it."""

    name: str
    make: Callable[[Path], Path]
    codes: tuple[int, ...]
    line: Callable[[str], int] | int | None
    """The expected line: a number, a function of the file's text, None for no line, or
    ANY_LINE where any place (or none) will do, as for random bytes."""
    fragment: str


def text_file(name: str, text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return make


def bytes_file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"{name}.yaml"
        path.write_bytes(data)
        return path

    return make


def at(fragment: str) -> Callable[[str], int]:
    """The line of the file holding fragment."""
    return lambda text: line_of(text, fragment)


STARTER = starter_text("hostile")


def starter_with(old: str, new: str) -> str:
    return edit(STARTER, old, new)


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "format: 1\n" + "\n".join(lines) + "\n"


def actors(count: int, defect_at: int | None = None) -> str:
    """A valid scenario with ``count`` actors (ids A0...), optionally one misspelt reference."""
    data = yaml.safe_load(STARTER)
    data["actors"] = data["actors"] + [
        {"id": f"A{i}", "name": f"Actor {i}", "stats": {"support": 50}} for i in range(count - 3)
    ]
    data["relations"] = data["relations"] + [
        {"from": f"A{i}", "to": "NRL", "score": i % 100} for i in range(count - 3)
    ]
    if defect_at is not None:
        data["relations"][defect_at]["to"] = "NRLL"
    return yaml.safe_dump(data, sort_keys=False, width=200)


def fifo(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def symlink_loop(folder: Path) -> Path:
    path = folder / "loop.yaml"
    path.symlink_to(folder / "loop.yaml")
    return path


def oversized(folder: Path) -> Path:
    path = folder / "big.yaml"
    padding = "# " + "x" * 98 + "\n"
    path.write_text(STARTER + padding * (MAX_FILE_BYTES // 100 + 1), encoding="utf-8")
    return path


LONG_CONDITION = " and ".join(["rel(NRL, STH) > -50"] * 440)  # 10,117 characters
WRONG_TYPES = (
    "format: 1\nid: [x]\ntitle: {a: 1}\nsummary: 3\nstart_date: true\nturns: abc\n"
    "actors: 5\noptions: x\nendings: {}\n"
)

HOSTILE: tuple[Hostile, ...] = (
    Hostile(
        "yaml_syntax_error",
        text_file("syntax", starter_with("id: hostile\n", "id: hostile: the sequel\n")),
        (2,),
        at("id: hostile: the sequel"),
        "a value containing ': ' must be quoted",
    ),
    Hostile(
        "tabs",
        text_file("tabs", starter_with("    name: Southland\n", "\tname: Southland\n")),
        (2,),
        at("\tname: Southland"),
        "YAML indents with spaces, not tabs",
    ),
    Hostile(
        "non_utf8_bytes",
        bytes_file(
            "latin1",
            starter_with("Southland is angry", "Southland is f\u00e2ch\u00e9").encode("latin-1"),
        ),
        (2,),
        at("Southland is f"),
        "is not UTF-8",
    ),
    Hostile(
        "utf16_file", bytes_file("utf16", STARTER.encode("utf-16")), (2,), 1, "saved as UTF-16"
    ),
    Hostile("empty_file", text_file("empty", ""), (2,), 1, "the file is empty"),
    Hostile("comments_only", text_file("comments", "# nothing yet\n\n"), (2,), 1, "is empty"),
    Hostile(
        "folder_without_yaml",
        lambda folder: (folder / "empty_folder").mkdir() or folder / "empty_folder",
        (2,),
        None,
        "is a folder with no .yaml files in it",
    ),
    Hostile("missing_file", lambda folder: folder / "nowhere.yaml", (2,), None, "no such file"),
    Hostile("over_2_mb", oversized, (2,), None, "files over 2 MB are refused"),
    Hostile("named_pipe", fifo, (2,), None, "is not a regular file"),
    Hostile("symlink_loop", symlink_loop, (2,), None, "symbolic links"),
    Hostile("alias_bomb", text_file("bomb", alias_bomb()), (2,), 6, "expands to more than"),
    Hostile(
        "block_nesting_5000_deep",
        text_file("deep_block", "actors:\n" + "  " + "- " * 5000 + "x\n"),
        (2,),
        2,
        f"nested more than {MAX_DEPTH} levels deep",
    ),
    Hostile(
        "flow_nesting_5000_deep",
        text_file("deep_flow", "actors: " + "[" * 5000 + "]" * 5000 + "\n"),
        (2,),
        1,
        "nested",
    ),
    Hostile(
        "mapping_nesting_5000_deep",
        text_file("deep_map", "rules: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
        (2,),
        1,
        "nested",
    ),
    Hostile(
        "duplicate_keys",
        text_file("dup", starter_with("turn_days: 7\n", "turn_days: 7\nturns: 9\n")),
        (1,),
        at("turns: 9"),
        "duplicate key 'turns'",
    ),
    Hostile(
        "wrong_types_everywhere",
        text_file("types", WRONG_TYPES),
        (1,),
        2,
        "expected text, got a list",
    ),
    Hostile(
        "nan",
        text_file("nan", starter_with("score: -20", "score: .nan")),
        (1,),
        at("score: .nan"),
        "expected a whole number, got nan (not a usable number)",
    ),
    Hostile(
        "infinity",
        text_file("inf", starter_with("turns: 5", "turns: .inf")),
        (1,),
        at("turns: .inf"),
        "got inf (not a usable number)",
    ),
    Hostile(
        "huge_integer",
        text_file("huge", starter_with("score: -20", "score: -" + "9" * 40)),
        (1,),
        at("score: -999"),
        "this number is far too large",
    ),
    Hostile(
        "4000_digit_hex",
        text_file("hex", starter_with("turns: 5", "turns: 0x" + "f" * 4000)),
        (1,),
        at("turns: 0x"),
        "this number is far too large",
    ),
    Hostile(
        "huge_number_in_condition",
        text_file(
            "cond_num",
            starter_with("requires: flag(talks)", "requires: rel(NRL, STH) > 1" + "0" * 400),
        ),
        (1,),
        at("requires: rel(NRL, STH) > 1000"),
        "far too large",
    ),
    Hostile(
        "huge_product_in_condition",
        text_file(
            "product",
            starter_with(
                "requires: flag(talks)",
                "requires: rel(NRL, STH) * " + " * ".join(["1000000000"] * 40) + " * 0.5 > 1",
            ),
        ),
        (1,),
        at("requires: rel(NRL, STH) * 1000000000"),
        "this product can exceed 1e+15",
    ),
    Hostile(
        "id_with_spaces_and_dashes",
        text_file("id_space", starter_with("  - id: RGC\n", '  - id: "R G-C"\n')),
        (1,),
        at('"R G-C"'),
        "is not a valid id",
    ),
    Hostile(
        "id_with_accents",
        text_file("id_accent", starter_with("  - id: RGC\n", "  - id: RGCé\n")),
        (1,),
        at("RGCé"),
        "is not a valid id",
    ),
    Hostile(
        "id_of_10000_characters",
        text_file("id_long", starter_with("  - id: RGC\n", f"  - id: R{'G' * 9999}\n")),
        (1,),
        at("RGGGG"),
        "is not a valid id: use up to 64",
    ),
    Hostile(
        "id_with_terminal_escape",
        text_file("id_escape", starter_with("  - id: RGC\n", '  - id: "\\e[31mRGC"\n')),
        (1,),
        at("\\e[31mRGC"),
        "cannot be shown or saved",
    ),
    Hostile(
        "id_reserved_self",
        text_file("id_self", starter_with("  - id: RGC\n", "  - id: SELF\n")),
        (1,),
        at("- id: SELF"),
        "cannot be an actor id",
    ),
    Hostile(
        "condition_of_10000_characters",
        text_file(
            "long_cond", starter_with("requires: flag(talks)", f"requires: {LONG_CONDITION}")
        ),
        (1,),
        at("requires: rel(NRL, STH) > -50 and"),
        "characters long; keep each under 2,000",
    ),
    Hostile(
        "zero_actors",
        text_file(
            "no_actors",
            STARTER[: STARTER.index("actors:")] + "actors: []\noptions: []\nendings: []\n",
        ),
        (1,),
        1 + STARTER[: STARTER.index("actors:")].count("\n"),
        "needs at least two actors",
    ),
    Hostile(
        "most_actors_one_typo",  # MAX_ACTORS (1,000 until issue 18 set the limit)
        text_file("most_actors_typo", actors(MAX_ACTORS, defect_at=200)),
        (1,),
        at("to: NRLL"),
        "unknown actor 'NRLL'; did you mean 'NRL'?",
    ),
    Hostile(
        "raw_nul_byte",
        bytes_file("nul", starter_with('title: "Starter"', 'title: "Sta\0rter"').encode()),
        (2,),
        at('title: "Sta'),
        "control character U+0000",
    ),
    Hostile(
        "escaped_terminal_control",
        text_file("ansi", starter_with('title: "Starter"', 'title: "\\e[2J\\e[HStarter"')),
        (1,),
        at("\\e[2J"),
        "U+001B, which cannot be shown or saved",
    ),
    Hostile(
        "random_bytes",
        bytes_file("noise", random.Random(6).randbytes(4096)),
        (2,),
        ANY_LINE,
        "",
    ),
    Hostile(
        "python_object_tag",
        text_file(
            "pytag", starter_with('title: "Starter"', "title: !!python/object/apply:os.system [ls]")
        ),
        (2,),
        at("title: !!python"),
        "unsupported YAML tag",
    ),
    Hostile(
        "sixty_thousand_values",
        text_file("values", "known_unreachable:\n" + "".join(f"- x{i}\n" for i in range(60_000))),
        (2,),
        49_999,  # keys count too: value 50,001 is the item on line 49,999
        "expands to more than 50,000 values",
    ),
    Hostile(
        "forty_thousand_bad_references",
        text_file(
            "refs", STARTER + "known_unreachable:\n" + "".join(f"- x{i}\n" for i in range(40_000))
        ),
        (1,),
        lambda text: text.splitlines().index("- x0") + 1,
        "'x0' is not an option, event or ending",
    ),
)
