"""Load: N webhook replicas on PostgreSQL + Redis against a burst of updates, compared in the same
run with the single-process SQLite mode (long polling) and the bare echo-bot ceiling.

The emulator (in this process) delivers updates the way Telegram does: to one webhook URL, up to
40 connections at once, each chat in order. A round-robin proxy in front of the replicas stands in
for the load balancer. `--users` people each send a mix of commands, plain text and menu taps;
updates are offered at `--rate` per second for `--seconds`; each person has one action in flight
at a time, so a saturated bot slows the offer (`offer_s` says how long it took). Latency is from
the user's action to the bot's reply (a new or edited message). After the burst the bench waits
while replies keep coming; an update still unanswered `--grace` seconds after the last reply is
lost.

Last line: {"replicas": …, "handled_per_s": …, "p95_ms": …, "p99_ms": …, "lost": …,
"sqlite_handled_per_s": …, "sqlite_p95_ms": …, "sqlite_p99_ms": …, "sqlite_peak_rss_mb": …,
"echo_handled_per_s": …} (with `--modes`, only the figures of the modes run; `errors` and
`sqlite_errors` count replies that were the bot's «Что-то пошло не так»; `cpu_ms_per_update`,
`sqlite_…` and `echo_…` the processes' CPU per handled update, `replica_cpu_ms_max` the busiest
replica's: how many updates a core can take, which N replicas multiply by their cores).
`--py-spy FILE` records where the SQLite process spends its time holding the GIL (raw py-spy
output; needs `uvx py-spy`).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import asyncpg
from aiohttp import web
from emulator import BotAPIEmulator, make_png
from emulator.botproc import BotProcess
from emulator.chats import ChatMessage, FakeUser
from emulator.server import Call
from redis.asyncio import Redis

ROOT = Path(__file__).resolve().parent.parent  # the bench package's project

TOKEN = "123456:LOAD-bench"
ERROR_REPLY = "Что-то пошло не так"  # locales/ru/common.ftl error-generic
SECRET = "load-bench-secret-0123456789"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/14"
# Mixed like a deadline week: menu taps, deadline and webinar questions, screenshots sent.
SCREENSHOT = make_png(320, 200)
ACTIONS = ("start", "webinars", "help", "text", "deadline", "photo", "tap")


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    lost: int = 0
    errors: int = 0  # replies that were the bot's «something went wrong»: fast, but not handled
    offer_s: float = 0.0  # how long offering the burst took (longer than asked: bot saturated)
    elapsed: float = 0.0

    def summary(self) -> dict[str, float]:
        cuts = (
            statistics.quantiles(self.latencies, n=100) if len(self.latencies) > 1 else [0.0] * 99
        )
        return {
            "handled_per_s": round(len(self.latencies) / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(statistics.median(self.latencies) * 1000, 1) if self.latencies else 0.0,
            "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1),
            "lost": self.lost,
            "errors": self.errors,
            "sent": self.sent,
            "offer_s": round(self.offer_s, 1),
        }


class Replies:
    """Resolves a waiting user when the bot sends or edits a message in their chat."""

    def __init__(self, emu: BotAPIEmulator, figures: Figures) -> None:
        self._waiting: dict[int, asyncio.Future[None]] = {}
        self._figures = figures
        emu.on_call.append(self._on_call)

    def expect(self, chat_id: int) -> asyncio.Future[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[chat_id] = future
        return future

    def _on_call(self, call: Call) -> None:
        if call.method not in ("sendMessage", "editMessageText") or not call.ok:
            return
        chat_id = int(call.params.get("chat_id", 0))
        if str(call.params.get("text", "")).startswith(ERROR_REPLY):
            self._figures.errors += 1
        future = self._waiting.pop(chat_id, None)
        if future is not None and not future.done():
            future.set_result(None)


async def act(user: FakeUser, kind: str, replies: Replies, figures: Figures) -> None:
    reply = replies.expect(user.id)
    started = time.perf_counter()
    last: ChatMessage | None = user.last_message
    if kind == "tap" and last is not None and last.buttons:
        await user.tap(last, random.choice(last.button_texts))
    elif kind == "webinars":
        await user.send_text("/webinars")
    elif kind == "help":
        await user.send_text("/help")
    elif kind == "text":
        await user.send_text("когда следующий вебинар?")
    elif kind == "deadline":
        await user.send_text("до какого числа обмен документами?")
    elif kind == "photo":
        # A screenshot outside /submit: the bot answers how to send it (the album path of a
        # real submission is exercised by the tests; this measures the photo update's cost).
        await user.send_photo(SCREENSHOT)
    else:
        await user.send_text("/start")
    figures.sent += 1
    await reply
    figures.latencies.append(time.perf_counter() - started)


async def burst(
    emu: BotAPIEmulator,
    users: list[FakeUser],
    rate: float,
    seconds: float,
    grace: float,
    kinds: tuple[str, ...],
) -> Figures:
    """Offers `rate` updates/s for `seconds`, each from a person with nothing in flight (when
    everyone waits for the bot, the offer waits too), then drains: an action still unanswered
    after `grace` seconds without any reply arriving is lost."""
    figures = Figures()
    replies = Replies(emu, figures)
    free: asyncio.Queue[FakeUser] = asyncio.Queue()
    for user in random.sample(users, len(users)):
        free.put_nowait(user)
    tasks: set[asyncio.Task[None]] = set()
    total = int(rate * seconds)
    started = time.perf_counter()
    for n in range(total):
        await asyncio.sleep(max(0.0, started + n / rate - time.perf_counter()))
        user = await free.get()
        task = asyncio.create_task(act(user, random.choice(kinds), replies, figures))
        task.add_done_callback(_release(free, user))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    figures.offer_s = time.perf_counter() - started
    await drain(tasks, figures, grace)
    figures.elapsed = time.perf_counter() - started
    figures.lost = len(tasks)
    for task in list(tasks):
        task.cancel()
    return figures


async def drain(tasks: set[asyncio.Task[None]], figures: Figures, grace: float) -> None:
    """Waits while replies keep arriving; stops after `grace` seconds with none."""
    answered = -1
    while tasks and answered != len(figures.latencies):
        answered = len(figures.latencies)
        await asyncio.wait(set(tasks), timeout=grace)


def _release(free: asyncio.Queue[FakeUser], user: FakeUser) -> Callable[[asyncio.Task[None]], None]:
    return lambda _: free.put_nowait(user)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def round_robin_proxy(targets: list[str]) -> AsyncIterator[str]:
    """The load balancer: forwards each webhook request to the next replica."""
    turn = itertools.cycle(targets)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))

    async def forward(request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-telegram")}
        headers["Content-Type"] = "application/json"
        async with session.post(next(turn) + request.path, data=body, headers=headers) as answer:
            return web.Response(status=answer.status, body=await answer.read())

    app = web.Application()
    app.router.add_post("/{tail:.*}", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
        await session.close()


async def fresh_postgres() -> str:
    name = f"bench_load_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


async def drop_postgres(url: str) -> None:
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
    finally:
        await admin.close()


def migrate(database_url: str, workdir: Path) -> None:
    env = {"BOT_TOKEN": TOKEN, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], cwd=workdir, env=env, check=True, timeout=120
    )


async def warm_up(emu: BotAPIEmulator, count: int) -> None:
    """Each process answers once before the clock runs (start-up is not what is measured)."""
    for n in range(count):
        user = emu.add_user(f"Разминка {n}")
        await user.send_text("/start")
        await user.wait_for_messages(1, timeout=60)


async def run_replicas(options: argparse.Namespace, scratch: Path) -> dict[str, float]:
    database_url = await fresh_postgres()
    redis = Redis.from_url(REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    processes: list[BotProcess] = []
    try:
        await asyncio.to_thread(migrate, database_url, scratch)
        async with BotAPIEmulator(TOKEN, bot_username="load_bot") as emu:
            ports = [free_port() for _ in range(options.replicas)]
            async with round_robin_proxy([f"http://127.0.0.1:{p}" for p in ports]) as proxy:
                for index, port in enumerate(ports):
                    env = {
                        "BOT_TOKEN": TOKEN,
                        "TELEGRAM_API_URL": emu.base_url,
                        "DATABASE_URL": database_url,
                        "REDIS_URL": REDIS_URL,
                        "WEBHOOK_URL": f"{proxy}/telegram/hook",
                        "WEBHOOK_SECRET": SECRET,
                        "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
                        "LOG_LEVEL": "WARNING",
                    }
                    process = BotProcess(env, scratch / f"replica{index}")
                    processes.append(process)
                    await process.start()
                await emu.wait_for_call("setWebhook", count=options.replicas, timeout=60)
                await warm_up(emu, options.replicas * 2)
                users = [emu.add_user(f"Школа {n}") for n in range(options.users)]
                before = [cpu_seconds(process.pid) for process in processes]
                figures = await burst(
                    emu, users, options.rate, options.seconds, options.grace, ACTIONS
                )
                spent = [cpu_seconds(p.pid) - b for p, b in zip(processes, before, strict=True)]
    finally:
        for process in processes:
            await process.stop()
        await drop_postgres(database_url)
    return {**figures.summary(), **cpu_per_update(spent, len(figures.latencies))}


def cpu_seconds(pid: int | None) -> float:
    """User and system CPU the process has used so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_update(spent: list[float], handled: int) -> dict[str, float]:
    """CPU milliseconds per handled update, all processes together and the busiest one: with
    it the throughput N replicas would reach on N free cores reads 1000 / cpu_ms_per_update
    per core, which a 2-core box running the load generator too cannot show by itself."""
    if not handled:
        return {"cpu_ms_per_update": 0.0, "replica_cpu_ms_max": 0.0}
    return {
        "cpu_ms_per_update": round(sum(spent) * 1000 / handled, 2),
        "replica_cpu_ms_max": round(max(spent) * 1000 / (handled / len(spent)), 2),
    }


def peak_rss_mb(pid: int | None) -> float:
    """The process's high-water mark of resident memory (Linux: VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def run_single(
    options: argparse.Namespace,
    scratch: Path,
    module: str,
    kinds: tuple[str, ...],
    profile: str | None = None,
) -> dict[str, float]:
    async with BotAPIEmulator(TOKEN, bot_username="load_bot") as emu:
        workdir = scratch / module.replace(".", "_")
        env = {
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": emu.base_url,
            "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
            "LOG_LEVEL": "WARNING",
        }
        process = BotProcess(env, workdir, module=module, pythonpath=ROOT)
        await process.start()
        try:
            await warm_up(emu, 1)
            users = [emu.add_user(f"Школа {n}") for n in range(options.users)]
            spy = await start_py_spy(process.pid, options.seconds, profile) if profile else None
            before = cpu_seconds(process.pid)
            figures = await burst(emu, users, options.rate, options.seconds, options.grace, kinds)
            spent = cpu_seconds(process.pid) - before
            if spy is not None:
                await spy.wait()
            rss = peak_rss_mb(process.pid)
        finally:
            await process.stop()
    cpu = cpu_per_update([spent], len(figures.latencies))["cpu_ms_per_update"]
    return {**figures.summary(), "peak_rss_mb": rss, "cpu_ms_per_update": cpu}


async def start_py_spy(pid: int | None, seconds: float, out: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *("uvx", "py-spy", "record", "--gil", "-f", "raw", "-r", "200"),
        *("-d", str(int(seconds)), "-p", str(pid), "-o", out),
        stdout=asyncio.subprocess.DEVNULL,
    )


async def main(options: argparse.Namespace) -> dict[str, object]:
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        if "replicas" in options.modes:
            replicas = await run_replicas(options, scratch)
            print(f"{options.replicas} replicas, PostgreSQL + Redis: {replicas}", flush=True)
            result["replicas"] = options.replicas
            keys = (
                *("handled_per_s", "p95_ms", "p99_ms", "lost", "errors"),
                *("cpu_ms_per_update", "replica_cpu_ms_max"),
            )
            result.update({k: replicas[k] for k in keys})
        if "sqlite" in options.modes:
            sqlite = await run_single(options, scratch, "bot", ACTIONS, options.py_spy)
            print(f"one process, SQLite, long polling: {sqlite}", flush=True)
            for key in (
                *("handled_per_s", "p95_ms", "p99_ms", "peak_rss_mb", "lost", "errors"),
                "cpu_ms_per_update",
            ):
                result[f"sqlite_{key}"] = sqlite[key]
        if "echo" in options.modes:
            echo = await run_single(options, scratch, "bench.echo_bot", ("text",))
            print(f"echo bot ceiling: {echo}", flush=True)
            result["echo_handled_per_s"] = echo["handled_per_s"]
            result["echo_cpu_ms_per_update"] = echo["cpu_ms_per_update"]
    return result


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=500.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--grace", type=float, default=30.0, help="silence that ends the wait, s")
    parser.add_argument(
        "--modes",
        type=lambda text: set(text.split(",")),
        default={"replicas", "sqlite", "echo"},
        help="which to run, comma-separated: replicas,sqlite,echo",
    )
    parser.add_argument("--py-spy", help="record the SQLite process with py-spy into this file")
    return parser.parse_args(argv)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(parse()))))
