"""The commands as a class uses them: `detente host --print`, `bot`, `results`, `serve`."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server.helpers import same_as_run

DETENTE = str(Path(sys.executable).parent / "detente")


def detente(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [DETENTE, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}


@pytest.fixture
def hosted(env):
    """`detente host s400_transfer --print`: a local server on a free port, and its lines."""
    process = subprocess.Popen(
        [
            DETENTE,
            "host",
            "s400_transfer",
            "--print",
            "--port",
            "0",
            "--seats",
            "TUR,USA",
            "--seed",
            "13",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = {}
    assert process.stdout is not None
    for _ in range(3):
        name, value = process.stdout.readline().strip().split(": ", 1)
        lines[name] = value
    yield lines
    process.send_signal(signal.SIGINT)
    assert process.wait(20) == 0


def test_host_bots_and_results(hosted, env, tmp_path):
    url, code, key = hosted["server"], hosted["code"], hosted["key"]
    assert url.startswith("http://127.0.0.1:") and len(code) == 6 and len(key) > 40
    assert (Path(env["XDG_DATA_HOME"]) / "detente" / "class.db").is_file()
    bots = [
        subprocess.Popen(
            [DETENTE, "bot", url, code, "--as", role, "--policy", policy, "--seed", "4"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for role, policy in (("TUR", "random"), ("USA", "ai"))
    ]
    for bot in bots:
        out, _ = bot.communicate(timeout=120)
        assert bot.returncode == 0
        assert "game over" in out
    shown = detente("results", url, code, "--key", key, "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["status"] == "over"
    assert set(data["seats"]) == {"TUR", "USA"}
    for seat in data["seats"].values():
        assert {"ending", "score", "choices"} <= set(seat)
    same_as_run(data)

    table = detente("results", url, code, "--key", key, "--csv", env=env)
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [r["role"] for r in rows] == ["TUR", "USA"]
    assert [int(r["score"]) for r in rows] == [
        data["seats"][r]["score"]["total"] for r in ("TUR", "USA")
    ]
    folder = tmp_path / "debriefs"
    written = detente("results", url, code, "--key", key, "--markdown", str(folder), env=env)
    assert written.returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        f"debrief-{code}-TUR.md",
        f"debrief-{code}-USA.md",
    ]
    assert "| 1 |" in (folder / f"debrief-{code}-TUR.md").read_text(encoding="utf-8")

    wrong = detente("results", url, code, "--key", "x" * 43, "--json", env=env)
    assert wrong.returncode == 1
    assert "wrong instructor key" in wrong.stderr and wrong.stdout == ""
    refused = detente("bot", url, "QQQQQQ", "--as", "TUR", env=env)
    assert refused.returncode == 1 and "no game with this code" in refused.stderr


def test_commands_explain_what_is_wrong(env, tmp_path):
    unreachable = detente("results", "http://127.0.0.1:9", "ABCDEF", "--key", "k", env=env)
    assert unreachable.returncode == 2 and "cannot reach" in unreachable.stderr
    bad_db = detente("serve", "--db", "mysql://x", "--port", "0", env=env)
    assert bad_db.returncode == 2 and "sqlite:///PATH" in bad_db.stderr
    no_scenario = detente("host", "no_such_scenario", "--print", "--port", "0", env=env)
    assert no_scenario.returncode == 1 and "no such scenario" in no_scenario.stderr
    bad_deadline = detente("host", "s400_transfer", "--deadline", "soon", env=env)
    assert bad_deadline.returncode == 2 and "--deadline soon" in bad_deadline.stderr
    for output in (unreachable, bad_db, no_scenario, bad_deadline):
        assert "Traceback" not in output.stderr


def test_the_cli_starts_without_the_server_or_its_libraries():
    """`import game.cli` is every command's start: the class server loads only for its own."""
    code = (
        "import sys, game.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'sqlalchemy')"
        " or m.startswith(('game.server', 'game.netclient'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
