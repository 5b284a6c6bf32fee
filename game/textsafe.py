"""Text safe to write to a terminal: the one definition of the characters never written raw.

Kept apart, with nothing but ``re``, because every command's output passes through it
(``game.output``) and `detente play` imports it before its first frame; the checker's
``printable`` (``game.scenario.diagnostics``) escapes these and the invisible characters too.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
"""Characters that drive a terminal or break output, as a regular-expression class: C0 controls
but tab and newline (an ESC starts every terminal sequence: clear screen, window title, an
OSC 52 clipboard write; a CR overwrites the line), DEL, C1 controls (a lone 0x9b is a CSI to
some terminals), and lone surrogates (print() itself raises on them)."""

_CONTROL = re.compile(f"(?!\r\n)[{CONTROL_CHARACTERS}]")
"""The control characters, but the CR of a CR LF (CSV rows end so)."""


def terminal_safe(text: str) -> str:
    """Text safe to write to a terminal, a log or a pipe: only the ``CONTROL_CHARACTERS``
    escaped (`\\x1b`; `\\u0085` from DEL up, a form JSON reads too); line breaks (LF, CR LF)
    and tabs kept.

    Every command's output goes through this (``game.output``): role names, ids, paths and
    choices come from files, and a scenario or a save can hold an escape sequence.
    """
    return _CONTROL.sub(_escaped_for_output, text)


def _escaped_for_output(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x7F else f"\\u{code:04x}"
