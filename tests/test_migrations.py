"""Alembic stairway: every revision upgrades, downgrades and upgrades again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from storage.migrate import alembic_config, downgrade, upgrade
from storage.models import Base


def revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'stairway.db'}"


def test_stairway(sqlite_url: str) -> None:
    for revision in revisions(sqlite_url):
        upgrade(sqlite_url, revision)
        downgrade(sqlite_url, "-1")
        upgrade(sqlite_url, revision)


def test_head_matches_models(sqlite_url: str, tmp_path: Path) -> None:
    upgrade(sqlite_url)
    engine = create_engine(f"sqlite:///{tmp_path / 'stairway.db'}")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert tables == set(Base.metadata.tables)
