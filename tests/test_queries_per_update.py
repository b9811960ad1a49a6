"""What an update costs the database (issue 17): the roles are read once per update, an update
that changes nothing writes nothing, and a calendar's text is read only to be parsed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from emulator import BotAPIEmulator
from sqlalchemy import event

from bot.app import App
from services.calendar import CALENDAR_FILE
from services.calendar_io import federal_calendar, save_version


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = app.engine.sync_engine

    def remember(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", remember)


async def test_an_update_reads_the_persons_roles_once(
    emu: BotAPIEmulator, running_app: App
) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    await anna.wait_for_messages()
    with statements(running_app) as seen:
        await anna.send_text("/webinars")  # the screen needs both the roles and the region
        await anna.wait_for_messages()
    assert sum("FROM role_grants" in s for s in seen) == 1, seen


async def test_a_repeated_start_writes_nothing(emu: BotAPIEmulator, running_app: App) -> None:
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    await anna.wait_for_messages()
    with statements(running_app) as seen:
        for command in ("/start", "/help", "/deadlines"):
            await anna.send_text(command)
            await anna.wait_for_messages()
    writes = [s for s in seen if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


async def test_a_seasons_text_is_read_only_to_be_parsed(running_app: App) -> None:
    async with running_app.sessionmaker() as session:
        await save_version(session, None, 2022, CALENDAR_FILE.read_text(encoding="utf-8"), 1)
        await session.commit()
    with statements(running_app) as seen:
        for _ in range(3):  # three questions in a row
            async with running_app.sessionmaker() as session:
                await federal_calendar(session)
    assert sum("calendar_versions.content" in s for s in seen) <= 1, seen  # 0: parsed before
