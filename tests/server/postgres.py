"""A throwaway PostgreSQL for the tests: Debian's server binaries, a cluster in a temporary
folder, reachable only through a Unix socket in that folder, stopped at the end.

PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres`` user
and initdb/pg_ctl run through ``runuser``. Without the binaries the tests that need it skip
and say why (`.ci/run` installs them).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class NoPostgres(Exception):
    """Why PostgreSQL cannot be started here."""


def binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise NoPostgres(
            "PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin): "
            "apt-get install postgresql (.ci/run does)"
        )
    return Path(found[-1]).parent


class Cluster:
    """A running cluster; ``url(db)`` names a database in it."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="detente-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "sock"
        self.socket.mkdir()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            if shutil.which("runuser") is None:
                raise NoPostgres("running as root without runuser to start PostgreSQL as postgres")
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
            os.chmod(self.root, 0o755)
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "--no-sync")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            f"-c listen_addresses='' -k {self.socket} -c fsync=on -c max_connections=200",
            "start",
        )

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise NoPostgres(f"{tool} failed: {result.stderr.strip()[-500:]}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@/{database}?host={self.socket}"

    def create_database(self, name: str) -> str:
        self._run("createdb", "-h", str(self.socket), "-U", self.user, name)
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
