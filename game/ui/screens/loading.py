"""The first frame of `detente play`: shown while the game is opened behind it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Label

from game.ui.widgets.status_bar import StatusBar


class LoadingScreen(Screen[None]):
    """A status line and "Opening the game…", centred.

    It needs neither the engine nor the scenario, so it is on screen within half a second of
    typing `detente play`; the app replaces it with the role picker (or the loaded game) once
    the scenario is loaded and checked, a few tenths of a second later. It is kept this bare
    on purpose: a footer or a spinner would each add about 20 ms to the first frame, for a
    screen seen so briefly. The app's keys (q to quit) work on it all the same.
    """

    DEFAULT_CSS = """
    LoadingScreen #loading-text {
        width: 100%;
        height: 1fr;
        content-align: center middle;
        color: $text-muted;
    }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar("Détente", "Starting")
        yield Label("Opening the game…", id="loading-text")
