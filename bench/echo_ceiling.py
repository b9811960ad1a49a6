"""The ceiling every later performance goal is measured against.

A minimal aiogram echo bot and this bot (`python -m bot`, answering /start) each run as a
separate process polling the in-process emulator; `--users` scripted users each send `--messages`
messages one at a time, waiting for each reply (a closed loop, as people do). Prints updates/s and
reply latency.
The last line is one JSON object:
{"echo_updates_per_s": …, "echo_p95_ms": …, "bot_updates_per_s": …, "bot_p95_ms": …}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from emulator import BotAPIEmulator
from emulator.botproc import BotProcess
from emulator.chats import FakeUser

ROOT = Path(__file__).resolve().parent.parent  # the bench package's project

TOKEN = "123456:BENCH-token"


async def converse(user: FakeUser, text: str, messages: int, latencies: list[float]) -> None:
    for _ in range(messages):
        sent = time.perf_counter()
        await user.send_text(text)
        await user.wait_for_messages(1, timeout=60)
        latencies.append(time.perf_counter() - sent)


async def measure(
    emu: BotAPIEmulator, process: BotProcess, text: str, users: int, messages: int
) -> dict[str, float]:
    await process.start()
    try:
        # A warm-up user makes sure the process finished its start-up before the clock runs.
        warm = emu.add_user("Разминка")
        await converse(warm, text, 1, [])
        people = [emu.add_user(f"Пользователь {i}") for i in range(users)]
        latencies: list[float] = []
        started = time.perf_counter()
        await asyncio.gather(*(converse(p, text, messages, latencies) for p in people))
        elapsed = time.perf_counter() - started
    finally:
        await process.stop()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "updates_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
    }


async def main(users: int, messages: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, module, text in (("echo", "bench.echo_bot", "привет"), ("bot", "bot", "/start")):
            async with BotAPIEmulator(TOKEN, bot_username="bench_bot") as emu:
                workdir = Path(scratch) / name
                env = {
                    "BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_URL": emu.base_url,
                    "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
                }
                figures = await measure(
                    emu,
                    BotProcess(env, workdir, module=module, pythonpath=ROOT),
                    text,
                    users,
                    messages,
                )
            print(f"{name:>4}: {figures}")
            results.update({f"{name}_{key}": value for key, value in figures.items()})
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20, help="messages per user")
    options = parser.parse_args()
    figures = asyncio.run(main(options.users, options.messages))
    print(
        json.dumps(
            {
                "echo_updates_per_s": figures["echo_updates_per_s"],
                "echo_p95_ms": figures["echo_p95_ms"],
                "bot_updates_per_s": figures["bot_updates_per_s"],
                "bot_p95_ms": figures["bot_p95_ms"],
                "echo_p50_ms": figures["echo_p50_ms"],
                "bot_p50_ms": figures["bot_p50_ms"],
            }
        )
    )
