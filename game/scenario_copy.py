"""Copying a scenario and the briefs it cites, for `detente new NAME --from SCENARIO`.

An instructor starts a new crisis from a shipped one: the copy must check clean where it is
written, so its briefs are copied too and its `sources:` rewritten to point at them; it gets
its own id, and its `$schema` line points at the installed schema. The text is edited line by
line, not re-dumped from YAML, so the comments and layout an instructor reads stay as shipped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_UNREADABLE
from game.paths import schema_file
from game.saves import atomic_write_text
from game.scenario.loader import load_scenario
from game.writeguard import BRIEF, COPIED, SCENARIO, WriteRefused, check_may_write


class CopyRefused(Exception):
    """The copy was not made: ``str(error)`` says why, ``code`` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def schema_reference(target: Path) -> str:
    """The schema's address for a new file's `$schema` comment, so editors check as you type."""
    schema = schema_file()
    if not schema.exists():
        return "scenario.schema.json"
    return os.path.relpath(schema, target.parent.resolve())


def briefs_folder(folder: Path) -> tuple[Path, str]:
    """Where a copied scenario's briefs go, and how the scenario names that folder: ``seeds/``
    beside it, or the repository's ``seeds/`` for a scenario written into ``scenarios/``."""
    if folder.resolve().name == "scenarios" and (folder / ".." / "seeds").is_dir():
        return folder / ".." / "seeds", "../seeds"
    return folder / "seeds", "seeds"


def copy_scenario(source: Path, target: Path, new_id: str, *, force: bool) -> list[str]:
    """Write a copy of ``source`` at ``target`` with id ``new_id``, and its briefs beside it.

    Nothing that exists is overwritten without ``force`` (CopyRefused, exit 1); a brief that
    is there already with the same text is kept and shared. Returns one line per file, to show.
    """
    result = load_scenario(source)
    if result.loaded is None or result.text is None:
        raise CopyRefused(f"{source}: cannot copy a scenario with errors (detente check it)")
    text = result.text
    folder, reference = briefs_folder(target.parent)
    briefs: list[tuple[Path, Path]] = []
    for cited in result.loaded.scenario.sources:
        if not isinstance(cited, str):
            continue  # an inline brief travels with the scenario's text
        brief = (source.parent / cited).resolve()
        copy = folder / brief.name
        line = re.compile(rf"^(\s*-\s*)(['\"]?){re.escape(cited)}\2(\s*)$", re.MULTILINE)
        text, found = line.subn(rf"\g<1>\g<2>{reference}/{brief.name}\g<2>\g<3>", text)
        if not found:
            raise CopyRefused(f"{source}: cannot find where it cites {cited}", EXIT_INTERNAL)
        briefs.append((brief, copy))
    text = re.sub(r"^id:.*$", f"id: {new_id}", text, count=1, flags=re.MULTILINE)
    text = re.sub(
        r"(yaml-language-server: \$schema=)\S+", rf"\g<1>{schema_reference(target)}", text, count=1
    )
    if target.exists() and not force:
        raise CopyRefused(f"{target}: already exists; choose another name or pass --force")
    for brief, copy in briefs:
        if copy.exists() and not force and copy.read_bytes() != brief.read_bytes():
            raise CopyRefused(f"{copy}: already exists and differs; move it or pass --force")
    _check_targets(source, target, briefs)
    notes = [f"wrote {target}: a copy of {source.stem} to edit (id {new_id})."]
    try:
        for brief, copy in briefs:
            shown = os.path.normpath(copy)
            if copy.exists() and copy.read_bytes() == brief.read_bytes():
                notes.append(f"kept {shown}: the brief it cites, already there")
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(copy, brief.read_text(encoding="utf-8"))
            notes.append(f"wrote {shown}: the brief it cites")
        atomic_write_text(target, text)
    except OSError as error:
        raise CopyRefused(
            f"{target}: cannot write: {error.strerror or error}", EXIT_UNREADABLE
        ) from None
    return notes


def _check_targets(source: Path, target: Path, briefs: list[tuple[Path, Path]]) -> None:
    """Even with --force, a copy replaces only a scenario and briefs, never the scenario or a
    brief it is copied from (``game.writeguard``); CopyRefused, exit 1."""
    inputs = [(source, COPIED), *((brief, COPIED) for brief, _ in briefs)]
    try:
        check_may_write(target, SCENARIO, inputs)
        for brief, copy in briefs:
            if copy.exists() and copy.read_bytes() == brief.read_bytes():
                continue  # kept and shared, not written
            check_may_write(copy, BRIEF, inputs)
    except (WriteRefused, OSError) as error:
        raise CopyRefused(str(error)) from None
