"""Shipped scenarios by name: `detente scenarios`, `detente new --from`, and name lookup.

tests/test_wheel.py runs the same commands from an installed wheel; these run in the checkout,
where game/paths.py finds the repository's own scenarios/ and seeds/.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from game.cli import main
from game.paths import resolve_scenario, scenario_dir, shipped_scenario

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_checkout_finds_the_repository_folders():
    assert scenario_dir() == ROOT / "scenarios"
    assert shipped_scenario("s400_transfer") == ROOT / "scenarios" / "s400_transfer.yaml"
    assert shipped_scenario("tutorial.yaml") == ROOT / "scenarios" / "tutorial.yaml"
    assert shipped_scenario("no_such_scenario") is None
    assert shipped_scenario("../scenarios/tutorial") is None  # names, not paths


def test_a_file_in_the_folder_wins_over_a_shipped_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_scenario("s400_transfer") == str(ROOT / "scenarios" / "s400_transfer.yaml")
    (tmp_path / "s400_transfer").write_text("mine", encoding="utf-8")
    assert resolve_scenario("s400_transfer") == "s400_transfer"
    assert resolve_scenario("missing.yaml") == "missing.yaml"


def test_scenarios_lists_title_roles_and_turns_of_each(capsys):
    code, out, _ = run(capsys, "scenarios", "--json")
    assert code == 0
    listed = {entry["name"]: entry for entry in json.loads(out)}
    assert sorted(listed) == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    for name, entry in listed.items():
        data = yaml.safe_load((ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert entry["title"] == data["title"]
        assert entry["turns"] == data["turns"]
        assert entry["roles"] == [a["id"] for a in data["actors"] if a.get("playable")]
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    assert f"{listed['tutorial']['turns']} turns; play as VEL" in out


def test_new_from_copies_the_scenario_and_its_brief_to_edit(capsys, tmp_path):
    code, out, err = run(
        capsys, "new", "my_crisis", "--from", "s400_transfer", "--dir", str(tmp_path)
    )
    assert code == 0, err
    copy = tmp_path / "my_crisis.yaml"
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    assert data["id"] == "my_crisis"
    assert data["sources"] == ["seeds/s400_transfer.yaml"]
    brief = tmp_path / "seeds" / "s400_transfer.yaml"
    assert brief.read_bytes() == (ROOT / "seeds" / "s400_transfer.yaml").read_bytes()
    code, out, _ = run(capsys, "check", str(copy))
    assert code == 0 and "0 error(s), 0 warning(s)" in out


def test_new_from_refuses_to_overwrite_the_copy_or_a_changed_brief(capsys, tmp_path):
    assert run(capsys, "new", "a", "--from", "s400_transfer", "--dir", str(tmp_path))[0] == 0
    before = (tmp_path / "a.yaml").read_bytes()
    code, _, err = run(capsys, "new", "a", "--from", "grain_corridor", "--dir", str(tmp_path))
    assert code == 1 and "already exists" in err
    assert (tmp_path / "a.yaml").read_bytes() == before
    # A second copy may share the identical brief; an edited one is never overwritten.
    assert run(capsys, "new", "b", "--from", "s400_transfer", "--dir", str(tmp_path))[0] == 0
    brief = tmp_path / "seeds" / "s400_transfer.yaml"
    brief.write_text(brief.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "c", "--from", "s400_transfer", "--dir", str(tmp_path))
    assert code == 1 and "differs" in err
    assert not (tmp_path / "c.yaml").exists()
    assert brief.read_text(encoding="utf-8").endswith("# my notes\n")


def test_new_from_an_unknown_scenario_names_the_shipped_ones(capsys, tmp_path):
    code, _, err = run(capsys, "new", "x", "--from", "nope", "--dir", str(tmp_path))
    assert code == 2
    assert "s400_transfer" in err and "tutorial" in err
    assert not list(tmp_path.iterdir())


def test_new_from_into_a_scenarios_folder_shares_the_seeds_folder_beside_it(capsys, tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "seeds").mkdir()
    target = tmp_path / "scenarios" / "mine.yaml"
    code, _, err = run(capsys, "new", str(target), "--from", "grain_corridor")
    assert code == 0, err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["sources"] == ["../seeds/grain_corridor.yaml"]
    assert (tmp_path / "seeds" / "grain_corridor.yaml").is_file()
    assert not (tmp_path / "scenarios" / "seeds").exists()
    assert run(capsys, "check", str(target))[0] == 0
