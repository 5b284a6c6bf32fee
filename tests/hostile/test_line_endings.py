"""Line endings and Unicode line separators (issue 18): no crash, and every `file:line:col`
is the line an editor shows.

CR-only files and U+2028/U+2029 in multi-line text raised IndexError (exit 3), and one U+2028
shifted every later line number by one, because PyYAML counts U+0085, U+2028 and U+2029 as
line breaks and the excerpts split lines another way. Each case runs `detente check` in a
fresh interpreter under a timeout and checks the file is left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import Run, digest, run_subprocess
from tests.scenario.conftest import edit, line_of, starter_text

BOUND = 20
"""Seconds a check may take here, start of the interpreter included."""

TWO_LINE_CONDITION = edit(
    starter_text(),
    "requires: flag(talks)\n",
    "requires: flag(talks)\n      and rel(NRL, STHX) > 0\n",
)
"""The starter with a condition written over two lines (a plain multi-line value), whose
second line names an unknown actor."""

BAD_LINE = line_of(TWO_LINE_CONDITION, "and rel(NRL, STHX)")
BAD_COL = TWO_LINE_CONDITION.splitlines()[BAD_LINE - 1].index("STHX") + 1
UNKNOWN = "error: in condition: unknown actor `STHX`"


def check(tmp_path: Path, data: bytes) -> tuple[Path, Run]:
    path = tmp_path / "scenario.yaml"
    path.write_bytes(data)
    before = digest(path)
    result = run_subprocess("check", path, timeout=BOUND)
    assert digest(path) == before
    return path, result


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr_only", "crlf"])
def test_old_mac_and_windows_line_endings(tmp_path: Path, newline: str) -> None:
    path, result = check(tmp_path, TWO_LINE_CONDITION.replace("\n", newline).encode())
    assert result.code == 1, result.text
    assert f"{path}:{BAD_LINE}:{BAD_COL}: {UNKNOWN}" in result.out, result.out
    assert "\n          and rel(NRL, STHX) > 0\n" in result.out  # the excerpt: that very line
    assert "\r" not in result.out


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_separator_inside_quoted_text_shifts_no_line(tmp_path: Path, separator: str) -> None:
    text = edit(TWO_LINE_CONDITION, 'title: "Starter"', f'title: "Star{separator}ter"')
    path, result = check(tmp_path, text.encode())
    assert result.code == 1, result.text
    assert f"{path}:{BAD_LINE}:{BAD_COL}: {UNKNOWN}" in result.out, result.out


def test_paragraph_separators_as_every_line_break(tmp_path: Path) -> None:
    """An editor shows such a file as one line; the message says so rather than crash."""
    text = TWO_LINE_CONDITION.replace("\n", "\u2029")
    path, result = check(tmp_path, text.encode())
    assert result.code == 1, result.text
    col = text.index("STHX") + 1
    assert f"{path}:1:{col}: {UNKNOWN}" in result.out, result.out
    assert "\u2029" not in result.out  # shown escaped in the excerpt, never raw
    assert "\\u2029" in result.out


def test_line_separator_that_breaks_a_block_is_named(tmp_path: Path) -> None:
    text = edit(starter_text(), "  Two neighbours, Northland", "  Two\u2028neighbours, Northland")
    path, result = check(tmp_path, text.encode())
    assert result.code == 2, result.text
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "Two\u2028neighbours" in t)
    assert f"{path}:{line + 2}:1: error: could not find expected ':'" in result.out, result.out
    assert (
        f"line {line} holds U+2028 (line separator), which YAML reads as a line break though "
        "editors do not show one" in result.out
    )


def test_syntax_error_in_a_cr_only_file(tmp_path: Path) -> None:
    text = edit(starter_text(), "turns: 5\n", "turns: 5: weeks\n")
    path, result = check(tmp_path, text.replace("\n", "\r").encode())
    assert result.code == 2, result.text
    line = line_of(text, "turns: 5: weeks")
    assert f"{path}:{line}:" in result.out and "must be quoted" in result.out, result.out
