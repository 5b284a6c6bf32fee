"""Problems found in a scenario, and how they are worded and printed.

Every problem is a Diagnostic with a place (file, 1-based line and column) and a message that
says what is wrong and what would be right. Suggestions ("did you mean ...?") are computed in
one place, ``did_you_mean``, so all messages phrase them alike.
"""

from __future__ import annotations

import collections
import difflib
import functools
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from game.textsafe import CONTROL_CHARACTERS

Severity = Literal["error", "warning"]


@attrs.frozen
class Diagnostic:
    """One problem in an input file.

    Attributes:
        severity: "error" stops the scenario from loading; "warning" does not.
        message: What is wrong, and what would be right.
        file: The file, as the user named it.
        line: 1-based line, or 0 when the problem has no place in the file.
        col: 1-based column, or 0.
        context: What the checker was looking at ("while checking option 'transfer'").
        unreadable: The file could not be read as YAML at all (missing, not UTF-8, not
            YAML...), as opposed to read and found wrong: commands exit 2 rather than 1.
    """

    severity: Severity
    message: str
    file: str
    line: int = 0
    col: int = 0
    context: str = ""
    unreadable: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """`file:line:col: severity: message`, the form editors and CI logs link to."""
        place = self.file
        if self.line:
            place += f":{self.line}"
            if self.col:
                place += f":{self.col}"
        context = f" ({self.context})" if self.context else ""
        line = printable(f"{place}: {self.severity}: {self.message}{context}")
        return line.replace("\t", "\\t").replace("\n", "\\n")  # one line, whatever it quotes

    def excerpt(self, text: str | None) -> str:
        """The offending line with a caret under the column, or '' when there is none.

        Without a column (a problem that concerns the whole line) there is no caret, since
        one under the first character would point at the wrong thing.
        """
        if not text or not self.line:
            return ""
        lines = _lines(text)
        if self.line > len(lines):
            return ""
        source = lines[self.line - 1].expandtabs(1)
        col = self.col
        if len(source) > 160:
            start = max(0, col - 80)
            source, col = source[start : start + 160], col - start
        if not self.col:
            return f"    {source}"
        caret = " " * max(col - 1, 0) + "^"
        return f"    {source}\n    {caret}"


LINE_BREAK = re.compile("\r\n|\r|\n")
"""What ends a line, for every line number in a message: CR LF, CR or LF, as editors count
them. (Not str.splitlines, which also breaks at form feeds, U+001C..U+001E, U+0085, U+2028 and
U+2029, and not PyYAML's line numbers, which count U+0085, U+2028 and U+2029: see
yamlread.LineIndex.)"""


def split_lines(text: str) -> list[str]:
    """A text's lines as an editor numbers them, without their line breaks."""
    return LINE_BREAK.split(text)


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    """A file's lines, split once however many diagnostics quote it (a file with 100,000
    problems took minutes when each excerpt split the whole text again)."""
    return tuple(split_lines(text))


_UNPRINTABLE = re.compile(
    f"[{CONTROL_CHARACTERS}\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
"""Characters never printed raw in a message: the control characters, line and paragraph
separators (which break a message in two), and the invisible format characters (zero-width
spaces and joiners, bidi controls, the byte-order mark) that make an id look right when it is
not."""


def printable(text: str) -> str:
    """Text safe to quote in a message: the characters of ``_UNPRINTABLE`` shown as escapes
    (`\\x1b`, `\\u200b`).

    Messages quote the file, and a file can hold anything: an ESC would drive the terminal,
    a lone surrogate would make print() itself raise, and a zero-width space in an id would
    make "unknown actor 'USA'" unreadable.
    """
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, limit: int = 60) -> str:
    """Text from the file, cut short enough to quote in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_COMPARED = 20
"""Candidates ``did_you_mean`` compares a word with in full. difflib's ratio is costly, and
3,000 options times 1,000 typos took 38 s; the candidates that share the most pairs of
letters with the word are found first, from an index built once per set of candidates, and
only those compared."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'X'?)' for the closest choices, or '' when nothing is close."""
    pool = tuple(choices)
    lowered = word.lower()
    matches = difflib.get_close_matches(word, _nearest(word, pool), n=3, cutoff=0.6)
    if not matches:
        matches = [choice for choice in pool if choice.lower() == lowered][:1]
    if not matches:
        return ""
    if len(matches) == 1:
        return f"; did you mean '{matches[0]}'?"
    return "; did you mean one of: " + ", ".join(f"'{m}'" for m in matches) + "?"


def _pairs(text: str) -> set[str]:
    """The pairs of adjacent letters of a word, its ends marked (`^o`, `o1`, `1$`)."""
    marked = f"^{text.lower()}$"
    return {marked[i : i + 2] for i in range(len(marked) - 1)}


@functools.lru_cache(maxsize=16)
def _pair_index(pool: tuple[str, ...]) -> dict[str, list[int]]:
    """For each pair of letters, the positions of the candidates holding it."""
    index: dict[str, list[int]] = {}
    for position, choice in enumerate(pool):
        for pair in _pairs(choice):
            index.setdefault(pair, []).append(position)
    return index


def _nearest(word: str, pool: tuple[str, ...]) -> tuple[str, ...]:
    """The MAX_COMPARED candidates sharing the most letter pairs with word, in their order.

    A close match (difflib's ratio of 0.6) shares most of its letters, in order, so it shares
    pairs of them; counting shared pairs over the index costs a few list extensions, not a
    comparison per candidate."""
    if len(pool) <= MAX_COMPARED:
        return pool
    index = _pair_index(pool)
    counts: collections.Counter[int] = collections.Counter()
    common = len(pool) // 2  # a pair most candidates hold (`^o` of o1..o3000) tells none apart
    for pair in _pairs(word):
        holders = index.get(pair, ())
        if len(holders) <= common:
            counts.update(holders)
    best = sorted(position for position, _ in counts.most_common(MAX_COMPARED))
    return tuple(pool[position] for position in best)


class Suggestions:
    """``did_you_mean`` with a budget, one per file checked.

    Each suggestion compares a word with every candidate; a file with thousands of bad
    references to thousands of actors would take minutes. Authors fix the first mistakes
    first, so after the budget the messages simply go without suggestions.
    """

    def __init__(self, budget: int = 200) -> None:
        self.budget = budget

    def __call__(self, word: str, choices: Iterable[str]) -> str:
        if self.budget <= 0:
            return ""
        self.budget -= 1
        return did_you_mean(word, choices)


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.is_error)


MAX_SHOWN = 200
"""Diagnostics printed per file; the rest are counted. Nobody reads the 201st, and a generated
file with 100,000 mistakes should not print 10 MB."""
