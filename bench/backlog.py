"""Backlog: the bot was down while people kept writing (Telegram keeps a day of updates), then
starts. `--users` people have sent `--each` messages each before the bot process starts
(`python -m bot`, the default single-process SQLite mode, long polling against the emulator).
While the backlog is worked off, a fresh person writes /help every `--probe-every` seconds; their
reply latency shows whether people writing now wait behind the backlog. The queued updates
are let age `--age` seconds before the start, as a real backlog is old.

Last line: {"updates": …, "drain_s": …, "peak_rss_mb": …, "lost": …, "fresh_p95_ms": …}
(`drain_s` from the process's start to the backlog's last reply; `lost`: backlog messages still
unanswered `--grace` seconds after the last reply; `peak_rss_mb`: the process's VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from emulator import BotAPIEmulator, FakeUser
from emulator.botproc import BotProcess
from emulator.server import Call

from bench.load import peak_rss_mb
from bot.polling import FRESH_S

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BACKLOG-bench"
MESSAGES = ("/help", "/webinars", "/help", "/start")  # one reply each


class Answers:
    """Counts the bot's new messages per chat."""

    def __init__(self, emu: BotAPIEmulator) -> None:
        self.per_chat: Counter[int] = Counter()
        self.last_at = time.perf_counter()
        emu.on_call.append(self._on_call)

    def _on_call(self, call: Call) -> None:
        if call.method == "sendMessage" and call.ok:
            self.per_chat[int(call.params.get("chat_id", 0))] += 1
            self.last_at = time.perf_counter()


async def probe(emu: BotAPIEmulator, answers: Answers, n: int) -> float:
    person = emu.add_user(f"Свежий {n}")
    started = time.perf_counter()
    await person.send_text("/help")
    await person.wait_for_messages(1, timeout=600)
    return time.perf_counter() - started


async def run(options: argparse.Namespace) -> dict[str, float | int]:
    async with BotAPIEmulator(TOKEN, bot_username="backlog_bot") as emu:
        answers = Answers(emu)
        backlog = [emu.add_user(f"Школа {n}") for n in range(options.users)]
        for round_ in range(options.each):
            for user in backlog:
                await user.send_text(MESSAGES[round_ % len(MESSAGES)])
        updates = options.users * options.each
        # Telegram keeps a day of updates; the bot treats those older than a minute as backlog
        # (people writing now go first), so the queued ones are let age before the start.
        await asyncio.sleep(options.age)
        with tempfile.TemporaryDirectory() as scratch:
            env = {
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": emu.base_url,
                "DATABASE_URL": f"sqlite+aiosqlite:///{Path(scratch) / 'bot.db'}",
                "LOG_LEVEL": "WARNING",
            }
            process = BotProcess(env, Path(scratch), pythonpath=ROOT)
            started = time.perf_counter()
            await process.start()
            try:
                fresh = await probe_until_drained(emu, answers, backlog, options, updates)
                rss = peak_rss_mb(process.pid)
            finally:
                await process.stop()
        answered = sum(min(answers.per_chat[u.id], options.each) for u in backlog)
    cuts = statistics.quantiles(fresh, n=100) if len(fresh) > 1 else [fresh[0] if fresh else 0] * 99
    return {
        "updates": updates,
        "drain_s": round(answers.last_at - started, 1),
        "peak_rss_mb": rss,
        "lost": updates - answered,
        "fresh_p95_ms": round(cuts[94] * 1000, 1),
    }


async def probe_until_drained(
    emu: BotAPIEmulator,
    answers: Answers,
    backlog: list[FakeUser],
    options: argparse.Namespace,
    updates: int,
) -> list[float]:
    """Fresh people write while the backlog drains; returns their latencies."""
    ids = [u.id for u in backlog]
    latencies: list[float] = []
    probes: list[asyncio.Task[float]] = []
    n = 0
    while True:
        answered = sum(min(answers.per_chat[i], options.each) for i in ids)
        quiet = time.perf_counter() - answers.last_at
        if answered >= updates or (answered and quiet > options.grace):
            break
        if not answered:  # still starting: start-up is not what the probes measure
            await asyncio.sleep(0.2)
            continue
        probes.append(asyncio.create_task(probe(emu, answers, n)))
        n += 1
        await asyncio.sleep(options.probe_every)
        print(f"answered {answered}/{updates}, probes sent {n}", flush=True)
    for task in probes:
        latencies.append(await task)
    return latencies


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--each", type=int, default=10, help="messages each sent while down")
    parser.add_argument("--probe-every", type=float, default=1.0)
    parser.add_argument("--grace", type=float, default=60.0)
    parser.add_argument(
        "--age", type=float, default=FRESH_S + 10, help="seconds the backlog waits before the start"
    )
    return parser.parse_args()


if __name__ == "__main__":
    figures = asyncio.run(run(parse()))
    print(json.dumps(figures))
