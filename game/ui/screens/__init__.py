"""The app's screens, one per module.

``from game.ui import screens`` then ``screens.TurnScreen``: a screen's module is imported the
first time it is asked for (PEP 562), so the app's first frame, which needs only the loading
screen, does not wait for the engine that the game's screens import.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.screens.asking import ReflectionScreen, StudentScreen
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.dialogs import ConfirmScreen, HelpScreen
    from game.ui.screens.end import EndScreen
    from game.ui.screens.handover import HandoverScreen, SeatsEndScreen
    from game.ui.screens.loading import LoadingScreen
    from game.ui.screens.offers import OffersScreen
    from game.ui.screens.report import ReportScreen
    from game.ui.screens.role_picker import RolePickerScreen
    from game.ui.screens.seat_picker import SeatPickerScreen
    from game.ui.screens.stakes import StakesScreen
    from game.ui.screens.turn import TurnScreen
    from game.ui.screens.whatif import WhatIfScreen

STYLESHEET = Path(__file__).resolve().parent.parent / "styles" / "game.tcss"
"""The layout and colours of the game's screens: the CSS_PATH of their bases (``base.py``),
which every screen but the loading screen derives from, so Textual reads it with the first
of them, after the first frame."""

_MODULE_OF = {
    "BriefingScreen": "briefing",
    "ConfirmScreen": "dialogs",
    "EndScreen": "end",
    "HandoverScreen": "handover",
    "HelpScreen": "dialogs",
    "LoadingScreen": "loading",
    "OffersScreen": "offers",
    "ReflectionScreen": "asking",
    "ReportScreen": "report",
    "RolePickerScreen": "role_picker",
    "SeatPickerScreen": "seat_picker",
    "SeatsEndScreen": "handover",
    "StakesScreen": "stakes",
    "StudentScreen": "asking",
    "TurnScreen": "turn",
    "WhatIfScreen": "whatif",
}

# Spelled out (not derived from _MODULE_OF) so that linters and type checkers can read it.
__all__ = [
    "BriefingScreen",
    "ConfirmScreen",
    "EndScreen",
    "HandoverScreen",
    "HelpScreen",
    "LoadingScreen",
    "OffersScreen",
    "ReflectionScreen",
    "ReportScreen",
    "RolePickerScreen",
    "SeatPickerScreen",
    "SeatsEndScreen",
    "StakesScreen",
    "StudentScreen",
    "TurnScreen",
    "WhatIfScreen",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
