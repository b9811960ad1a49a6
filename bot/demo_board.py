"""The review board in the demo: a few confirmations from the seed's Smolensk schools (with
pictures drawn like a mail client's screenshots), the board served beside the terminal chat, and
a one-time login for the demo's coordinator. Also used to render the README's screenshot."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from aiohttp import web
from PIL import Image, ImageDraw, ImageFont

from bot.app import App
from core.i18n import Texts
from services.board import issue_login
from services.clock import SystemClock
from services.file_store import Downloader, FileStore
from services.file_types import sniff
from services.timefmt import MOSCOW
from storage.models import Submission, SubmissionFile
from storage.repositories.board import BoardRepository
from storage.repositories.directory import DirectoryRepository
from webapp.server import start_board

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# (school code, step, versions: (status, review comment), sender's username, caption)
CONFIRMATIONS: tuple[tuple[str, str, tuple[tuple[str, str | None], ...], str, str], ...] = (
    ("edu670009", "expertise-2", (("accepted", None),), "kudelnikova_sh9", "Письмо СШ № 33"),
    (
        "edu670009",
        "expertise-3",
        (("returned", "Не видна дата отправки письма"), ("submitted", None)),
        "zhoykin_sh33",
        "Пакет документов ушёл партнёру",
    ),
    ("edu670010", "expertise-2", (("accepted", None),), "piyaeva_sh10", "Договорились по телефону"),
    ("edu670010", "expertise-3", (("submitted", None),), "lobanova_sh27", "Отправлено 30.09"),
    ("edu670021", "expertise-2", (("submitted", None),), "slobodich_g1", "Переписка с партнёром"),
    ("edu670021", "expertise-3", (("submitted", None),), "slobodich_g1", "Документы СШ № 21"),
    ("edu670036", "expertise-2", (("returned", "Скриншот не читается"),), "novikova_sh40", ""),
)


def demo_screenshot(number: int, subject: str, sent: str) -> bytes:
    """A phone-sized picture of a sent letter: a header, the subject, lines of text, files."""
    width, height = 720, 1280
    image = Image.new("RGB", (width, height), (250, 250, 252))
    draw = ImageDraw.Draw(image)
    accent = [(42, 122, 226), (46, 125, 50), (198, 40, 40), (123, 31, 162)][number % 4]
    draw.rectangle((0, 0, width, 110), fill=accent)
    big = _font(34)
    small = _font(24)
    draw.text((32, 36), "Почта · Отправленные", fill=(255, 255, 255), font=big)
    draw.text((32, 150), subject or "Подтверждение", fill=(20, 20, 30), font=big)
    draw.text((32, 205), sent, fill=(120, 120, 130), font=small)
    for line in range(14):
        top = 270 + line * 44
        draw.rounded_rectangle(
            (32, top, 32 + 280 + (line * 131 + number * 57) % 380, top + 18),
            radius=8,
            fill=(200, 203, 212),
        )
    for n, name in enumerate(("Рисковый профиль.pdf", "Концепция развития.pdf")):
        top = 930 + n * 110
        draw.rounded_rectangle((32, top, width - 32, top + 90), radius=14, fill=(234, 238, 246))
        draw.text((60, top + 28), name, fill=(40, 60, 100), font=small)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT.exists():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size)


async def seed_board_demo(app: App, user_ids: dict[str, int]) -> int:
    """Confirmations for the board to show, once per demo database; returns how many versions
    were added. `user_ids` maps the demo people's usernames to their ids."""
    now = app.clock.now()
    store = FileStore(app.settings.files_dir)
    async with app.sessionmaker.begin() as session:
        if await BoardRepository(session).any_versions():
            return 0
        schools = await DirectoryRepository(session).schools_by_codes(
            {code for code, *_ in CONFIRMATIONS}
        )
        added = 0
        for number, (code, step, versions, sender, caption) in enumerate(CONFIRMATIONS):
            school = schools.get(code)
            if school is None:
                continue
            for version, (status, comment) in enumerate(versions, start=1):
                sent = now - timedelta(days=3 - version) + timedelta(hours=number)
                local = sent.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M")
                picture = demo_screenshot(number + version, caption, local)
                stored = await store.fetch("demo", _writer(picture))
                submission = Submission(
                    school_id=school.id,
                    step_key=step,
                    season=2022,
                    version=version,
                    status=status,
                    submitted_by=user_ids.get(sender, 0),
                    submitted_at=sent,
                    announced_at=sent,  # the demo's reviewers are not told of old news
                    reviewed_by=user_ids.get("vasinova_cdo") if status != "submitted" else None,
                    reviewed_at=sent + timedelta(hours=2) if status != "submitted" else None,
                    review_comment=comment,
                )
                session.add(submission)
                await session.flush()
                session.add(
                    SubmissionFile(
                        submission_id=submission.id,
                        kind="photo",
                        file_id=f"demo-{submission.id}",
                        file_unique_id=f"demo-{submission.id}",
                        caption=caption or None,
                        size=stored.size,
                        sha256=stored.sha256,
                        content_type=sniff(stored.head),
                    )
                )
                added += 1
    return added


def _writer(data: bytes) -> Downloader:
    async def write(file_id: str, destination: BinaryIO) -> None:
        destination.write(data)

    return write


async def board_login(app: App, user_id: int) -> str:
    """A one-time login address of the board for the person."""
    async with app.sessionmaker.begin() as session:
        token = await issue_login(session, user_id, SystemClock().now())
    return f"{app.settings.board_url}login?token={token}"


@dataclass(frozen=True, slots=True)
class DemoAccount:
    name: str
    role: str
    user_id: int
    username: str | None


async def open_board(app: App, people: Sequence[DemoAccount], t: Texts) -> web.AppRunner | None:
    """Seeds the board's confirmations, serves it on WEBAPP_LISTEN and prints a one-time login
    for the demo's first coordinator; None when the port is taken (the chat goes on)."""
    await seed_board_demo(app, {p.username: p.user_id for p in people if p.username})
    runner = await start_board(app)
    if runner is None:
        print(html.unescape(t("board-demo-unavailable", address=app.settings.webapp_listen)))
        return None
    coordinator = next((p for p in people if p.role in ("municipal", "regional")), None)
    if coordinator is not None:
        url = await board_login(app, coordinator.user_id)
        print(html.unescape(t("board-demo-link", name=coordinator.name, url=url)), flush=True)
    return runner
