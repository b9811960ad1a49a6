"""The review board at national-programme scale: `--schools` schools (3,000 by default) in 60
municipalities of one region, a season with 10 reporting steps, `--submissions` confirmations
(2,000: three in five awaiting review, the rest accepted or returned), a curator for every ten
schools and an account for every school (SQLite file, as the embedded default).

Through the board's real HTTP application (in-process client, the regional coordinator signed in
with initData), times: the matrix page (3,000 schools × 10 steps rendered server-side, median of
5 after a warm-up), the gallery page of 50 cards, one bulk accept of 100 versions (the decisions
and their notices queued in the outbox, one transaction), and a thumbnail of a phone screenshot
(1170 × 2532 PNG) made the first time and read from the cache after.

Last line: {"schools": 3000, "matrix_ms": …, "gallery_50_ms": …, "bulk_accept_100_ms": …,
"thumb_ms": …}; targets: matrix under 500 ms, bulk accept under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import yaml
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from PIL import Image, ImageDraw
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App, build_app
from core.config import load_settings
from services.calendar import CALENDAR_FILE, read_yaml
from services.calendar_io import calendar_for, save_version
from services.clock import ManualClock
from services.file_store import FileStore
from services.regions import sync_regions
from services.thumbnails import Thumbnails
from storage.migrate import upgrade_async
from storage.models import (
    Municipality,
    OutboxMessage,
    RoleGrant,
    School,
    Submission,
    SubmissionFile,
    User,
)
from webapp.app import build_root_app
from webapp.auth import INIT_DATA_HEADER
from webapp.server import settle_memory

REGION = "24"
STEPS = 10
TOKEN = "123456:BENCH-review-board"
COORDINATOR = 1
NOW = datetime(2022, 10, 10, 7, 0, tzinfo=UTC)
Client = TestClient[web.Request, web.Application]
SIZES: dict[str, int] = {}  # bytes of each page timed


def season_with_steps(count: int) -> str:
    """The shipped 2022 calendar with dated items (federal ones first) made reporting steps
    until `count` are (the shipped season has 4)."""
    raw = read_yaml(CALENDAR_FILE.read_text(encoding="utf-8"))
    items = [item for stage in raw["stages"] for item in stage["steps"]]
    reporting = sum(1 for item in items if item.get("screenshot"))
    dated = [item for item in items if item.get("deadline") and not item.get("screenshot")]
    for item in sorted(dated, key=lambda item: bool(item.get("regions")))[: count - reporting]:
        item["screenshot"] = True
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)


def init_data(user_id: int) -> str:
    """initData as Telegram signs it (the bench is the only holder of the token)."""
    import hashlib
    import hmac
    from urllib.parse import urlencode

    fields = {
        "auth_date": str(int(time.time())),
        "user": json.dumps({"id": user_id, "first_name": "Координатор"}, separators=(",", ":")),
    }
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def phone_screenshot() -> bytes:
    """A 1170 × 2532 PNG with text-like stripes, the size of a phone's screenshot."""
    image = Image.new("RGB", (1170, 2532), (246, 246, 250))
    draw = ImageDraw.Draw(image)
    for n in range(60):
        top = 120 + n * 38
        draw.rectangle((60, top, 60 + (n * 97) % 1000 + 80, top + 18), fill=(40, 40, 60))
    draw.rectangle((0, 0, 1170, 90), fill=(42, 122, 226))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


async def seed(
    sessions: async_sessionmaker[AsyncSession], schools: int, submissions: int, sha: str
) -> None:
    async with sessions.begin() as session:
        await sync_regions(session)
        await save_version(session, None, 2022, season_with_steps(STEPS), COORDINATOR)
        await session.execute(
            insert(Municipality),
            [
                {"id": m + 1, "region_code": REGION, "name": f"Район № {m + 1:02d}"}
                for m in range(60)
            ],
        )
        await session.execute(
            insert(School),
            [
                {
                    "id": n + 1,
                    "code": f"edu24{n:05d}",
                    "name": f"МБОУ «СШ № {n + 1}»",
                    "municipality_id": n % 60 + 1,
                }
                for n in range(schools)
            ],
        )
        curators = schools // 10
        people = [{"id": COORDINATOR, "first_name": "Координатор", "language": "ru"}]
        people += [
            {"id": 1000 + c, "first_name": f"Куратор {c}", "language": "ru"}
            for c in range(curators)
        ]
        people += [
            {"id": 100_000 + n, "first_name": f"Школа {n + 1}", "language": "ru"}
            for n in range(schools)
        ]
        now = NOW
        for person in people:
            person.update(is_reachable=True, created_at=now, updated_at=now)
        await session.execute(insert(User), people)
        grants: list[dict[str, object]] = [
            {"user_id": COORDINATOR, "role": "regional", "region_code": REGION, "created_at": now}
        ]
        for n in range(schools):
            place = {"region_code": REGION, "municipality_id": n % 60 + 1, "school_id": n + 1}
            grants.append({"user_id": 100_000 + n, "role": "school", "created_at": now, **place})
            grants.append(
                {"user_id": 1000 + n % curators, "role": "curator", "created_at": now, **place}
            )
        await session.execute(insert(RoleGrant), grants)
        calendar = await calendar_for(session, REGION)
        keys = [s.key for s in calendar.steps() if s.screenshot]
        assert len(keys) == STEPS, keys
        rows: list[dict[str, object]] = []
        files: list[dict[str, object]] = []
        statuses = ("submitted", "submitted", "accepted", "submitted", "returned")
        for n in range(submissions):
            school = (n * 7) % schools + 1
            status = statuses[n % len(statuses)]
            sent = now - timedelta(hours=submissions - n)
            rows.append(
                {
                    "id": n + 1,
                    "school_id": school,
                    "step_key": keys[(n // schools + n) % STEPS],
                    "season": 2022,
                    "version": 1,
                    "status": status,
                    "submitted_by": 100_000 + school - 1,
                    "submitted_at": sent,
                    "created_at": sent,
                    "reviewed_at": None if status == "submitted" else now,
                    "reviewed_by": None if status == "submitted" else COORDINATOR,
                }
            )
            files.append(
                {
                    "submission_id": n + 1,
                    "kind": "photo",
                    "file_id": f"f{n}",
                    "file_unique_id": f"u{n}",
                    "sha256": sha,
                    "content_type": "image/png",
                    "download_attempts": 0,
                    "created_at": sent,
                }
            )
        await session.execute(insert(Submission), rows)
        await session.execute(insert(SubmissionFile), files)
    waiting = sum(1 for r in rows if r["status"] == "submitted")
    print(
        f"seeded {schools} schools, {STEPS} steps, {submissions} submissions "
        f"({waiting} awaiting review), {len(grants) - 1} school and curator grants"
    )


async def timed(client: Client, path: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    response = await client.get(path, headers=headers)
    body = await response.read()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status == 200, (path, response.status, body[:300])
    SIZES[path] = len(body)
    return elapsed


async def run(schools: int, submissions: int, folder: Path) -> dict[str, float | int]:
    database = folder / "board.db"
    settings = load_settings(
        _env_file=None,
        bot_token=TOKEN,
        database_url=f"sqlite+aiosqlite:///{database}",
        files_dir=folder / "files",
    )
    await upgrade_async(settings.database_url)
    picture = phone_screenshot()

    async def write(file_id: str, destination: BinaryIO) -> None:
        destination.write(picture)

    stored = await FileStore(settings.files_dir).fetch("bench", write)
    print(f"a phone screenshot: 1170 × 2532 PNG, {len(picture) // 1024} KB")
    app: App = build_app(settings, clock=ManualClock(NOW), autostart_background=False)
    try:
        await seed(app.sessionmaker, schools, submissions, stored.sha256)
        headers = {INIT_DATA_HEADER: init_data(COORDINATOR), "Accept": "text/html"}
        settle_memory()  # as the bot does when it starts the board
        client: Client = TestClient(TestServer(build_root_app(app)))
        await client.start_server()
        try:
            figures = await measure(app, client, headers, stored.sha256)
        finally:
            await client.close()
    finally:
        await app.close()
    return {"schools": schools, **figures}


async def measure(app: App, client: Client, headers: dict[str, str], sha: str) -> dict[str, float]:
    await timed(client, "/board/", headers)  # warm-up: templates compiled, caches filled
    matrix = [await timed(client, "/board/", headers) for _ in range(5)]
    matrix_ms = statistics.median(matrix)
    filtered = statistics.median([await timed(client, "/board/?m=7", headers) for _ in range(5)])
    await timed(client, "/board/review", headers)
    gallery = statistics.median([await timed(client, "/board/review", headers) for _ in range(5)])
    runs = [round(m) for m in matrix]
    print(
        f"matrix (3,000 × 10, counts over all, first page of 500 rows): median {matrix_ms:.0f} ms "
        f"of {runs}, {SIZES['/board/'] // 1024} KB; one municipality: {filtered:.0f} ms"
    )
    print(f"gallery (50 cards): median {gallery:.0f} ms, {SIZES['/board/review'] // 1024} KB")

    async with app.sessionmaker() as session:
        waiting = list(
            await session.scalars(
                select(Submission.id)
                .where(Submission.status == "submitted")
                .order_by(Submission.submitted_at)
                .limit(100)
            )
        )
        before = await session.scalar(select(func.count(OutboxMessage.id))) or 0
    started = time.perf_counter()
    response = await client.post(
        "/board/review/accept",
        json={"ids": waiting},
        headers={INIT_DATA_HEADER: headers[INIT_DATA_HEADER]},
    )
    outcome = await response.json()
    bulk_ms = (time.perf_counter() - started) * 1000
    assert response.status == 200, outcome
    assert len(outcome["accepted"]) == 100, outcome
    async with app.sessionmaker() as session:
        queued = (await session.scalar(select(func.count(OutboxMessage.id))) or 0) - before
    print(f"bulk accept of 100: {bulk_ms:.0f} ms, {queued} notices queued in the outbox")

    thumbnails = Thumbnails(app.settings.files_dir)
    started = time.perf_counter()
    made = await asyncio.to_thread(thumbnails.get, sha, "image/png")
    thumb_ms = (time.perf_counter() - started) * 1000
    assert made is not None
    started = time.perf_counter()
    await asyncio.to_thread(thumbnails.get, sha, "image/png")
    cached_ms = (time.perf_counter() - started) * 1000
    with Image.open(made) as image:
        size = image.size
    print(
        f"thumbnail: made in {thumb_ms:.0f} ms ({size[0]} × {size[1]} JPEG, "
        f"{made.stat().st_size // 1024} KB), from the cache {cached_ms:.2f} ms"
    )
    return {
        "matrix_ms": round(matrix_ms, 1),
        "gallery_50_ms": round(gallery, 1),
        "bulk_accept_100_ms": round(bulk_ms, 1),
        "thumb_ms": round(thumb_ms, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=3000)
    parser.add_argument("--submissions", type=int, default=2000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(run(options.schools, options.submissions, Path(folder)))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
