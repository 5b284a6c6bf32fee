"""Helpers for hostile-input tests: a starter scenario on disk, and running the CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from game.cli import main
from tests.scenario.conftest import starter_text

REPO = Path(__file__).parents[2]


@attrs.frozen
class Run:
    """What a command did: exit code and its two streams."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """cli(*args): run `detente ARGS` in-process; asserts no traceback was printed."""

    def run(*args: str | os.PathLike[str]) -> Run:
        code = main([os.fspath(a) for a in args])
        captured = capsys.readouterr()
        result = Run(code, captured.out, captured.err)
        assert "Traceback" not in result.text, result.text
        return result

    return run


def run_subprocess(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> Run:
    """`python -m game.cli ARGS` in a fresh interpreter, as a student's terminal would run it.

    ``timeout`` bounds the run (subprocess.TimeoutExpired fails the test): the bound on a
    refusal is asserted this way rather than by timing, so a busy machine cannot fail it
    unless it is really stuck. ``env`` adds variables to the environment.
    """
    done = subprocess.run(
        [sys.executable, "-m", "game.cli", *map(os.fspath, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd or REPO,
        env={**os.environ, "PYTHONPATH": os.fspath(REPO), **(env or {})},
    )
    result = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.text, result.text
    return result


@pytest.fixture
def starter_file(tmp_path: Path) -> Path:
    """The starter scenario, written where a test can copy it and edit it."""
    path = tmp_path / "starter.yaml"
    path.write_text(starter_text(), encoding="utf-8")
    return path


def digest(path: Path) -> tuple[str, int]:
    """The content hash and modification time of a file, to show it was left untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
