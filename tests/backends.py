"""The two storage back-ends every database test runs on: SQLite (embedded) and PostgreSQL +
Redis (scale-out). Without PostgreSQL or Redis the second is skipped; under CI=true it fails.
"""

from __future__ import annotations

import os
import uuid

import asyncpg
import pytest
from redis.asyncio import Redis

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = ("sqlite", "postgres")


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"scale-out back-end required under CI=true: {reason}")
    pytest.skip(reason)


async def create_postgres_database() -> str:
    """A fresh, empty database for one test; returns its SQLAlchemy URL."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    try:
        admin = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        unavailable(f"PostgreSQL at {POSTGRES_ADMIN_URL} is not reachable: {error}")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


async def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def fresh_redis() -> str:
    """The test Redis database, emptied (tests run one at a time)."""
    client = Redis.from_url(REDIS_TEST_URL)
    try:
        await client.flushdb()
    except OSError as error:
        unavailable(f"Redis at {REDIS_TEST_URL} is not reachable: {error}")
    finally:
        await client.aclose()
    return REDIS_TEST_URL
