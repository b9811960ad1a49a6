"""The real bot process killed with SIGKILL in the middle of a conversation (default mode: one
process on SQLite): after the restart the conversation goes on where it was."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from emulator import BotAPIEmulator, make_png
from emulator.botproc import BotProcess
from sqlalchemy import func, select

from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from storage.models import Submission, SubmissionFile
from tests.conftest import TEST_TOKEN, wait_for_polling
from tests.directory_fixtures import make_coordinator, seed_smolensk

pytestmark = pytest.mark.timeout(360)


@pytest.fixture
async def database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    await upgrade_async(url)
    return url


def bot_process(emu: BotAPIEmulator, database: str, workdir: Path) -> BotProcess:
    env = {"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": emu.base_url, "DATABASE_URL": database}
    return BotProcess(env, workdir)


async def files_in_drafts(database: str) -> int:
    engine = create_engine(database)
    try:
        async with create_sessionmaker(engine)() as session:
            count = await session.scalar(
                select(func.count(SubmissionFile.id))
                .join(Submission, SubmissionFile.submission_id == Submission.id)
                .where(Submission.status == "draft")
            )
            return int(count or 0)
    finally:
        await engine.dispose()


async def test_an_album_split_by_a_crash_is_one_draft_answered_once(
    emu: BotAPIEmulator, database: str, tmp_path: Path
) -> None:
    """Finding 9: the conversation lived in memory; after kill -9 the album's other parts each
    got "choose the step", its files were stranded and it was never acknowledged."""
    engine = create_engine(database)
    sessionmaker = create_sessionmaker(engine)
    place = await seed_smolensk(sessionmaker)
    school = emu.add_user("Школа 9")
    async with sessionmaker.begin() as session:
        await make_coordinator(session, school.id, "Школа 9", "school", place.school("edu670009"))
    await engine.dispose()

    process = bot_process(emu, database, tmp_path / "run1")
    await process.start()
    await wait_for_polling(emu)
    await school.send_text("/submit")
    (steps,) = await school.wait_for_messages(timeout=30)
    await emu.wait_answered(await school.tap(steps, steps.button_texts[2]))
    assert "Пришлите" in steps.text or "Шаг" in steps.text  # now collecting files
    await school.send_album_part(make_png(40, 30), "album-1", caption="Скрин 1")
    for _ in range(100):
        if await files_in_drafts(database) == 1:
            break
        await asyncio.sleep(0.1)
    assert await files_in_drafts(database) == 1
    await process.kill()  # before the album's reply and before its other parts

    process = bot_process(emu, database, tmp_path / "run2")
    await process.start()
    try:
        await emu.wait_for_call("getMe", count=2, timeout=120)  # the second start-up
        await school.send_album_part(make_png(41, 30), "album-1")
        await school.send_album_part(make_png(42, 30), "album-1")
        (reply,) = await school.wait_for_messages(timeout=60)
        assert reply.text.startswith("📥 Получено файлов: 3.")
        await asyncio.sleep(12)  # a second sweep would answer again
        assert school.unread == []
        assert await files_in_drafts(database) == 3
    finally:
        await process.stop()
