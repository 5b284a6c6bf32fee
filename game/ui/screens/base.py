"""The base of the game's screens: one stylesheet, the session, and messages to the app."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from game.ui.messages import Notice
from game.ui.screens import STYLESHEET
from game.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:  # the seam is for annotations here: the role picker starts without it
    from game.ui.seam import GameSession

ResultType = TypeVar("ResultType")


class GameScreen(Screen[None]):
    """A full screen of the game: the game's stylesheet, its status bar, its requests.

    A screen asks the app for what follows (play a move, export...) by posting a message
    from ``game.ui.messages`` rather than calling the app, so it runs under any app that
    handles them.
    """

    CSS_PATH: ClassVar[str | PurePath | list[str | PurePath] | None] = STYLESHEET
    """Textual's type, so a screen may do without (the role picker reads it after its first
    frame)."""

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    def ask_app(self, message: Message) -> None:
        """Post a request to the app."""
        self.app.post_message(message)

    def say(self, text: str, severity: SeverityLevel = "information") -> None:
        """Tell the player something (the app shows it as a toast)."""
        self.ask_app(Notice(text, severity))


class SessionScreen(GameScreen):
    """A screen of a game in progress: everything it shows comes from its session."""

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self._session = session

    @property
    def session(self) -> GameSession:
        """The seat's game, through the seam: the only way a screen reaches the game."""
        return self._session


class GameModal(ModalScreen[ResultType]):
    """A dialog over a game screen, with the game's stylesheet."""

    CSS_PATH = STYLESHEET
