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
from pathlib import Path

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
