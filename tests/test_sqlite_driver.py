"""The SQLite adapter's one trip per statement (storage.sqlite_driver, issue 17): the same
results as SQLAlchemy's own, in fewer trips to aiosqlite's thread, and nothing lost."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine

metadata = MetaData()
people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(32), unique=True),
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


class Trips:
    """Counts the calls the adapter sends to aiosqlite's thread on one connection."""

    def __init__(self, driver_connection: Any) -> None:
        self.count = 0
        original = driver_connection._execute

        async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return await original(fn, *args, **kwargs)

        driver_connection._execute = counted


async def trips_of(connection: Any) -> Trips:
    raw = await connection.get_raw_connection()
    return Trips(raw.driver_connection)


async def test_results_are_those_of_a_plain_cursor(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        added = await connection.execute(insert(people).values(name="Анна"))
        assert added.inserted_primary_key == (1,)
        await connection.execute(insert(people), [{"name": "Борис"}, {"name": "Вера"}])
        changed = await connection.execute(update(people).values(name=people.c.name + "!"))
        assert changed.rowcount == 3
        rows = (await connection.execute(select(people).order_by(people.c.id))).all()
        assert [tuple(r) for r in rows] == [(1, "Анна!"), (2, "Борис!"), (3, "Вера!")]
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"


async def test_a_statement_is_one_trip_and_a_read_needs_no_commit(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        trips = await trips_of(connection)
        (await connection.execute(select(people))).all()
        assert trips.count == 1  # SQLAlchemy's adapter: cursor, execute, fetch, close
        await connection.commit()
        assert trips.count == 1  # nothing was open: sqlite3's commit would do nothing
        await connection.execute(insert(people).values(name="Анна"))
        await connection.commit()
        assert trips.count == 3  # the write and its commit


async def test_a_write_not_committed_is_rolled_back(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(insert(people).values(name="Анна"))
        # closed without a commit: the pool's rollback must still reach SQLite
    async with engine.connect() as connection:
        assert (await connection.execute(select(people))).all() == []


async def test_errors_are_sqlalchemys_as_before(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(people).values(name="Анна"))
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(people).values(name="Анна"))
    async with engine.connect() as connection:  # the failed one left nothing open
        assert len((await connection.execute(select(people))).all()) == 1
