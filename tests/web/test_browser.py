"""The browser client in a real browser: headless Chromium plays two turns by key presses,
refreshes, and lands back on the same game, at the same turn.

Against a real `detente web` on 127.0.0.1 (warm: tabs forked from the zygote), with a data
folder of its own. The game is single play of the S-400 crisis with a fixed seed; the steps
are data (``SCRIPT``: keys, then the text the app must draw), so the class game of
`detente serve --web` is the same test with another URL (`/join/CODE`) and script (join, pick a
seat, play). About 10 s; skipped, saying why, where Chromium is not installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from game.cli import load_world
from game.paths import default_scenario
from game.saves import read_save

from .conftest import wb

SEED = 7


@attrs.frozen
class Step:
    """Press ``keys`` (Playwright's names), then wait until the app draws ``shows``."""

    keys: tuple[str, ...]
    shows: str


SCRIPT = (
    Step((), "Skip (n)"),  # a new seat is offered the tutorial
    Step(("n",), "Play this role"),  # the role picker, on Turkey
    Step(("Enter",), "Begin"),  # Turkey's briefing
    Step(("Enter",), "Turn 1/10"),
    Step(("1", "Enter"), "Turn 1 report"),  # 1: offer to mediate
    Step(("Enter",), "Turn 2/10"),
    Step(("3", "Enter"), "Turn 2 report"),  # 3: rule out an S-400 transfer in public
    Step(("Enter",), "Turn 3/10"),
)
CHOSEN = ("Offer to mediate between Moscow and Kyiv", "Rule out any S-400 transfer in public")
"""The labels of the options the script plays, in order."""

STATUS = re.compile(r"Turkey │ Turn 3/10 │ [^│]+│ Score -?\d+")
"""The turn screen's status line on turn 3: role, turn, date and score."""


async def run_script(tab, script: tuple[Step, ...]) -> None:
    for step in script:
        since = len(tab.text)
        if step.keys:
            await tab.press(*step.keys)
        await tab.wait_for(step.shows, timeout=60, since=since)


async def test_two_turns_by_keys_then_a_refresh_returns_to_the_same_game(
    chromium: str, tmp_path: Path
) -> None:
    with wb.serve(tmp_path / "data", seed=SEED) as (url, _server):
        async with wb.chromium() as browser:
            tab = await wb.Tab.open(browser)
            await tab.goto(url + "/")
            await tab.wait_for_first_frame()
            await run_script(tab, SCRIPT)
            before = STATUS.findall(tab.text)
            await tab.page.screenshot(path=str(tmp_path / "turn3.png"))

            await tab.reload()
            await tab.wait_for("Turn 3/10", timeout=60)
            after = STATUS.findall(tab.text)
            await tab.page.screenshot(path=str(tmp_path / "turn3-reloaded.png"))
            await tab.close()

    assert before and after and after[-1] == before[-1], (before, after)
    # The seat's autosave holds the two moves played by keys, and replays (read_save checks).
    (autosave,) = (tmp_path / "data" / "detente" / "web" / "seats").glob(
        "*/detente/saves/autosave-*.json"
    )
    saved = read_save(autosave)
    world, _ = load_world(default_scenario())
    label_of = {option.id: option.label for option in world.scenario.options}
    assert (saved.role, saved.seed) == ("TUR", SEED)
    assert tuple(label_of[str(choice)] for choice in saved.choices) == CHOSEN
