"""Apply Alembic migrations programmatically (no alembic.ini needed).

Importing Alembic and running its environment costs the bot's start about a second (with Mako
and Pygments behind it); on a restart the database is usually at the newest revision already,
so `upgrade_if_behind` compares the revision stored in the database with the newest one named in
the migration files (read with `ast`) and only then brings Alembic in.
"""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def head_revisions() -> set[str]:
    """The revisions no other migration builds on, from the files' `revision` and
    `down_revision` assignments."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.AnnAssign | ast.Assign):
                target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
                if not isinstance(target, ast.Name) or node.value is None:
                    continue
                value = ast.literal_eval(node.value)
                if target.id == "revision":
                    revisions.add(value)
                elif target.id == "down_revision" and value is not None:
                    parents.update(value if isinstance(value, tuple | list) else [value])
    return revisions - parents


async def stored_revisions(database_url: str) -> set[str]:
    """What the database's `alembic_version` holds; empty for a new database."""
    path = sqlite_path(database_url)
    if path is not None and not path.exists():
        # A new database. Connecting would fail (its folder may not exist yet), and aiosqlite
        # then leaves its thread a call to answer after this loop has closed: a traceback on
        # stderr at a new database's first start on a loaded machine (tests/test_config.py).
        return set()
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return {str(row[0]) for row in rows}
    except DBAPIError:  # no such table yet
        return set()
    finally:
        await engine.dispose()


def upgrade_if_behind(database_url: str) -> bool:
    """Blocking, like `upgrade`. True when migrations ran."""
    if asyncio.run(stored_revisions(database_url)) == head_revisions():
        return False
    upgrade(database_url)
    return True


def alembic_config(database_url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url)
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Blocking: the Alembic env runs its own event loop, so call it outside one."""
    from alembic import command

    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str) -> None:
    """For callers already inside an event loop (tests, the demo)."""
    await asyncio.to_thread(upgrade, database_url)
