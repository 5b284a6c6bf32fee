"""Problems found in a scenario, and how they are worded and printed.

Every problem is a Diagnostic with a place (file, 1-based line and column) and a message that
says what is wrong and what would be right. Suggestions ("did you mean ...?") are computed in
one place, ``did_you_mean``, so all messages phrase them alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal

import attrs

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
    """

    severity: Severity
    message: str
    file: str
    line: int = 0
    col: int = 0
    context: str = ""

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
        return f"{place}: {self.severity}: {self.message}{context}"

    def excerpt(self, text: str | None) -> str:
        """The offending line with a caret under the column, or '' when there is none."""
        if not text or not self.line:
            return ""
        lines = text.splitlines()
        if self.line > len(lines):
            return ""
        source = lines[self.line - 1].expandtabs(1)
        if len(source) > 160:
            start = max(0, self.col - 80)
            source, col = source[start : start + 160], self.col - start
        else:
            col = self.col
        caret = " " * max(col - 1, 0) + "^"
        return f"    {source}\n    {caret}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'X'?)' for the closest choices, or '' when nothing is close."""
    matches = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not matches:
        lowered = {choice.lower(): choice for choice in choices}
        if word.lower() in lowered:
            matches = [lowered[word.lower()]]
    if not matches:
        return ""
    if len(matches) == 1:
        return f"; did you mean '{matches[0]}'?"
    return "; did you mean one of: " + ", ".join(f"'{m}'" for m in matches) + "?"


def count_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.is_error)
