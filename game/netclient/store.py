"""Where a client keeps its seat tokens: $XDG_DATA_HOME/detente/seats/, one file per game
and name, readable by its owner only, so a second `detente join` (or a bot restarted)
returns to the same seat instead of taking another."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from game.paths import user_data_folder


def seats_folder() -> Path:
    return user_data_folder().path / "detente" / "seats"


def seat_file(url: str, code: str, name: str, role: str | None) -> Path:
    key = f"{url.rstrip('/')}|{code.upper()}|{name}|{role or ''}"
    return seats_folder() / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + ".json")


def load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(path: Path, data: dict[str, Any]) -> None:
    """Write atomically, private to the user (a token is a seat's password)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
