"""The package as a student gets it: a wheel installed in a fresh venv, used from another folder.

The rest of the suite runs against the editable checkout, where the scenarios sit beside the
package; here the wheel is built from the repository, installed (with its dependencies) into a
new venv, and `detente` is run from an empty folder, so a file left out of the wheel or a path
that only works in a checkout fails here. About 10 s: the build and the install.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(path.stem for path in (ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv with the wheel built from this checkout installed."""
    base = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(base), str(ROOT)], check=True)
    (wheel,) = base.glob("detente-*.whl")
    venv.create(base / "venv", with_pip=False)
    python = base / "venv" / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", str(wheel)], check=True)
    return python.parent


def detente(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command in ``cwd``, with nothing from the checkout in its way."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DETENTE_SCENARIOS", "PYTHONPATH", "VIRTUAL_ENV")
    }
    env["XDG_DATA_HOME"] = str(cwd / "data")
    return subprocess.run(
        [str(bin_dir / "detente"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    found = subprocess.run(
        [str(installed / "python"), "-c", "import game; print(game.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(installed.parent)


def test_scenarios_lists_the_shipped_ones_from_inside_the_package(
    installed: Path, tmp_path: Path
) -> None:
    result = detente(installed, tmp_path, "scenarios", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [entry["name"] for entry in listed] == SHIPPED
    for entry in listed:
        path = Path(entry["path"])
        assert path.is_relative_to(installed.parent)  # the venv's copy, not the repository's
        assert path.read_bytes() == (ROOT / "scenarios" / path.name).read_bytes()
        assert entry["roles"] and entry["turns"] >= 1
    text = detente(installed, tmp_path, "scenarios").stdout
    assert "The S-400 Question" in text and "play as TUR" in text


def test_check_finds_shipped_scenarios_and_their_briefs_by_name(
    installed: Path, tmp_path: Path
) -> None:
    result = detente(installed, tmp_path, "check", *SHIPPED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(SHIPPED)} file(s) checked: 0 error(s)" in result.stdout


def test_run_plays_a_shipped_scenario_as_the_checkout_does(installed: Path, tmp_path: Path) -> None:
    args = ("run", "s400_transfer", "--as", "TUR", "--policy", "random", "--seed", "1")
    result = detente(installed, tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "Ending:" in result.stdout
    checkout = subprocess.run(
        [str(Path(sys.executable).with_name("detente")), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == checkout.stdout


def test_new_from_a_shipped_scenario_writes_a_copy_that_checks_clean(
    installed: Path, tmp_path: Path
) -> None:
    made = detente(installed, tmp_path, "new", "my_crisis", "--from", "s400_transfer")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "seeds" / "s400_transfer.yaml").is_file()
    checked = detente(installed, tmp_path, "check", "my_crisis.yaml")
    assert checked.returncode == 0, checked.stdout
    again = detente(installed, tmp_path, "new", "my_crisis", "--from", "s400_transfer")
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_play_opens_the_default_scenario_in_a_terminal(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui import test_terminal

    monkeypatch.setattr(test_terminal, "DETENTE", str(installed / "detente"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DETENTE_SCENARIOS", raising=False)
    code, screen = test_terminal.play_in_a_terminal(
        ["--seed", "1", "--as", "TUR"], tmp_path, until=b"Briefing"
    )
    assert code == 0, screen
    assert "Briefing" in screen
    assert "Traceback" not in screen
