"""What the player told the game once and it keeps: the student's name and class.

Kept in ``$XDG_CONFIG_HOME/detente/settings.json`` (``~/.config/detente/settings.json``), a
small JSON file written atomically. The debrief's header asks for the name and class once;
every later debrief and save carries them. A settings file that cannot be read is treated as
empty (the game asks again) rather than stopping the game: it holds nothing that cannot be
typed again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs

from game.paths import _home, user_data_folder

MAX_FIELD = 200
"""The longest name or class kept (a name, not a paragraph)."""


@attrs.frozen
class Settings:
    """Attributes:
    student: The student's name, as they typed it ('' until asked).
    class_name: Their class or group ('' if none given).
    """

    student: str = ""
    class_name: str = ""


def settings_path() -> Path:
    """$XDG_CONFIG_HOME/detente/settings.json, else ~/.config/...; beside the saves' data
    folder when there is no home folder at all."""
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "detente" / "settings.json"
    home = _home()
    base = home / ".config" if home is not None else user_data_folder().path
    return base / "detente" / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The kept settings; empty ones when there is no file or it cannot be read."""
    try:
        data = json.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()

    def text(key: str) -> str:
        value = data.get(key, "")
        return value[:MAX_FIELD] if isinstance(value, str) else ""

    return Settings(text("student"), text("class"))


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Keep the settings (atomically); OSError when the folder refuses."""
    from game.saves import atomic_write_text

    target = path or settings_path()
    data = {"student": settings.student[:MAX_FIELD], "class": settings.class_name[:MAX_FIELD]}
    atomic_write_text(target, json.dumps(data, indent=1, ensure_ascii=False) + "\n", private=True)
    return target
