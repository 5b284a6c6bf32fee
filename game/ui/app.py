"""The Détente app: wires the screens to one game session and owns the app-wide keys.

`detente play` (``game.cli``) starts the app with a function that opens the game
(``game.launch.open_game``). The app puts a loading screen up first and runs that function in a
worker thread, so the first frame does not wait for the engine to be imported or the scenario
to be checked; a game that cannot be opened ends the app, and the CLI prints why. Tests and
benchmarks build an app around a game already opened with ``make_app`` and drive it with
Textual's Pilot. The app holds no rules: turns are played by the engine through a
``GameSession`` (``game.ui.seam``; here ``LocalSession``), and the screens only show the
session's views. Screens ask for what follows by posting messages (``game.ui.messages``),
which the app handles in its ``on_*`` methods.

For the same reason, this module imports the engine, the saves and the game's screens where
they are used rather than at the top (``game.ui.screens`` loads each screen on first use).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from game.ui import screens

if TYPE_CHECKING:
    from game.analysis import PlayRecord
    from game.engine import State, World
    from game.launch import Opening
    from game.ui.hotseat import HotSeatGame

    # Textual finds the message handlers by name (on_move_played...): the messages are
    # needed for annotations only, so the first frame does not wait for them.
    from game.ui.messages import (
        AdvisorToggled,
        BriefingRead,
        ExportRequested,
        HandedOver,
        MovePlayed,
        NextScenarioRequested,
        Notice,
        RoleChosen,
        SeatsChosen,
    )
    from game.ui.seam import GameSession, RolesView
    from game.ui.session import Analyst, LocalSession

Opener = Callable[[], "Opening"]
"""Opens the game (loads the scenario, restores a save); run in a worker thread."""

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def _plain_text_commands() -> type[Provider]:
    from game.ui.palette import PlainTextCommands

    return PlainTextCommands


def random_seed() -> int:
    """A fresh seed for a new game, drawn outside the engine and shown so it can be replayed."""
    return random.SystemRandom().randrange(1, 100_000)


class DetenteApp(App[None]):
    """A crisis played as one government: role picker, briefing, turns, debrief.

    | Key | Action |
    | :- | :- |
    | ? | Help: every key where you are. |
    | r | The last turn's report again. |
    | s | Save the game. |
    | q | Quit (asks first if the game changed since the last save). |
    | ctrl+t | Light or dark theme. |
    | ctrl+p | Command palette: every action by name. |
    """

    # No CSS_PATH: the game's screens bring their stylesheet (game.ui.screens.STYLESHEET).
    TITLE = "Détente"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_plain_text_commands}
    """The palette's commands show scenario text as plain text, never as markup."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", "Help", key_display="?", tooltip="Every key, and how to play"
        ),
        Binding("r", "report", "Report", tooltip="The last turn's report again"),
        Binding("s", "save", "Save", tooltip="Save the game (continue later with --load)"),
        Binding("q", "quit", "Quit", tooltip="Quit (asks first if you have not saved)"),
        Binding("ctrl+t", "toggle_theme", "Light or dark theme", show=False),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            show=False,
            priority=True,
            tooltip="Quit (asks first if you have not saved)",
        ),
    ]

    def __init__(
        self,
        opening: Opening | Opener,
        *,
        role: str | None = None,
        seed: int | None = None,
        picker_scenario: str | None = None,
        seats: tuple[str, ...] | None = None,
        analyst: Analyst | None = None,
    ) -> None:
        super().__init__()
        self.analyst = analyst
        """The debrief's analyses (luck, what-if, the HTML export), handed in by whoever
        starts the app (``game.report.tools``): the screens' layer may not import them."""
        self.seats = seats
        """The roles of a hot-seat game (`--seats`): one person per seat, taking turns."""
        self.hotseat: HotSeatGame | None = None
        """The shared game of a hot-seat game; ``session`` is then the seat at the keyboard."""
        self._after_handover: Callable[[], None] | None = None
        """What the hand-over screen on display leads to once enter is pressed."""
        self._opening = opening
        self.picker_scenario = picker_scenario
        """The scenario whose role picker may be shown from the cache while the game opens
        (``game.ui.picker_cache``): `detente play` without --as or --load."""
        self._early_roles: RolesView | None = None
        """The cached role picker on screen before the game was open, if one was."""
        self._opened = False
        self._pending_role: str | None = None
        """A role chosen on the cached picker before the game was open: started once it is."""
        """The game to show, or the function that opens it once the first frame is up."""
        self.role = role
        """The role asked for on the command line; the role picker is skipped when set."""
        self.seed = seed if seed is not None else random_seed()
        self.world: World
        """The scenario being played (set once the game is opened)."""
        self.scenario_path = ""
        self.tutorial: tuple[World, str] | None = None
        """The tutorial (world, path) to offer first, to a player who has never played."""
        self.opening_error: BaseException | None = None
        """Why the game could not be opened, if it could not; `detente play` reports it."""
        self.messages: list[str] = []
        """Every message shown to the player, oldest first (tests and the log read it)."""
        self.advisor = True
        """Whether the turn screen shows the advisor's forecast (`a` toggles it)."""
        self.session: GameSession | None = None
        """The game being played, through the seam the screens use too."""
        self.after_tutorial: tuple[World, str] | None = None
        """The scenario (world, path) the tutorial was played before, offered at its end."""
        self.exported = False
        """Whether this game's debrief was written (then quitting at the end needs no ask)."""
        self.theme = DARK_THEME
        self.stop_on_signals = False
        """Whether SIGTERM and SIGHUP end the app (set by ``run_app``: not in tests, which run
        the app inside the test runner's process)."""
        self.stopped_by: str | None = None
        """The signal that ended the app, if one did."""

    # --- signals -------------------------------------------------------------------------

    def _stop_on_signals(self) -> None:
        """End the app on SIGTERM and SIGHUP as quitting does, so that Textual restores the
        terminal (a signal's default action would kill the process with the terminal left
        raw, on the alternate screen, reporting the mouse)."""
        loop = asyncio.get_running_loop()
        for name in STOP_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self._stop, name)

    def _stop(self, name: str) -> None:
        self.stopped_by = name
        self.exit()

    def autosave_path(self) -> str:
        """The autosave of the game being played, if a turn was played ('' otherwise)."""
        session = self.session
        if session is None:
            return ""
        path = session.autosave_path
        return os.fspath(path) if os.path.exists(path) else ""

    # --- screens -------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.stop_on_signals:
            self._stop_on_signals()
        # Screens are pushed over Textual's blank default screen, so that every later step
        # can simply switch screens (the default screen itself cannot be switched away).
        opening = self._opening
        if callable(opening):
            self._early_roles = self._cached_roles()
            if self._early_roles is not None:
                self.push_screen(screens.RolePickerScreen(self._early_roles, self.seed))
            else:
                self.push_screen(screens.LoadingScreen())
            self.call_after_refresh(
                self.run_worker, opening, name="open", thread=True, exit_on_error=False
            )
        else:
            self.begin(opening, replace_loading=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The game is open: show it; or it could not be: end the app, saying why."""
        worker = event.worker
        if worker.name != "open":
            return
        if event.state == WorkerState.SUCCESS:
            # The "open" worker runs an Opener, so its result is an Opening.
            self.begin(cast("Opening", worker.result), replace_loading=True)
        elif event.state == WorkerState.ERROR:
            self.opening_error = worker.error
            self.exit(return_code=1)

    def begin(self, opening: Opening, *, replace_loading: bool) -> None:
        """Show an opened game: where a save stopped, the chosen role's briefing, or the
        role picker (with the tutorial offered first to a newcomer); in place of the loading
        screen if it is up."""
        from game.paths import user_data_folder
        from game.ui.session import LocalSession

        self.world, self.scenario_path = opening.world, opening.scenario_path
        note = user_data_folder().note  # no home folder: say where saves go instead
        if note:
            self.say(f"Saves: {note}", severity="warning")
        self.tutorial = opening.tutorial
        self._opened = True
        if self._early_roles is not None and opening.state is None and self.role is None:
            self._replace_early_picker()
            return
        self.seats = opening.seats or self.seats
        if opening.pick_seats:
            show = self.switch_screen if replace_loading else self.push_screen
            show(self.seat_picker())
            return
        if (opening.state is not None and opening.state.multi_seat) or (
            opening.state is None and self.seats
        ):
            self.begin_hotseat(opening, replace_loading=replace_loading)
            return
        if opening.state is not None:
            self.session = self._local(
                LocalSession(
                    self.world,
                    opening.state,
                    self.scenario_path,
                    analyst=self.analyst,
                    record=opening.record,
                )
            )
            self.seed = opening.state.seed
        elif self.role is not None:
            self.session = self._local(
                LocalSession.new(
                    self.world, self.role, self.seed, self.scenario_path, analyst=self.analyst
                )
            )
        show = self.switch_screen if replace_loading else self.push_screen
        show(self.first_screen())
        if self.tutorial is not None and self.session is None:
            self.offer_tutorial()

    # --- hot-seat play: one seat at a time, behind a hand-over screen ---------------------

    def begin_hotseat(self, opening: Opening, *, replace_loading: bool) -> None:
        """Start (or continue, from a save with seats) a game of several seats."""
        from game.ui.hotseat import HotSeatGame

        if opening.state is not None:
            self.hotseat = HotSeatGame(self.world, opening.state, self.scenario_path)
            self.seed = opening.state.seed
        else:
            assert self.seats is not None
            self.hotseat = HotSeatGame.new(self.world, self.seats, self.seed, self.scenario_path)
        if not replace_loading:
            self.push_screen(screens.LoadingScreen())  # replaced by the first hand-over
        self._next_seat()

    def _hand_over(self, session: GameSession, next_up: str, then: Callable[[], None]) -> None:
        """Put up the hand-over to ``session``'s seat; ``then`` runs when they press enter."""
        self.session = session
        self._after_handover = then
        name = self.world.actor(session.role).name
        self.switch_screen(screens.HandoverScreen(self.world.scenario.title, name, next_up))

    def on_handed_over(self, _: HandedOver) -> None:
        then, self._after_handover = self._after_handover, None
        if then is not None:
            then()

    def _next_seat(self) -> None:
        """The next seat to choose gets the keyboard (its briefing first, on turn 1); once
        the game is over, every seat's debrief."""
        game = self.hotseat
        assert game is not None
        if game.state.over:
            self.session = game.sessions[0]
            self.switch_screen(screens.SeatsEndScreen(game.sessions))
            return
        seat = game.session(game.waiting[0])
        screen: Screen
        if seat.last_report is None:
            next_up, screen = "your briefing, then turn 1", screens.BriefingScreen(seat)
        else:
            turns = self.world.scenario.turns
            next_up = f"your turn {seat.turn} of {turns}"
            screen = screens.TurnScreen(seat, advisor=self.advisor)

        def show() -> None:
            self.switch_screen(screen)

        self._hand_over(seat, next_up, show)

    def _show_reports(self, index: int = 0) -> None:
        """After a turn is played, each seat in turn reads its own report."""
        game = self.hotseat
        assert game is not None
        if index >= len(game.sessions):
            self._next_seat()
            return
        seat = game.sessions[index]
        report = seat.last_report
        assert report is not None

        def show() -> None:
            self.push_screen(
                screens.ReportScreen(report), lambda _=None: self._show_reports(index + 1)
            )

        self._hand_over(seat, f"your report on turn {report.turn}", show)

    def _play_seat(self, message: MovePlayed) -> None:
        """A seat chose: record it; the next seat chooses, or the turn is played and reported."""
        from game.ui.hotseat import SeatSession
        from game.ui.seam import MoveRefused

        session = self.session
        if not isinstance(session, SeatSession) or message.turn != session.turn:
            return
        if session.has_chosen:
            return
        try:
            session.play(message.option_id)
        except MoveRefused as error:
            self.say(str(error), title="Not possible", severity="error")
            return
        if session.turn == message.turn:
            self._next_seat()
            return
        self._autosave()
        self._show_reports()

    def _cached_roles(self) -> RolesView | None:
        """The role picker kept from an earlier start of this very scenario text, if any."""
        if self.picker_scenario is None or self.role is not None:
            return None
        from game.ui.picker_cache import read_cached_roles

        return read_cached_roles(self.picker_scenario)

    def _replace_early_picker(self) -> None:
        """The game is open behind the cached picker: keep the picker if it said the truth
        (else show the real one), start a role chosen meanwhile, and offer the tutorial."""
        from game.ui.picker_cache import write_cached_roles
        from game.ui.view import roles_view

        real = roles_view(self.world)
        if real != self._early_roles:
            write_cached_roles(self.scenario_path, real)
        if self.seats:  # seats chosen on the cached picker's seat picker
            from game.launch import Opening

            self.begin_hotseat(Opening(self.world, self.scenario_path), replace_loading=True)
            return
        pending, self._pending_role = self._pending_role, None
        if pending is not None and pending in self.world.playable:
            self.start_game(pending)
            return
        if real != self._early_roles or not isinstance(self.screen, screens.RolePickerScreen):
            self.switch_screen(screens.RolePickerScreen(real, self.seed))
        if self.tutorial is not None:
            self.offer_tutorial()

    def offer_tutorial(self) -> None:
        """Ask a newcomer whether to start with the tutorial; asked once, whatever the answer."""
        from game.saves import mark_tutorial_offered

        with contextlib.suppress(OSError):  # then it is asked again next time: no harm
            mark_tutorial_offered()
        detail = (
            "A short invented crisis in four turns teaches the screen and the rules, one at a "
            f"time. Or go straight to {self.world.scenario.title}."
        )
        self.push_screen(
            screens.ConfirmScreen(
                "New to Détente? Start with the tutorial",
                detail,
                yes="Tutorial",
                no="Skip",
                default_yes=True,
            ),
            self._tutorial_answer,
        )

    def _tutorial_answer(self, yes: bool | None) -> None:
        if not yes or self.tutorial is None:
            return
        self.after_tutorial = (self.world, self.scenario_path)
        self.world, self.scenario_path = self.tutorial
        self.switch_screen(self.role_picker())

    def first_screen(self) -> Screen:
        """Where the game opens: a loaded game where it stopped, a chosen role's briefing,
        or the role picker."""
        session = self.session
        if session is None:
            return self.role_picker()
        if session.over:
            return self.end_screen(session)
        if session.last_report is not None:
            return screens.TurnScreen(session, advisor=self.advisor)
        return screens.BriefingScreen(session)

    def role_picker(self) -> Screen:
        """The role picker for the scenario being opened (no session exists yet); kept in
        the cache so that the next start can show it before the game is open."""
        from game.ui.picker_cache import write_cached_roles
        from game.ui.view import roles_view

        roles = roles_view(self.world)
        if self.picker_scenario is not None and self.scenario_path == self.picker_scenario:
            write_cached_roles(self.scenario_path, roles)
        return screens.RolePickerScreen(roles, self.seed)

    def seat_picker(self) -> Screen:
        """The seat picker for `detente play --seats` without roles."""
        from game.ui.view import roles_view

        return screens.SeatPickerScreen(roles_view(self.world), self.seed)

    def on_seats_chosen(self, message: SeatsChosen) -> None:
        """Start a hot-seat game of the governments chosen on the seat picker (from the
        role picker's `p` too: the role picker below it is left)."""
        from game.launch import Opening

        self.seats, self.role = message.seats, None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not self._opened:  # chosen on the cached picker: started once the game is open
            self.switch_screen(screens.LoadingScreen())
            return
        self.begin_hotseat(Opening(self.world, self.scenario_path), replace_loading=True)

    def on_role_chosen(self, message: RoleChosen) -> None:
        self.start_game(message.role)

    def start_game(self, role: str) -> None:
        """Begin a new game as ``role`` (from the role picker) with the app's seed; chosen
        on the cached picker before the game is open, it starts as soon as it is."""
        from game.ui.session import LocalSession

        if not self._opened:
            self._pending_role = role
            self.switch_screen(screens.LoadingScreen())
            return

        self.session = self._local(
            LocalSession.new(self.world, role, self.seed, self.scenario_path, analyst=self.analyst)
        )
        self.switch_screen(screens.BriefingScreen(self.session))

    def _local(self, session: LocalSession) -> LocalSession:
        """A one-seat session in step with the app: the advisor's state, and the student's
        name and class from the settings when its save did not have them."""
        from game.settings import load_settings

        session.advisor = self.advisor
        if not session.student:
            kept = load_settings()
            session.student, session.class_name = kept.student, kept.class_name
        return session

    def on_briefing_read(self, _: BriefingRead) -> None:
        """Leave the briefing for the first turn."""
        assert self.session is not None
        self.switch_screen(screens.TurnScreen(self.session, advisor=self.advisor))

    def on_move_played(self, message: MovePlayed) -> None:
        """Play the player's move, autosave, and show the turn's report.

        A move chosen on a turn already played (a key pressed twice before the report came
        up) is dropped: every turn is played once, by one deliberate confirmation.
        """
        from game.ui.seam import MoveRefused

        if self.hotseat is not None:
            self._play_seat(message)
            return
        session = self.session
        if session is None or message.turn != session.turn:
            return
        try:
            report = session.play(message.option_id)
        except MoveRefused as error:
            self.say(str(error), title="Not possible", severity="error")
            return
        turn_screen = self.screen
        self.push_screen(screens.ReportScreen(report), self._after_report)
        # The report shows first; the turn screen below is brought up to date while it is
        # read, and the autosave's fsync is done then too, so neither delays the frame.
        if isinstance(turn_screen, screens.TurnScreen) and not session.over:
            self.call_after_refresh(turn_screen.refresh_turn)
        self.call_after_refresh(self._autosave)

    def _after_report(self, _: None = None) -> None:
        """Once a report is read: the scenario's question for that turn, if it has one; once
        the final report is read, the question for the end, then the end screen."""
        session = self.session
        if session is None or self.hotseat is not None:
            self._to_end()
            return
        turn = session.turn - 1
        prompt = session.reflection_prompt(turn)
        if prompt:
            self.push_screen(
                screens.ReflectionScreen(prompt, f"After turn {turn}"),
                partial(self._reflected, turn),
            )
            return
        self._to_end()

    def _reflected(self, turn: int | None, answer: str | None) -> None:
        """Keep the answer (the autosave then holds it) and go on."""
        session = self.session
        assert session is not None
        if answer:
            session.reflect(turn, answer)
            self._autosave()
        if turn is None:
            self.switch_screen(self.end_screen(session))
        else:
            self._to_end()

    def _to_end(self) -> None:
        """After the last report (and its question): the end question, then the debrief."""
        session = self.session
        if session is None or not session.over or isinstance(self.screen, screens.EndScreen):
            return
        prompt = session.reflection_prompt(None) if self.hotseat is None else ""
        if prompt:
            self.push_screen(
                screens.ReflectionScreen(prompt, "At the end"), partial(self._reflected, None)
            )
            return
        self.switch_screen(self.end_screen(session))

    def end_screen(self, session: GameSession) -> Screen:
        """The debrief; at the end of the tutorial it offers the crisis the tutorial led to.
        In a hot-seat game, every seat's debrief."""
        if self.hotseat is not None:
            return screens.SeatsEndScreen(self.hotseat.sessions)
        if self.after_tutorial is None and self._playing_the_tutorial():
            self.after_tutorial = self._default_scenario()
        after = self.after_tutorial
        return screens.EndScreen(session, next_title=after[0].scenario.title if after else None)

    def _playing_the_tutorial(self) -> bool:
        """Whether the game is the shipped tutorial (offered, or opened by name)."""
        from pathlib import Path

        from game.paths import tutorial_scenario

        if not self.scenario_path:
            return False
        with contextlib.suppress(OSError):
            return Path(self.scenario_path).resolve() == tutorial_scenario().resolve()
        return False

    def _default_scenario(self) -> tuple[World, str] | None:
        """The shipped crisis (S-400), to follow the tutorial; None if it cannot be opened."""
        from game.launch import LaunchError, load_world
        from game.paths import default_scenario

        path = default_scenario()
        try:
            world, _ = load_world(path)
        except (LaunchError, OSError):
            return None
        return world, str(path)

    def on_next_scenario_requested(self, _: NextScenarioRequested) -> None:
        """Leave the finished tutorial for the real crisis: its role picker, a new seed."""
        if self.after_tutorial is None:
            return
        self.world, self.scenario_path = self.after_tutorial
        self.after_tutorial = None
        self.session = None
        self.exported = False
        self.seed = random_seed()
        self.switch_screen(self.role_picker())

    def _autosave(self) -> None:
        from game.ui.seam import SaveFailed

        assert self.session is not None
        kept = len(self.session.kept_aside)
        try:
            self.session.autosave()
        except SaveFailed as error:
            self.say(f"Autosave failed: {error}", severity="warning")
        for aside in self.session.kept_aside[kept:]:
            self.say(f"Another unfinished game was saved there: it is kept as {aside}")

    def on_advisor_toggled(self, message: AdvisorToggled) -> None:
        """The turn screen switched the advisor's forecasts (off is the harder game): later
        turns keep the choice."""
        from game.ui.session import LocalSession

        self.advisor = message.on
        if isinstance(self.session, LocalSession):
            self.session.advisor = message.on
        self.say("Advisor on: forecasts shown." if self.advisor else "Advisor off: no forecasts.")

    def on_notice(self, message: Notice) -> None:
        self.say(message.text, severity=message.severity)

    def on_export_requested(self, _: ExportRequested) -> None:
        """Export; before the first debrief of a student who has not said who they are, ask
        their name and class once (kept in the settings for every later game)."""
        from game.ui.session import LocalSession

        session = self.session
        if isinstance(session, LocalSession) and not session.student:
            self.push_screen(screens.StudentScreen(), self._student_given)
            return
        self.export_debrief()

    def _student_given(self, given: tuple[str, str] | None) -> None:
        from game.settings import Settings, save_settings
        from game.ui.session import LocalSession

        if given is not None:
            name, group = given
            if isinstance(self.session, LocalSession):
                self.session.student, self.session.class_name = name, group
            try:
                save_settings(Settings(name, group))
            except OSError as error:
                self.say(f"Cannot keep your name: {error.strerror or error}", severity="warning")
        self.export_debrief()

    def export_debrief(self) -> None:
        """Write the debrief as Markdown in the current folder, else beside the saves."""
        from game.saves import default_save_dir

        assert self.session is not None
        sessions = self.hotseat.sessions if self.hotseat is not None else (self.session,)
        paths = []
        for session in sessions:  # in a hot-seat game, one file per seat
            try:
                paths.append(session.export_debrief())
            except OSError:
                try:
                    paths.append(session.export_debrief(default_save_dir()))
                except OSError as error:
                    self.say(
                        f"Cannot write the debrief: {error.strerror or error}", severity="error"
                    )
                    return
        self.exported = True
        pages = [p.with_suffix(".html") for p in paths if p.with_suffix(".html").exists()]
        written = ", ".join(str(path) for path in [*paths, *pages])
        self.say(
            f"Debrief{'s' if len(paths) > 1 else ''} written to {written}",
            title="Exported",
            timeout=10,
        )

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """Tell the player something in a toast, and keep it in ``messages``.

        Never markup: messages carry paths and scenario text, which may hold brackets.
        On a game screen (or a dialog over one) the message takes the status line's title
        for a while, so it covers nothing the student reads; elsewhere it is a toast.
        """
        from textual.css.query import NoMatches

        from game.ui.widgets.status_bar import StatusBar

        self.messages.append(message)
        for screen in reversed(self.screen_stack):
            try:
                bar = screen.query_one(StatusBar)
            except NoMatches:
                if screen.is_modal:
                    continue  # a dialog: the status line is on the screen below
                break
            text = message if not title or message.startswith(title) else f"{title}: {message}"
            bar.notice(text, severity, max(timeout or 6, 6))
            return
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # --- app-wide actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that mean nothing yet: saving before a role, a report before a turn,
        help and the command palette while the game opens (the screen they would cover is
        replaced the moment it is open)."""
        if action in ("help", "command_palette"):
            return not isinstance(self.screen, screens.LoadingScreen)
        if action == "save":
            return self.session is not None
        if action == "report":  # never on a hand-over: the report is the last seat's
            if isinstance(self.screen, screens.HandoverScreen):
                return False
            return self.session is not None and self.session.last_report is not None
        return True

    def action_help(self) -> None:
        if isinstance(self.screen, screens.HelpScreen):
            return
        self.push_screen(screens.HelpScreen(self.key_help(self.screen), self.help_notes()))

    def key_help(self, screen: Screen) -> list[tuple[str, str]]:
        """(key, what it does) for the game's keys on a screen: the screen's and the app's.

        The focused widget's own keys (a list's home/end...) are summed up as one line
        rather than listed, and the digit keys as one "1-9" line.
        """
        own = {
            b.action
            for b in [*type(screen).BINDINGS, *DetenteApp.BINDINGS]
            if isinstance(b, Binding)
        }
        rows: list[tuple[str, str]] = []
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.action not in own or not binding.description:
                continue
            if binding.action.startswith("pick(") and binding.key != "1":
                continue
            description = binding.description
            if binding.action == "pick(1)":
                description = "Select option 1-9 (shows it in full)"
            key = "enter" if binding.key == "enter" else self.get_key_display(binding)
            row = (key, binding.tooltip or description)
            if row not in rows:
                rows.append(row)
        rows.append(("↑ ↓", "Move within a list (page up/down, home, end too)"))
        if isinstance(screen, screens.TurnScreen):
            rows.append(("shift+↑ ↓", "Scroll the selected option's panel"))
            rows.append(("tab", "Move to the next panel (to scroll it with page up/down)"))
        else:
            rows.append(("tab", "Move to the next panel"))
        rows.append(("ctrl+p", "Command palette: every action by name"))
        return rows

    @property
    def seed_now(self) -> int:
        """The seed of the game being played, else the one a new game will use."""
        return self.session.seed if self.session else self.seed

    def replay_command(self) -> str:
        """The `detente play` command that opens this game again: scenario, role and seed."""
        import shlex

        from game.paths import path_to_type

        scenario = path_to_type(self.scenario_path) if self.scenario_path else ""
        words = ["detente", "play", shlex.quote(scenario)] if scenario else []
        words = words or ["detente", "play"]
        if self.hotseat is not None:
            words += ["--seats", ",".join(self.hotseat.seats)]
        elif self.session is not None:
            words += ["--as", shlex.quote(self.session.role)]
        return " ".join([*words, "--seed", str(self.seed_now)])

    def help_notes(self) -> list[str]:
        from game.saves import default_save_dir

        score = [] if self.session is None else [self.session.turn_view().score_note]
        return [
            *(f"{note}; g shows what each ending needs and is worth." for note in score if note),
            f"This game's seed is {self.seed_now}: `{self.replay_command()}` with the same "
            "choices replays it exactly.",
            "The mouse works too: click an option to read it, and click a key in the footer "
            "to press it.",
            f"Saves and the autosave (written after every turn) go to {default_save_dir()}; "
            "continue one with `detente play --load FILE`.",
            "The debrief (e at the end) is written to the folder you started the game from.",
        ]

    def action_report(self) -> None:
        session = self.session
        if session is None or session.last_report is None:
            return
        if isinstance(self.screen, (screens.ReportScreen, screens.HandoverScreen)):
            return  # nor from the palette on a hand-over: whoever has the keyboard may not see it
        self.push_screen(screens.ReportScreen(session.last_report), self._after_report)

    def action_save(self) -> None:
        if self.session is None:
            return
        from game.ui.seam import SaveFailed

        kept = len(self.session.kept_aside)
        try:
            path = self.session.save()
        except SaveFailed as error:
            self.say(str(error), title="Not saved", severity="error")
            return
        self.say(f"Saved to {path}", title="Saved", timeout=8)
        for aside in self.session.kept_aside[kept:]:
            self.say(f"Another unfinished game was saved there: it is kept as {aside}")

    async def action_quit(self) -> None:
        """Quit, asking first if turns were played since the last save."""
        session = self.session
        if session is None or (session.over and self.exported):
            self.exit()  # nothing to lose: no game yet, or a finished one already exported
            return
        if session.over:
            question, detail = (
                "Quit without the debrief?",
                (
                    "The game is over and its debrief not written: press e to export it for your "
                    "instructor first."
                ),
            )
            self.push_screen(
                screens.ConfirmScreen(question, detail, yes="Quit", no="Stay"),
                lambda quit_now: self.exit() if quit_now else None,
            )
            return
        if not session.unsaved:
            self.exit()
            return
        if not session.autosaved and session.autosave_failure is None:
            self._autosave()  # a move just played: its autosave may not have run yet
        from game.ui.screens.dialogs import quit_confirmation

        def answer(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(quit_confirmation(session), answer)

    def action_command_palette(self) -> None:
        """Textual's palette, but safe from a page key pressed before it is laid out."""
        from textual.command import CommandPalette

        from game.ui.palette import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: Textual's own commands, then every game action by name."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key, and how to play", self.action_help)
        yield SystemCommand(
            "Light or dark theme", "Switch theme (ctrl+t)", self.action_toggle_theme
        )
        if isinstance(screen, screens.RolePickerScreen):
            for role in screen.roles.roles:
                yield SystemCommand(
                    f"Play as {role.name}",
                    "Start the game in this role",
                    partial(self.start_game, role.id),
                )
        session = self.session
        if session is None:
            return
        yield SystemCommand("Save game", f"Save to {session.save_path}", self.action_save)
        if session.last_report is not None:
            yield SystemCommand(
                "Last turn report", "Show what happened last turn", self.action_report
            )
        if isinstance(screen, screens.TurnScreen):
            yield SystemCommand("Confirm choice", "Play the selected option", screen.action_confirm)
            yield SystemCommand(
                "Advisor on/off", "Show or hide forecasts", screen.action_toggle_advisor
            )
            for row in screen.rows:
                yield SystemCommand(
                    f"Select {row.number}: {row.label}",
                    "Show this option in full" if row.available else f"Not now: {row.reason}",
                    partial(screen.action_pick, row.number),
                )
        if isinstance(screen, screens.EndScreen):
            yield SystemCommand(
                "Export debrief", "Write the debrief as Markdown", self.export_debrief
            )


def make_app(
    world: World,
    *,
    scenario_path: str,
    role: str | None = None,
    seed: int | None = None,
    state: State | None = None,
    tutorial: tuple[World, str] | None = None,
    seats: tuple[str, ...] | None = None,
    analyst: Analyst | None = None,
    record: PlayRecord | None = None,
) -> DetenteApp:
    """The app around a game already opened (tests and benchmarks drive it with Pilot)."""
    from game.launch import Opening

    opening = Opening(world, scenario_path, state, tutorial, record=record)
    return DetenteApp(opening, role=role, seed=seed, seats=seats, analyst=analyst)


class NoTerminal(Exception):
    """`detente play` was started without a terminal to draw on and read keys from."""


STOP_SIGNALS = ("SIGTERM", "SIGHUP")
"""Signals that end the game as quitting does: the terminal restored (no raw mode, no
alternate screen, no mouse reporting left on), the autosave of the last turn kept."""


def has_terminal() -> bool:
    """Whether there is a terminal to play in: Textual reads keys from standard input and
    draws on standard error (sys.__stdin__, sys.__stderr__)."""
    streams = (sys.__stdin__, sys.__stderr__)
    try:
        return all(stream is not None and stream.isatty() for stream in streams)
    except (ValueError, OSError):  # a closed stream
        return False


def run_app(
    opener: Opener,
    *,
    role: str | None = None,
    seed: int | None = None,
    picker_scenario: str | None = None,
    seats: tuple[str, ...] | None = None,
    analyst: Analyst | None = None,
) -> tuple[int, BaseException | None]:
    """Play in the terminal until the player quits (`detente play`).

    Returns the app's return code and, if the game could not be opened, the reason (the
    CLI prints it once the terminal is restored). Textual catches an exception in the app,
    restores the terminal, prints it and sets a non-zero return code; passing the code on
    lets `detente play` exit non-zero too. SIGTERM and SIGHUP end the app as quitting does
    (``StoppedBySignal`` is then the reason); without a terminal, NoTerminal is raised before
    anything is drawn (the app would wait for keys for ever).
    """
    if not has_terminal():
        raise NoTerminal()
    app = DetenteApp(
        opener,
        role=role,
        seed=seed,
        picker_scenario=picker_scenario,
        seats=seats,
        analyst=analyst,
    )
    app.stop_on_signals = True
    app.run()
    if app.stopped_by is not None:
        return 0, StoppedBySignal(app.stopped_by, app.autosave_path())
    return app.return_code or 0, app.opening_error


class StoppedBySignal(Exception):
    """The game was ended by a signal; ``autosave`` is where its last turn is kept ('' if no
    turn was played)."""

    def __init__(self, signal_name: str, autosave: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name
        self.autosave = autosave
