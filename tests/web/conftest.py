"""Fixtures of the browser client's tests: the browser-driving helper of benchmarks/, and
Chromium (the browser test says why it skips when there is none)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

HELPER = Path(__file__).resolve().parents[2] / "benchmarks" / "web_browser.py"


def _load_helper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_browser", HELPER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)  # a script beside the benchmarks
    sys.modules["web_browser"] = module
    spec.loader.exec_module(module)
    return module


wb = _load_helper()


@pytest.fixture
def chromium() -> str:
    """Debian's Chromium; the test skips, saying how to get it, when it is not installed."""
    path = wb.chromium_path()
    if path is None and os.environ.get("CI"):
        pytest.fail(
            "CI runs the browser test: .ci/run installs chromium (apt-get install chromium)"
        )
    if path is None:
        pytest.skip(
            "no chromium here: `apt-get install chromium` runs the browser test (.ci/run does)"
        )
    pytest.importorskip(
        "playwright", reason="playwright is in the test extra: make test installs it"
    )
    return path
