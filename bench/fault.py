"""Fault test of the scale-out mode: `--replicas` bot processes (webhook mode) on PostgreSQL and
Redis deliver one broadcast of `--recipients` messages under the emulator's Telegram limits
(30/s overall, 1/s per chat). At 30% one replica is SIGKILLed (and started again); at 60%
PostgreSQL is restarted (`--restart-db`, default `pg_ctlcluster 15 main restart`). Counts
messages/s, 429s, lost and duplicated messages, and checks that the outbox agrees.

Last line: {"recipients": …, "replicas": …, "msgs_per_s": …, "rate_limited": …, "lost": …,
"duplicates": …, "kills": …, "db_restarts": …, "outbox_delivered": …}
(targets: lost 0, duplicates ≤ 1 per fault).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shlex
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from emulator import BotAPIEmulator, FakeUser
from emulator.botproc import BotProcess
from emulator.limits import Limits
from redis.asyncio import Redis
from sqlalchemy import func, select

from bench.load import REDIS_URL, SECRET, drop_postgres, free_port, fresh_postgres, migrate
from services.delivery import Outgoing, enqueue
from storage.db import create_engine, create_sessionmaker
from storage.models import OutboxMessage, User

TOKEN = "123456:FAULT-bench"
TEXT = "📣 Координатор: в четверг в 10:00 (МСК) вебинар о взаимоэкспертизе."


async def queue_broadcast(url: str, chat_ids: list[int]) -> None:
    engine = create_engine(url)
    async with create_sessionmaker(engine).begin() as session:
        session.add_all(User(id=c, first_name="Школа", language="ru") for c in chat_ids)
        await session.flush()
        await enqueue(session, "fault", [Outgoing(c, TEXT) for c in chat_ids], datetime.now(UTC))
    await engine.dispose()


async def outbox_delivered(url: str) -> int:
    engine = create_engine(url)
    try:
        async with create_sessionmaker(engine)() as session:
            count = await session.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.status == "delivered")
            )
    finally:
        await engine.dispose()
    return int(count or 0)


async def restart_database(command: str) -> float:
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(*shlex.split(command))
    if await process.wait() != 0:
        raise SystemExit(f"`{command}` failed; pass --restart-db with a command that works here")
    return time.perf_counter() - started


def replica_env(emu: BotAPIEmulator, database_url: str, port: int) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        # Webhook mode: replicas do not compete for getUpdates; no updates arrive here anyway.
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }


async def watch(
    users: list[FakeUser],
    processes: list[BotProcess],
    options: argparse.Namespace,
) -> tuple[float, int, int]:
    """Until every user has the message (or time is up), injecting the faults on the way."""
    kills = restarts = 0
    faults = [("kill", 0.3), ("database", 0.6)]
    first: float | None = None
    deadline = time.perf_counter() + len(users) / 15 + 180
    while time.perf_counter() < deadline:
        delivered = sum(1 for u in users if u.inbox)
        if first is None and delivered:
            first = time.perf_counter()
        if faults and delivered >= faults[0][1] * len(users):
            kind, _ = faults.pop(0)
            if kind == "kill":
                await processes[0].kill()
                kills += 1
                print(f"killed replica 0 at {delivered} delivered", flush=True)
                await processes[0].start()
            else:
                seconds = await restart_database(options.restart_db)
                restarts += 1
                print(
                    f"restarted PostgreSQL at {delivered} delivered ({seconds:.1f} s)", flush=True
                )
        if delivered >= len(users):
            break
        await asyncio.sleep(0.05)
    return time.perf_counter() - (first or time.perf_counter()), kills, restarts


async def main(options: argparse.Namespace) -> dict[str, float | int]:
    database_url = await fresh_postgres()
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    processes: list[BotProcess] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            scratch = Path(folder)
            await asyncio.to_thread(migrate, database_url, scratch)
            limits = Limits(enabled=True)
            async with BotAPIEmulator(TOKEN, bot_username="fault_bot", limits=limits) as emu:
                users = [emu.add_user(f"Школа {n}") for n in range(options.recipients)]
                await queue_broadcast(database_url, [u.id for u in users])
                for index in range(options.replicas):
                    env = replica_env(emu, database_url, free_port())
                    processes.append(BotProcess(env, scratch / f"replica{index}"))
                    await processes[-1].start()
                elapsed, kills, restarts = await watch(users, processes, options)
                await asyncio.sleep(2)  # anything still in flight lands
                counts = [len(u.inbox) for u in users]
                for process in processes:
                    await process.stop()
                processes.clear()
                recorded = await outbox_delivered(database_url)
                rate_limited = emu.stats.rate_limited
    finally:
        for process in processes:
            await process.stop()
        await drop_postgres(database_url)
    return {
        "recipients": options.recipients,
        "replicas": options.replicas,
        "msgs_per_s": round(sum(counts) / elapsed, 1) if elapsed else 0.0,
        "rate_limited": rate_limited,
        "lost": sum(1 for c in counts if c == 0),
        "duplicates": sum(c - 1 for c in counts if c > 1),
        "kills": kills,
        "db_restarts": restarts,
        "outbox_delivered": recorded,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--restart-db", default="pg_ctlcluster 15 main restart")
    print(json.dumps(asyncio.run(main(parser.parse_args()))))
