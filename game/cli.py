"""The `detente` command: play, check, run headless, list and copy the shipped scenarios, write a
starter, print the schema.

Exit codes, for every command: 0 success; 1 the input was read but is wrong (errors in a
scenario, a failed expectation, an illegal move); 2 the input could not be read at all (missing
file, not YAML, not a save) or the command line is wrong; 3 an internal error (a bug), which
prints one line asking for a report instead of a traceback (DETENTE_DEBUG=1 shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from game import __version__
from game.exitcodes import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE
from game.output import (
    CannotWrite,
    OutputError,
    guarded_output,
    raw_output,
    silence_stdout,
    write_trusted,
)
from game.paths import default_scenario, resolve_scenario, shipped_scenario, shipped_scenarios
from game.sim.deep_limits import DEFAULT_POSITIONS, DEFAULT_TIME_LIMIT
from game.sim.policy_names import POLICY_NAMES

if TYPE_CHECKING:
    from game.engine import World
    from game.launch import LaunchError
    from game.scenario.diagnostics import Diagnostic
    from game.scenario.loader import LoadResult

# The engine and the scenario loader are imported by the commands that use them, not here:
# `detente play` shows its first frame before loading them (see game/launch.py).


class CommandError(Exception):
    """A problem to report in one line and exit with ``code``."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def print_diagnostics(
    name: str, text: str | None, diagnostics: Sequence[Diagnostic], *, stream=None
) -> None:
    """The checker's report on a file (see ``render_report``)."""
    from game.scenario.loader import render_report

    report = render_report(list(diagnostics), name, text)
    if report:
        print(report, file=stream or sys.stdout)


def load_world(path: str | os.PathLike[str]) -> tuple[World, LoadResult]:
    """Load a scenario for a command; CommandError, after printing its errors, if it has any."""
    from game.launch import LaunchError
    from game.launch import load_world as load

    try:
        return load(path)
    except LaunchError as error:
        raise_launch_error(error)


def raise_launch_error(error: LaunchError) -> NoReturn:
    """Report a game that could not be opened: its checker messages, then a CommandError."""
    if error.details:
        print(error.details, file=sys.stderr)
    raise CommandError(str(error), error.code) from None


# --- check ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from game.sim.check import check_paths
    from game.sim.deep import DeepOptions

    deep = None
    if args.witness_dir:
        from game.writeguard import WriteRefused, check_may_write_into

        try:
            check_may_write_into(args.witness_dir)
        except WriteRefused as error:
            raise CommandError(str(error)) from None
    if args.deep:
        seeds = tuple(range(args.seeds))
        deep = DeepOptions(args.positions, args.time_limit, seeds, args.beam, args.witness_dir)
    for folder in args.transcripts:
        if not os.path.isdir(folder):
            raise CommandError(f"--transcripts {folder}: not a folder", EXIT_UNREADABLE)
    transcripts = None if args.no_transcripts else args.transcripts
    return check_paths(
        args.paths,
        excerpts=not args.no_excerpts,
        quiet=args.quiet,
        deep=deep,
        transcripts=transcripts,
    )


# --- schema --------------------------------------------------------------------------------


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import scenario_schema

    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from game.saves import atomic_write_text
        from game.writeguard import SCHEMA, WriteRefused, check_may_write

        try:
            check_may_write(args.output, SCHEMA)
        except WriteRefused as error:
            raise CommandError(str(error)) from None
        atomic_write_text(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


# --- new -----------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    name = args.name
    written = name + (args.dir or "")  # both end up in the template's comments
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in written):
        raise CommandError(
            f"{written!r}: the name holds a control character (a newline?); choose a plain name"
        )
    stem = re.sub(r"[^A-Za-z0-9_]+", "_", Path(name).stem).strip("_").lower() or "my_scenario"
    if not stem[0].isalpha():
        stem = f"scenario_{stem}"
    target = (
        Path(name) if name.endswith((".yaml", ".yml")) else Path(args.dir or ".") / f"{stem}.yaml"
    )
    if target.exists() and not args.force:
        raise CommandError(f"{target}: already exists; choose another name or pass --force")
    if args.source:
        return copy_shipped(args.source, target, stem, force=args.force)
    from game.scenario_copy import schema_reference

    template = (Path(__file__).parent / "data" / "starter.yaml").read_text(encoding="utf-8")
    text = template.format(
        scenario_id=stem,
        title=stem.replace("_", " ").capitalize(),
        filename=target,
    ).replace("https://detente.invalid/scenario.schema.json", schema_reference(target))
    from game.saves import atomic_write_text
    from game.writeguard import SCENARIO, WriteRefused, check_may_write

    try:
        check_may_write(target, SCENARIO)  # --force replaces a scenario, nothing else
    except WriteRefused as error:
        raise CommandError(str(error)) from None
    atomic_write_text(target, text)  # CannotWrite: "cannot write PATH: REASON", exit 2
    print(f"wrote {target}: a small working scenario to edit.")
    print(f"  check it:  detente check {target}")
    print(f"  play it:   detente play {target}")
    print("  the guide: docs/authoring.md")
    return EXIT_OK


def copy_shipped(source_name: str, target: Path, stem: str, *, force: bool) -> int:
    """`detente new NAME --from SCENARIO`: a shipped scenario (or a file) and its briefs, copied
    to edit (see game/scenario_copy.py)."""
    from game.scenario_copy import CopyRefused, copy_scenario

    source = shipped_scenario(source_name) or (
        Path(source_name) if Path(source_name).is_file() else None
    )
    if source is None:
        names = ", ".join(path.stem for path in shipped_scenarios()) or "none"
        raise CommandError(
            f"--from {source_name}: no such scenario; shipped ones: {names}", EXIT_UNREADABLE
        )
    try:
        notes = copy_scenario(source, target, stem, force=force)
    except CopyRefused as error:
        raise CommandError(str(error), error.code) from None
    print("\n".join(notes))
    print(f"  check it:  detente check {target}")
    print(f"  play it:   detente play {target}")
    print("  the guide: docs/authoring.md")
    return EXIT_OK


# --- scenarios -----------------------------------------------------------------------------


def cmd_scenarios(args: argparse.Namespace) -> int:
    """List the shipped scenarios: what a student can play by name, what an instructor can copy."""
    from game.scenario.loader import load_scenario

    listed = []
    for path in shipped_scenarios():
        result = load_scenario(path)
        entry: dict[str, object] = {"name": path.stem, "path": os.fspath(path)}
        if result.loaded is None:
            entry["errors"] = result.errors
        else:
            scenario = result.loaded.scenario
            entry["id"] = scenario.id
            entry["title"] = scenario.title
            entry["roles"] = [actor.id for actor in scenario.actors if actor.playable]
            entry["turns"] = scenario.turns
        listed.append(entry)
    if args.json:
        print(json.dumps(listed, indent=1, ensure_ascii=False))
        return EXIT_OK
    if not listed:
        print("no shipped scenarios found")
        return EXIT_OK
    width = max(len(str(entry["name"])) for entry in listed)
    for entry in listed:
        name = str(entry["name"]).ljust(width)
        if "errors" in entry:
            print(f"{name}  (has {entry['errors']} error(s): detente check {entry['path']})")
            continue
        roles = ", ".join(entry["roles"])  # type: ignore[arg-type]
        print(f"{name}  {entry['title']}")
        print(f"{' ' * width}  {entry['turns']} turns; play as {roles}")
    print()
    print("play one:  detente play NAME [--as ROLE]")
    print("edit one:  detente new my_crisis --from NAME")
    return EXIT_OK


# --- run -----------------------------------------------------------------------------------


def cmd_run(args: argparse.Namespace) -> int:
    from game.sim.run import RunError, RunRequest, run_game

    chosen = tuple(args.choose or ())
    # Option ids never hold "=": ROLE=ID,... is one seat's list (--seats, or a save with seats).
    per_seat = args.seats is not None or (bool(chosen) and all("=" in c for c in chosen))
    if not per_seat and len(chosen) > 1:
        raise CommandError(
            "give --choose once (or play several seats with --seats and --choose ROLE=...)",
            EXIT_UNREADABLE,
        )
    request = RunRequest(
        scenario=os.fspath(args.scenario) if args.scenario else None,
        role=args.role,
        seed=args.seed,
        choose=chosen[0] if chosen and not per_seat else None,
        seats=args.seats,
        seat_choose=chosen if per_seat else (),
        answer=tuple(args.answer or ()),
        script=args.script,
        policy=args.policy,
        json=args.json,
        load=args.load,
        save=args.save,
        bless=args.bless,
        what_if=args.what_if,
    )
    try:
        outcome = run_game(request, lambda message: print(message, file=sys.stderr))
    except RunError as error:
        if error.details:
            print(error.details, file=sys.stderr)
        raise CommandError(str(error), error.code) from None
    print(outcome.output)
    return EXIT_INVALID if outcome.failed else EXIT_OK


# --- simulate ------------------------------------------------------------------------------


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.sim.balance import rarely_taken, role_report
    from game.sim.simreport import render_csv
    from game.sim.simreport import render_json as simulation_json
    from game.sim.simreport import render_text as simulation_text
    from game.sim.simulate import MAX_RECORDS, MAX_RUNS, runs_allowed, simulate

    check_simulate_limits(args.runs, args.workers, MAX_RUNS)
    world, _ = load_world(args.scenario)
    policy, seat_policies = simulate_policies(args.policy or ["uniform"], args.seats)
    if args.seats is not None:
        if args.role not in (None, "all") or args.skill:
            raise CommandError("--seats plays those roles together: leave out --as and --skill")
        roles = simulate_seats(world, args.seats)
        named = dict(seat_policies)
        unknown = sorted(set(named) - set(roles))
        if unknown:
            raise CommandError(
                f"--policy {unknown[0]}=...: {unknown[0]} is not one of the seats "
                f"({', '.join(roles)})"
            )
        seat_policies = tuple((seat, named.get(seat, policy)) for seat in roles)
    else:
        roles = simulated_roles(world, args.role)
        if args.skill:
            return simulate_skill(args, world, roles)
    allowed = runs_allowed(world, len(roles))
    if args.runs > allowed:
        raise CommandError(
            f"--runs {args.runs}: at most {allowed:,} runs per role for this scenario: each "
            f"run keeps its relations turn by turn for the report ({len(roles)} role(s) x "
            f"{world.scenario.turns} turns x {world.size - 1} other actors), and a simulation "
            f"keeps at most {MAX_RECORDS:,} of them (about 250 MB); simulate fewer roles "
            "with --as, or fewer runs",
            EXIT_UNREADABLE,
        )

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        bar = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} runs"
        write_trusted(sys.stderr, bar + ("\n" if done == total else ""))
        sys.stderr.flush()

    show = progress if sys.stderr.isatty() and not args.quiet else None
    simulation = simulate(
        world,
        os.fspath(args.scenario),
        roles,
        args.runs,
        args.seed,
        policy,
        args.workers,
        show,
        seat_policies=tuple(name for _, name in seat_policies),
    )
    results = simulation.runs
    reports = [role_report(world, role, results[role]) for role in roles]
    rare = rarely_taken(world, results)
    if args.csv:
        sys.stdout.write(render_csv([run for role in roles for run in results[role]]))
    elif args.json:
        data = simulation_json(world, os.fspath(args.scenario), reports, rare, simulation)
        print(json.dumps(data, indent=1))
    else:
        print(simulation_text(world, os.fspath(args.scenario), reports, rare, simulation))
    return EXIT_INVALID if any(r.failures for r in reports) else EXIT_OK


def simulate_policies(
    given: list[str], seats: str | None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`--policy NAME` (every role or seat) and, with --seats, `--policy ROLE=NAME` per seat:
    the default policy and the seats' own, by their canonical names; CommandError otherwise."""
    from game.sim.policy_names import POLICY_NAMES, canonical

    default = "uniform"
    per_seat: list[tuple[str, str]] = []
    for text in given:
        role, _, name = text.rpartition("=")
        if name not in POLICY_NAMES:
            raise CommandError(
                f"--policy {text}: no such policy; choose one of {', '.join(POLICY_NAMES)}"
            )
        if role and seats is None:
            raise CommandError(f"--policy {text}: a policy per seat needs --seats")
        if role:
            per_seat.append((role, canonical(name)))
        else:
            default = canonical(name)
    return default, tuple(per_seat)


def simulate_seats(world: World, text: str) -> tuple[str, ...]:
    """`--seats TUR,USA` for simulate: different playable roles (1 to all), in the scenario's
    order, which is the order a game's seats play in."""
    seats = [s.strip() for s in text.split(",") if s.strip()]
    wrong = [s for s in seats if s not in world.playable]
    if not seats or wrong or len(set(seats)) != len(seats):
        raise CommandError(
            f"--seats {text}: give different playable roles, comma-separated "
            f"({', '.join(world.playable)})"
        )
    return tuple(r for r in world.playable if r in seats)


def simulated_roles(world: Any, role: str | None) -> tuple[str, ...]:
    """The roles ``--as`` names: all playable roles, or one of them."""
    if role in (None, "all"):
        return tuple(world.playable)
    if role in world.playable:
        return (role,)
    raise CommandError(f"--as {role}: choose all or one of {', '.join(world.playable)}")


SKILL_MAX_LOOKAHEAD_RUNS = 5_000
"""Most games of the lookahead player per role: each costs about as much as a few hundred
random games (README, "Performance")."""


def simulate_skill(args: argparse.Namespace, world: Any, roles: tuple[str, ...]) -> int:
    """``simulate --skill``: the skill table of each role (``game.sim.skill``)."""
    from game.sim.batch import fallback
    from game.sim.lookahead import Lookahead
    from game.sim.skill import role_skill
    from game.sim.skillreport import render_json, render_text

    if not 1 <= args.lookahead_runs <= SKILL_MAX_LOOKAHEAD_RUNS or not 1 <= args.rollouts <= 100:
        raise CommandError(
            f"--lookahead-runs must be 1 to {SKILL_MAX_LOOKAHEAD_RUNS:,} and --rollouts 1 to 100",
            EXIT_UNREADABLE,
        )
    refusal = fallback(world, "uniform")
    if refusal is not None:
        raise CommandError(f"--skill needs the batch engine, which declines: {refusal}")
    player = Lookahead(rollouts=args.rollouts, seed=args.seed)
    lookahead_runs = min(args.lookahead_runs, args.runs)

    def progress(text: str) -> None:
        write_trusted(sys.stderr, f"\r{text:<60}")
        sys.stderr.flush()

    show = progress if sys.stderr.isatty() and not args.quiet else None
    skills = [
        role_skill(world, role, args.runs, lookahead_runs, args.seed, player, show)
        for role in roles
    ]
    if show:
        write_trusted(sys.stderr, "\r" + " " * 60 + "\r")
    settings = {
        "runs": args.runs,
        "lookahead_runs": lookahead_runs,
        "rollouts": args.rollouts,
        "seed": args.seed,
    }
    if args.json:
        print(json.dumps(render_json(world, os.fspath(args.scenario), skills, settings), indent=1))
    else:
        words = (
            f"{args.runs} games per way of playing, {lookahead_runs} for the lookahead player "
            f"({args.rollouts} rollouts per option per turn); seeds from {args.seed}"
        )
        print(render_text(world, os.fspath(args.scenario), skills, words))
    return EXIT_OK


def check_simulate_limits(runs: int, workers: int, most_runs: int) -> None:
    """Refuse, before anything is loaded, a simulation this machine cannot hold: the runs are
    kept for the report, and every worker is a process of its own."""
    from game.sim.simulate import workers_allowed

    if runs < 1 or workers < 1:
        raise CommandError("--runs and --workers must be at least 1", EXIT_UNREADABLE)
    if runs > most_runs:
        raise CommandError(
            f"--runs {runs}: at most {most_runs:,} runs per role (the runs are kept in "
            "memory for the report, whose figures are steady long before; the default is "
            "1,000)",
            EXIT_UNREADABLE,
        )
    most = workers_allowed()
    if workers > most:
        raise CommandError(
            f"--workers {workers}: at most {most} here, one per processor this command may "
            "use (more only share them, and each worker takes about 100 MB)",
            EXIT_UNREADABLE,
        )


# --- play ----------------------------------------------------------------------------------


def cmd_play(args: argparse.Namespace) -> int:
    """Open the app at once; the game itself is opened in the app, after its first frame."""
    for path in (args.scenario, args.load):
        if path and not os.path.exists(path):
            raise CommandError(f"{path}: no such file", EXIT_UNREADABLE)
    from game.report.tools import ReportTools  # imports nothing until the end screen
    from game.ui.app import NoTerminal, StoppedBySignal, run_app

    def open_the_game():  # run in the app's worker thread
        from game.launch import open_game

        return open_game(args.scenario, save=args.load, role=args.role, seats=args.seats)

    # Without --as or --load the game opens on the role picker: shown from the cache at once.
    picker = (
        None
        if args.role or args.load or args.seats is not None
        else (args.scenario or str(default_scenario()))
    )
    try:
        with raw_output():
            code, error = run_app(
                open_the_game,
                role=args.role,
                seed=args.seed,
                picker_scenario=picker,
                analyst=ReportTools(),
            )
    except NoTerminal:
        raise CommandError(
            "play needs a terminal: standard input and standard error are not one here; "
            "to play without one, use `detente run` (see `detente run --help`)",
            EXIT_UNREADABLE,
        ) from None
    if isinstance(error, StoppedBySignal):
        kept = f"; the autosave keeps the game: {error.autosave}" if error.autosave else ""
        print(f"detente: stopped by {error.signal_name}{kept}", file=sys.stderr)
        return 128 + int(getattr(signal, error.signal_name))
    if error is not None:
        from game.launch import LaunchError

        if not isinstance(error, LaunchError):
            raise error
        raise_launch_error(error)
    if code:
        raise CommandError(
            "the game stopped on an internal error (above); this is a bug", EXIT_INTERNAL
        )
    return EXIT_OK


# --- debrief and results -------------------------------------------------------------------


MAX_DEBRIEF_RUNS = 5_000
"""`debrief --runs`: other dice per distribution (500 by default, ~5 s; 5,000 ~30 s)."""


def _report_written(output: str, written: Sequence[str]) -> int:
    """A report command's end: each file it wrote named on standard error, its text on out."""
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    if output:
        print(output)
    return EXIT_OK


def cmd_debrief(args: argparse.Namespace) -> int:
    from game.report.command import ReportError, debrief_command

    if not os.path.exists(args.save):
        raise CommandError(f"{args.save}: no such file", EXIT_UNREADABLE)
    try:
        output, written = debrief_command(
            args.save,
            role=args.role,
            markdown=args.markdown,
            html=args.html,
            as_json=args.json,
            runs=args.runs,
        )
    except ReportError as error:
        raise CommandError(str(error), error.code) from None
    return _report_written(output, written)


def _results_from_saves(args: argparse.Namespace) -> int:
    from game.report.command import ReportError
    from game.report.results import results_command

    try:
        output, written = results_command(
            args.saves,
            csv_path=args.csv,
            markdown=args.markdown,
            html=args.html,
            runs=args.runs,
        )
    except ReportError as error:
        raise CommandError(str(error), error.code) from None
    return _report_written(output, written)


# --- class play: serve, host, join, bot, results -------------------------------------------


def _network(call: Callable[[], int]) -> int:
    """Run a class-play command (game/server/commands.py, game/netclient/commands.py), its
    failures as CommandError."""
    from game.netclient.failure import CommandFailed

    try:
        return call()
    except CommandFailed as error:
        raise CommandError(str(error), error.code) from None


def cmd_serve(args: argparse.Namespace) -> int:
    from game.server.commands import serve_command

    return _network(lambda: serve_command(args.db, args.host, args.port))


def cmd_host(args: argparse.Namespace) -> int:
    from game.server.commands import host_command

    return _network(
        lambda: host_command(
            args.scenario_name,
            args.server,
            args.seats,
            args.deadline,
            args.absent,
            args.seed,
            args.port,
            args.db,
        )
    )


def cmd_bot(args: argparse.Namespace) -> int:
    from game.netclient.commands import bot_command

    return _network(
        lambda: bot_command(
            args.url, args.code, args.role, args.policy, args.seed, args.name, args.say_every
        )
    )


def cmd_join(args: argparse.Namespace) -> int:
    from game.netclient.commands import join_command

    return _network(lambda: join_command(args.url, args.code, args.role, args.name))


def _results_from_server(args: argparse.Namespace) -> int:
    from game.netclient.commands import results_command

    fmt = "json" if args.json else "csv" if args.csv else "markdown" if args.markdown else "text"
    return _network(lambda: results_command(args.url, args.code, args.key, fmt, args.markdown))


def cmd_results(args: argparse.Namespace) -> int:
    """Every seat's record: a class game's from its server, or a class's from handed-in saves.

    The two sources share one command because an instructor asks the same question of both;
    their options differ where the sources do (a server's Markdown is a debrief per seat in a
    folder, the saves' report is one file)."""
    if args.saves is not None:
        if args.url or args.code or args.key or args.json:
            raise CommandError(
                "results --saves DIR reads a folder of saves: leave out URL, CODE, --key and "
                "--json (they are for a class game on a server)",
                EXIT_UNREADABLE,
            )
        if args.csv == "-":
            raise CommandError(
                "with --saves, --csv names the gradebook file to write: --csv FILE",
                EXIT_UNREADABLE,
            )
        return _results_from_saves(args)
    if not (args.url and args.code and args.key):
        raise CommandError(
            "results needs URL CODE --key KEY (a class game) or --saves DIR (handed-in saves)",
            EXIT_UNREADABLE,
        )
    if args.html or args.runs is not None or args.csv not in (None, "-"):
        raise CommandError(
            "for a class game, --csv prints to standard output and --html/--runs are for "
            "--saves: write `detente results URL CODE --key KEY --csv > grades.csv`",
            EXIT_UNREADABLE,
        )
    if sum((args.json, args.csv is not None, args.markdown is not None)) > 1:
        raise CommandError("choose one of --json, --csv and --markdown DIR", EXIT_UNREADABLE)
    return _results_from_server(args)


# --- web ---------------------------------------------------------------------------------


def cmd_web(args: argparse.Namespace) -> int:
    """Serve single play to browsers (at merge: `detente serve --web` serves class games)."""
    if args.scenario and not os.path.exists(args.scenario):
        raise CommandError(f"{args.scenario}: no such file", EXIT_UNREADABLE)
    try:
        from game.web.serve import run_web
        from game.web.tabs import single_play
    except ImportError as error:  # textual-serve (aiohttp) missing from this install
        raise CommandError(f"web needs {error.name}: pip install textual-serve") from None
    try:
        run_web(args.host, args.port, single_play(args.scenario, args.seed), warm=not args.cold)
    except OSError as error:  # the port is taken, or the address is not this machine's
        raise CommandError(f"cannot serve on {args.host}:{args.port}: {error.strerror}") from None
    return EXIT_OK


# --- parser --------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise CommandError(f"{self.prog}: {message}", EXIT_UNREADABLE)


MAX_DEEP_SEEDS = 1_000
"""`check --deep --seeds`: each seed is a search of its own (10**8 seeds took 12 GB)."""
MAX_DEEP_BEAM = 100_000
"""`check --deep --beam`: positions kept per turn, each a whole game state."""
MAX_DEEP_STATES = 100_000_000
"""`check --deep --max-states`."""
MAX_DEEP_BUDGET = 3_600.0
"""`check --deep --time-limit` (formerly `--budget`), in seconds: an hour (`nan` never
stopped)."""


def _count(most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from 1 to ``most`` (`--seeds 0` searched nothing and
    reported the search exhaustive, with 51 bogus errors)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
        if not 1 <= value <= most:
            raise argparse.ArgumentTypeError(f"expected 1 to {most:,}, got {value:,}")
        return value

    return parse


def _seconds(most: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds above 0 and at most ``most`` (not nan, not inf)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number of seconds, got '{text}'"
            ) from None
        if not 0 < value <= most:  # also false for nan
            raise argparse.ArgumentTypeError(
                f"expected more than 0 and at most {most:g} seconds, got {text}"
            )
        return value

    return parse


def _port(text: str) -> int:
    """An argparse type: a TCP port (0 lets the system pick a free one)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got '{text}'") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected 0 to 65535, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="detente", description="Détente: a crisis-diplomacy game for the classroom."
    )
    parser.add_argument("--version", action="version", version=f"detente {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    play = commands.add_parser("play", help="play a scenario in the terminal")
    play.add_argument("scenario", nargs="?", help="scenario file (default: the S-400 crisis)")
    play.add_argument("--as", dest="role", help="role to play (default: choose in the game)")
    play.add_argument("--seed", type=int, help="random seed (default: a new one each game)")
    play.add_argument("--load", metavar="SAVE", help="continue a saved game")
    play.add_argument(
        "--seats",
        metavar="ROLE,ROLE,...",
        nargs="?",
        const="",
        help="hot seat: 2-4 people on this terminal, one role each, taking turns "
        "(without roles: choose them on the seat picker)",
    )
    play.set_defaults(func=cmd_play)

    check = commands.add_parser("check", help="check scenario, brief and transcript files")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders of .yaml files")
    check.add_argument("--quiet", action="store_true", help="print only errors and the summary")
    check.add_argument("--no-excerpts", action="store_true", help="no source lines under messages")
    check.add_argument(
        "--deep",
        action="store_true",
        help="also search the game tree: unreached options, events, endings; loose ends",
    )
    check.add_argument(
        "--positions",
        "--max-states",
        dest="positions",
        type=_count(MAX_DEEP_STATES),
        default=DEFAULT_POSITIONS,
        help=f"--deep's budget: positions to explore, the same answer on every machine "
        f"(default {DEFAULT_POSITIONS:,}, at most {MAX_DEEP_STATES:,})",
    )
    check.add_argument(
        "--time-limit",
        "--budget",
        dest="time_limit",
        type=_seconds(MAX_DEEP_BUDGET),
        default=DEFAULT_TIME_LIMIT,
        help=f"--deep's safety cap in seconds, a warning when hit (default "
        f"{DEFAULT_TIME_LIMIT:g}, at most {MAX_DEEP_BUDGET:g})",
    )
    check.add_argument(
        "--seeds",
        type=_count(MAX_DEEP_SEEDS),
        default=3,
        help=f"seeds --deep searches (default 3, at most {MAX_DEEP_SEEDS})",
    )
    check.add_argument(
        "--beam",
        type=_count(MAX_DEEP_BEAM),
        default=300,
        help=f"positions kept per turn (default 300, at most {MAX_DEEP_BEAM:,})",
    )
    check.add_argument("--witness-dir", help="write a transcript reaching each ending here")
    check.add_argument(
        "--transcripts",
        metavar="DIR",
        action="append",
        default=[],
        help="also replay the transcripts in DIR that name a scenario checked (besides those "
        "in playthroughs/, tests/ or tests/playthroughs/ beside it or beside its folder)",
    )
    check.add_argument(
        "--no-transcripts",
        action="store_true",
        help="replay no transcript files, only the scenarios' own tests",
    )
    check.set_defaults(func=cmd_check)

    run = commands.add_parser("run", help="play headless and print the turn log")
    run.add_argument("scenario", nargs="?", help="scenario file (optional with --script)")
    run.add_argument("--as", dest="role", help="role to play")
    run.add_argument(
        "--seats", metavar="ROLE,ROLE,...", help="play several roles at once (one seat each)"
    )
    run.add_argument("--seed", type=int, help="random seed (default 0, or the transcript's)")
    run.add_argument(
        "--choose",
        action="append",
        metavar="ID,ID,...",
        help="the player's options, turn by turn (- for a turn with nothing to do); with "
        "--seats, once per seat: ROLE=ID,ID,...",
    )
    run.add_argument(
        "--answer",
        action="append",
        metavar="[ROLE=]TURN:OFFER=ANSWER",
        help="with --choose: a seat's answer to an offer open to it, given with that turn's "
        "move (accept, decline or counter); repeat for more answers",
    )
    run.add_argument("--script", metavar="FILE", help="a transcript with choices and expectations")
    run.add_argument(
        "--policy",
        choices=POLICY_NAMES,
        help="let a policy choose to the end (random = uniform); with --seats, for every "
        "seat no --choose covers",
    )
    run.add_argument("--json", action="store_true", help="print JSON instead of the turn log")
    run.add_argument("--load", metavar="SAVE", help="start from a saved game")
    run.add_argument("--save", metavar="SAVE", help="save the game when done")
    run.add_argument(
        "--what-if",
        metavar="TURN=OPTION",
        help="play the same game with that turn's move changed (later turns: your choices "
        "where still open, else the AI's) and compare it with the game as played",
    )
    run.add_argument(
        "--bless",
        metavar="FILE",
        help="record this playthrough as a golden transcript with exact expectations",
    )
    run.set_defaults(func=cmd_run)

    debrief = commands.add_parser(
        "debrief", help="the debrief of a saved game: luck and judgment, decisions, relations"
    )
    debrief.add_argument("save", help="a saved game (a finished one gets luck and judgment)")
    debrief.add_argument("--as", dest="role", help="the seat, in a save with several")
    debrief.add_argument("--markdown", metavar="FILE", help="write the debrief as Markdown")
    debrief.add_argument("--html", metavar="FILE", help="write it as an HTML page with charts")
    debrief.add_argument(
        "--json", action="store_true", help="print the score, luck and judgment figures as JSON"
    )
    debrief.add_argument(
        "--runs",
        type=_count(MAX_DEBRIEF_RUNS),
        help="other dice to replay your choices on (default 500)",
    )
    debrief.set_defaults(func=cmd_debrief)

    sim = commands.add_parser("simulate", help="random playthroughs and a balance report")
    sim.add_argument("scenario", help="scenario file")
    sim.add_argument("--runs", type=int, default=1000, help="runs per role (default 1000)")
    sim.add_argument("--as", dest="role", default="all", help="a role, or all (default)")
    sim.add_argument("--seed", type=int, default=0, help="run i uses seed SEED+i (default 0)")
    sim.add_argument(
        "--seats",
        metavar="ROLE,ROLE,...",
        help="play these roles together, one seat each, in every run; reported per seat",
    )
    sim.add_argument(
        "--policy",
        action="append",
        metavar="[ROLE=]POLICY",
        help=f"how the role chooses: {', '.join(POLICY_NAMES)} (default uniform; random is "
        "the same); with --seats, ROLE=POLICY for one seat (once per seat)",
    )
    sim.add_argument("--workers", type=int, default=1, help="processes to use (default 1)")
    sim.add_argument(
        "--skill",
        action="store_true",
        help="what judgment is worth per role: random, ai, one-button and lookahead players",
    )
    sim.add_argument(
        "--lookahead-runs",
        type=int,
        default=200,
        help="with --skill: games of the lookahead player per role (default 200)",
    )
    sim.add_argument(
        "--rollouts",
        type=int,
        default=10,
        help="with --skill: continuations per option per turn (default 10)",
    )
    out = sim.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the report as JSON")
    out.add_argument("--csv", action="store_true", help="print one CSV row per run")
    sim.add_argument("--quiet", action="store_true", help="no progress bar")
    sim.set_defaults(func=cmd_simulate)

    new = commands.add_parser("new", help="write a small starter scenario, or copy a shipped one")
    new.add_argument("name", help="name of the scenario (or a path ending in .yaml)")
    new.add_argument("--dir", help="folder to write it in (default: here)")
    new.add_argument(
        "--from",
        dest="source",
        metavar="SCENARIO",
        help="copy this shipped scenario (see detente scenarios) and its briefs instead",
    )
    new.add_argument("--force", action="store_true", help="overwrite existing files")
    new.set_defaults(func=cmd_new)

    webp = commands.add_parser("web", help="serve the game to web browsers (single play)")
    webp.add_argument("scenario", nargs="?", help="scenario file (default: the S-400 crisis)")
    webp.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: this machine only)"
    )
    webp.add_argument("--port", type=_port, default=8000, help="port (default: 8000)")
    webp.add_argument("--seed", type=int, help="seed of every new game (default: a new one each)")
    webp.add_argument(
        "--cold",
        action="store_true",
        help="start a new Python per tab instead of forking a warm one (slower; to compare)",
    )
    webp.set_defaults(func=cmd_web)

    listing = commands.add_parser("scenarios", help="list the shipped scenarios")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(func=cmd_scenarios)

    schema = commands.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.add_argument("--output", "-o", help="write it to a file instead")
    schema.set_defaults(func=cmd_schema)

    serve = commands.add_parser("serve", help="run the class server")
    serve.add_argument(
        "--db",
        metavar="URL",
        help="sqlite:///PATH or postgresql://... (default: $XDG_DATA_HOME/detente/class.db)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8765, help="port (default 8765)")
    serve.set_defaults(func=cmd_serve)

    host = commands.add_parser("host", help="open a class game: print its code and key")
    host.add_argument("scenario_name", metavar="SCENARIO", help="a shipped scenario or a file")
    host.add_argument("--server", metavar="URL", help="a running server (default: start one here)")
    host.add_argument("--seats", metavar="ROLE,ROLE,...", help="the seats (default: every role)")
    host.add_argument("--deadline", metavar="TIME", help="time per turn: 90s, 10m (default none)")
    host.add_argument(
        "--absent",
        choices=("ai", "wait"),
        default="ai",
        help="seats nobody plays: the computer plays them (ai, default) or they make no move",
    )
    host.add_argument("--seed", type=int, help="random seed (default: a new one)")
    host.add_argument(
        "--print", action="store_true", help="print code, key and server and keep serving"
    )
    host.add_argument("--port", type=_port, default=8765, help="port of the server started here")
    host.add_argument("--db", metavar="URL", help="database of the server started here")
    host.set_defaults(func=cmd_host)

    join = commands.add_parser("join", help="take a seat in a class game")
    join.add_argument("url", help="the server, e.g. http://127.0.0.1:8765")
    join.add_argument("code", help="the game's join code")
    join.add_argument("--as", dest="role", help="the seat to take (default: a free one)")
    join.add_argument("--name", help="your name, as the class sees it")
    join.set_defaults(func=cmd_join)

    bot = commands.add_parser("bot", help="a headless seat that plays a class game to its end")
    bot.add_argument("url", help="the server")
    bot.add_argument("code", help="the game's join code")
    bot.add_argument("--as", dest="role", required=True, help="the seat to play")
    bot.add_argument("--policy", choices=("ai", "random"), default="ai", help="(default ai)")
    bot.add_argument("--seed", type=int, default=0, help="the random policy's seed")
    bot.add_argument("--name", help="the bot's name (default bot-ROLE)")
    bot.add_argument(
        "--say-every", type=int, default=0, metavar="N", help="post a public message every N turns"
    )
    bot.set_defaults(func=cmd_bot)

    res = commands.add_parser(
        "results",
        help="every seat's record: a class game's (URL CODE --key KEY) or handed-in saves' "
        "(--saves DIR)",
    )
    res.add_argument("url", nargs="?", help="the class server")
    res.add_argument("code", nargs="?", help="the game's join code")
    res.add_argument("--key", help="the instructor key `detente host` printed")
    res.add_argument(
        "--saves", metavar="DIR", help="instead of a server: a folder of saves, one per student"
    )
    res.add_argument("--json", action="store_true", help="a class game's results as JSON")
    res.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="FILE",
        help="one CSV row per seat (a gradebook): a class game's to standard output, "
        "the saves' into FILE",
    )
    res.add_argument(
        "--markdown",
        metavar="PATH",
        help="a class game: one debrief per seat into the folder PATH; saves: the report "
        "as the file PATH",
    )
    res.add_argument("--html", metavar="FILE", help="(--saves) the report as a page with charts")
    res.add_argument(
        "--runs",
        type=_count(MAX_DEBRIEF_RUNS),
        help="(--saves) other dice per student for luck and judgment (default 200)",
    )
    res.set_defaults(func=cmd_results)
    return parser


def name_shipped_scenarios(args: argparse.Namespace) -> None:
    """Let every command take a shipped scenario by name (`detente run s400_transfer`)."""
    if getattr(args, "scenario", None):
        args.scenario = resolve_scenario(args.scenario)
    if getattr(args, "paths", None):
        args.paths = [resolve_scenario(path) for path in args.paths]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every exit code of the module docstring comes from here.

    All output goes through ``game.output``: control characters from files are escaped,
    characters the terminal's encoding lacks are written as escapes, and a stream that cannot
    be written (a closed pipe, a full disk) is reported with exit 2.
    """
    try:
        with guarded_output():
            return _run_command(argv)
    except OutputError as error:
        silence_stdout()
        with contextlib.suppress(Exception):  # standard error may be what failed
            print(f"detente: {error}", file=sys.stderr)
            sys.stderr.flush()
        return EXIT_UNREADABLE


def _run_command(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["play", *(argv or [])])
        name_shipped_scenarios(args)
        return args.func(args)
    except CommandError as error:
        print(f"detente: {error}", file=sys.stderr)
        return error.code
    except CannotWrite as error:
        print(f"detente: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("detente: interrupted", file=sys.stderr)
        return 130
    except OutputError:
        raise
    except Exception as error:  # a bug in Détente, not bad input: one line, not a traceback
        if os.environ.get("DETENTE_DEBUG"):
            raise
        print(
            f"detente: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in Détente. Run again with DETENTE_DEBUG=1 for the details, "
            "and report them.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def entry() -> None:  # pragma: no cover - the console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
