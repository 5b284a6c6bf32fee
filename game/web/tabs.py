"""What a browser tab asks for, and the `detente` command that answers it.

The web server knows three kinds of tab: ``play`` (one student, single play: `/`), ``join``
(a student's seat in a class game: `/join/CODE`) and ``host`` (the instructor's console:
`/host/CODE`, after the instructor key). It turns each into a ``TabRequest`` and asks a
``CommandFor`` function which `detente` command the tab's app process runs. That function is
the one thing the class server plugs in: today ``single_play`` answers ``play`` tabs with
`detente play`, resumed from the seat's autosave; `detente serve --web` answers ``join`` with
`detente join SERVER CODE` and ``host`` with `detente host ...`.

A seat's secret (the browser's seat token, or the instructor key) reaches the command in the
``DETENTE_SEAT_TOKEN`` environment variable of its process, never on its command line (which
any user of the machine can list) nor in a URL (which proxies and logs keep).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import attrs

Kind = Literal["play", "join", "host"]

CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")
"""A join code as it may appear in a URL (the class server's codes are of this alphabet)."""


@attrs.frozen
class TabRequest:
    """One tab asking for its app process.

    Attributes:
        kind: ``play``, ``join`` or ``host``.
        code: The class game's join code ('' for single play).
        secret: The seat token the browser keeps (``play``, ``join``) or the instructor key
            (``host``); never logged.
        seat_dir: A folder of this seat's own, kept between tabs: its saves live there.
    """

    kind: Kind
    code: str
    secret: str = attrs.field(repr=False)
    seat_dir: Path


@attrs.frozen
class TabCommand:
    """The `detente` arguments a tab's app process runs, and the variables it gets.

    Attributes:
        argv: Arguments after `detente` (``["play", "--load", "..."]``).
        env: Variables for the process only (``game.web.zygote.TAB_ENVIRONMENT`` lists
            which may be set).
    """

    argv: tuple[str, ...]
    env: dict[str, str] = attrs.field(factory=dict, repr=False)


CommandFor = Callable[[TabRequest], TabCommand | None]
"""Which command a tab runs; None when this server does not serve that kind of tab."""


def seat_key(secret: str) -> str:
    """The name a seat's folder goes by: a hash of its token, so the token is stored nowhere
    on the server (a folder listing gives nobody a seat)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:32]


def latest_autosave(seat_dir: Path) -> Path | None:
    """The seat's autosave written last that reads as a save (where a reopened tab resumes).

    One that does not (cut short by a full disk, say) is passed over rather than handed to
    `detente play --load`, which would refuse it and close the tab on every reopening: the
    seat would be stuck. It is left in place for whoever looks into it.
    """
    from game.saves import SaveError, read_save

    saves = seat_dir / "detente" / "saves"
    try:
        found = [path for path in saves.glob("autosave-*.json") if path.is_file()]
        found.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for path in found:
        try:
            read_save(path)
        except SaveError:
            continue
        return path
    return None


def single_play(scenario: str | None = None, seed: int | None = None) -> CommandFor:
    """`detente play` for ``play`` tabs: the seat's folder is the game's data folder
    (``XDG_DATA_HOME``), so its autosave lands there, and a tab opened again with the same
    token goes on from it with ``--load``. Class tabs are not served."""

    def command_for(request: TabRequest) -> TabCommand | None:
        if request.kind != "play":
            return None
        env = {"XDG_DATA_HOME": str(request.seat_dir)}
        autosave = latest_autosave(request.seat_dir)
        if autosave is not None:
            return TabCommand(("play", "--load", str(autosave)), env)
        seeded = ("--seed", str(seed)) if seed is not None else ()
        return TabCommand(("play", *([scenario] if scenario else []), *seeded), env)

    return command_for
