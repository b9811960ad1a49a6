"""SQLAlchemy's aiosqlite adapter with one trip to the database thread per statement.

aiosqlite runs SQLite in a thread of its own and every call on it is a trip there and back (a
queue, a wake-up, the GIL handed over twice). SQLAlchemy's adapter makes four per statement:
open a cursor, execute, fetch the rows, close the cursor. Measured on the 2-core machine
(2026-11-30) a trip costs ~75 µs of CPU, so a one-row SELECT cost 0.31 ms where doing the same
work in one trip costs 0.08 ms; an update runs two to four statements. Here the cursor is
opened, executed, read and closed in one trip, and a commit or rollback with no transaction open
makes none. Server-side (streamed) cursors stay as they were.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

# What one trip brings back: description, rowcount, lastrowid, rows (None: not a query).
_Outcome = tuple[Any, int, int | None, list[Any] | None]


def _run(connection: sqlite3.Connection, operation: str, parameters: Any) -> _Outcome:
    cursor = connection.cursor()
    try:
        cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else None
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def _run_many(connection: sqlite3.Connection, operation: str, rows: Sequence[Any]) -> _Outcome:
    cursor = connection.cursor()
    try:
        cursor.executemany(operation, rows)
        return None, cursor.rowcount, cursor.lastrowid, None
    finally:
        cursor.close()


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose statement, rows and closing are done in one trip; it keeps what the
    statement left (description, counts, rows) in memory, like the adapter's own buffering."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # No cursor is opened here: that was a trip of its own.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> Any:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        pass  # the rows are all fetched in the one trip

    async def _async_soft_close(self) -> None:
        pass  # closed in the trip already

    def close(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            self._keep(await self._trip(_run, operation, parameters))
        return self

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        async with self._adapt_connection._execute_mutex:
            self._keep(await self._trip(_run_many, operation, seq_of_parameters))
        return self

    async def _trip(self, run: Any, operation: Any, parameters: Any) -> _Outcome:
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        outcome: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
            run, connection._conn, operation, parameters
        )
        return outcome

    def _keep(self, outcome: _Outcome) -> None:
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = collections.deque(rows or ())


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """Commits and rolls back only a transaction SQLite has open: with none open, both are
    no-ops in sqlite3, and most updates only read, so their commit, and the rollback the pool
    does when the connection comes back, were two trips for nothing."""

    __slots__ = ()
    _cursor_cls = _OneTripCursor  # type: ignore[assignment]  # (a subclass: mypy is strict)

    def commit(self) -> None:
        if self._open():
            super().commit()

    def rollback(self) -> None:
        if self._open():
            super().rollback()

    def _open(self) -> bool:
        # Read on the event loop: statements on this connection are awaited one at a time, so
        # none is running in the database thread now.
        connection: aiosqlite.Connection = self._connection  # type: ignore[assignment]
        return connection._connection is not None and connection.in_transaction


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """aiosqlite as SQLAlchemy's adapter presents it, with `_OneTripCursor` for statements."""

    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        connection = self.aiosqlite.connect(*arg, **kw)
        connection._thread.daemon = True  # as SQLAlchemy's own: never hold the exit up
        return _OneTripConnection(self, await_(connection))


def one_trip_dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
