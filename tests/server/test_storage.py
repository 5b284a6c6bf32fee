"""The storage suite, on SQLite and on a throwaway PostgreSQL alike: schema versions and
their upgrade steps, the append-only log and its idempotency keys, snapshots, durability."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from game.server.storage import (
    SCHEMA_VERSION,
    Duplicate,
    Storage,
    StorageError,
    schema_version,
)


async def version(storage: Storage) -> int:
    async with storage.engine.connect() as connection:
        return int((await connection.execute(sa.select(schema_version.c.version))).scalar_one())


async def tables(storage: Storage) -> set[str]:
    async with storage.engine.connect() as connection:
        return set(await connection.run_sync(lambda c: sa.inspect(c).get_table_names()))


async def new_game(storage: Storage, code: str = "ACDEFH"):
    return await storage.create_game(code, "k" * 64, "s400_transfer", ["TUR", "USA"], 7, None, "ai")


async def test_a_new_database_gets_the_whole_schema(db_url):
    storage = await Storage.open(db_url)
    try:
        assert await version(storage) == SCHEMA_VERSION
        assert {"games", "members", "events", "snapshots", "schema_version"} <= await tables(
            storage
        )
    finally:
        await storage.close()
    again = await Storage.open(db_url)  # opening twice changes nothing
    try:
        assert await version(again) == SCHEMA_VERSION
    finally:
        await again.close()


async def test_a_version_1_database_is_upgraded_with_its_data(db_url):
    """A database made by the first schema (no snapshots) opens, upgraded, games kept."""
    from sqlalchemy.ext.asyncio import create_async_engine

    from game.server.storage import _sqlite_pragmas, database_url

    url = database_url(db_url)
    engine = create_async_engine(url)
    if url.startswith("sqlite"):
        sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    first = Storage(engine, sqlite=url.startswith("sqlite"))
    assert await first.migrate(upto=1) == 1
    assert "snapshots" not in await tables(first)
    row = await new_game(first)
    await first.append(row.id, 1, "open", "instructor", {"lobby": False})
    await first.close()

    upgraded = await Storage.open(db_url)
    try:
        assert await version(upgraded) == SCHEMA_VERSION
        assert "snapshots" in await tables(upgraded)
        assert (await upgraded.game_by_code("ACDEFH")).seats == ("TUR", "USA")
        assert [e.kind for e in await upgraded.log(row.id)] == ["open"]
    finally:
        await upgraded.close()


async def test_a_database_newer_than_this_detente_is_refused(db_url):
    storage = await Storage.open(db_url)
    async with storage.engine.begin() as connection:
        await connection.execute(schema_version.update().values(version=SCHEMA_VERSION + 1))
    await storage.close()
    with pytest.raises(StorageError, match="newer than this Détente"):
        await Storage.open(db_url)


async def test_the_log_keeps_order_keys_and_snapshots(db_url):
    storage = await Storage.open(db_url)
    try:
        row = await new_game(storage)
        await storage.append(row.id, 1, "open", "instructor", {"lobby": False})
        await storage.append(row.id, 2, "choice", "TUR:Ada", {"option": "x"}, idem="key-0001")
        # the same key from the same actor is the same event, not a second one
        with pytest.raises(Duplicate) as duplicate:
            await storage.append(row.id, 3, "choice", "TUR:Ada", {"option": "y"}, idem="key-0001")
        assert duplicate.value.stored.seq == 2
        assert duplicate.value.stored.payload == {"option": "x"}
        # another actor may use the same key
        await storage.append(row.id, 3, "choice", "USA:Ben", {"option": "z"}, idem="key-0001")
        # a place in the log is taken once
        with pytest.raises(sa.exc.IntegrityError):
            await storage.append(row.id, 3, "message", "server", {})
        await storage.append(
            row.id, 4, "resolve", "server", {"turn": 1}, snapshot=(1, {"choices": {"TUR": "x"}})
        )
        await storage.append(
            row.id, 5, "resolve", "server", {"turn": 1}, snapshot=(1, {"choices": {"TUR": "w"}})
        )
        log = await storage.log(row.id)
        assert [(e.seq, e.kind, e.actor) for e in log] == [
            (1, "open", "instructor"),
            (2, "choice", "TUR:Ada"),
            (3, "choice", "USA:Ben"),
            (4, "resolve", "server"),
            (5, "resolve", "server"),
        ]
        # a turn played again (after a rollback) replaces its snapshot
        assert await storage.snapshots_of(row.id) == [(1, {"choices": {"TUR": "w"}})]
        name = "O'Brien\"; DROP TABLE games;--"
        member, new = await storage.add_member(row.id, "TUR", name, "t" * 64, "j" * 64)
        assert new and member.name == name
        same, new = await storage.add_member(row.id, "TUR", name, "u" * 64, "j" * 64)
        assert not new and same.id == member.id and same.token_hash == "u" * 64
        assert [m.name for m in await storage.members_of(row.id)] == [name]
    finally:
        await storage.close()
    reopened = await Storage.open(db_url)  # committed means on disk, for another connection
    try:
        assert len(await reopened.log(row.id)) == 5
        assert len(await reopened.all_games()) == 1
    finally:
        await reopened.close()


async def test_unknown_database_urls_are_refused():
    with pytest.raises(StorageError, match="sqlite:///PATH or postgresql://"):
        await Storage.open("mysql://root@localhost/class")
