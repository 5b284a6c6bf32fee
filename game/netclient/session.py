"""A seat of a class game as the screens see it: ``NetSession`` implements ``GameSession``
over the network.

It holds no engine: every view is the one the server sent for this seat (built there with
the same builders as a local game). The WebSocket runs on a thread of its own with its own
event loop (``SeatLink``, which reconnects), so the app's loop never waits on the network;
the session's methods read the latest frames. ``play`` sends the choice and waits for the
server's acknowledgement (call it from a worker thread); the turn resolves when every seat
has chosen or at the deadline, and ``on_change`` is called (from the network thread) each
time the server sends a new position.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.netclient.decode import structure
from game.netclient.link import LinkError, SeatLink, new_id
from game.ui.seam import (
    Advice,
    BriefingView,
    EndView,
    MoveRefused,
    OneSeatAnalysesOnly,
    OptionView,
    ReportView,
    SaveFailed,
    TurnView,
)

if TYPE_CHECKING:
    from game.ui.seam import GameSession

WAIT = 15.0
"""Seconds to wait for the server to acknowledge a move before saying it did not."""


class NetSession(OneSeatAnalysesOnly):
    """One seat of a class game, through the class server."""

    no_analysis = (
        "luck and judgment are worked out for one-seat games; a class game's figures are "
        "not computed yet"
    )

    def __init__(self, link: SeatLink) -> None:
        self.link = link
        self.welcome: dict[str, Any] = {}
        self.position: dict[str, Any] = {}
        self.progress: dict[str, Any] = {}
        self.messages: list[dict[str, Any]] = []
        self.on_change: Callable[[], None] | None = None
        """Called from the network thread after each new position (the app schedules its
        own update with ``call_from_thread``)."""
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._waiting: dict[str, concurrent.futures.Future[dict[str, Any]]] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="detente-net", daemon=True)

    @classmethod
    def connect(cls, link: SeatLink, timeout: float = 30.0) -> NetSession:
        """Join or resume the seat; returns once its full view has come (LinkError if not)."""
        session = cls(link)
        session._thread.start()
        if not session._ready.wait(timeout):
            session.close()
            raise LinkError(f"the server at {link.url} did not answer in {timeout:.0f} s", 2)
        if session._failure is not None:
            raise session._failure
        return session

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self.link.run(self._on_frame))
        except LinkError as error:
            self._failure = error
        finally:
            self._ready.set()
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(MoveRefused("the connection to the server is lost"))

    async def _on_frame(self, frame: dict[str, Any]) -> bool:
        kind = frame.get("type")
        if kind == "welcome":
            self.welcome = frame
            self.messages = list(frame.get("messages", []))
        elif kind == "position":
            self.position = frame
        elif kind == "progress":
            self.progress = frame
            self._ready.set()
        elif kind == "message":
            self.messages.append(frame)
        elif kind in ("ack", "error"):
            future = self._waiting.pop(str(frame.get("id")), None)
            if future is not None and not future.done():
                future.set_result(frame)
        if kind == "position" and self.on_change is not None and self._ready.is_set():
            self.on_change()
        return False

    def close(self) -> None:
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self.link.stop)
        self._thread.join(5)

    # --- the seat ------------------------------------------------------------------------

    @property
    def role(self) -> str:
        return str(self.welcome["role"])

    @property
    def seed(self) -> int:
        return int(self.welcome["seed"])

    @property
    def turn(self) -> int:
        return int(self.position["turn"])

    @property
    def status(self) -> str:
        return str(self.position.get("status", "playing"))

    @property
    def over(self) -> bool:
        return bool(self.position["view"]["over"]) or self.status == "over"

    @property
    def has_chosen(self) -> bool:
        """Whether this seat has a choice in for the turn being played."""
        return "mine" in self.progress and self.progress.get("turn") == self.turn

    @property
    def last_report(self) -> ReportView | None:
        report = self.position.get("report")
        return None if report is None else structure(ReportView, report)

    def briefing(self) -> BriefingView:
        return structure(BriefingView, self.welcome["briefing"])

    def turn_view(self) -> TurnView:
        return structure(TurnView, self.position["turn_view"])

    def option_view(self, option_id: str) -> OptionView:
        return structure(OptionView, self.welcome["options"][option_id])

    def forecast(self, option_id: str) -> Advice:
        data = self.position.get("forecasts", {}).get(option_id)
        if data is None:
            return Advice(chance=0.0, delay=0, branches=(), goals=())
        return structure(Advice, data)

    def debrief(self) -> EndView:
        data = self.position.get("debrief")
        if data is None:
            raise MoveRefused("the game has no ending yet: the instructor ended it early")
        return structure(EndView, data)

    def play(self, option_id: str | None) -> ReportView:
        """Send the seat's choice and wait for the server's answer (from a worker thread).
        The turn's report once it is resolved; until then a note that the choice is in."""
        turn = self.turn
        ident = new_id()
        future: concurrent.futures.Future[dict[str, Any]] = concurrent.futures.Future()
        self._waiting[ident] = future
        frame = {"type": "choose", "id": ident, "turn": turn, "option": option_id}
        asyncio.run_coroutine_threadsafe(self.link.send(frame), self._loop)
        try:
            answer = future.result(WAIT)
        except concurrent.futures.TimeoutError:
            self._waiting.pop(ident, None)
            raise MoveRefused("the server did not confirm the move; try again") from None
        if answer["type"] == "error":
            raise MoveRefused(str(answer.get("message")))
        report = self.last_report
        if self.turn > turn and report is not None:
            return report
        label = None if option_id is None else self.option_view(option_id).label
        return ReportView(
            turn=turn,
            date="",
            move=label,
            outcome="chosen: the turn is played once every government has chosen, or at the "
            "deadline; you may change your choice until then",
            news=(),
            causes=(),
            ending=None,
        )

    # --- saves: the server keeps the game ---------------------------------------------------

    @property
    def unsaved(self) -> bool:
        return False

    @property
    def save_path(self) -> Path:
        return Path(f"class-game-{self.welcome.get('game', '')}")

    @property
    def autosave_path(self) -> Path:
        return self.save_path

    @property
    def autosaved(self) -> bool:
        return True

    @property
    def autosave_failure(self) -> str | None:
        return None

    @property
    def kept_aside(self) -> Sequence[Path]:
        return ()

    def save(self) -> Path:
        raise SaveFailed("the class server keeps this game: every move is saved there")

    def autosave(self) -> Path:
        return self.save_path

    def export_debrief(self, folder: Path | None = None) -> Path:
        """The seat's debrief as Markdown: score card, decisions, relations."""
        end = self.debrief()
        lines = [
            f"# {end.title}",
            "",
            end.status,
            "",
            f"## {end.ending_title}",
            "",
            end.ending_text,
            "",
            f"Score: {end.total}",
            "",
        ]
        lines += [f"- {g.label}: {g.score:.0f} (weight {g.weight:g})" for g in end.goals]
        lines += ["", "## Decisions", ""]
        lines += [f"- Turn {d.turn} ({d.date}): {d.label}: {d.outcome}" for d in end.decisions]
        path = (folder or Path.cwd()) / (
            f"debrief-{self.welcome.get('scenario')}-{self.role}-{self.welcome.get('game')}.md"
        )
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def answer(self, offer_id: str, answer: str | None) -> None:
        raise MoveRefused(
            "offers are not carried by the class server yet: answer them in a local or "
            "hot-seat game"
        )


if TYPE_CHECKING:

    def _implements_the_seam(session: NetSession) -> GameSession:
        """A type checker fails here if NetSession drifts from the protocol."""
        return session
