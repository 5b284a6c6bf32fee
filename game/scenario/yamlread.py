"""Reading YAML safely into plain values, keeping the line and column of every node.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two equal
keys. We read the parser's *event stream* instead and build plain values ourselves, so that:

* every value and every mapping key keeps its place (``Marks``), for ``file:line:col`` messages;
* duplicate keys are errors, not silent overwrites;
* mapping keys stay the text the author wrote (``NO`` stays "NO", not False);
* alias bombs and absurd nesting are refused within a budget, as soon as the budget is
  exceeded, instead of eating memory and time: the build is iterative (no recursion, so no
  stack to overflow), aliases are counted at their expanded size without being expanded, and
  nothing past the point of refusal is parsed.

The C parser (libyaml) is used when PyYAML has it, the pure-Python one otherwise; both give
the same events and marks. (PyYAML's own composer is not used: it recurses once per level of
nesting, and the pure-Python scanner is quadratic in the depth of ``[[[[...``.)
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Any, NamedTuple, cast

import attrs
import yaml
from yaml import events
from yaml.nodes import ScalarNode

from game.scenario.diagnostics import LINE_BREAK, split_lines

Path = tuple[str | int, ...]

MAX_NODES = 50_000
"""Values a document may expand to, aliases counted each time they are used. The S-400
scenario has about 2,300, the generated General Assembly of benchmarks/large_scenario.py
(193 actors, 400 options) about 36,000; the budget keeps the slowest refusal of a hostile
file under two seconds."""

MAX_DEPTH = 200
"""Deepest nesting of mappings and lists accepted."""

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The parser: libyaml when available (about ten times faster), else pure Python."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BINARY = "tag:yaml.org,2002:binary"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
"""Tags an author may write (`!!str 5` to force text); any other (`!!binary`, `!!timestamp`,
`!!python/...`) is refused, since no scenario value needs one."""

_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
"""Digits YAML 1.1 reads as octal (`010`). (`09` is not octal, so YAML reads it as text and
the checker says a number is expected.)"""

_SURROGATE = re.compile("[\ud800-\udfff]")

_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters a quoted string may spell with escapes but no scenario text should hold: control
characters (which could drive the terminal when the text is printed) and lone surrogates
(which cannot be printed or saved as UTF-8 at all)."""


class Place(NamedTuple):
    """A 1-based line and column in the source file (a tuple: one is made per value read)."""

    line: int
    col: int


_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What PyYAML counts as a line break (YAML 1.1)."""


class LineIndex:
    """Where each line of a text starts, to turn a character offset into the line and column
    an editor shows.

    PyYAML counts U+0085, U+2028 and U+2029 as line breaks, editors do not: so every place is
    computed from the parser's character *offset* (``Mark.index``), never from its line
    number, and editor lines are split on CR LF, CR and LF only, the same way the excerpts
    under messages split them (``diagnostics.split_lines``). Multi-line values are walked in
    PyYAML's own lines (``yaml_lines``), since that is how it joins them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        self._lines: list[str] | None = None
        self._yaml: tuple[list[int], list[str]] | None = None

    @property
    def lines(self) -> list[str]:
        """The text's lines as an editor shows them, without their line breaks."""
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    @property
    def yaml_lines(self) -> tuple[list[int], list[str]]:
        """Where PyYAML's lines start, and the lines themselves."""
        if self._yaml is None:
            starts = [0, *(m.end() for m in _YAML_BREAK.finditer(self.text))]
            self._yaml = starts, _YAML_BREAK.split(self.text)
        return self._yaml

    def line_of(self, offset: int) -> int:
        """The 0-based editor line holding character ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def place(self, offset: int) -> Place:
        line = self.line_of(offset)
        return Place(line + 1, offset - self.starts[line] + 1)


@attrs.frozen
class Segment:
    """One line's part of a text value: where it starts (1-based) and how long it is."""

    line: int
    col: int
    length: int


@attrs.define
class Marks:
    """Where each value (and each mapping key) of a document was written."""

    values: dict[Path, Place] = attrs.Factory(dict)
    keys: dict[Path, Place] = attrs.Factory(dict)
    styles: dict[Path, str | None] = attrs.Factory(dict)
    """Quoting style of scalar values, to place columns inside quoted strings."""
    lines: dict[Path, tuple[Segment, ...]] = attrs.Factory(dict)
    """For text written over several lines: where each line's part of the value lies."""

    def offset(self, path: Path, offset: int) -> Place:
        """The place of character ``offset`` of the text value at ``path``.

        Used to point at a column inside a condition. Text over several lines (a `|` or `>`
        block, or a long plain or quoted value) is joined from its lines by one character each
        (a newline or a space), which is how it is walked back here.
        """
        segments = self.lines.get(path)
        if not segments:
            start = self.value(path)
            quoted = 1 if self.styles.get(path) in ("'", '"') else 0
            return Place(start.line, start.col + quoted + offset)
        position = 0
        for segment in segments:
            if offset <= position + segment.length:
                return Place(segment.line, segment.col + offset - position)
            position += segment.length + 1
        last = segments[-1]
        return Place(last.line, last.col + last.length)

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


def read_yaml(text: str) -> Document:
    """Parse one YAML document; raise YamlProblem for anything that is not plain, sane YAML."""
    bad = _SURROGATE.search(text)
    if bad is not None:  # text decoded with errors="surrogateescape": not what a file holds
        raise YamlProblem(
            "the text holds bytes that are not UTF-8; save the file as UTF-8",
            LineIndex(text).place(bad.start()),
        )
    builder = _Builder(text)
    loader = _LOADER(text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.reader.ReaderError as error:
        raise _reader_problem(error, builder.index) from None
    except yaml.MarkedYAMLError as error:
        raise _marked_problem(error, builder.index) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if not builder.seen_document:
        raise YamlProblem("the file is empty; a scenario starts with `format: 1`", Place(1, 1))
    return Document(builder.root, builder.marks, tuple(builder.problems))


def _marked_problem(error: yaml.MarkedYAMLError, index: LineIndex) -> YamlProblem:
    """A parser error with its place, worded with the usual fix where there is one."""
    mark = error.problem_mark or error.context_mark
    place = index.place(mark.index) if mark else None
    braced = _braced_text(index, place)
    if braced is not None:
        return braced
    message = _explain_yaml(error.problem or error.context or "invalid YAML", index, place)
    start = error.context_mark
    start_line = index.place(start.index).line if start else None
    if error.context and start_line and place and start_line != place.line:
        message += f" ({error.context} at line {start_line})"
    if place:
        message += _hidden_break(index, start_line or place.line, place.line)
    return YamlProblem(message, place)


_BRACED = re.compile(r"^(?P<lead>\s*(?:-\s+)?[^\s:#][^:#]*:\s+)(?P<value>\{[^{}]*\}\s*[^\s#].*)$")
"""`key: {actor} sends aid`: text that starts with `{`, which YAML reads as a mapping."""


def _braced_text(index: LineIndex, place: Place | None) -> YamlProblem | None:
    """The error YAML gives for unquoted text starting with `{` (`news: {actor} ...`), worded
    as its fix and placed at the `{`; None when the line is not of that form."""
    if place is None or not 1 <= place.line <= len(index.lines):
        return None
    match = _BRACED.match(index.lines[place.line - 1])
    if match is None:
        return None
    value = match["value"].rstrip()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return YamlProblem(
        "a value that starts with `{` must be quoted: YAML reads `{...}` as a mapping, so "
        f"write it as {_clip(quoted)}",
        Place(place.line, len(match["lead"]) + 1),
    )


_HIDDEN_BREAKS = {"\u2028": "line separator", "\u2029": "paragraph separator", "\x85": "next line"}


def _hidden_break(index: LineIndex, first: int, last: int) -> str:
    """A note when lines ``first``..``last`` hold a character YAML reads as a line break but
    an editor does not show as one: the usual cause of a baffling syntax error."""
    for number in range(max(first, 1), min(last, len(index.lines)) + 1):
        for char, name in _HIDDEN_BREAKS.items():
            if char in index.lines[number - 1]:
                return (
                    f"; line {number} holds U+{ord(char):04X} ({name}), "
                    "which YAML reads as a line break though editors do not show one: replace "
                    "it with a space (or quote the text)"
                )
    return ""


def _reader_problem(error: yaml.reader.ReaderError, index: LineIndex) -> YamlProblem:
    """A character YAML forbids (NUL, most control characters), placed by finding it."""
    char = error.character if isinstance(error.character, str) else chr(error.character)
    offset = index.text.find(char)
    place = index.place(offset) if offset >= 0 else None
    return YamlProblem(
        f"control character U+{ord(char):04X} is not allowed in a YAML file; delete it "
        "(it often comes from copying text out of a PDF or a word processor)",
        place,
    )


def _explain_yaml(problem: str, index: LineIndex, place: Place | None) -> str:
    """The parser's wording, with the usual fix for the mistakes authors make most."""
    if "\t" in problem or "'\\t'" in problem or "tab" in problem:
        return f"{problem}: YAML indents with spaces, not tabs"
    lines = index.lines
    if place and place.line <= len(lines) and "\t" in lines[place.line - 1][: place.col]:
        return f"{problem}: YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return f"{problem}: a value containing ': ' must be quoted"
    if "maximum nesting depth" in problem:
        return f"nested too deeply ({problem}); a scenario needs only a few levels"
    if "could not find expected ':'" in problem:
        return f"{problem}: each line of a mapping is `key: value` (is a ':' missing?)"
    return problem


@attrs.define
class _Frame:
    """A mapping or list being built, with what is needed to place and count it."""

    value: dict[str, Any] | list[Any]
    path: Path
    anchor: str | None
    size: int = 1
    """Values in this collection so far, itself included, aliases at their expanded size."""
    key: str | None = None
    """For a mapping: the key whose value comes next (None while a key is awaited)."""
    skip: bool = False
    """For a mapping: the pending key is a duplicate, so its value is read but dropped."""


class _Builder:
    """Builds plain values from parser events, keeping marks and enforcing the budgets."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self.marks = Marks()
        self.problems: list[YamlProblem] = []
        self.root: Any = None
        self.seen_document = False
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.budget = MAX_NODES
        self.scalars = yaml.SafeLoader("")
        """Used only for its resolver and constructors, which are pure functions of a node."""
        self.handlers: dict[type, Any] = {
            events.DocumentStartEvent: self.document,
            events.ScalarEvent: self.scalar,
            events.MappingStartEvent: self.open,
            events.SequenceStartEvent: self.open,
            events.MappingEndEvent: self.close,
            events.SequenceEndEvent: self.close,
            events.AliasEvent: self.alias,
        }

    def place(self, event: events.Event) -> Place:
        """Where an event starts, as an editor shows it (see LineIndex)."""
        return self.index.place(_marks(event)[0].index)

    def feed(self, event: events.Event) -> None:
        """Take one parser event."""
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(event)

    def document(self, event: events.DocumentStartEvent) -> None:
        if self.seen_document:
            raise YamlProblem(
                "a second YAML document starts here; a file holds one: remove this `---` "
                "line and everything after it, or move it to a file of its own",
                self.place(event),
            )
        self.seen_document = True

    # --- where a value goes ------------------------------------------------------------------

    def slot(self, event: events.Event, *, collection: bool) -> Path | None:
        """The path of the value this event starts, or None when it is a mapping key."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        if frame.key is None:
            if collection or isinstance(event, events.AliasEvent):
                raise YamlProblem("mapping keys must be plain words", self.place(event))
            return None
        return (*frame.path, frame.key)

    def put(self, value: Any, size: int) -> None:
        """Attach a finished value to its parent (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
            return
        assert frame.key is not None
        if not frame.skip:
            frame.value[frame.key] = value
        frame.key, frame.skip = None, False

    def spend(self, amount: int, event: events.Event) -> None:
        self.budget -= amount
        if self.budget < 0:
            raise YamlProblem(
                f"the document expands to more than {MAX_NODES:,} values, the most Détente "
                "reads (a crisis with all 193 UN members has about 36,000); is an alias "
                "(`*name`) repeating a large part many times?",
                self.place(event),
            )

    # --- events ------------------------------------------------------------------------------

    def scalar(self, event: events.ScalarEvent) -> None:
        self.spend(1, event)
        path = self.slot(event, collection=False)
        if path is None:
            self.key(event)
            return
        self.marks.values.setdefault(path, self.place(event))
        if event.style:  # quoted or block; plain is None ('' from libyaml), the default
            self.marks.styles.setdefault(path, event.style)
        start, end = _marks(event)
        if end.line > start.line and path not in self.marks.lines:
            self.marks.lines[path] = self.segments(event)
        value = self.construct(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.put(value, 1)

    def key(self, event: events.ScalarEvent) -> None:
        frame = self.stack[-1]
        if event.value == "<<" and event.tag is None and event.implicit[0]:
            raise YamlProblem("merge keys (`<<`) are not supported", self.place(event))
        key = event.value
        path = (*frame.path, key)
        assert isinstance(frame.value, dict)
        self.check_text(key, event)
        if key in frame.value:
            first = self.marks.keys[path]
            self.problems.append(
                YamlProblem(
                    f"duplicate key '{_clip(key)}' (first written at line {first.line}); each "
                    "key may appear once in a mapping: remove or rename one",
                    self.place(event),
                )
            )
            frame.skip = True
        else:
            self.marks.keys[path] = self.place(event)
        frame.key = key

    def open(self, event: events.CollectionStartEvent) -> None:
        self.spend(1, event)
        if event.tag not in _COLLECTION_TAGS:
            raise YamlProblem(
                f"unsupported YAML tag {event.tag}; use plain values, lists and mappings",
                self.place(event),
            )
        path = self.slot(event, collection=True)
        assert path is not None
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", self.place(event))
        self.marks.values.setdefault(path, self.place(event))
        value: dict[str, Any] | list[Any] = (
            {} if isinstance(event, events.MappingStartEvent) else []
        )
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(value, path, event.anchor))

    def close(self, event: events.Event | None = None) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, frame.size)
        self.put(frame.value, frame.size)

    def alias(self, event: events.AliasEvent) -> None:
        name = event.anchor
        if name in self.open_anchors:
            raise YamlProblem(
                f"the alias *{name} is inside the value it refers to, which would make it endless",
                self.place(event),
            )
        if name not in self.anchors:
            raise YamlProblem(
                f"unknown alias *{name}; define `&{name}` on a value before using it",
                self.place(event),
            )
        value, size = self.anchors[name]
        self.spend(size, event)
        path = self.slot(event, collection=False)
        assert path is not None
        self.marks.values.setdefault(path, self.place(event))
        self.put(value, size)

    # --- scalar values -----------------------------------------------------------------------

    def segments(self, event: events.ScalarEvent) -> tuple[Segment, ...]:
        """Where each line of a multi-line text value lies in the file (see Marks.offset):
        found in PyYAML's lines, then placed where an editor shows them."""
        starts, lines = self.index.yaml_lines
        start_mark, end_mark = _marks(event)
        first = bisect.bisect_right(starts, start_mark.index) - 1
        last = min(bisect.bisect_right(starts, end_mark.index) - 1, len(lines) - 1)
        end_col = end_mark.index - starts[last]
        style = event.style or None
        if style in ("|", ">"):
            found = _block_segments(lines[first + 1 : last + 1], first + 2, literal=style == "|")
        else:
            found = _flow_segments(
                lines, first, last, start_mark.index - starts[first], end_col, style
            )
        return tuple(
            Segment(*self.index.place(starts[s.line - 1] + s.col - 1), s.length) for s in found
        )

    def construct(self, event: events.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None and not event.implicit[0]:
            tag = _STR  # quoted or block text: always a string
        elif tag is None or tag == "!":
            tag = self.scalars.resolve(ScalarNode, event.value, event.implicit)
        if tag == _STR:
            self.check_text(event.value, event)
            return event.value
        if event.tag is not None and tag not in _PLAIN_TAGS:
            raise YamlProblem(
                f"unsupported YAML tag {_shown_tag(event.tag)}: "
                + (
                    "binary data is not supported; write the value as plain text"
                    if tag == _BINARY
                    else "tags are not allowed; use plain values, lists and mappings"
                ),
                self.place(event),
            )
        construct = self.scalars.yaml_constructors.get(tag)
        if construct is None or tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise YamlProblem(
                f"unsupported YAML tag {tag}; use plain values, lists and mappings",
                self.place(event),
            )
        node = ScalarNode(tag, event.value, *_marks(event), event.style)
        try:
            value = construct(self.scalars, node)
        except (ValueError, OverflowError, yaml.YAMLError) as error:
            if event.tag is None and tag == "tag:yaml.org,2002:timestamp":
                return event.value  # looks like a date but is not one: the checker says so
            raise YamlProblem(
                f"cannot read {_clip(event.value)!r}: {error}", self.place(event)
            ) from None
        if isinstance(value, str):
            self.check_text(value, event)
        elif isinstance(value, float) and not math.isfinite(value):
            return value  # kept, so the structurer can say which field may not be NaN/infinite
        if event.tag is None and tag in (_INT, _FLOAT):
            return self.decimal(event, value)
        return value

    def decimal(self, event: events.ScalarEvent, value: int | float) -> int | float:
        """A plain number as its digits read in base 10, with a problem where YAML 1.1 reads
        them otherwise: `010` is octal 8 and `1:30` base-60 90 to PyYAML, never what an author
        of `turns: 010` meant. Refused (exit 1) rather than silently changed."""
        text = event.value.replace("_", "")
        if ":" in text:
            self.problems.append(
                YamlProblem(
                    f"`{_clip(event.value)}` is read by YAML as a base-60 number ({value}); "
                    "write the number itself, or quote the value if it is text",
                    self.place(event),
                )
            )
        elif _LEADING_ZERO.fullmatch(text):
            decimal = int(text, 10)
            self.problems.append(
                YamlProblem(
                    f"`{_clip(event.value)}` has a leading zero, which YAML reads as an octal "
                    f"number ({value}); write {decimal}, or quote the value if it is text",
                    self.place(event),
                )
            )
            return decimal
        return value

    def check_text(self, value: str, event: events.ScalarEvent) -> None:
        bad = _BAD_TEXT.search(value)
        if bad is not None:
            self.problems.append(
                YamlProblem(
                    f"this text holds the character U+{ord(bad.group()):04X}, which cannot be "
                    "shown or saved; remove the escape that writes it",
                    self.place(event),
                )
            )


def _flow_segments(
    lines: list[str], first: int, last: int, start: int, end_col: int, style: str | None
) -> list[Segment]:
    """Segments of a plain or quoted value over lines ``first``..``last`` (0-based), starting
    at column ``start`` (0-based) of the first and ending before ``end_col`` of the last."""
    start += 1 if style else 0
    head = lines[first][start:].rstrip()
    if style:
        head = head.removesuffix(style) if first == last else head
    segments = [Segment(first + 1, start + 1, len(head))]
    for number in range(first + 1, last + 1):
        line = lines[number][:end_col] if number == last else lines[number]
        body = line.strip()
        if style and number == last:
            body = body.removesuffix(style)
        if body:
            segments.append(Segment(number + 1, len(line) - len(line.lstrip()) + 1, len(body)))
    return segments


def _block_segments(lines: list[str], number: int, *, literal: bool) -> list[Segment]:
    """Segments of a `|` (literal) or `>` (folded) block whose text starts at line ``number``.

    A literal block keeps its blank lines as newlines; a folded one turns a blank line into
    the single newline that separates its neighbours, so blank lines count only when literal.
    """
    content = [line for line in lines if line.strip()]
    if not content:
        return []
    indent = min(len(line) - len(line.lstrip(" ")) for line in content[:1])
    segments = []
    for i, line in enumerate(lines):
        if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
            break
        if line.strip() or literal:
            segments.append(Segment(number + i, indent + 1, max(len(line.rstrip()) - indent, 0)))
    return segments


def _shown_tag(tag: str) -> str:
    """A tag as an author writes it: `!!binary`, not `tag:yaml.org,2002:binary`."""
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _marks(event: events.Event) -> tuple[yaml.Mark, yaml.Mark]:
    """Where an event starts and ends. The parser marks every event it emits; libyaml's marks
    are a class of their own with the same fields, which the type stubs keep apart."""
    start, end = event.start_mark, event.end_mark
    assert start is not None and end is not None, "the YAML parser marks every event"
    return cast("tuple[yaml.Mark, yaml.Mark]", (start, end))


def _clip(text: str, limit: int = 60) -> str:
    """Text short enough to quote in a one-line message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
