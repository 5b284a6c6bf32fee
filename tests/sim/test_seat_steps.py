"""`available:` and `unavailable:` in a transcript with seats, per seat: `ROLE:option` reads
the options of that government only (an option several governments may take, like the
starter's `accept_talks`, otherwise names no one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

STEPS = """\
scenario: river.yaml
seats: [NRL, STH]
seed: 0
steps:
- available: [NRL:accept_talks, STH:accept_talks, STH:propose_quota]
- play: {{NRL: accept_talks, STH: hold_firm}}
- {step}
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seat-steps")
    assert main(["new", str(folder / "river.yaml")]) == 0
    return folder


def run_script(folder: Path, step: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    script = folder / "seats.yaml"
    script.write_text(STEPS.format(step=step))
    capsys.readouterr()
    code = main(["run", "--script", str(script)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "step",
    [
        "unavailable: [NRL:accept_talks]",  # taken once by Northland...
        "available: [STH:accept_talks]",  # ...still open to Southland
        "available: [accept_talks]",  # a bare id: some seat may take it
    ],
)
def test_per_seat_expectations_that_hold(folder: Path, step: str, capsys) -> None:
    code, err = run_script(folder, step, capsys)
    assert code == 0, err


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("unavailable: [STH:accept_talks]", "expected unavailable, but offered: STH:accept_talks"),
        ("available: [NRL:accept_talks]", "expected available: NRL:accept_talks"),
        ("unavailable: [accept_talks]", "expected unavailable, but offered: accept_talks"),
    ],
)
def test_per_seat_expectations_that_fail(folder: Path, step: str, message: str, capsys) -> None:
    code, err = run_script(folder, step, capsys)
    assert code == 1 and message in err


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("available: [XYZ:hold_firm]", "unknown government 'XYZ' in 'XYZ:hold_firm'"),
        ("available: [NRL:protest]", "'protest' is not an option of NRL (by: STH)"),
        ("available: [NRL:hold_frim]", "unknown option 'hold_frim'; did you mean 'hold_firm'?"),
    ],
)
def test_per_seat_names_are_checked(folder: Path, step: str, message: str, capsys) -> None:
    code, err = run_script(folder, step, capsys)
    assert code == 1 and message in err
