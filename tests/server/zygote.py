"""A parent that has imported the server once and forks a fresh server process on demand.

The kill -9 test kills real server processes twenty times; starting Python and importing
aiohttp, SQLAlchemy and the engine takes seconds on a loaded machine, a fork takes
milliseconds. Each line on standard input ("DB PORT") forks a child that opens the database
and serves on the port (exactly what `detente serve` runs); the child's pid is printed.
"""

from __future__ import annotations

import os
import sys

from game.server.serve import serve


def main() -> None:
    for line in sys.stdin:
        db, port = line.split()
        pid = os.fork()
        if pid == 0:
            sys.stdin.close()
            try:
                serve(db, "127.0.0.1", int(port))
            finally:
                os._exit(0)
        os.waitpid(-1, os.WNOHANG)
        print(pid, flush=True)


if __name__ == "__main__":
    main()
