"""`detente debrief SAVE` and `detente results --saves DIR` as a user meets them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.analysis import PlayRecord, Reflection
from game.cli import main
from game.engine import World, new_game, play_turn
from game.paths import default_scenario
from game.saves import save_game
from game.scenario import load_scenario
from game.sim.luck import analyse
from tests.sim.test_luck import CHOICES, ROLE, SEED

SCENARIO = str(default_scenario())
RUNS = 30


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def world() -> World:
    result = load_scenario(SCENARIO)
    assert result.loaded is not None
    return World.build(result.loaded)


def finished(world: World):
    state = new_game(world, ROLE, SEED)
    for choice in CHOICES:
        state = play_turn(world, state, choice)
    return state


RECORD = PlayRecord(
    "Ada Lovelace",
    "9B",
    (True, True, False, False, False, False, False, False, False, False),
    (
        Reflection(3, "Why wait now?", "To see what Moscow does first."),
        Reflection(None, "What would you change?", "Mediate sooner."),
    ),
)


@pytest.fixture
def save(tmp_path, world) -> Path:
    path = tmp_path / "ada.json"
    save_game(path, world, finished(world), SCENARIO, RECORD)
    return path


def test_json_has_the_documented_figures_equal_to_the_analysis(capsys, save, world):
    code, out, _ = run(capsys, "debrief", save, "--json", "--runs", RUNS)
    assert code == 0
    data = json.loads(out)
    expected = analyse(world, finished(world), runs=RUNS, turn_runs=0).summary()
    for key in ("score", "choices_median", "choices_p10", "choices_p90", "random_median"):
        assert data[key] == expected[key], key
    assert data["judgment"] == data["choices_median"] - data["random_median"]
    assert data["luck"] == data["score"] - data["choices_median"]
    assert data["student"] == "Ada Lovelace" and data["class"] == "9B"
    assert data["advisor"] == "on for 2 of 10 turns"


def test_markdown_and_html_hold_the_header_luck_reflections_and_an_appendix(capsys, save, tmp_path):
    md, page = tmp_path / "d.md", tmp_path / "d.html"
    code, out, err = run(capsys, "debrief", save, "--markdown", md, "--html", page, "--runs", RUNS)
    assert code == 0 and out == ""
    assert f"wrote {md}" in err and f"wrote {page}" in err
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Debrief: ")
    body, appendix = text.split("\n---\n", 1)
    for words in (
        "Ada Lovelace, class 9B",
        "**Advisor** | on for 2 of 10 turns",
        "## Luck and judgment",
        "**Judgment: ",
        "### The decisions that mattered most",
        "### The facts your moves rested on",
        "Turn 3: Why wait now? **To see what Moscow does first.**",
        "At the end: What would you change? **Mediate sooner.**",
    ):
        assert words in body, words
    assert "Turn by turn: what changed, and why" in appendix
    assert "what changed" not in body
    # Two printed pages: the body is short; the change log went to the appendix.
    assert len(body.splitlines()) < 110 < len(appendix.splitlines())
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 3  # luck distribution, relation paths, score over time
    assert "<script src" not in html and "http://" not in html.split("<svg", 1)[0]
    assert 'id="chart-luck"' in html and 'class="appendix"' in html


def test_an_unfinished_game_is_debriefed_without_luck_and_says_why(capsys, tmp_path, world):
    state = play_turn(world, new_game(world, ROLE, SEED), CHOICES[0])
    path = tmp_path / "half.json"
    save_game(path, world, state, SCENARIO)
    code, out, _ = run(capsys, "debrief", path, "--json", "--runs", RUNS)
    assert code == 0
    data = json.loads(out)
    assert "judgment" not in data and "not over" in data["luck_note"]
    code, out, _ = run(capsys, "debrief", path, "--runs", RUNS)
    assert "Not worked out: the game is not over" in out


def test_a_bad_save_is_refused_with_a_message_and_no_traceback(capsys, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"detente_save": 1, "scenario": 3}', encoding="utf-8")
    code, out, err = run(capsys, "debrief", broken)
    assert code == 2 and out == ""
    assert "the save is damaged" in err and "Traceback" not in err
    code, _, err = run(capsys, "debrief", tmp_path / "missing.json")
    assert code == 2 and "no such file" in err


def test_the_debrief_never_replaces_the_save_it_reads(capsys, save):
    before = save.read_bytes()
    code, _, err = run(capsys, "debrief", save, "--markdown", save, "--runs", RUNS)
    assert code == 1 and "detente:" in err
    assert save.read_bytes() == before


def test_results_verifies_each_save_and_writes_a_gradebook(capsys, tmp_path, world):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    save_game(folder / "ada.json", world, finished(world), SCENARIO, RECORD)
    other = new_game(world, ROLE, 9)
    while not other.over:
        other = play_turn(world, other, "tur_wait")
    save_game(folder / "bob.json", world, other, SCENARIO, PlayRecord("Bob", "9B"))
    edited = json.loads((folder / "bob.json").read_text(encoding="utf-8"))
    edited["choices"][0] = "tur_close_straits"
    (folder / "cheat.json").write_text(json.dumps(edited), encoding="utf-8")
    grades, page = tmp_path / "grades.csv", tmp_path / "class.html"
    code, out, _ = run(
        capsys, "results", "--saves", folder, "--csv", grades, "--html", page, "--runs", RUNS
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8"))))
    by_file = {row["file"]: row for row in rows}
    assert by_file["ada.json"]["student"] == "Ada Lovelace"
    assert by_file["ada.json"]["verified"] == "yes"
    assert float(by_file["ada.json"]["judgment"]) == pytest.approx(
        float(by_file["ada.json"]["choices_median"]) - float(by_file["ada.json"]["random_median"])
    )
    assert by_file["bob.json"]["ending"] and by_file["bob.json"]["score"]
    assert by_file["cheat.json"]["verified"].startswith("no: ")
    assert "does not match a replay" in by_file["cheat.json"]["verified"]
    html = page.read_text(encoding="utf-8")
    assert "Endings: the class and the computer" in html and "<svg" in html
    code, out, _ = run(capsys, "results", "--saves", folder, "--runs", RUNS)
    assert out.startswith("# Class report: ")
    assert "| Ada Lovelace | 9B |" in out


def test_results_refuses_what_is_not_a_folder_of_saves(capsys, tmp_path):
    code, _, err = run(capsys, "results", "--saves", tmp_path / "nowhere")
    assert code == 2 and "not a folder of saves" in err
    code, _, err = run(capsys, "results", "--saves", tmp_path)
    assert code == 1 and "no saves" in err
