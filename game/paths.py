"""Where the shipped scenarios live.

Scenarios and seed briefs sit at the top of the repository (instructors find and copy them
there). The project is installed in editable mode by `make`, so they are found next to the
package; DETENTE_SCENARIOS points elsewhere when needed.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

try:
    import pwd
except ImportError:  # not a Unix system
    pwd = None  # type: ignore[assignment]

DEFAULT_SCENARIO = "s400_transfer.yaml"
TUTORIAL_SCENARIO = "tutorial.yaml"


def scenario_dir() -> Path:
    override = os.environ.get("DETENTE_SCENARIOS")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "scenarios"


def default_scenario() -> Path:
    return scenario_dir() / DEFAULT_SCENARIO


def tutorial_scenario() -> Path:
    """The tutorial, offered first to someone who has never played."""
    return scenario_dir() / TUTORIAL_SCENARIO


def shipped_scenarios() -> list[Path]:
    return sorted(scenario_dir().glob("*.yaml"))


class DataFolder(NamedTuple):
    """Where this user's game data lives, and, when it is a stand-in, what to tell them.

    (A named tuple, not an attrs class: the CLI imports this module before `detente play`
    shows its first frame, which must not wait for attrs.)"""

    path: Path
    note: str = ""


def user_data_folder() -> DataFolder:
    """$XDG_DATA_HOME, else ~/.local/share; with no home folder at all (HOME unset and a uid
    with no account entry, as in some containers and class servers) a private folder in the
    system's temporary folder, with a note saying so, rather than a crash after the first turn.
    """
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return DataFolder(Path(xdg))
    home = _home()
    if home is not None:
        return DataFolder(home / ".local" / "share")
    folder = _private_temporary_folder()
    return DataFolder(
        folder,
        f"there is no home folder (HOME is not set and user {os.getuid()} has no account), so "
        f"saves go to {folder}, which the system may clear; set HOME or XDG_DATA_HOME to keep "
        "them",
    )


def _home() -> Path | None:
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home)
    try:
        entry = pwd.getpwuid(os.getuid()).pw_dir
    except (KeyError, OSError, AttributeError):  # no account entry; or not a Unix system
        return None
    return Path(entry) if os.path.isabs(entry) else None


def _private_temporary_folder() -> Path:
    """`detente-UID` in the temporary folder, made private to this user; if another user made
    it first (a shared /tmp), a fresh one beside it."""
    folder = Path(tempfile.gettempdir()) / f"detente-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix=f"detente-{os.getuid()}-"))
