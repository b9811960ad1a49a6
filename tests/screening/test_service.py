"""The checks through the service and the database, on SQLite and PostgreSQL: a copy of another
school's screenshot is flagged with whom it came from, a school's own resubmission is not, the
review queue puts suspicious first, the region's auto-accept takes only "looks right" items, and
the download sweep checks what it downloaded."""

from __future__ import annotations

import asyncio
import io
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from emulator import BotAPIEmulator
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from core.i18n import Catalog
from services.file_store import FileStore
from services.permissions import Actor, ForbiddenError, Grant, Role, Scope
from services.screening import (
    Screener,
    ScreeningResult,
    UnknownStepError,
    auto_accept_steps,
    describe,
    review_lines,
    screen_one,
    screen_pending,
    screen_submission,
    set_auto_accept,
)
from services.screening.verdict import Code, Verdict
from storage.db import create_engine, create_sessionmaker
from storage.models import (
    AutoAcceptRule,
    ScreenedFile,
    Submission,
    SubmissionFile,
    SubmissionScreening,
)
from storage.repositories.screening import ScreeningRepository
from storage.repositories.submissions import Area
from tests.directory_fixtures import make_coordinator, seed_smolensk
from tests.screening import generate as g
from tests.screening.conftest import need_tesseract
from tests.screening.seed import add_submission, seed_schools
from tests.test_submissions_flow import button_starting, people
from tests.test_submissions_rules import sending_step_2

NOW = datetime(2022, 10, 20, 9, 0, tzinfo=UTC)
REGIONAL = Actor(900, (Grant(Role.REGIONAL, Scope(g.REGION)),))


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]
    schools: list[int]
    store: FileStore
    screener: Screener

    async def send(self, *samples: g.Sample) -> int:
        async with self.sessions() as session:
            submission_id = await add_submission(session, self.store, self.schools, samples, NOW)
            await session.commit()
        return submission_id

    async def screen(self, submission_id: int) -> tuple[Verdict, list[dict[str, object]]]:
        async with self.sessions() as session:
            result = await screen_submission(
                session, self.store.root, submission_id, self.screener, NOW
            )
            await session.commit()
        assert result is not None
        findings = [*result.findings, *(i for f in result.files for i in f.findings)]
        return result.verdict, findings


@pytest.fixture
async def world(migrated_database: str, tmp_path: Path) -> AsyncIterator[World]:
    engine = create_engine(migrated_database)
    sessions = create_sessionmaker(engine)
    async with sessions.begin() as session:
        schools = await seed_schools(session)
    # Threads and no OCR keep these tests quick; the pool of processes and OCR are measured
    # by bench/screenshot_checks.py and tried by the sweep test below.
    screener = Screener(workers=2, kind="thread", ocr=False)
    yield World(sessions, schools, FileStore(tmp_path / "files"), screener)
    screener.close()
    await engine.dispose()


def sample(
    name: str, image: Image.Image, school: int, step: str = "expertise-5", season: int = 2022
) -> g.Sample:
    return g.Sample(name, g.png(image), "image/png", "document", "test", step, school, season)


def page(school: int, partner: int, seed: int = 1) -> Image.Image:
    rng = random.Random(seed)
    day = date(2022, 10, 12)
    return g.medk_page(rng, g.SCHOOLS[school], g.SCHOOLS[partner], day, (1366, 768)).image


def codes(findings: list[dict[str, object]]) -> list[str]:
    return [str(item["code"]) for item in findings]


async def test_a_copy_of_another_schools_screenshot_names_whose_it_is(
    world: World, catalog: Catalog
) -> None:
    original = page(0, 1)
    first = await world.send(sample("a", original, school=0))
    verdict, findings = await world.screen(first)
    assert verdict is Verdict.UNCLEAR and codes(findings) == ["text_unchecked"]  # no OCR here

    copy = g.cropped(original, random.Random(5))
    jpeg = g.Sample("b", g.jpeg(copy, 50), None, "photo", "copy", "expertise-5", 2)
    second = await world.send(jpeg)
    verdict, findings = await world.screen(second)
    assert verdict is Verdict.SUSPICIOUS
    (copy_finding,) = [f for f in findings if f["code"] == Code.COPY]
    assert copy_finding["submission_id"] == first
    assert copy_finding["school"] == g.SCHOOLS[0].name and copy_finding["same_school"] is False
    texts = describe([copy_finding], catalog.bind("ru"), step_number=lambda key: "5")
    assert texts == [
        f"копия скриншота, который прислала {g.SCHOOLS[0].name} для шага 5 (сезон 2022, версия 1)"
    ]

    async with world.sessions() as session:
        card = await review_lines(session, second, catalog.bind("ru"), lambda key: "5")
        never = await review_lines(session, 10_000, catalog.bind("en"))
    assert card[0] == "🔴 подозрительно" and "копия скриншота, который прислала" in card[1]
    assert never == ["⏳ not checked by the bot yet"]

    # Another school's page of the same layout is not a copy.
    third = await world.send(sample("c", page(2, 3, seed=9), school=2))
    assert Code.COPY not in codes((await world.screen(third))[1])

    async with world.sessions() as session:
        stored = (
            await session.scalars(select(ScreenedFile).where(ScreenedFile.submission_id == second))
        ).one()
        assert stored.verdict == "suspicious" and stored.dhash and stored.phash
        assert stored.width == copy.width and stored.text_excerpt is None
        result = await ScreeningRepository(session).result(second)
        assert result is not None and result.checked_at is not None


async def test_the_same_picture_again_for_the_same_step_is_a_resubmission_not_a_copy(
    world: World,
) -> None:
    image = page(0, 1)
    first = await world.send(sample("a", image, school=0))
    await world.screen(first)
    again = await world.send(sample("a", image, school=0))  # version 2, same bytes
    assert Code.COPY not in codes((await world.screen(again))[1])
    other_step = await world.send(sample("a", image, school=0, step="expertise-4"))
    _, findings = await world.screen(other_step)
    (copy,) = [f for f in findings if f["code"] == Code.COPY]
    assert copy["same_school"] is True and copy["identical"] is True
    earlier_season = await world.send(sample("d", page(5, 6), school=5, season=2021))
    await world.screen(earlier_season)
    reused = await world.send(sample("d", page(5, 6), school=5))
    assert Code.COPY in codes((await world.screen(reused))[1])


async def test_blank_tiny_and_broken_files_are_suspicious(world: World, catalog: Catalog) -> None:
    noise = np.random.default_rng(3).normal(0, 1.5, (768, 1366, 3))
    blank = Image.fromarray(np.clip(250 + noise, 0, 255).astype(np.uint8))
    verdict, findings = await world.screen(await world.send(sample("blank", blank, school=0)))
    assert verdict is Verdict.SUSPICIOUS and codes(findings) == ["blank"]
    assert describe(findings, catalog.bind("ru")) == ["пустое изображение"]
    tiny = page(0, 1).resize((96, 54))
    verdict, findings = await world.screen(await world.send(sample("tiny", tiny, school=1)))
    assert verdict is Verdict.SUSPICIOUS and codes(findings) == ["tiny"]
    broken = g.Sample(
        "x", b"<html>404</html>" * 40, "image/jpeg", "document", "x", "expertise-5", 2
    )
    verdict, findings = await world.screen(await world.send(broken))
    assert verdict is Verdict.SUSPICIOUS and codes(findings) == ["unreadable"]


async def test_a_pdf_with_its_text_is_checked_without_tesseract(world: World) -> None:
    data = g.text_pdf(g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 10, 1))
    pdf = g.Sample("p", data, "application/pdf", "document", "pdf", "expertise-3-forms", 0)
    verdict, findings = await world.screen(await world.send(pdf))
    assert verdict is Verdict.OK
    (found,) = [f for f in findings if f["code"] == Code.FOUND]
    assert set(found["found"]) == {"forms", "partner"} and found["missing"] == []  # type: ignore[arg-type]
    late = g.text_pdf(g.SCHOOLS[2], g.SCHOOLS[3], date(2022, 10, 15))  # the region's deadline: 7.10
    verdict, findings = await world.screen(
        await world.send(
            g.Sample("q", late, "application/pdf", "document", "pdf", "expertise-3-forms", 2)
        )
    )
    assert verdict is Verdict.UNCLEAR and Code.DATE_LATE in codes(findings)


async def test_off_topic_is_nothing_of_the_programme_not_only_nothing_of_the_step(
    world: World,
) -> None:
    """A form of the programme sent for the upload step is worth a look (the wrong step
    chosen, a badly read photo of a screen), not suspicious; a weather site whose menu says
    «Файл» is off topic, though «файл» is one of the upload step's words."""

    def pdf(name: str, lines: list[str]) -> g.Sample:
        data = g.lines_pdf(lines)
        return g.Sample(name, data, "application/pdf", "document", "pdf", "expertise-5", 0)

    project_form = pdf(
        "form",
        [
            "Анкета участника взаимоэкспертизы (проект 500+)",
            "Спасибо! Ваш ответ записан и отправлен организаторам.",
            "Изменить ответ или вернуться к форме",
        ],
    )
    verdict, findings = await world.screen(await world.send(project_form))
    assert verdict is Verdict.UNCLEAR and Code.MISSING in codes(findings), findings
    weather = pdf(
        "weather", ["Файл Правка Вид История Закладки", "Погода в Орле на 10 дней", "Облачно"]
    )
    verdict, findings = await world.screen(await world.send(weather))
    assert verdict is Verdict.SUSPICIOUS and Code.OFF_TOPIC in codes(findings), findings


async def test_checks_waiting_their_turn_hold_no_database_connection(world: World) -> None:
    """Submissions are checked one at a time per process; those waiting their turn must not
    hold a connection, or fifty screenshots at once empty the pool and everyone else's updates
    wait for it (bench/screening_bystander.py saw a bystander's /start take 5 s)."""
    ids = [
        await world.send(sample(f"w{n}", page(n % 2, 1 - n % 2, seed=n), school=n % 2))
        for n in range(8)
    ]

    async def check(submission_id: int) -> ScreeningResult | None:
        async with world.sessions() as session:
            return await screen_one(session, world.store.root, submission_id, world.screener, NOW)

    async def claimed() -> int:
        async with world.sessions() as session:
            return int(
                await session.scalar(select(func.count(SubmissionScreening.submission_id))) or 0
            )

    pool = world.sessions.kw["bind"].sync_engine.pool
    async with world.screener.index_lock:  # a long check holds the turn
        checks = [asyncio.create_task(check(submission_id)) for submission_id in ids]
        for _ in range(500):  # until every check has claimed its submission and waits
            if await claimed() == len(ids):
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # each has gone on as far as it can
        waiting_with_a_connection = pool.checkedout()
    results = await asyncio.gather(*checks)
    assert waiting_with_a_connection == 0
    assert all(result is not None for result in results)


async def test_the_queue_puts_suspicious_first_and_unchecked_last(world: World) -> None:
    unchecked = await world.send(sample("u", page(3, 4), school=3))
    pdf = g.text_pdf(g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 10, 1))
    ok = await world.send(
        g.Sample("p", pdf, "application/pdf", "document", "p", "expertise-3-forms", 0)
    )
    unclear = await world.send(sample("m", page(1, 2), school=1))
    blank = Image.new("RGB", (1366, 768), (255, 255, 255))
    suspicious = await world.send(sample("b", blank, school=2))
    for submission_id in (ok, unclear, suspicious):
        await world.screen(submission_id)
    async with world.sessions() as session:
        queue = await ScreeningRepository(session).review_queue(
            Area(regions=frozenset({"23"})), 2022
        )
        assert [(s.id, v) for s, v in queue] == [
            (suspicious, "suspicious"),
            (unclear, "unclear"),
            (ok, "ok"),
            (unchecked, None),
        ]
        assert (
            await ScreeningRepository(session).review_queue(Area(regions=frozenset({"67"})), 2022)
            == []
        )


async def test_a_regional_coordinator_turns_on_auto_accept_for_looks_right_items(
    world: World,
) -> None:
    municipal = Actor(901, (Grant(Role.MUNICIPAL, Scope(g.REGION, 1)),))
    async with world.sessions() as session:
        with pytest.raises(ForbiddenError):
            await set_auto_accept(session, municipal, g.REGION, "expertise-3-forms", True, NOW)
        with pytest.raises(ForbiddenError):
            await set_auto_accept(session, REGIONAL, "67", "expertise-3-forms", True, NOW)
        with pytest.raises(UnknownStepError):
            await set_auto_accept(session, REGIONAL, g.REGION, "no-such-step", True, NOW)
    pdf = g.text_pdf(g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 10, 1))
    before = await world.send(
        g.Sample("p", pdf, "application/pdf", "document", "p", "expertise-3-forms", 0)
    )
    await world.screen(before)  # looks right, but nobody turned auto-accept on: stays for review
    async with world.sessions() as session:
        assert (await session.get(Submission, before)).status == "submitted"  # type: ignore[union-attr]
        await set_auto_accept(session, REGIONAL, g.REGION, "expertise-3-forms", True, NOW)
        assert await auto_accept_steps(session, REGIONAL, g.REGION) == ["expertise-3-forms"]

    after = await world.send(
        g.Sample(
            "p2",
            g.text_pdf(g.SCHOOLS[4], g.SCHOOLS[5], date(2022, 10, 2)),
            "application/pdf",
            "document",
            "p",
            "expertise-3-forms",
            4,
        )
    )
    blank = await world.send(
        sample("b", Image.new("RGB", (1366, 768), "white"), 6, "expertise-3-forms")
    )
    unchecked_text = await world.send(sample("m", page(7, 8), 7, "expertise-3-forms"))
    for submission_id in (after, blank, unchecked_text):
        await world.screen(submission_id)
    async with world.sessions() as session:
        accepted = await session.get(Submission, after)
        assert (
            accepted is not None and accepted.status == "accepted" and accepted.reviewed_by is None
        )
        result = await session.get(SubmissionScreening, after)
        assert result is not None and result.auto_accepted
        for other in (blank, unchecked_text):  # suspicious, or text not checked: a person looks
            assert (await session.get(Submission, other)).status == "submitted"  # type: ignore[union-attr]
        await set_auto_accept(session, REGIONAL, g.REGION, "expertise-3-forms", False, NOW)
        assert await auto_accept_steps(session, REGIONAL, g.REGION) == []


async def test_pending_submissions_are_checked_once_when_all_files_are_there(world: World) -> None:
    first = await world.send(sample("a", page(0, 1), school=0))
    waiting = await world.send(sample("w", page(2, 3), school=2))
    async with world.sessions() as session:
        file = (
            await session.scalars(
                select(SubmissionFile).where(SubmissionFile.submission_id == waiting)
            )
        ).one()
        sha256, file.sha256 = file.sha256, None  # still to download
        await session.commit()
        results = await screen_pending(session, world.store.root, world.screener, NOW)
        assert [r.submission_id for r in results] == [first]
        assert await screen_pending(session, world.store.root, world.screener, NOW) == []
        # A claim left by a crashed checker is taken over once it is stale.
        repository = ScreeningRepository(session)
        file.sha256 = sha256
        await session.commit()
        assert await repository.claim(waiting, NOW, NOW - timedelta(minutes=10))
        await session.commit()
        assert await screen_pending(session, world.store.root, world.screener, NOW) == []
        later = NOW + timedelta(minutes=11)
        assert [
            r.submission_id
            for r in await screen_pending(session, world.store.root, world.screener, later)
        ] == [waiting]


# --- the download sweep in the running bot ----------------------------------------------------


async def checked(app: App, within: float = 60.0) -> None:
    """Until no submission's check is still running (the one started at sending included)."""
    deadline = asyncio.get_running_loop().time() + within
    while asyncio.get_running_loop().time() < deadline:
        async with app.sessionmaker() as session:
            verdicts = list(await session.scalars(select(SubmissionScreening.verdict)))
            sent = await session.scalar(
                select(func.count(Submission.id)).where(Submission.status != "draft")
            )
        if len(verdicts) == sent and "pending" not in verdicts:
            return
        await app.background.scheduler.run("file-downloads")
        await asyncio.sleep(0.2)


async def test_the_download_sweep_checks_what_it_downloaded(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """A curator sends a letter to the partner for step 2 of one school, then the same letter,
    recompressed, for the other school; the sweep downloads both and flags the second."""
    place, curator, *_ = await people(running_app, emu)
    rng = random.Random(4)
    letter = g.email_page(rng, g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 9, 14), "expertise-2").image
    buffer = io.BytesIO()
    letter.save(buffer, "PNG")
    for school, data in (
        ("МБОУ «СШ № 9»", buffer.getvalue()),
        ("МБОУ «СШ № 10»", g.jpeg(letter, 60)),
    ):
        await sending_step_2(emu, curator, school)
        await curator.send_photo(data)
        (received,) = await curator.wait_for_messages()
        await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
        await running_app.background.scheduler.run("file-downloads")
        await checked(running_app)  # at once after sending, or by the sweep: either way, done
    async with running_app.sessionmaker() as session:
        rows = (
            await session.scalars(
                select(SubmissionScreening).order_by(SubmissionScreening.submission_id)
            )
        ).all()
        assert [r.verdict for r in rows][1] == "suspicious"
        files = (
            await session.scalars(select(ScreenedFile).order_by(ScreenedFile.submission_id))
        ).all()
        copy = [f for f in files[1].findings if f["code"] == "copy"]
        assert copy and copy[0]["school"] == "МБОУ «СШ № 9»"
        if running_app.background.screener.ocr:
            assert files[0].text_source == "ocr" and files[0].text_excerpt
    del place


async def test_ocr_makes_a_genuine_letter_look_right(world: World) -> None:
    need_tesseract()
    world.screener.ocr = True
    rng = random.Random(11)
    letter = g.email_page(rng, g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 9, 14), "expertise-2").image
    verdict, findings = await world.screen(await world.send(sample("l", letter, 0, "expertise-2")))
    assert verdict is Verdict.OK, findings
    off_topic = g.off_topic_page(random.Random(2)).image
    verdict, findings = await world.screen(
        await world.send(sample("o", off_topic, 1, "expertise-2"))
    )
    assert verdict is Verdict.SUSPICIOUS and Code.OFF_TOPIC in codes(findings)


async def test_a_regional_coordinator_switches_auto_accept_from_the_review_screen(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Issue 19: nothing is accepted automatically unless a regional coordinator turns it on
    for a step; municipal coordinators have no such switch (a forged one is refused)."""
    place = await seed_smolensk(running_app.sessionmaker)
    natalia, irina = emu.add_user("Наталья"), emu.add_user("Ирина")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalia.id, "Наталья", "regional", Scope("67"))
        await make_coordinator(session, irina.id, "Ирина", "municipal", Scope("67", place.city_id))
    await natalia.send_text("/review")
    (empty,) = await natalia.wait_for_messages()
    await emu.wait_answered(await natalia.tap(empty, "🤖 Автоприём"))
    assert empty.text.startswith("🤖 Автоприём подтверждений")
    await emu.wait_answered(await natalia.tap(empty, button_starting(empty, "▫️ 2.")))
    assert any(label.startswith("✅ 2.") for label in empty.button_texts)
    async with running_app.sessionmaker() as session:
        rules = (await session.scalars(select(AutoAcceptRule))).all()
    assert [(r.region_code, r.step_key, r.enabled) for r in rules] == [("67", "expertise-2", True)]

    await irina.send_text("/review")
    (hers,) = await irina.wait_for_messages()
    assert "🤖 Автоприём" not in hers.button_texts
    await emu.wait_answered(await irina.tap(hers, forged_data="aa:toggle:expertise-3"))
    assert hers.text.startswith("Автоприём включают региональные координаторы")
