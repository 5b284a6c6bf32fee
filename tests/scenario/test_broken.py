"""The corpus of broken scenarios: each file is the starter with one defect, and says in its
first line what `detente check` must report and where::

    # expect: LINE[:COL]: message fragment
    # exit: CODE          (optional; 1 when absent, 2 for a file that is not YAML)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main

BROKEN = Path(__file__).parent / "broken"
HEADER = re.compile(r"# expect: (?P<line>\d+)(?::(?P<col>\d+))?: (?P<fragment>.+)")
EXIT = re.compile(r"# exit: (?P<code>\d)")
FILES = sorted(BROKEN.glob("*.yaml"))


def test_the_corpus_is_big_enough() -> None:
    assert len(FILES) >= 25


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_broken_scenario(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = HEADER.fullmatch(lines[0])
    assert header, f"{path.name}: first line must be '# expect: LINE[:COL]: message'"
    code = EXIT.fullmatch(lines[1])
    expected_code = int(code["code"]) if code else 1

    exit_code = main(["check", "--no-excerpts", str(path)])
    out = capsys.readouterr().out

    place = f"{path}:{header['line']}:" + (f"{header['col']}:" if header["col"] else "")
    reported = [line for line in out.splitlines() if line.startswith(place)]
    assert any(header["fragment"] in line for line in reported), (
        f"expected at {place} {header['fragment']!r}; got:\n{out}"
    )
    assert exit_code == expected_code, out
    assert "Traceback" not in out
