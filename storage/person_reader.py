"""The person an update comes from, read on SQLite without the ORM (issue 17).

Every update starts by reading its sender, their roles and whether a request of theirs waits.
Through an ORM session that read cost ~0.45 ms of the event loop's CPU (measured 2026-11-30:
SQLAlchemy's session, execution context and row loading around a ~15 µs SQLite lookup); a plain
connection kept for this one read costs ~0.06 ms, a fifth of a `/start`. The answer is a
snapshot: the update's own writes go through its session, and `Context.actor` reads the roles
there again once the session wrote. Only for a SQLite file: on PostgreSQL the read stays in the
update's session (`UserRepository.with_grants`), a pooled connection being no cheaper there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy.dialects import sqlite

from storage.models import RoleGrant, User
from storage.repositories.users import REQUESTS_WAITING, TelegramProfile, person_with_grants


@dataclass(frozen=True, slots=True)
class PersonRow:
    """The person as handlers see them (`services.person.Person`), read-only."""

    id: int
    first_name: str
    last_name: str | None
    username: str | None
    display_name: str | None
    language: str
    is_reachable: bool

    def is_current(self, profile: TelegramProfile) -> bool:
        """Nothing to write: the stored profile is what Telegram says now."""
        return self.is_reachable and (self.first_name, self.last_name, self.username) == (
            profile.first_name,
            profile.last_name,
            profile.username,
        )


@dataclass(frozen=True, slots=True)
class GrantRow:
    """A role grant as permissions read it."""

    role: str
    region_code: str
    municipality_id: int | None
    school_id: int | None


@dataclass(frozen=True, slots=True)
class Arrival:
    """What the update's first read found: the person, their grants, a request waiting."""

    person: PersonRow
    grants: tuple[GrantRow, ...]
    requests_waiting: bool


_PERSON = (
    User.id,
    User.first_name,
    User.last_name,
    User.username,
    User.display_name,
    User.language,
    User.is_reachable,
)
_GRANT = (RoleGrant.role, RoleGrant.region_code, RoleGrant.municipality_id, RoleGrant.school_id)
_ARRIVAL = person_with_grants(*_PERSON, *_GRANT, REQUESTS_WAITING)


class SqlitePersonReader:
    """One connection of its own, opened on first use, for the update's first read only."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: aiosqlite.Connection | None = None
        self._opening = asyncio.Lock()
        compiled = _ARRIVAL.compile(dialect=sqlite.dialect())
        self._sql = str(compiled)
        self._names = compiled.positiontup or []
        self._constants = compiled.construct_params({"user_id": 0})
        self.listeners: list[Callable[[str], None]] = []  # tests count the statements

    async def read(self, user_id: int) -> Arrival | None:
        """The person with their grants, None for someone never seen."""
        connection = await self._connect()
        values = {**self._constants, "user_id": user_id}
        for listener in self.listeners:
            listener(self._sql)
        rows = list(await connection.execute_fetchall(self._sql, [values[n] for n in self._names]))
        if not rows:
            return None
        return _arrival(rows)

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None

    async def _connect(self) -> aiosqlite.Connection:
        if self._connection is not None:
            return self._connection
        async with self._opening:
            if self._connection is None:
                connection = await aiosqlite.connect(self._path)
                await connection.execute("PRAGMA busy_timeout=5000")
                await connection.execute("PRAGMA query_only=ON")  # reads, never writes
                self._connection = connection
        return self._connection


def _arrival(rows: list[Any]) -> Arrival:
    first = rows[0]
    person_id, first_name, last_name, username, display_name, language, reachable = first[:7]
    person = PersonRow(
        person_id, first_name, last_name, username, display_name, language, bool(reachable)
    )
    grants = tuple(GrantRow(*row[7:11]) for row in rows if row[7] is not None)
    return Arrival(person, grants, requests_waiting=bool(first[11]))
