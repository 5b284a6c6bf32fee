"""The HTML pages open in headless Chromium without console errors, and the debrief's body
prints on two A4 pages (the appendix after it, from a new page).

Needs Debian's `chromium` on the path (`apt-get install -y chromium`); skipped, with that
reason, where it is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.analysis import PlayRecord
from game.engine import World
from game.paths import default_scenario
from game.report.debrief import make_debrief
from game.report.results import SeatRecord, class_report
from game.scenario import load_scenario
from tests.report.test_commands import RECORD, finished

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (apt-get install -y chromium) to open the pages"
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"]


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(default_scenario())
    assert result.loaded is not None
    return World.build(result.loaded)


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={cwd / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        check=False,
    )


def console_messages(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The page's DOM as Chromium built it, and every console message it logged."""
    done = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri(), cwd=tmp_path)
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def printed_pages(page: Path, tmp_path: Path) -> int:
    pdf = tmp_path / (page.stem + ".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), cwd=tmp_path)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_the_debrief_opens_without_console_errors_and_its_body_prints_on_two_pages(world, tmp_path):
    debrief = make_debrief(
        world, finished(world), RECORD, scenario_path=str(default_scenario()), runs=60, turn_runs=10
    )
    html = debrief.html()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched
    page = tmp_path / "debrief.html"
    page.write_text(html, encoding="utf-8")
    dom, console = console_messages(page, tmp_path)
    assert console == []
    assert "Luck and judgment" in dom and dom.count("<svg") == 3
    body = tmp_path / "body.html"
    body.write_text(html.split('<h1 class="appendix">')[0] + "</body></html>", encoding="utf-8")
    assert printed_pages(body, tmp_path) <= 2
    assert printed_pages(page, tmp_path) > 2  # the change log, from a page of its own
    shot = tmp_path / "debrief.png"
    chromium("--window-size=1000,1400", f"--screenshot={shot}", page.as_uri(), cwd=tmp_path)
    assert shot.stat().st_size > 10_000


def test_the_class_report_opens_without_console_errors(world, tmp_path):
    seat = SeatRecord("ada.json", world, finished(world), "TUR", PlayRecord("Ada", "9B"))
    page = tmp_path / "class.html"
    page.write_text(class_report([seat], runs=30, ai_runs=50).html(), encoding="utf-8")
    dom, console = console_messages(page, tmp_path)
    assert console == []
    assert "Endings: the class and the computer" in dom and "<svg" in dom
