"""Start-up: from starting `python -m bot` (the default mode: one process, SQLite, long polling
against the emulator) to the reply to a /start that was waiting when it started. Twice per
round: on a new database (migrations run) and on a restart (the database is at the newest
revision already), `--rounds` rounds; the median of each is reported.

Last line: {"new_database_s": …, "restart_s": …, "rounds": …}.
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

from bench.load import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:STARTUP-bench"


async def first_reply(emu: BotAPIEmulator, folder: Path, n: int) -> float:
    """Seconds from the process's start to the reply of a /start already waiting."""
    person = emu.add_user(f"Первый {n}")
    await person.send_text("/start")
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bot.db'}",
        "LOG_LEVEL": "WARNING",
        "WEBAPP_LISTEN": f"127.0.0.1:{free_port()}",
    }
    process = BotProcess(env, folder / f"run{n}", pythonpath=ROOT)
    started = time.perf_counter()
    await process.start()
    try:
        await person.wait_for_messages(1, timeout=120)
        return time.perf_counter() - started
    except TimeoutError:
        print(process.log()[-3000:])
        raise
    finally:
        await process.stop()


async def run(rounds: int) -> dict[str, float | int]:
    new: list[float] = []
    restart: list[float] = []
    async with BotAPIEmulator(TOKEN, bot_username="startup_bot") as emu:
        for n in range(rounds):
            with tempfile.TemporaryDirectory() as scratch:
                folder = Path(scratch)
                new.append(await first_reply(emu, folder, 2 * n))
                restart.append(await first_reply(emu, folder, 2 * n + 1))
            print(f"round {n + 1}: new database {new[-1]:.2f} s, restart {restart[-1]:.2f} s")
    return {
        "new_database_s": round(statistics.median(new), 2),
        "restart_s": round(statistics.median(restart), 2),
        "rounds": rounds,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    print(json.dumps(asyncio.run(run(parser.parse_args().rounds))))
