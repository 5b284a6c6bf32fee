"""What ships must be right: scenarios and the starter check clean, the schema is current and
agrees with the checker about structure, and `detente check` exits 0, 1 or 2 as documented."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.paths import shipped_scenarios
from game.scenario.schema import scenario_schema
from tests.scenario.conftest import edit, starter_text

REPO = Path(__file__).parents[2]
SCENARIOS = shipped_scenarios()


def check(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, str]:
    code = main(["check", "--no-excerpts", *map(str, paths)])
    return code, capsys.readouterr().out


def test_there_are_shipped_scenarios() -> None:
    assert SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_checks_with_no_errors(path: Path, capsys) -> None:
    code, out = check(capsys, path)
    assert " 0 error(s)" in out, out
    assert code == 0


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_labels_every_stat_and_flag(path: Path, capsys) -> None:
    """No id reaches a student: the checker finds no stat or flag without a label, nor any
    other warning."""
    code, out = check(capsys, path)
    assert out.strip().endswith("0 error(s), 0 warning(s)"), out
    assert "has no label" not in out and code == 0


def test_starter_from_detente_new_checks_clean(tmp_path: Path, capsys) -> None:
    target = tmp_path / "river_dispute.yaml"
    assert main(["new", str(target)]) == 0
    capsys.readouterr()
    code, out = check(capsys, target)
    assert out.strip().endswith("1 file(s) checked: 0 error(s), 0 warning(s)"), out
    assert code == 0


def test_committed_schema_is_the_generated_one(capsys) -> None:
    committed = (REPO / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == committed


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = scenario_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(validator, text: str) -> list[str]:
    return [error.message for error in validator.iter_errors(yaml.safe_load(text))]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_schema_accepts_shipped_scenario(validator, path: Path) -> None:
    assert schema_errors(validator, path.read_text(encoding="utf-8")) == []


def test_schema_accepts_the_starter(validator) -> None:
    assert schema_errors(validator, starter_text()) == []


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("    requires: flag(talks)", "    require: flag(talks)", "'require' was unexpected"),
        ("turns: 5", "turns: five", "'five' is not of type 'integer'"),
        ("    chance: 0.5 ", "    chance: [0.5] ", "is not of type 'number'"),
        ("    kind: organisation", "    kind: company", "'company' is not one of"),
        ("  - id: NRL ", "  - id: N-R-L ", "does not match"),
        ("    label: Propose a water-sharing plan\n", "", "'label' is a required property"),
        ("    once: true\n", "    once: sometimes\n", "'sometimes' is not of type 'boolean'"),
    ],
)
def test_schema_rejects_structurally_broken(validator, old: str, new: str, fragment: str) -> None:
    found = schema_errors(validator, edit(starter_text(), old, new))
    assert any(fragment in message for message in found), found


def test_schema_and_checker_agree_on_the_structural_corpus(validator) -> None:
    """Files of the broken corpus that are wrong in structure are refused by both."""
    for name in ("misspelt_key", "wrong_type", "missing_required_key"):
        text = (Path(__file__).parent / "broken" / f"{name}.yaml").read_text(encoding="utf-8")
        assert schema_errors(validator, text), name


def test_check_exit_codes(tmp_path: Path, capsys) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(starter_text(), encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(edit(starter_text(), "by: [RGC]", "by: [RCG]"), encoding="utf-8")
    not_yaml = tmp_path / "not_yaml.yaml"
    not_yaml.write_text("a: [1,\n", encoding="utf-8")

    assert check(capsys, good)[0] == 0
    assert check(capsys, wrong)[0] == 1
    assert check(capsys, not_yaml)[0] == 2
    assert check(capsys, tmp_path / "missing.yaml")[0] == 2
    assert check(capsys, good, wrong)[0] == 1
    assert check(capsys, good, wrong, not_yaml)[0] == 2  # the worst of them
    code, out = check(capsys, tmp_path)  # a folder stands for its .yaml files
    assert code == 2 and "3 file(s) checked" in out


def test_command_line_mistakes_exit_2(capsys) -> None:
    assert main(["check"]) == 2
    assert main(["check", "--bogus", "x.yaml"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_json_schema_is_valid_json(capsys) -> None:
    main(["schema"])
    assert json.loads(capsys.readouterr().out)["title"] == "Détente scenario"
