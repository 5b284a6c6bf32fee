"""Where the shipped scenarios, seed briefs and schema live, installed or in a checkout.

The repository keeps them at its top (``scenarios/``, ``seeds/``, ``docs/scenario.schema.json``),
where instructors find and edit them: that is the one copy. A wheel carries the same files
inside the package, under ``game/shipped/`` in the same relative layout (pyproject.toml's
``force-include``), so a scenario's ``sources: ../seeds/...`` resolves in both places. Every
caller asks this module, never a path of its own; DETENTE_SCENARIOS points elsewhere when
needed (a folder of scenarios with their briefs beside it as in the repository).
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
SCHEMA_FILE = "scenario.schema.json"


def shipped_root() -> Path:
    """The folder holding ``scenarios/``, ``seeds/`` and ``docs/``: inside the installed
    package when it was installed from a wheel, else the repository (an editable checkout)."""
    # The package's own folder, as pip installs it on disk. Not importlib.resources: its
    # import (with zipfile) cost about 20 ms of every start before the role picker, and a
    # package on disk is all `detente` supports.
    package = Path(__file__).resolve().parent
    if (package / "shipped" / "scenarios").is_dir():
        return package / "shipped"
    return package.parent


def scenario_dir() -> Path:
    override = os.environ.get("DETENTE_SCENARIOS")
    if override:
        return Path(override)
    return shipped_root() / "scenarios"


def schema_file() -> Path:
    """The JSON Schema of scenario files, as shipped (``detente schema`` writes it afresh)."""
    return shipped_root() / "docs" / SCHEMA_FILE


def default_scenario() -> Path:
    return scenario_dir() / DEFAULT_SCENARIO


def tutorial_scenario() -> Path:
    """The tutorial, offered first to someone who has never played."""
    return scenario_dir() / TUTORIAL_SCENARIO


def shipped_scenarios() -> list[Path]:
    return sorted(scenario_dir().glob("*.yaml"))


def path_to_type(path: str) -> str:
    """A scenario path as a person would type it in a command: relative to the current folder
    when the file is below it (so a hint reads the same on every machine and in every clone),
    else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith("..") else relative


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


def shipped_scenario(name: str) -> Path | None:
    """The shipped scenario called ``name`` (``s400_transfer`` or ``s400_transfer.yaml``),
    or None when there is none by that name."""
    if not name or os.sep in name or (os.altsep and os.altsep in name):
        return None
    stem = name.removesuffix(".yaml")
    path = scenario_dir() / f"{stem}.yaml"
    return path if path.is_file() else None


def resolve_scenario(name: str) -> str:
    """What a command line's scenario argument names: the file when one exists there, else
    the shipped scenario of that name, else the argument unchanged (for the loader to report
    as missing). So `detente run s400_transfer` works from any folder."""
    if os.path.exists(name):
        return name
    shipped = shipped_scenario(name)
    return os.fspath(shipped) if shipped is not None else name
