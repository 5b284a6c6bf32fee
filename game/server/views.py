"""What each seat is sent: the engine's seat view and the screens' views, as JSON data.

The server builds a seat's views with the same builders as a local game (``game.ui.view``,
over the seat's side of the shared position, as the hot-seat game does), so a remote seat
sees exactly what a local one would and nothing more: the engine's ``seat_view`` and
``seat_report`` decide what is secret. Only the view builders and their data classes are
used; nothing here imports Textual or a screen.
"""

from __future__ import annotations

from typing import Any

import attrs

from game.debrief import relation_history
from game.engine import State, World, available_options, seat_view
from game.ui import view
from game.ui.hotseat import seat_side


def plain(value: Any) -> Any:
    """A view (frozen attrs classes, tuples, named tuples) as JSON-ready data."""
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def static_views(world: World, role: str) -> dict[str, Any]:
    """What never changes in a game for a seat: its briefing and its options in full."""
    return {
        "briefing": plain(view.briefing_view(world, role)),
        "options": {
            option.id: plain(view.option_view(world, option.id))
            for option in world.options
            if role in option.by
        },
    }


def position_views(world: World, state: State, role: str) -> dict[str, Any]:
    """The seat's position: the engine's view, the turn screen, forecasts, last report."""
    side = seat_side(state, role)
    history = relation_history(world, state)
    data: dict[str, Any] = {
        "view": seat_view(world, state, role),
        "turn_view": plain(view.turn_view(world, side, history)),
        "forecasts": {}
        if state.over
        else {
            option.id: plain(view.advice(world, side, option.id))
            for option in available_options(world, state, role)
        },
        "report": plain(view.report_view(world, state.log[-1], role, side)) if state.log else None,
        "debrief": plain(view.end_view(world, side, history)) if state.over else None,
    }
    return data
