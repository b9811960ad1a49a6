"""aiogram FSM storage in the bot's own database (the default single-process mode), so a
conversation — a draft being filled, an album half received — survives a restart or a crash.

A change made while an update is handled joins that update's unit of work: it is written in the
same transaction as the rest of the update's changes, and undone if the update fails. (Writing
it through a second connection would also deadlock on SQLite, whose single write lock the
update's own transaction may hold.) Reads come from a cache in front of the table, which sees a
change at once, as the memory storage did: the next update of the same chat may already be
running. In this mode the process is the table's only writer, so the cache is never stale.

At start the whole table is read into the cache (it holds only conversations in progress), so
a chat with none — most updates — costs no query; once the cache has had to forget a
conversation, a miss is looked up again.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, StateType, StorageKey
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.dml import Insert

from storage.models import ConversationState, utcnow

Entry = tuple[str | None, dict[str, Any]]
CACHE_SIZE = 50_000


@dataclass
class _Pending:
    """Changes made while one update is handled, written with its unit of work; what the cache
    held before them, to put back if the update fails."""

    entries: dict[str, Entry] = field(default_factory=dict)
    before: dict[str, Entry] = field(default_factory=dict)
    open: bool = True


_pending: ContextVar[_Pending | None] = ContextVar("fsm_pending", default=None)


class DatabaseStorage(BaseStorage):
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessionmaker
        self._cache: OrderedDict[str, Entry] = OrderedDict()
        self._complete = False  # the cache holds every stored conversation: a miss is "none"

    async def preload(self) -> None:
        """Reads every conversation in progress, if they fit the cache."""
        async with self._sessions() as session:
            rows = (await session.scalars(select(ConversationState).limit(CACHE_SIZE + 1))).all()
        if len(rows) > CACHE_SIZE:
            return
        for row in rows:
            self._remember(row.key, (row.state, json.loads(row.data)))
        self._complete = True

    # --- the unit of work's side ------------------------------------------------------------

    @contextmanager
    def update_scope(self) -> Iterator[_Pending]:
        """Collects the changes of the update being handled (see `write_into`, `undo`)."""
        pending = _Pending()
        token = _pending.set(pending)
        try:
            yield pending
        finally:
            pending.open = False
            _pending.reset(token)

    async def write_into(self, session: AsyncSession, pending: _Pending) -> None:
        """Writes what the cache holds now for each key the update changed: should two updates
        of one chat ever commit out of order, the later state is still the one kept."""
        for key in pending.entries:
            state, data = self._cache.get(key, pending.entries[key])
            if state is None and not data:
                await session.execute(delete(ConversationState).where(ConversationState.key == key))
            else:
                await session.execute(_upsert(session, key, state, _dump(data)))

    def undo(self, pending: _Pending) -> None:
        """The update failed: its changes were not written, so later updates must not read them."""
        for key, entry in pending.before.items():
            self._remember(key, entry)

    # --- aiogram's storage interface --------------------------------------------------------

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = state.state if isinstance(state, State) else state
        current = await self._read(_key(key))
        await self._write(_key(key), (name, current[1]))

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._read(_key(key)))[0]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        current = await self._read(_key(key))
        await self._write(_key(key), (current[0], json.loads(_dump(data))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._read(_key(key)))[1])

    async def close(self) -> None:
        self._cache.clear()

    # --- inside ---------------------------------------------------------------------------

    async def _read(self, key: str) -> Entry:
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if self._complete:
            return (None, {})
        async with self._sessions() as session:
            row = await session.get(ConversationState, key)
        entry: Entry = (row.state, json.loads(row.data)) if row else (None, {})
        self._remember(key, entry)
        return entry

    async def _write(self, key: str, entry: Entry) -> None:
        if entry == await self._read(key):
            # Nothing changes (a command clearing a chat that has no conversation, as most
            # do): no write, so the update stays a read and takes no part of SQLite's lock.
            return
        pending = _pending.get()
        if pending is not None and pending.open:
            pending.before.setdefault(key, await self._read(key))
            pending.entries[key] = entry
            self._remember(key, entry)
            return
        # Outside an update (a job, a test): its own transaction. The cache takes the entry
        # first, since `write_into` writes what the cache holds.
        before = await self._read(key)
        self._remember(key, entry)
        try:
            async with self._sessions.begin() as session:
                await self.write_into(session, _Pending({key: entry}))
        except BaseException:
            self._remember(key, before)
            raise

    def _remember(self, key: str, entry: Entry) -> None:
        self._cache[key] = entry
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            _, (state, data) = self._cache.popitem(last=False)
            if state is not None or data:
                self._complete = False  # a stored conversation is no longer in the cache


def _upsert(session: AsyncSession, key: str, state: str | None, data: str) -> Insert:
    now = utcnow()
    changed = {"state": state, "data": data, "updated_at": now}
    if session.get_bind().dialect.name == "postgresql":
        pg = postgresql.insert(ConversationState).values(key=key, **changed)
        return pg.on_conflict_do_update(index_elements=[ConversationState.key], set_=changed)
    lite = sqlite.insert(ConversationState).values(key=key, **changed)
    return lite.on_conflict_do_update(index_elements=[ConversationState.key], set_=changed)


def _key(key: StorageKey) -> str:
    parts = (
        key.bot_id,
        key.chat_id,
        key.user_id,
        key.thread_id or "",
        key.business_connection_id or "",
        key.destiny,
    )
    return ":".join(str(part) for part in parts)


def _dump(data: Mapping[str, Any]) -> str:
    """JSON, as Redis would store it: a value that is not JSON fails here, in both modes."""
    return json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))


class OneUpdateAtATime(BaseEventIsolation):
    """Updates of one chat are handled one after another, in the order they came (each waits
    for the previous one's commit), as a person expects; different chats run side by side.
    aiogram's own SimpleEventIsolation never forgets a lock; this one drops it when free."""

    def __init__(self) -> None:
        self._locks: dict[StorageKey, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        lock, holders = self._locks.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[key] = (lock, holders + 1)
        try:
            async with lock:
                yield
        finally:
            entry = self._locks.get(key)
            if entry is not None and entry[0] is lock:  # else closed meanwhile (a shutdown)
                if entry[1] == 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, entry[1] - 1)

    async def close(self) -> None:
        self._locks.clear()
