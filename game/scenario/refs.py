"""Parsing the small reference notations used inside effects: `A -> B`, `A <-> B`, `A.stat`.

Shared by the checker (to report mistakes) and the engine (to resolve ids to indexes), so the
notation is defined once.
"""

from __future__ import annotations

import re

import attrs

SELF = "SELF"
"""In an option's condition and effects, the actor taking the option."""

_REL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*(<->|->)\s*([A-Za-z][A-Za-z0-9_]*)\s*$")
_STAT = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*\.\s*([A-Za-z][A-Za-z0-9_]*)\s*$")


@attrs.frozen
class RelRef:
    """`viewer -> viewed`, or both directions when ``mutual``."""

    viewer: str
    viewed: str
    mutual: bool

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The directed (viewer, viewed) pairs this reference changes."""
        if self.mutual:
            return ((self.viewer, self.viewed), (self.viewed, self.viewer))
        return ((self.viewer, self.viewed),)


@attrs.frozen
class StatRef:
    actor: str
    stat: str


def parse_rel(text: str) -> RelRef | None:
    """`RUS -> TUR` or `RUS <-> TUR`; None when the text is not of that form."""
    match = _REL.match(text)
    if match is None:
        return None
    return RelRef(match.group(1), match.group(3), match.group(2) == "<->")


def parse_stat(text: str) -> StatRef | None:
    """`TUR.support`; None when the text is not of that form."""
    match = _STAT.match(text)
    return StatRef(match.group(1), match.group(2)) if match else None
