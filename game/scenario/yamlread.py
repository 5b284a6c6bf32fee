"""Reading YAML safely into plain values, keeping the line and column of every node.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two equal
keys. We compose the node graph with the safe loader instead, then convert it ourselves so that:

* every value and every mapping key keeps its place (``Marks``), for ``file:line:col`` messages;
* duplicate keys are errors, not silent overwrites;
* mapping keys stay the text the author wrote (``NO`` stays "NO", not False);
* alias bombs and absurd nesting are refused with a budget instead of eating memory.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

MAX_NODES = 250_000
"""Values a document may expand to, aliases counted each time they are used."""

MAX_DEPTH = 200
"""Deepest nesting of mappings and lists accepted."""


@attrs.frozen
class Place:
    """A 1-based line and column in the source file."""

    line: int
    col: int


@attrs.define
class Marks:
    """Where each value (and each mapping key) of a document was written."""

    values: dict[Path, Place] = attrs.Factory(dict)
    keys: dict[Path, Place] = attrs.Factory(dict)
    styles: dict[Path, str | None] = attrs.Factory(dict)
    """Quoting style of scalar values, to place columns inside quoted strings."""

    def value(self, path: Path) -> Place:
        """The place of the value at path, or of its nearest written ancestor."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Place(1, 1))

    def key(self, path: Path) -> Place:
        """The place of the key that introduces path (falls back to the value's place)."""
        return self.keys.get(path) or self.value(path)


@attrs.frozen
class YamlProblem(Exception):
    """The text is not YAML we can read; place is None when no line applies."""

    message: str
    place: Place | None = None


@attrs.frozen
class Document:
    """A YAML document as plain Python values, with their places."""

    data: Any
    marks: Marks
    problems: tuple[YamlProblem, ...] = ()
    """Problems that did not stop the reading (duplicate keys), reported with the rest."""


_SCALARS = yaml.SafeLoader.yaml_constructors


def read_yaml(text: str) -> Document:
    """Parse one YAML document; raise YamlProblem for anything that is not plain, sane YAML."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        place = Place(mark.line + 1, mark.column + 1) if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem(_explain_yaml(problem, text, place), place) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem(f"nested too deeply (more than {MAX_DEPTH} levels)") from None
    if root is None:
        raise YamlProblem("the file is empty; a scenario starts with `format: 1`", Place(1, 1))
    converter = _Converter()
    data = converter.convert(root, (), 0)
    return Document(data, converter.marks, tuple(converter.problems))


def _explain_yaml(problem: str, text: str, place: Place | None) -> str:
    """PyYAML's wording, with the usual fix for the two mistakes authors make most."""
    if "\t" in problem or "'\\t'" in problem or "tab" in problem:
        return f"{problem}: YAML indents with spaces, not tabs"
    if place and place.line <= len(text.splitlines()):
        line = text.splitlines()[place.line - 1]
        if "\t" in line[: place.col]:
            return f"{problem}: YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return f"{problem}: a value containing ': ' must be quoted"
    return problem


class _Converter:
    def __init__(self) -> None:
        self.marks = Marks()
        self.budget = MAX_NODES
        self.scalars = yaml.SafeLoader("")
        self.problems: list[YamlProblem] = []

    def convert(self, node: Node, path: Path, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem(
                f"the document expands to more than {MAX_NODES:,} values (an alias bomb?)",
                _place(node),
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", _place(node))
        self.marks.values.setdefault(path, _place(node))
        if isinstance(node, ScalarNode):
            self.marks.styles.setdefault(path, node.style)
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        raise YamlProblem("unsupported YAML node", _place(node))

    def scalar(self, node: ScalarNode) -> Any:
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise YamlProblem(
                f"unsupported YAML tag {node.tag}; use plain values, lists and mappings",
                _place(node),
            )
        try:
            value = construct(self.scalars, node)
        except (ValueError, OverflowError, yaml.YAMLError) as error:
            raise YamlProblem(f"cannot read {node.value!r}: {error}", _place(node)) from None
        if isinstance(value, float) and not math.isfinite(value):
            return value  # kept, so the structurer can say which field may not be NaN/infinite
        return value

    def mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("merge keys (`<<`) are not supported", _place(key_node))
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("mapping keys must be plain words", _place(key_node))
            key = key_node.value
            if key in result:
                first = self.marks.keys[(*path, key)]
                self.problems.append(
                    YamlProblem(
                        f"duplicate key '{key}' (first written at line {first.line}); "
                        "each key may appear once in a mapping: remove or rename one",
                        _place(key_node),
                    )
                )
                continue
            self.marks.keys[(*path, key)] = _place(key_node)
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result


def _place(node: Node) -> Place:
    return Place(node.start_mark.line + 1, node.start_mark.column + 1)
