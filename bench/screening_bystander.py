"""A bystander's /start while screenshots are checked, through the real bot process.

The default mode (`python -m bot`: one process, SQLite, long polling) against the emulator.
`--schools` schools each send one generated screenshot for step 2 at once (/submit, the step,
the picture, «Отправить на проверку»); the bot checks them in its worker pool. From the first
submission until every check has its verdict, bystanders (registered curators, taking turns so
that no one trips the flood control) send /start every `--every` seconds; the latency is from
the message to the bot's reply. The figures are split where the last school's «Отправить на
проверку» was answered: before it the bot also handles the schools' own 200 updates (the inbound
load of issue 17, `sending_p95_ms`), after it only the checks run beside the bystanders
(`bystander_p95_ms`, the goal of issue 19). A quiet round of /start before the screenshots gives
the baseline of the same run.

Last line: {"screenshots": …, "checked_s": …, "bystander_starts": …, "bystander_p95_ms": …,
"bystander_p99_ms": …, "sending_p95_ms": …, "quiet_p95_ms": …}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from emulator import BotAPIEmulator, FakeUser
from emulator.botproc import BotProcess
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.screenshot_checks import percentile
from services.directory_import import DirectoryImport, Parsed, SchoolRow
from services.permissions import Scope
from services.regions import sync_regions
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from storage.models.screening import SubmissionScreening
from storage.repositories.directory import DirectoryRepository
from tests.directory_fixtures import make_coordinator
from tests.screening.generate import email_page, png, schools

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BYSTANDER-bench"
CLOCK_START = "2022-10-03T09:00:00+03:00"  # inside the 2022 season, step 2 open
STEP_2 = "2. Установление контакта со школой-партнёром"
CITY = "город Смоленск"


async def seed(
    sessions: async_sessionmaker[AsyncSession], emu: BotAPIEmulator, count: int, watchers: int
) -> tuple[list[FakeUser], list[FakeUser]]:
    """`count` schools with one person each, and `watchers` curators of the first school."""
    codes = [f"edu67{9000 + n}" for n in range(count)]
    rows = [SchoolRow(n + 2, CITY, code, f"МБОУ «СШ № {100 + n}»") for n, code in enumerate(codes)]
    async with sessions.begin() as session:
        await sync_regions(session)
        await DirectoryImport(session).seed(Scope("67"), Parsed(schools=rows), importer_id=0)
        by_code = await DirectoryRepository(session).schools_by_codes(codes)
        municipality = by_code[codes[0]].municipality_id
        people = []
        for n, code in enumerate(codes):
            person = emu.add_user(f"Школа {n}")
            scope = Scope("67", municipality, by_code[code].id)
            await make_coordinator(session, person.id, person.first_name, "school", scope)
            people.append(person)
        bystanders = []
        for n in range(watchers):
            person = emu.add_user(f"Куратор {n}")
            scope = Scope("67", municipality, by_code[codes[0]].id)
            await make_coordinator(session, person.id, person.first_name, "curator", scope)
            bystanders.append(person)
    return people, bystanders


async def send_screenshot(emu: BotAPIEmulator, school: FakeUser, picture: bytes) -> None:
    """The school's journey: /submit, step 2, the picture, «Отправить на проверку»."""
    school.chat.mark_read()
    await school.send_text("/submit")
    (steps,) = await school.wait_for_messages(timeout=120)
    step = next((text for text in steps.button_texts if STEP_2 in text), None)
    if step is None:
        raise LookupError(f"no step 2 on {steps.text!r}: {steps.button_texts}")
    await emu.wait_answered(await school.tap(steps, step), timeout=120)
    await school.send_photo(picture)
    (received,) = await school.wait_for_messages(timeout=120)
    await emu.wait_answered(await school.tap(received, "✅ Отправить на проверку"), timeout=120)


async def start_latency(person: FakeUser) -> tuple[float, float]:
    """When the /start was sent, and its reply's latency in ms."""
    person.chat.mark_read()
    started = time.perf_counter()
    await person.send_text("/start")
    await person.wait_for_messages(1, timeout=120)
    return started, (time.perf_counter() - started) * 1000


async def checked(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        query = select(func.count()).where(SubmissionScreening.verdict != "pending")
        return int(await session.scalar(query.select_from(SubmissionScreening)) or 0)


async def watch(
    sessions: async_sessionmaker[AsyncSession],
    bystanders: list[FakeUser],
    count: int,
    sending: asyncio.Future[list[None]],
    every: float,
) -> tuple[list[tuple[float, float]], float]:
    """/start by the bystanders in turn until `count` checks have a verdict: when each was sent
    and its latency, and how long the checks took from the first screenshot."""
    started = time.perf_counter()
    probes: list[asyncio.Task[tuple[float, float]]] = []
    turn = 0
    while await checked(sessions) < count:
        if sending.done() and sending.exception() is not None:
            raise RuntimeError("a school could not send its screenshot") from sending.exception()
        if time.perf_counter() - started > 600:
            raise TimeoutError(f"only {await checked(sessions)} of {count} checked in 10 min")
        probes.append(asyncio.create_task(start_latency(bystanders[turn % len(bystanders)])))
        turn += 1
        await asyncio.sleep(every)
    took = time.perf_counter() - started
    return list(await asyncio.gather(*probes)), took


def pictures(count: int) -> list[bytes]:
    """Genuine-looking letters naming a partner school, each different (no copies)."""
    rng = random.Random(19)
    infos = schools(max(2, count + 1))
    day = date(2022, 9, 20)
    return [
        png(email_page(rng, infos[n], infos[n + 1], day, "expertise-2").image) for n in range(count)
    ]


async def run(options: argparse.Namespace) -> dict[str, float | int]:
    files = pictures(options.schools)
    async with BotAPIEmulator(TOKEN, bot_username="bystander_bot") as emu:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            url = f"sqlite+aiosqlite:///{folder / 'bot.db'}"
            await upgrade_async(url)
            engine = create_engine(url)
            sessions = create_sessionmaker(engine)
            people, bystanders = await seed(sessions, emu, options.schools, options.watchers)
            env = {
                "BOT_TOKEN": TOKEN,
                "TELEGRAM_API_URL": emu.base_url,
                "DATABASE_URL": url,
                "CLOCK_START": CLOCK_START,
                "FILES_DIR": str(folder / "files"),
                "LOG_LEVEL": "WARNING",
            }
            process = BotProcess(env, folder / "bot", pythonpath=ROOT)
            await process.start()
            try:
                await emu.wait_for_call("getMe", timeout=300)
                figures = await measure(emu, sessions, people, bystanders, files, options)
            except Exception:
                print(process.log()[-6000:])
                raise
            finally:
                await process.stop()
                await engine.dispose()
    return figures


async def measure(
    emu: BotAPIEmulator,
    sessions: async_sessionmaker[AsyncSession],
    people: list[FakeUser],
    bystanders: list[FakeUser],
    files: list[bytes],
    options: argparse.Namespace,
) -> dict[str, float | int]:
    warm = [await start_latency(bystanders[n % len(bystanders)]) for n in range(options.quiet)]
    quiet = [ms for _, ms in warm[len(bystanders) :]]  # the first /start of each warms up
    sent_at: list[float] = []
    sending = asyncio.gather(
        *(send_screenshot(emu, p, f) for p, f in zip(people, files, strict=True))
    )
    sending.add_done_callback(lambda _: sent_at.append(time.perf_counter()))
    probes, took = await watch(sessions, bystanders, len(people), sending, options.every)
    await sending
    # While the schools send, the bot handles their 4 updates each as well: that is the inbound
    # load of issue 17. After the last one, what is left is the checks.
    busy = [ms for at, ms in probes if at < sent_at[0]]
    checking = [ms for at, ms in probes if at >= sent_at[0]]
    print(
        f"{len(people)} screenshots sent in {sent_at[0] - probes[0][0]:.1f} s, "
        f"checked in {took:.1f} s"
    )
    for name, values in (("quiet", quiet), ("while sending", busy), ("while checking", checking)):
        print(f"bystander /start {name}: {summary(values)}")
    return {
        "screenshots": len(people),
        "checked_s": round(took, 1),
        "bystander_starts": len(checking),
        "bystander_p95_ms": round(percentile(checking, 0.95), 1),
        "bystander_p99_ms": round(percentile(checking, 0.99), 1),
        "sending_p95_ms": round(percentile(busy, 0.95), 1),
        "quiet_p95_ms": round(percentile(quiet, 0.95), 1),
    }


def summary(values: list[float]) -> str:
    if not values:
        return "none"
    return (
        f"n {len(values)}, p50 {statistics.median(values):.0f} ms, "
        f"p95 {percentile(values, 0.95):.0f} ms, p99 {percentile(values, 0.99):.0f} ms, "
        f"max {max(values):.0f} ms"
    )


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=50, help="screenshots sent at once")
    parser.add_argument("--watchers", type=int, default=10, help="bystanders taking turns")
    parser.add_argument("--every", type=float, default=0.25, help="seconds between /start")
    parser.add_argument("--quiet", type=int, default=40, help="/start before the screenshots")
    return parser.parse_args()


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(parse()))))
