"""For the review board's tests: Telegram's initData signed here with the bot token, as
Telegram's servers sign it; the board served in-process; confirmations with stored files."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlencode

import numpy as np
from aiohttp.test_utils import TestClient, TestServer
from emulator import make_png
from PIL import Image

from bot.app import App
from services.file_store import FileStore
from services.file_types import sniff
from services.screening import Screener, screen_submission
from storage.models import Submission, SubmissionFile
from tests.attack_world import World
from tests.conftest import TEST_TOKEN
from webapp.app import build_root_app
from webapp.auth import CSRF_HEADER, INIT_DATA_HEADER

STEP = "expertise-3"  # due 7 October 2022 (Smolensk): the test clock's 3 October is before it
STEP_2 = "expertise-2"  # no federal date: missing, never "not due yet"


def init_data(
    user_id: int,
    *,
    first_name: str = "Тест",
    auth_date: float | None = None,
    token: str = TEST_TOKEN,
    language_code: str = "ru",
) -> str:
    """initData as Telegram gives a Mini App: fields, then their HMAC keyed by the bot token."""
    user = {"id": user_id, "first_name": first_name, "language_code": language_code}
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(int(time.time() if auth_date is None else auth_date)),
    }
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def as_person(user_id: int, **kwargs: object) -> dict[str, str]:
    """Request headers of a Mini App request as that person."""
    return {INIT_DATA_HEADER: init_data(user_id, **kwargs)}  # type: ignore[arg-type]


HTML = {"Accept": "text/html"}


@asynccontextmanager
async def board_client(app: App) -> AsyncIterator[TestClient[object, object]]:
    client: TestClient[object, object] = TestClient(TestServer(build_root_app(app)))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()


async def signed_in(client: TestClient[object, object], user_id: int) -> dict[str, str]:
    """Signs in with initData (the cookie stays in the client); returns the CSRF header pages
    carry for their scripts."""
    response = await client.post("/board/auth", json={"initData": init_data(user_id)})
    assert response.status == 200, await response.text()
    page = await client.get("/board/", headers=HTML)
    text = await page.text()
    csrf = text.split('data-csrf="', 1)[1].split('"', 1)[0]
    return {CSRF_HEADER: csrf}


async def confirmation(
    app: App,
    school_id: int,
    by: int,
    *,
    step: str = STEP,
    version: int = 1,
    status: str = "submitted",
    picture: bytes | None = None,
    caption: str | None = None,
    comment: str | None = None,
) -> tuple[int, int]:
    """A version sent with one stored screenshot; returns (submission id, file id)."""
    data = picture or make_png(320, 640, rgb=(30 + school_id % 200, 90, 160))
    stored = await FileStore(app.settings.files_dir).fetch("x", _writer(data))
    now = app.clock.now()
    async with app.sessionmaker.begin() as session:
        submission = Submission(
            school_id=school_id,
            step_key=step,
            season=2022,
            version=version,
            status=status,
            submitted_by=by,
            submitted_at=now,
            comment=comment,
        )
        session.add(submission)
        await session.flush()
        file = SubmissionFile(
            submission_id=submission.id,
            kind="photo",
            file_id=f"file-{submission.id}",
            file_unique_id=f"unique-{submission.id}",
            caption=caption,
            sha256=stored.sha256,
            size=stored.size,
            content_type=sniff(stored.head),
        )
        session.add(file)
        await session.flush()
        return submission.id, file.id


def _writer(data: bytes):  # type: ignore[no-untyped-def]
    async def write(_file_id: str, out) -> None:  # type: ignore[no-untyped-def]
        out.write(data)

    return write


def noise_png(seed: int, width: int = 480, height: int = 640) -> bytes:
    """A picture with detail (neither blank nor tiny), so the checks hash it and look for
    copies of it; the same seed gives the same bytes."""
    pixels = np.random.default_rng(seed).integers(0, 256, (height // 8, width // 8, 3), np.uint8)
    image = Image.fromarray(pixels).resize((width, height), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def screened(app: App, *submission_ids: int) -> None:
    """Runs the bot's real checks on the submissions, in this order (an earlier one is what a
    later one may be a copy of): threads and no OCR, as the screening tests run them."""
    screener = Screener(workers=1, kind="thread", ocr=False)
    try:
        for submission_id in submission_ids:
            async with app.sessionmaker() as session:
                result = await screen_submission(
                    session, app.settings.files_dir, submission_id, screener, app.clock.now()
                )
                await session.commit()
            assert result is not None, submission_id
    finally:
        screener.close()


async def copies_across_municipalities(app: App, world: World) -> dict[str, int]:
    """Каспля (the district) sends a picture first and СШ 10 (the city) the same one; СШ 9 sends
    another first and СШ 21 the same. Checked in that order: the city's two are copies."""
    school = world.place.school_ids
    district, _ = await confirmation(
        app, school["edu671101"], world["school_district"].id, picture=noise_png(31)
    )
    of_district, _ = await confirmation(
        app, school["edu670010"], world["curator"].id, picture=noise_png(31)
    )
    city, _ = await confirmation(
        app, school["edu670009"], world["curator"].id, picture=noise_png(32)
    )
    of_city, _ = await confirmation(
        app, school["edu670021"], world["curator"].id, picture=noise_png(32)
    )
    await screened(app, district, of_district, city, of_city)
    return {"district": district, "of_district": of_district, "city": city, "of_city": of_city}
