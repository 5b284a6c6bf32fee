"""The class server's database: SQLAlchemy 2 Core over asyncio, SQLite or PostgreSQL alike.

A game is its log: ``events`` is append-only (every accepted choice, message, turn resolution
and instructor action, in ``seq`` order per game, each with the client's idempotency key when
it came from a client), and the position is rebuilt by replaying it (``game.server.replay``).
``snapshots`` keeps each resolved turn's position for the debrief and for reading without the
engine; they are never read back to rebuild a game. A write returns only after its
transaction has committed, so whatever the server acknowledged is on disk.

SQLite (the default, one file) runs in WAL mode with a busy timeout and ``synchronous=FULL``,
through one connection: one writer, which is what SQLite allows anyway. PostgreSQL
(``postgresql://``, driven by asyncpg) takes the same statements. Every value goes in as a
bound parameter. The schema has a version table and numbered upgrade steps (``MIGRATIONS``),
run in order on open.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

games = sa.Table(
    "games",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("scenario", sa.Text, nullable=False),
    sa.Column("seats", sa.Text, nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("deadline", sa.Float, nullable=True),
    sa.Column("absent", sa.String(8), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
)

members = sa.Table(
    "members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("game_id", sa.Integer, sa.ForeignKey("games.id"), nullable=False),
    sa.Column("seat", sa.String(32), nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("join_hash", sa.String(64), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.UniqueConstraint("game_id", "join_hash", name="uq_member_join"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("game_id", sa.Integer, sa.ForeignKey("games.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("idem", sa.String(64), nullable=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.UniqueConstraint("game_id", "actor", "idem", name="uq_event_idem"),
)

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("game_id", sa.Integer, sa.ForeignKey("games.id"), primary_key=True),
    sa.Column("turn", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("position", sa.Text, nullable=False),
)


def _v1(connection: sa.Connection) -> None:
    """Games, members and the event log."""
    for table in (games, members, events):
        table.create(connection)


def _v2(connection: sa.Connection) -> None:
    """Each resolved turn's position, kept for reading (replaced on a rollback's replay)."""
    snapshots.create(connection)


MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (_v1, _v2)
"""Step n brings the schema from version n-1 to n; a database is upgraded step by step."""
SCHEMA_VERSION = len(MIGRATIONS)


class StorageError(Exception):
    """The database cannot be used (unreachable, newer than this Détente, unknown scheme)."""


class Duplicate(Exception):
    """A client's idempotency key was used before: the stored event is returned instead."""

    def __init__(self, stored: StoredEvent) -> None:
        super().__init__("already recorded")
        self.stored = stored


@attrs.frozen
class GameRow:
    id: int
    code: str
    key_hash: str
    scenario: str
    seats: tuple[str, ...]
    seed: int
    deadline: float | None
    absent: str
    created: float


@attrs.frozen
class MemberRow:
    id: int
    game_id: int
    seat: str
    name: str
    token_hash: str


@attrs.frozen
class StoredEvent:
    """One row of a game's log."""

    seq: int
    kind: str
    actor: str
    """Who acted: a seat's member ("TUR:Ada"), "ai", "instructor" or "server"."""
    idem: str | None
    payload: dict[str, Any]
    created: float


def database_url(url: str) -> str:
    """A database URL as the async engine takes it (``postgresql://`` means asyncpg)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    if url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        return url
    raise StorageError(f"{url}: use sqlite:///PATH or postgresql://USER@HOST/DB")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Storage:
    """The database, opened: every read and write of the class server goes through here."""

    def __init__(self, engine: AsyncEngine, *, sqlite: bool) -> None:
        self.engine = engine
        self.sqlite = sqlite
        self._write = asyncio.Lock()
        """One writer at a time in this process (SQLite's rule; cheap on PostgreSQL)."""
        self.commits = 0
        """Transactions committed since open (the benchmark's commit rate)."""
        self._queue: list[_Queued] = []
        """Events waiting for the next commit, with the futures their writers await."""
        self._flusher: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, url: str) -> Storage:
        """Open (creating or upgrading the schema); StorageError when that cannot be done."""
        full = database_url(url)
        sqlite = full.startswith("sqlite")
        if sqlite:
            path = Path(full.split(":///", 1)[1])
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_async_engine(full, pool_size=1, max_overflow=0)
            sa_event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        else:
            engine = create_async_engine(full, pool_size=5, max_overflow=5)
        storage = cls(engine, sqlite=sqlite)
        try:
            await storage.migrate()
        except StorageError:
            await engine.dispose()
            raise
        except (OSError, sa.exc.SQLAlchemyError) as error:
            await engine.dispose()
            raise StorageError(f"cannot open the database: {error}") from None
        return storage

    async def close(self) -> None:
        await self.engine.dispose()

    async def migrate(self, upto: int = SCHEMA_VERSION) -> int:
        """Run the upgrade steps this database has not had yet; returns its version."""
        async with self._write, self.engine.begin() as connection:
            return await connection.run_sync(_migrate, upto)

    async def _commit(self, work: Callable[[AsyncConnection], Awaitable[Any]]) -> Any:
        async with self._write:
            async with self.engine.begin() as connection:
                result = await work(connection)
            self.commits += 1
            return result

    # --- games -----------------------------------------------------------------------------

    async def create_game(
        self,
        code: str,
        key_hash: str,
        scenario: str,
        seats: Sequence[str],
        seed: int,
        deadline: float | None,
        absent: str,
    ) -> GameRow:
        now = time.time()
        values = {
            "code": code,
            "key_hash": key_hash,
            "scenario": scenario,
            "seats": ",".join(seats),
            "seed": seed,
            "deadline": deadline,
            "absent": absent,
            "created": now,
        }

        async def work(connection: AsyncConnection) -> int:
            result = await connection.execute(games.insert().values(**values))
            return _new_id(result)

        game_id = await self._commit(work)
        return GameRow(game_id, code, key_hash, scenario, tuple(seats), seed, deadline, absent, now)

    async def game_by_code(self, code: str) -> GameRow | None:
        async with self.engine.connect() as connection:
            row = (await connection.execute(games.select().where(games.c.code == code))).first()
        return None if row is None else _game(row)

    async def all_games(self) -> list[GameRow]:
        async with self.engine.connect() as connection:
            rows = (await connection.execute(games.select().order_by(games.c.id))).all()
        return [_game(row) for row in rows]

    # --- members ---------------------------------------------------------------------------

    async def add_member(
        self, game_id: int, seat: str, name: str, token_hash: str, join_hash: str
    ) -> tuple[MemberRow, bool]:
        """A new member of a seat, or (same join key) the one already made, its token
        replaced by ``token_hash``; returns it and whether it is new."""

        async def work(connection: AsyncConnection) -> tuple[MemberRow, bool]:
            found = (
                await connection.execute(
                    members.select().where(
                        members.c.game_id == game_id, members.c.join_hash == join_hash
                    )
                )
            ).first()
            if found is not None:
                await connection.execute(
                    members.update().where(members.c.id == found.id).values(token_hash=token_hash)
                )
                return MemberRow(found.id, game_id, found.seat, found.name, token_hash), False
            result = await connection.execute(
                members.insert().values(
                    game_id=game_id,
                    seat=seat,
                    name=name,
                    token_hash=token_hash,
                    join_hash=join_hash,
                    created=time.time(),
                )
            )
            member_id = _new_id(result)
            return MemberRow(member_id, game_id, seat, name, token_hash), True

        result: tuple[MemberRow, bool] = await self._commit(work)
        return result

    async def members_of(self, game_id: int) -> list[MemberRow]:
        async with self.engine.connect() as connection:
            rows = (
                await connection.execute(
                    members.select().where(members.c.game_id == game_id).order_by(members.c.id)
                )
            ).all()
        return [MemberRow(r.id, r.game_id, r.seat, r.name, r.token_hash) for r in rows]

    # --- the log ---------------------------------------------------------------------------

    async def append(
        self,
        game_id: int,
        seq: int,
        kind: str,
        actor: str,
        payload: dict[str, Any],
        idem: str | None = None,
        snapshot: tuple[int, dict[str, Any]] | None = None,
    ) -> StoredEvent:
        """Append event ``seq`` (the game's next) and return once it is committed; Duplicate
        when ``actor`` used ``idem`` before. With ``snapshot`` (turn, position), the turn's
        snapshot is written in the same transaction.

        Events appended while a commit is under way wait for the next one and are committed
        together (group commit): one sync of the disk for many games' events, each still
        answered only after its own row is on disk."""
        now = time.time()
        row = {
            "game_id": game_id,
            "seq": seq,
            "kind": kind,
            "actor": actor,
            "idem": idem,
            "payload": json.dumps(payload, separators=(",", ":"), ensure_ascii=False),
            "created": now,
        }
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((row, snapshot, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush())
        try:
            await done
        except IntegrityError:
            if idem is not None:
                stored = await self.event_by_idem(game_id, actor, idem)
                if stored is not None:
                    raise Duplicate(stored) from None
            raise
        return StoredEvent(seq, kind, actor, idem, payload, now)

    async def _flush(self) -> None:
        """Commit the queued events, batch after batch, until none is waiting."""
        while self._queue:
            batch, self._queue = self._queue, []
            async with self._write:
                try:
                    async with self.engine.begin() as connection:
                        await _insert(connection, batch)
                except IntegrityError:
                    await self._one_by_one(batch)
                    continue
                except BaseException as error:
                    for _, _, done in batch:
                        if not done.done():
                            done.set_exception(error)
                    raise
                self.commits += 1
            for _, _, done in batch:
                if not done.done():
                    done.set_result(None)

    async def _one_by_one(self, batch: list[_Queued]) -> None:
        """A batch with a refused row (a replayed key): each event in its own transaction,
        so only the refused one fails."""
        for item in batch:
            done = item[2]
            try:
                async with self.engine.begin() as connection:
                    await _insert(connection, [item])
            except IntegrityError as error:
                done.set_exception(error)
                continue
            self.commits += 1
            done.set_result(None)

    async def event_by_idem(self, game_id: int, actor: str, idem: str) -> StoredEvent | None:
        async with self.engine.connect() as connection:
            row = (
                await connection.execute(
                    events.select().where(
                        events.c.game_id == game_id,
                        events.c.actor == actor,
                        events.c.idem == idem,
                    )
                )
            ).first()
        return None if row is None else _event(row)

    async def log(self, game_id: int) -> list[StoredEvent]:
        async with self.engine.connect() as connection:
            rows = (
                await connection.execute(
                    events.select().where(events.c.game_id == game_id).order_by(events.c.seq)
                )
            ).all()
        return [_event(row) for row in rows]

    async def snapshots_of(self, game_id: int) -> list[tuple[int, dict[str, Any]]]:
        async with self.engine.connect() as connection:
            rows = (
                await connection.execute(
                    snapshots.select()
                    .where(snapshots.c.game_id == game_id)
                    .order_by(snapshots.c.turn)
                )
            ).all()
        return [(row.turn, json.loads(row.position)) for row in rows]


_Queued = tuple[dict[str, Any], "tuple[int, dict[str, Any]] | None", "asyncio.Future[None]"]


async def _insert(connection: AsyncConnection, batch: list[_Queued]) -> None:
    await connection.execute(events.insert(), [row for row, _, _ in batch])
    for row, snapshot, _ in batch:
        if snapshot is None:
            continue
        turn, position = snapshot
        await connection.execute(
            snapshots.delete().where(
                snapshots.c.game_id == row["game_id"], snapshots.c.turn >= turn
            )
        )
        await connection.execute(
            snapshots.insert().values(
                game_id=row["game_id"], turn=turn, seq=row["seq"], position=json.dumps(position)
            )
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL (readers never block the writer), a busy timeout instead of 'database is locked',
    and a sync on every commit: an acknowledged move survives a crash of the machine too."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _migrate(connection: sa.Connection, upto: int) -> int:
    inspector = sa.inspect(connection)
    if not inspector.has_table("schema_version"):
        schema_version.create(connection)
        connection.execute(schema_version.insert().values(version=0))
    current = connection.execute(sa.select(schema_version.c.version)).scalar_one()
    if current > SCHEMA_VERSION:
        raise StorageError(
            f"the database has schema version {current}, newer than this Détente's "
            f"({SCHEMA_VERSION}); upgrade Détente"
        )
    for version in range(current + 1, upto + 1):
        MIGRATIONS[version - 1](connection)
        connection.execute(schema_version.update().values(version=version))
        current = version
    return int(current)


def _game(row: Any) -> GameRow:
    return GameRow(
        row.id,
        row.code,
        row.key_hash,
        row.scenario,
        tuple(row.seats.split(",")),
        int(row.seed),
        row.deadline,
        row.absent,
        row.created,
    )


def _event(row: Any) -> StoredEvent:
    return StoredEvent(row.seq, row.kind, row.actor, row.idem, json.loads(row.payload), row.created)


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an insert into a table with an integer primary key
    return int(key[0])
