"""Alembic stairway on both back-ends: every revision upgrades, downgrades and upgrades again, and
the head schema is exactly what the models describe."""

from __future__ import annotations

import asyncio

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from storage.db import create_engine
from storage.migrate import (
    alembic_config,
    downgrade,
    head_revisions,
    stored_revisions,
    upgrade,
    upgrade_if_behind,
)
from storage.models import Base


def revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def stairway(url: str) -> None:
    for revision in revisions(url):
        upgrade(url, revision)
        downgrade(url, "-1")
        upgrade(url, revision)


async def test_stairway(database_url: str) -> None:
    await asyncio.to_thread(stairway, database_url)


async def test_head_matches_models(database_url: str) -> None:
    await asyncio.to_thread(upgrade, database_url)
    engine = create_engine(database_url)
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    assert tables - {"alembic_version"} == set(Base.metadata.tables)


async def test_a_database_at_the_newest_revision_is_not_migrated_again(database_url: str) -> None:
    """The start skips Alembic when the database is at the head the migration files name."""
    script = ScriptDirectory.from_config(alembic_config(database_url))
    assert head_revisions() == set(script.get_heads())
    assert await stored_revisions(database_url) == set()  # a new database
    assert await asyncio.to_thread(upgrade_if_behind, database_url) is True
    assert await stored_revisions(database_url) == head_revisions()
    assert await asyncio.to_thread(upgrade_if_behind, database_url) is False
    await asyncio.to_thread(downgrade, database_url, "-1")
    assert await asyncio.to_thread(upgrade_if_behind, database_url) is True  # one behind
    assert await stored_revisions(database_url) == head_revisions()
