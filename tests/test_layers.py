"""The layers of docs/architecture.md and the types hold, checked by machine on every run.

The import contracts (import-linter, `[tool.importlinter]` in pyproject.toml) and the type
checker (mypy, `[tool.mypy]`) are run on the code as it is, and on a copy of the package with
a violation planted, to show each checker fails on what it is there to catch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = {c["id"]: c for c in CONFIG["tool"]["importlinter"]["contracts"]}

SIM_MAY_IMPORT = {
    "game.engine",
    "game.engine.kernel",
    "game.engine.narrate",
    "game.engine.serialize",
}
"""The engine modules game.sim may import directly (see game/engine/kernel.py)."""


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env}, timeout=300
    )


def lint_imports(cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "lint-imports"), "--no-cache"], cwd, **env)


def mypy(cwd: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--cache-dir", str(cache)] if cache else []
    return run([sys.executable, "-m", "mypy", *extra], cwd)


def planted_copy(tmp_path: Path, plants: dict[str, str]) -> Path:
    """The game package and its configuration copied to tmp_path, with lines appended."""
    shutil.copytree(ROOT / "game", tmp_path / "game", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module, line in plants.items():
        path = tmp_path / module
        path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return tmp_path


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


def test_mypy_finds_no_errors():
    result = mypy(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken", "message"),
    [
        (
            "game/engine/scoring.py",
            "from game.sim import batch",
            "The engine is pure rules",
            "game.engine is not allowed to import game.sim",
        ),
        (
            "game/engine/rounding.py",
            "import pathlib",
            "The engine is pure rules",
            "game.engine is not allowed to import pathlib",
        ),
        (
            "game/scenario/refs.py",
            "import game.engine",
            "The scenario format knows nothing",
            "game.scenario is not allowed to import game.engine",
        ),
        (
            "game/ui/text.py",
            "from game.sim import headless",
            "The UI does not run the headless tools",
            "game.ui is not allowed to import game.sim",
        ),
        (
            "game/server/views.py",
            "import textual",
            "The class server does not import Textual",
            "game.server is not allowed to import textual",
        ),
        (
            "game/netclient/bot.py",
            "from game.engine import World",
            "The class clients hold no engine",
            "game.netclient is not allowed to import game.engine",
        ),
        (
            "game/sim/bless.py",
            "from game.engine.board import Board",
            "The headless tools use the engine's public API",
            "game.sim is not allowed to import game.engine.board",
        ),
    ],
)
def test_a_planted_import_breaks_its_contract(tmp_path, module, line, broken, message):
    copy = planted_copy(tmp_path, {module: line})
    result = lint_imports(copy, PYTHONPATH=str(copy))
    assert result.returncode != 0, result.stdout
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout
    assert message in result.stdout, result.stdout


def test_planted_type_errors_fail_mypy_and_engine_is_strict(tmp_path):
    copy = planted_copy(
        tmp_path,
        {
            # A condition reading what no position has.
            "game/engine/compile.py": "\n\ndef _peek(view: Position) -> int:\n"
            "    return view.relations[0]",
            # A wrong return type, and an unannotated function in the strict engine.
            "game/engine/scoring.py": "\n\ndef _role(state: State) -> int:\n"
            "    return state.role\n\n\ndef _loose(x):\n    return x",
            # The same unannotated function outside the strict layers is allowed.
            "game/ui/text.py": "\n\ndef _loose(x):\n    return x",
        },
    )
    result = mypy(copy, cache=tmp_path / "mypy-cache")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "game/engine/compile.py:" in out and '"Position" has no attribute "relations"' in out
    assert 'Incompatible return value type (got "str", expected "int")' in out
    assert "game/engine/scoring.py" in out and "missing a type annotation" in out
    assert "game/ui/text.py" not in out
    assert "errors in 2 files" in out  # compile.py and scoring.py only


def test_every_engine_module_is_either_lent_to_sim_or_forbidden_to_it():
    """A new engine module must be placed: exported to game.sim through the kernel, or not."""
    modules = {
        "game.engine" if p.stem == "__init__" else f"game.engine.{p.stem}"
        for p in (ROOT / "game" / "engine").glob("*.py")
    }
    forbidden = set(CONTRACTS["sim"]["forbidden_modules"])
    assert forbidden.isdisjoint(SIM_MAY_IMPORT)
    assert modules - SIM_MAY_IMPORT == forbidden, (
        "list each new engine module in the 'sim' contract, or export it in game/engine/kernel.py"
    )


def test_importing_the_engine_loads_no_yaml_loader_or_textual():
    """The static contracts see import statements; this sees what an import really loads."""
    code = (
        "import sys, game.engine\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'textual')"
        " or m in ('game.scenario.loader', 'game.scenario.yamlread', 'game.sim', 'game.ui')))"
    )
    result = run([sys.executable, "-c", code], ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
