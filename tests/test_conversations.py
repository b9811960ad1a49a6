"""Conversations kept in the database (the default mode): after a restart every conversation in
progress is read once at start, so an update of a chat with none costs no query."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import conversations
from bot.conversations import DatabaseStorage
from storage.db import create_engine, create_sessionmaker


@pytest.fixture
async def sessions(migrated_database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(migrated_database)
    yield create_sessionmaker(engine)
    await engine.dispose()


def key(chat: int) -> StorageKey:
    return StorageKey(bot_id=1, chat_id=chat, user_id=chat)


def count_queries(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    seen: list[str] = []
    engine = sessions.kw["bind"].sync_engine

    @event.listens_for(engine, "before_cursor_execute")
    def remember(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    return seen


async def test_a_restart_reads_conversations_once_and_then_asks_no_more(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    before = DatabaseStorage(sessions)
    await before.set_state(key(1), "Draft:files")
    await before.set_data(key(1), {"files": ["a"]})

    after = DatabaseStorage(sessions)  # the process started again
    await after.preload()
    queries = count_queries(sessions)
    assert await after.get_state(key(1)) == "Draft:files"
    assert await after.get_data(key(1)) == {"files": ["a"]}
    assert await after.get_state(key(2)) is None  # a chat with no conversation
    assert queries == []


async def test_once_the_cache_forgot_a_conversation_a_miss_is_looked_up(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conversations, "CACHE_SIZE", 2)
    storage = DatabaseStorage(sessions)
    await storage.preload()
    for chat in (1, 2, 3):  # the third pushes the first out of the cache
        await storage.set_state(key(chat), "Draft:files")
    queries = count_queries(sessions)
    assert await storage.get_state(key(1)) == "Draft:files"
    assert queries  # read from the table again


async def test_too_many_to_preload_means_every_miss_is_looked_up(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = DatabaseStorage(sessions)
    for chat in (1, 2, 3):
        await writer.set_state(key(chat), "Draft:files")
    monkeypatch.setattr(conversations, "CACHE_SIZE", 2)
    storage = DatabaseStorage(sessions)
    await storage.preload()
    assert await storage.get_state(key(3)) == "Draft:files"


async def test_clearing_a_chat_that_has_no_conversation_writes_nothing(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Every command ends the conversation in progress; most chats have none, and such an
    update must stay a read: a write would take SQLite's single write lock for nothing."""
    storage = DatabaseStorage(sessions)
    await storage.preload()
    queries = count_queries(sessions)
    with storage.update_scope() as pending:
        await storage.set_state(key(3), None)
        await storage.set_data(key(3), {})
        async with sessions.begin() as session:
            await storage.write_into(session, pending)
    await storage.set_state(key(4), None)  # outside an update too
    assert queries == []
    await storage.set_state(key(4), "Draft:files")  # a change is still written
    assert any(q.startswith("INSERT") for q in queries)
