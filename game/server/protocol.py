"""The wire: JSON frames over a WebSocket, each checked before anything acts on it.

A frame is one JSON object with a ``type``; ``parse`` refuses (``FrameError``, which the app
turns into an ``error`` frame, changing nothing) anything too large, not JSON, not an object,
of an unknown type, or whose fields are missing, extra, of the wrong type or too long. The
frames and their fields are listed once, in ``FRAMES``; docs/protocol.md describes them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

MAX_FRAME = 64 * 1024
"""Largest frame the protocol reads, in bytes (a seat's longest frame is a message)."""
MAX_WIRE = 1024 * 1024
"""Largest WebSocket message the server accepts at all: beyond it the connection is closed
(1009, message too big) before the message is held in memory."""
MAX_TEXT = 2000
"""Longest message text, in characters."""
MIN_DEADLINE = 0.1
"""Shortest time per turn, in seconds (bots and tests; a class uses minutes)."""
NAME = re.compile(r"^[^\x00-\x1f\x7f-\x9f]{1,40}$")
"""A student's name: 1-40 printable characters (kept as given; SQL only sees parameters)."""
IDEM = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ROLE = re.compile(r"^[A-Za-z0-9_]{1,32}$")
OPTION = re.compile(r"^[A-Za-z0-9_]{1,64}$")
CODE = re.compile(r"^[A-Za-z0-9 -]{4,16}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class FrameError(Exception):
    """A frame refused; ``code`` names the kind of problem for clients."""

    def __init__(self, code: str, message: str, ref: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.ref = ref


@attrs.frozen
class Field:
    kind: str
    """'str', 'int', 'num', 'option' (str or null), 'targets' ('all', 'team' or a list of
    roles)."""
    pattern: re.Pattern[str] | None = None
    required: bool = True


_id = Field("str", IDEM)
_game = Field("str", CODE)

FRAMES: dict[str, dict[str, Field]] = {
    # a seat
    "join": {
        "game": _game,
        "role": Field("str", ROLE, False),
        "name": Field("str", NAME),
        "id": _id,
    },
    "resume": {"game": _game, "token": Field("str", TOKEN)},
    "choose": {"id": _id, "turn": Field("int"), "option": Field("option", OPTION)},
    "say": {"id": _id, "to": Field("targets"), "text": Field("str")},
    "ping": {},
    # the instructor
    "console": {"game": _game, "key": Field("str", TOKEN)},
    "start": {"id": _id},
    "pause": {"id": _id},
    "resume_game": {"id": _id},
    "resolve": {"id": _id, "turn": Field("int")},
    "rollback": {"id": _id, "turn": Field("int")},
    "end": {"id": _id},
    "deadline": {"id": _id, "seconds": Field("num", required=False)},
}
INSTRUCTOR_FRAMES = frozenset(
    {"start", "pause", "resume_game", "resolve", "rollback", "end", "deadline"}
)


def parse(raw: str | bytes) -> dict[str, Any]:
    """One frame from the wire, checked; FrameError says what is wrong."""
    if len(raw) > MAX_FRAME:
        raise FrameError("too_large", f"a frame holds at most {MAX_FRAME} bytes")
    try:
        frame = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise FrameError("bad_json", "the frame is not JSON") from None
    if not isinstance(frame, dict):
        raise FrameError("bad_frame", "a frame is a JSON object with a 'type'")
    kind = frame.get("type")
    ref = frame.get("id") if isinstance(frame.get("id"), str) else None
    if not isinstance(kind, str) or kind not in FRAMES:
        raise FrameError("unknown_type", f"unknown frame type {str(kind)[:40]!r}", ref)
    fields = FRAMES[kind]
    extra = set(frame) - set(fields) - {"type"}
    if extra:
        raise FrameError("bad_field", f"{kind}: unknown field {sorted(extra)[0][:40]!r}", ref)
    for name, field in fields.items():
        if name not in frame:
            if field.required:
                raise FrameError("bad_field", f"{kind}: '{name}' is missing", ref)
            continue
        _check(kind, name, field, frame[name], ref)
    return frame


def _check(kind: str, name: str, field: Field, value: Any, ref: str | None) -> None:
    def wrong(what: str) -> FrameError:
        return FrameError("bad_field", f"{kind}: '{name}' must be {what}", ref)

    if field.kind == "int":
        if type(value) is not int or not 0 <= value < 10_000:
            raise wrong("a whole number from 0")
    elif field.kind == "num":
        if type(value) not in (int, float) or not MIN_DEADLINE <= value <= 7 * 24 * 3600:
            raise wrong(f"a number of seconds, {MIN_DEADLINE} to a week")
    elif field.kind == "option":
        if value is not None and not (isinstance(value, str) and OPTION.match(value)):
            raise wrong("an option id or null")
    elif field.kind == "targets":
        if value in ("all", "team"):
            return
        if (
            not isinstance(value, list)
            or not 1 <= len(value) <= 32
            or not all(isinstance(v, str) and ROLE.match(v) for v in value)
        ):
            raise wrong("'all', 'team' or a list of roles")
    else:
        if not isinstance(value, str):
            raise wrong("a string")
        if name == "text":
            if not value.strip() or len(value) > MAX_TEXT:
                raise wrong(f"1 to {MAX_TEXT} characters")
        elif field.pattern is not None and not field.pattern.match(value):
            raise wrong("well formed")


def error_frame(code: str, message: str, ref: str | None = None) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "error", "code": code, "message": message}
    if ref is not None:
        frame["id"] = ref
    return frame


def dumps(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)
