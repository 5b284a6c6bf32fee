"""Where checks put what they find: diagnostics for one file, placed by model path."""

from __future__ import annotations

from game.scenario.diagnostics import Diagnostic, Severity
from game.scenario.structure import expr_place
from game.scenario.yamlread import Marks, Path


class Reporter:
    """Collects diagnostics for one file, placing each by the model path of its element.

    ``paths`` maps ``id()`` of every structured element to its path in the file, which is how
    a check that holds only the element finds its line.
    """

    def __init__(self, filename: str, marks: Marks, paths: dict[int, Path]) -> None:
        self.filename = filename
        self.marks = marks
        self.paths = paths
        self.diagnostics: list[Diagnostic] = []

    def path_of(self, element: object, *rest: str | int) -> Path:
        return (*self.paths.get(id(element), ()), *rest)

    def add(
        self,
        severity: Severity,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        context: str = "",
        offset: int | None = None,
    ) -> None:
        """Report at the value of ``path`` (its key with ``at_key``; with ``offset``, that
        column of the condition text there)."""
        if offset is not None:
            place = expr_place(self.marks, path, offset)
        else:
            place = self.marks.key(path) if at_key else self.marks.value(path)
        self.diagnostics.append(
            Diagnostic(severity, message, self.filename, place.line, place.col, context)
        )

    def error(
        self,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        context: str = "",
        offset: int | None = None,
    ) -> None:
        self.add("error", path, message, at_key=at_key, context=context, offset=offset)

    def warning(
        self,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        context: str = "",
        offset: int | None = None,
    ) -> None:
        self.add("warning", path, message, at_key=at_key, context=context, offset=offset)
