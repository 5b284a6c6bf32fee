"""The role picker of a scenario seen before, shown before the game is opened behind it.

Opening a game (importing the engine, loading and checking the scenario) takes most of the
time to the role picker, the first screen a student can act on. The picker needs only the
governments' names, leaders, briefings and goals, so those are kept, after a game was
opened once, in a small JSON file under the user's cache folder, named by the SHA-256 of
the scenario file's bytes (and the game's version): the next start shows the picker from
it at once and opens the game in the background as before.

The cache is trusted for speed only. A file that cannot be read, does not parse, or has
any field of the wrong type is ignored (no pickle: nothing in it is ever executed); its key
must match the scenario's content hash; and once the game is open the app compares the real
picker with the cached one and replaces it if they differ, so a stale or tampered file at
most shows the wrong words for a moment. A scenario with errors still ends the app with the
checker's message. Nothing here imports the engine or the scenario package.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from game import __version__
from game.ui.picker_view import GoalWeight, RolesView, RoleView

FORMAT = 2
"""2: roles carry their goals' weights (issue 15)."""
MAX_SCENARIO_BYTES = 4_000_000
"""Larger files are not hashed here (the loader refuses them anyway)."""
MAX_CACHE_BYTES = 1_000_000


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "detente" / "pickers"


def scenario_key(scenario_path: str) -> str | None:
    """The key of a scenario's text: its bytes' SHA-256 with the game's version and format."""
    try:
        with open(scenario_path, "rb") as file:
            data = file.read(MAX_SCENARIO_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_SCENARIO_BYTES:
        return None
    digest = hashlib.sha256(data).hexdigest()
    return f"{FORMAT}-{__version__}-{digest}"


def _path_for(key: str) -> Path:
    return cache_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of strings")
    return tuple(value)


def _string(record: dict[str, object], name: str) -> str:
    value = record[name]
    if not isinstance(value, str):
        raise ValueError(f"{name} is not a string")
    return value


def _number(record: dict[str, object], name: str) -> float:
    value = record[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} is not a number")
    return float(value)


def _weights(value: object) -> tuple[GoalWeight, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("not a list of weights")
    return tuple(
        GoalWeight(
            label=_string(v, "label"), weight=_number(v, "weight"), share=_number(v, "share")
        )
        for v in value
    )


def _roles_from(data: object) -> RolesView:
    """A RolesView from parsed JSON, or ValueError/KeyError/TypeError if any part is off."""
    if not isinstance(data, dict) or not isinstance(data.get("roles"), list):
        raise ValueError("not a picker")
    roles = []
    for record in data["roles"]:
        if not isinstance(record, dict):
            raise ValueError("not a role")
        roles.append(
            RoleView(
                id=_string(record, "id"),
                name=_string(record, "name"),
                leader=_string(record, "leader"),
                summary=_string(record, "summary"),
                briefing=_string(record, "briefing"),
                goals=_strings(record["goals"]),
                weights=_weights(record["weights"]),
            )
        )
    default = _string(data, "default")
    if not roles or default not in {r.id for r in roles}:
        raise ValueError("no roles, or a default that is not one of them")
    return RolesView(title=_string(data, "title"), roles=tuple(roles), default=default)


def read_cached_roles(scenario_path: str) -> RolesView | None:
    """The picker cached for this scenario's exact text, or None (never an exception)."""
    key = scenario_key(scenario_path)
    if key is None:
        return None
    try:
        with open(_path_for(key), "rb") as file:
            raw = file.read(MAX_CACHE_BYTES + 1)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return _roles_from(data)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def write_cached_roles(scenario_path: str, roles: RolesView) -> None:
    """Keep the picker for next time; any failure only means no cache (it is never needed)."""
    key = scenario_key(scenario_path)
    if key is None:
        return
    record = {
        "key": key,
        "title": roles.title,
        "default": roles.default,
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "leader": r.leader,
                "summary": r.summary,
                "briefing": r.briefing,
                "goals": list(r.goals),
                "weights": [
                    {"label": w.label, "weight": w.weight, "share": w.share} for w in r.weights
                ],
            }
            for r in roles.roles
        ],
    }
    path = _path_for(key)
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
