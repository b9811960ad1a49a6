"""Broadcast through the delivery layer: the real bot process (`python -m bot`) delivers one
campaign from its outbox to `--recipients` users of the emulator, whose Telegram limits (30
messages/s overall, 1/s per chat) are switched on. `--kill` SIGKILLs the bot at 30% and 70% and
starts it again. Counts sustained messages/s, 429s received, lost and duplicated messages.
Last line: {"recipients": …, "msgs_per_s": …, "rate_limited": …, "lost": …, "duplicates": …,
"kills": …} (targets: ≥ 29/s, 0 429s, 0 lost, ≤ 1 duplicate per kill).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from emulator import BotAPIEmulator
from emulator.botproc import BotProcess
from emulator.limits import Limits
from emulator.server import Call

from services.delivery import Outgoing, enqueue
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from storage.models import User

TOKEN = "123456:BROADCAST-bench"


async def prepare(url: str, chat_ids: list[int]) -> None:
    await upgrade_async(url)
    engine = create_engine(url)
    async with create_sessionmaker(engine).begin() as session:
        session.add_all(User(id=c, first_name="Школа", language="ru") for c in chat_ids)
        await session.flush()
        text = "📣 Координатор: в четверг в 10:00 (МСК) вебинар о взаимоэкспертизе."
        await enqueue(session, "bench", [Outgoing(c, text) for c in chat_ids], datetime.now(UTC))
    await engine.dispose()


def _count(call: Call, reached: set[int]) -> None:
    if call.method == "sendMessage" and call.ok:
        reached.add(int(call.params["chat_id"]))


async def main(recipients: int, kill: bool) -> dict[str, float | int]:
    limits = Limits(enabled=True)
    async with BotAPIEmulator(TOKEN, bot_username="bench_bot", limits=limits) as emu:
        users = [emu.add_user(f"Школа {n}") for n in range(recipients)]
        reached: set[int] = set()  # counted as calls come, not by scanning 10,000 inboxes
        emu.on_call.append(lambda call: _count(call, reached))
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bot.db'}"
            await prepare(url, [u.id for u in users])
            env = {
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": emu.base_url,
                "DATABASE_URL": url,
                "LOG_LEVEL": "WARNING",
            }
            process = BotProcess(env, Path(folder) / "bot")
            started = time.perf_counter()
            await process.start()
            kills = 0
            first: float | None = None
            marks = [0.3, 0.7] if kill else []
            deadline = started + recipients / 20 + 120
            while time.perf_counter() < deadline:
                delivered = len(reached)
                if first is None and delivered:
                    first = time.perf_counter()  # the sustained rate starts with sending
                if marks and delivered >= marks[0] * recipients:
                    marks.pop(0)
                    await process.kill()
                    kills += 1
                    await process.start()
                if delivered >= recipients:
                    break
                await asyncio.sleep(0.05)
            elapsed = time.perf_counter() - (first or started)
            await process.stop()
        counts = [len(u.inbox) for u in users]
    return {
        "recipients": recipients,
        "msgs_per_s": round(sum(counts) / elapsed, 1),
        "rate_limited": emu.stats.rate_limited,
        "lost": sum(1 for c in counts if c == 0),
        "duplicates": sum(c - 1 for c in counts if c > 1),
        "kills": kills,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--kill", action="store_true")
    options = parser.parse_args()
    print(json.dumps(asyncio.run(main(options.recipients, options.kill))))
