"""Fixtures of the class server's tests: a database (a SQLite file, or a database in a
throwaway PostgreSQL), a real server on a free port of 127.0.0.1, raw WebSocket clients."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.server.postgres import Cluster, NoPostgres

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster | str]:
    """The cluster, or why there is none (the tests that need it skip with that reason)."""
    try:
        cluster = Cluster()
    except NoPostgres as why:
        yield str(why)
        return
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'class.db'}"
    cluster = request.getfixturevalue("postgres")
    if isinstance(cluster, str):
        pytest.skip(cluster)
    return cluster.create_database(f"t{next(_names)}_{abs(hash(str(tmp_path))) % 10**8}")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'class.db'}"


@pytest.fixture
async def server(sqlite_url: str) -> AsyncIterator[str]:
    """A class server in this process on a free port of 127.0.0.1 (SQLite); its URL."""
    from game.server.serve import start

    runner, port = await start(sqlite_url, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def any_server(db_url: str) -> AsyncIterator[str]:
    """The same, on each kind of database."""
    from game.server.serve import start

    runner, port = await start(db_url, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
