"""The YAML reader: places of values and keys, duplicate keys, tabs, and refused constructs."""

from __future__ import annotations

import pytest

from game.scenario import yamlread
from game.scenario.yamlread import Place, YamlProblem, read_yaml


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text)
    return caught.value


def test_values_and_keys_keep_their_places() -> None:
    doc = read_yaml("a: 1\nlist:\n  - x\n  - {k: 'v'}\n")
    assert doc.data == {"a": 1, "list": ["x", {"k": "v"}]}
    assert doc.marks.value(("a",)) == Place(1, 4)
    assert doc.marks.key(("list",)) == Place(2, 1)
    assert doc.marks.value(("list", 1)) == Place(4, 5)
    assert doc.marks.key(("list", 1, "k")) == Place(4, 6)
    assert doc.marks.value(("list", 1, "k")) == Place(4, 9)
    assert doc.marks.styles[("list", 1, "k")] == "'"


def test_unknown_path_falls_back_to_nearest_written_ancestor() -> None:
    doc = read_yaml("a:\n  b: 1\n")
    assert doc.marks.value(("a", "b", "nope", 3)) == Place(2, 6)
    assert doc.marks.value(("a",)) == Place(2, 3)  # a block mapping starts at its first key
    assert doc.marks.value(()) == Place(1, 1)


def test_keys_stay_as_written() -> None:
    doc = read_yaml("NO: 1\nyes: 2\n3: 4\n~: 5\n")
    assert list(doc.data) == ["NO", "yes", "3", "~"]


def test_scalars_are_typed_like_safe_load() -> None:
    doc = read_yaml("i: 3\nf: 0.5\nb: true\nn: null\ns: '3'\nd: 2022-03-21\n")
    assert doc.data["i"] == 3 and doc.data["f"] == 0.5 and doc.data["b"] is True
    assert doc.data["n"] is None and doc.data["s"] == "3"
    assert str(doc.data["d"]) == "2022-03-21"


def test_duplicate_key_is_reported_at_the_second_and_first_is_kept() -> None:
    doc = read_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 1, "b": 2}
    (dup,) = doc.problems
    assert dup.place == Place(3, 1)
    assert "duplicate key 'a' (first written at line 1)" in dup.message


def test_duplicate_keys_in_nested_mappings_each_reported() -> None:
    doc = read_yaml("x:\n  k: 1\n  k: 2\ny: [{k: 1, k: 2}]\n")
    assert [p.place for p in doc.problems] == [Place(3, 3), Place(4, 12)]


def test_tab_indentation_says_spaces_not_tabs() -> None:
    error = problem("a:\n\tb: 1\n")
    assert error.place is not None and error.place.line == 2
    assert "YAML indents with spaces, not tabs" in error.message


def test_syntax_error_has_line_and_column_and_where_the_list_began() -> None:
    error = problem("a: [1, 2\nb: 3\n")
    assert error.place is not None and error.place.line == 2
    assert "line 1" in error.message


def test_unquoted_colon_gets_quoting_advice() -> None:
    error = problem("title: Crisis: the sequel\n")
    assert error.place == Place(1, 14)
    assert "must be quoted" in error.message


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    error = problem(text)
    assert error.place == Place(1, 1)
    assert "empty" in error.message


def test_second_document_is_refused_at_its_marker() -> None:
    error = problem("a: 1\n---\nb: 2\n")
    assert error.place == Place(2, 1)
    assert "second YAML document" in error.message


def test_explicit_document_start_is_fine() -> None:
    assert read_yaml("---\na: 1\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: !!python/object:os.system ls\n", "unsupported YAML tag"),
        ("a: !custom 1\n", "unsupported YAML tag !custom"),
        ("a: !!set {x, y}\n", "unsupported YAML tag"),
        ("a: !mine {x: 1}\n", "unsupported YAML tag !mine"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge keys"),
        ("? [a, b]\n: 1\n", "mapping keys must be plain words"),
        ("a: *nowhere\n", "unknown alias *nowhere"),
        ("a: &loop [1, *loop]\n", "inside the value it refers to"),
    ],
)
def test_constructs_outside_plain_yaml_are_refused(text: str, fragment: str) -> None:
    error = problem(text)
    assert fragment in error.message
    assert error.place is not None


def test_aliases_count_at_their_expanded_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_NODES", 250_000)
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    error = problem("\n".join(lines) + "\n")
    assert "expands to more than" in error.message
    assert error.place is not None and error.place.line == 6  # where 10**6 values are reached


def test_small_aliases_are_fine_and_placed_at_their_use() -> None:
    doc = read_yaml("facts: &f [a, b]\nagain: *f\n")
    assert doc.data["again"] == ["a", "b"]
    assert doc.marks.value(("again", 0)) == Place(2, 8)


def test_nesting_budget() -> None:
    deep = "a: " + "[" * (yamlread.MAX_DEPTH + 5) + "]" * (yamlread.MAX_DEPTH + 5) + "\n"
    error = problem(deep)
    assert f"nested more than {yamlread.MAX_DEPTH} levels deep" in error.message
    assert error.place is not None and error.place.line == 1
    ok = "a: " + "[" * 50 + "]" * 50 + "\n"
    assert read_yaml(ok).data["a"] is not None


def test_block_nesting_budget() -> None:
    error = problem("- " * (yamlread.MAX_DEPTH + 5) + "x\n")
    assert "nested more than" in error.message


def test_node_budget_without_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_NODES", 100)
    error = problem("".join(f"- {i}\n" for i in range(200)))
    assert error.place == Place(100, 3)


def test_raw_control_character_is_placed() -> None:
    error = problem("a: 1\nb: te\x07xt\n")
    assert error.place == Place(2, 6)
    assert "U+0007" in error.message


@pytest.mark.parametrize("escape", ["\\x1b[2J", "\\0", "\\x9b"])
def test_escaped_control_characters_are_reported_but_reading_goes_on(escape: str) -> None:
    doc = read_yaml(f'a: "x{escape}"\nb: 1\n')
    (reported,) = doc.problems
    assert reported.place == Place(1, 4)
    assert "cannot be shown or saved" in reported.message
    assert doc.data["b"] == 1


def test_impossible_date_stays_text_for_the_checker_to_explain() -> None:
    assert read_yaml("d: 2030-13-45\n").data["d"] == "2030-13-45"


def test_nan_and_infinity_are_kept_for_the_structurer() -> None:
    data = read_yaml("a: .nan\nb: -.inf\n").data
    assert data["a"] != data["a"] and data["b"] == float("-inf")


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read with PyYAML's pure-Python parser, as where libyaml is not installed."""
    monkeypatch.setattr(yamlread, "_LOADER", __import__("yaml").SafeLoader)


@pytest.mark.usefixtures("pure_python")
def test_pure_python_parser_gives_the_same_places() -> None:
    doc = read_yaml("a: 1\nlist:\n  - x\n  - {k: 'v'}\n")
    assert doc.marks.value(("list", 1, "k")) == Place(4, 9)
    assert doc.marks.styles.get(("a",)) is None  # plain


@pytest.mark.usefixtures("pure_python")
def test_pure_python_parser_refuses_deep_nesting_quickly() -> None:
    error = problem("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested more than" in error.message


@pytest.mark.usefixtures("pure_python")
def test_pure_python_parser_reports_escaped_surrogates() -> None:
    doc = read_yaml('a: "x\\ud800"\n')
    assert "U+D800" in doc.problems[0].message


def test_text_with_lone_surrogates_is_refused_at_its_place() -> None:
    # What bytes that are not UTF-8 become when decoded with errors="surrogateescape".
    error = problem("a: 1\nb: caf\udce9\n")
    assert error.place == Place(2, 7)
    assert "not UTF-8" in error.message
