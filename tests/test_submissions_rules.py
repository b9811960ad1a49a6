"""What confirmations refuse: another school's step, a review outside one's area, files that are
not screenshots or are too big; and a failed download that the sweep fetches later."""

from __future__ import annotations

from emulator import BotAPIEmulator, FakeUser, make_png
from sqlalchemy import select

from bot.app import App
from services.calendar import shipped_calendar
from services.directory import Directory
from services.permissions import ForbiddenError
from services.submissions import start_draft
from storage.models import Submission, SubmissionFile
from tests.directory_fixtures import make_coordinator
from tests.test_submissions_flow import STEP_2, button_starting, people

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


async def sending_step_2(emu: BotAPIEmulator, user: FakeUser, school: str | None) -> None:
    """Opens /submit and the step-2 prompt for the school (chosen when the user has several)."""
    await user.send_text("/submit")
    (screen,) = await user.wait_for_messages()
    if school is not None:
        await emu.wait_answered(await user.tap(screen, school))
    await emu.wait_answered(await user.tap(screen, button_starting(screen, STEP_2)))
    assert "Пришлите подтверждающие скриншоты" in screen.text


async def test_a_school_cannot_send_for_another_school(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place, *_ = await people(running_app, emu)
    school = emu.add_user("Директор")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, school.id, "Директор", "school", place.school("edu670009"))
    await school.send_text("/submit")
    (screen,) = await school.wait_for_messages()
    assert "МБОУ «СШ № 9»" in screen.text  # one school: straight to its steps
    other = place.school_ids["edu670010"]
    await emu.wait_answered(await school.tap(screen, forged_data=f"sub:step:{other}:expertise-2"))
    assert screen.text.startswith("Подтверждения этой школы вам отправлять нельзя")
    async with running_app.sessionmaker() as session:
        actor = await Directory(session, ()).actor(school.id)
        step = shipped_calendar().step("expertise-2")
        assert step is not None
        try:
            await start_draft(session, actor, other, step, 2022)
        except ForbiddenError:
            pass
        else:
            raise AssertionError("a school started a draft for another school")
        assert (await session.scalars(select(Submission))).all() == []


async def test_a_coordinator_cannot_review_outside_their_municipality(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, curator, city, district = await people(running_app, emu)
    await sending_step_2(emu, curator, "МБОУ «СШ № 9»")
    await curator.send_photo(make_png())
    (received,) = await curator.wait_for_messages()
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    async with running_app.sessionmaker() as session:
        submission = (await session.scalars(select(Submission))).one()

    await district.send_text("/review")
    (empty,) = await district.wait_for_messages()
    assert empty.text == "🎉 Непроверенных подтверждений нет."  # the city's is not theirs
    await emu.wait_answered(await district.tap(empty, forged_data=f"rev:accept:{submission.id}"))
    assert empty.text.startswith("Эта школа вне вашей зоны ответственности")
    async with running_app.sessionmaker() as session:
        assert (await session.get(Submission, submission.id)).status == "submitted"  # type: ignore[union-attr]
    assert city.inbox == []  # nothing told: the sweep has not run


async def test_wrong_files_are_refused_and_the_flow_stays(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, curator, *_ = await people(running_app, emu)
    await sending_step_2(emu, curator, "МБОУ «СШ № 10»")

    await curator.send_document(b"PK\x03\x04 not a screenshot", "отчёт.docx")
    (refused,) = await curator.wait_for_messages()
    assert refused.text == "Этот тип файла не подходит. Пришлите фото, изображение или PDF."
    await curator.send_document(b"\0" * (20 * 1024 * 1024 + 1), "огромный.pdf", "application/pdf")
    (too_big,) = await curator.wait_for_messages()
    assert too_big.text.startswith("Файл больше 20 МБ")

    await curator.send_document(PDF, "письмо.pdf", "application/pdf")
    (received,) = await curator.wait_for_messages()
    assert received.text.startswith("📥 Получено файлов: 1.")  # the refused ones did not count
    await curator.send_text("Письмо партнёру от 20 сентября")
    (saved,) = await curator.wait_for_messages()
    assert saved.text == "💬 Комментарий сохранён."
    await curator.send_text("Письмо партнёру от 21 сентября")  # a second one takes its place
    (replaced,) = await curator.wait_for_messages()
    assert replaced.text.startswith("💬 Комментарий заменён: к подтверждению пойдёт только этот")
    await emu.wait_answered(await curator.tap(replaced, "✅ Отправить на проверку"))
    async with running_app.sessionmaker() as session:
        submission = (await session.scalars(select(Submission))).one()
        assert submission.comment == "Письмо партнёру от 21 сентября"
        assert submission.version == 1


async def test_a_file_is_judged_by_its_content_not_its_claimed_type(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Finding 13: `invoice.pdf.exe` sent as application/pdf was stored and exported as .exe,
    and a 0-byte PDF counted as evidence."""
    _, curator, *_ = await people(running_app, emu)
    await sending_step_2(emu, curator, "МБОУ «СШ № 10»")
    await curator.send_document(b"", "пустой.pdf", "application/pdf")
    (empty,) = await curator.wait_for_messages()
    assert "файл пустой" in empty.text
    await curator.send_document(b"MZ\x90\x00 a program", "invoice.pdf.exe", "application/pdf")
    await curator.wait_for_messages()  # taken into the draft on its claimed type
    await curator.send_document(PDF, "письмо.pdf", "application/pdf")
    (received,) = await curator.wait_for_messages()
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    assert "«invoice.pdf.exe» не принят: это не изображение и не PDF" in received.text
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    assert "версия 1" in received.text
    async with running_app.sessionmaker() as session:
        (file,) = (await session.scalars(select(SubmissionFile))).all()
    assert (file.file_name, file.content_type, file.rejected) == (
        "письмо.pdf",
        "application/pdf",
        None,
    )


async def test_a_failed_download_is_fetched_by_the_sweep(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _, curator, *_ = await people(running_app, emu)
    await sending_step_2(emu, curator, "МБОУ «СШ № 9»")
    await curator.send_photo(make_png(rgb=(1, 2, 3)))
    (received,) = await curator.wait_for_messages()
    emu.fail_next("getFile", 500)
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    assert "версия 1" in received.text  # the submission stands without the copy

    async with running_app.sessionmaker() as session:
        (file,) = (await session.scalars(select(SubmissionFile))).all()
        assert file.sha256 is None and file.download_attempts == 1
    await running_app.background.scheduler.run("file-downloads")
    async with running_app.sessionmaker() as session:
        (file,) = (await session.scalars(select(SubmissionFile))).all()
        assert file.sha256 is not None
    stored = running_app.settings.files_dir / file.sha256[:2] / file.sha256[2:4] / file.sha256
    assert stored.read_bytes() == make_png(rgb=(1, 2, 3))


async def test_identical_screenshots_are_stored_once(emu: BotAPIEmulator, running_app: App) -> None:
    _, curator, *_ = await people(running_app, emu)
    await sending_step_2(emu, curator, "МБОУ «СШ № 9»")
    await curator.send_album([make_png(), make_png()])
    (received,) = await curator.wait_for_messages(timeout=10)
    assert received.text.startswith("📥 Получено файлов: 2.")
    await emu.wait_answered(await curator.tap(received, "✅ Отправить на проверку"))
    async with running_app.sessionmaker() as session:
        hashes = [f.sha256 for f in (await session.scalars(select(SubmissionFile))).all()]
    assert len(hashes) == 2 and hashes[0] == hashes[1] and hashes[0] is not None
    copies = [p for p in running_app.settings.files_dir.rglob("*") if p.is_file()]
    assert len(copies) == 1
