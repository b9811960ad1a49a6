"""What an update costs (issue 17): the roles are read once per update, an update that changes
nothing writes (or flushes) nothing, a calendar's text is read only to be parsed, and the menu is
built once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from emulator import BotAPIEmulator
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App
from core.i18n import Catalog
from handlers.context import Context
from services.calendar import CALENDAR_FILE
from services.calendar_io import federal_calendar, save_version
from services.directory import actor_of
from services.permissions import Role, Scope
from services.person import Person
from services.users import UserService
from storage.models import JoinRequest
from storage.repositories.users import TelegramProfile, UserRepository
from tests.directory_fixtures import add_person, make_coordinator, seed_smolensk
from ui.keyboards import main_menu


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    seen: list[str] = []
    engine = app.engine.sync_engine

    def remember(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(" ".join(statement.split()))

    def read(statement: str) -> None:  # the person's read on SQLite, outside the engine
        remember(None, None, statement)

    event.listen(engine, "before_cursor_execute", remember)
    readers = [app.person_reader.listeners] if app.person_reader else []
    for listeners in readers:
        listeners.append(read)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", remember)
        for listeners in readers:
            listeners.remove(read)


def context_of(app: App, person: Person, session: AsyncSession) -> Context:
    """The update's context as the middleware would build it, in Russian."""
    catalog = app.catalog
    return Context(catalog.bind("ru"), person, session, app.settings, app.clock, catalog, app.bot)


async def statements_of_one_message(emu: BotAPIEmulator, app: App, text: str) -> list[str]:
    """What a person who has started the bot costs the database with one message."""
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    await anna.wait_for_messages()
    with statements(app) as seen:
        await anna.send_text(text)
        await anna.wait_for_messages()
    return seen


async def test_an_update_reads_the_persons_roles_once(
    emu: BotAPIEmulator, running_app: App
) -> None:
    # /webinars: the screen needs both the roles and the region
    seen = await statements_of_one_message(emu, running_app, "/webinars")
    assert sum("role_grants" in s for s in seen) == 1, seen
    assert "JOIN role_grants" in seen[0]  # with the person, in the update's first query
    assert sum("FROM users" in s for s in seen) == 1, seen  # and the person only there


async def test_roles_are_read_again_once_the_update_wrote(running_app: App) -> None:
    """The roles read with the person serve the update until it writes: a role it just gave
    (an invite redeemed, a request approved) is in the next look at the roles."""
    place = await seed_smolensk(running_app.sessionmaker)
    async with running_app.sessionmaker() as session:
        anna = await add_person(session, 601, "Анна")
        contact = await UserService(session, "ru").on_contact(
            TelegramProfile(id=601, first_name="Анна", last_name=None, username=None)
        )
        ctx = context_of(running_app, anna, session)
        ctx.know_actor(actor_of(anna.id, contact.grants, ()))
        assert (await ctx.actor()).grants == ()
        await make_coordinator(session, anna.id, "Анна", "municipal", Scope("67", place.city_id))
        assert [g.role for g in (await ctx.actor()).grants] == [Role.MUNICIPAL]


async def test_a_newcomers_start_looks_for_waiting_requests_in_its_first_query(
    emu: BotAPIEmulator, running_app: App
) -> None:
    seen = await statements_of_one_message(emu, running_app, "/start")
    assert "join_requests" in seen[0]  # with the person
    assert not [s for s in seen[1:] if "join_requests" in s], seen


async def test_a_request_sent_within_the_update_is_looked_for(running_app: App) -> None:
    """«No request waits» holds only until the update writes: a request it just sent counts."""
    place = await seed_smolensk(running_app.sessionmaker)
    async with running_app.sessionmaker() as session:
        anna = await add_person(session, 602, "Анна")
        ctx = context_of(running_app, anna, session)
        ctx.know_actor(actor_of(anna.id, (), ()), requests_waiting=False)
        assert not ctx.requests_may_wait()
        session.add(
            JoinRequest(
                user_id=anna.id, role="school", school_id=next(iter(place.school_ids.values()))
            )
        )
        await session.flush()
        assert ctx.requests_may_wait()


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


async def test_an_unchanged_profile_leaves_nothing_to_flush(running_app: App) -> None:
    """Assigning equal values marks a row dirty, and every later query of the update would
    autoflush it for nothing."""
    anna = TelegramProfile(id=501, first_name="Анна", last_name=None, username="anna")
    async with running_app.sessionmaker() as session:
        with statements(running_app) as seen:
            await UserService(session, "ru").on_contact(anna)  # the first contact
        assert sum("FROM users" in s for s in seen) == 1, seen  # no second look for the row
    async with running_app.sessionmaker() as session:
        await UserService(session, "ru").on_contact(anna)
        assert not session.dirty
        await UserService(session, "ru").on_contact(replace(anna, username="anna_k"))
    async with running_app.sessionmaker() as session:
        stored = await UserRepository(session).get(501)
        assert stored is not None and stored.username == "anna_k"  # a real change still counts


def test_the_menu_is_built_once_and_handed_out_fresh() -> None:
    t = Catalog.load().bind("ru")
    first = main_menu(t)
    first.inline_keyboard.append([])  # a caller extending its copy
    second = main_menu(t)
    assert second.inline_keyboard != first.inline_keyboard
    assert second.inline_keyboard[0][0] is first.inline_keyboard[0][0]  # the buttons: built once


async def test_a_question_looks_up_the_newest_season_once(
    emu: BotAPIEmulator, running_app: App
) -> None:
    seen = await statements_of_one_message(
        emu, running_app, "когда сдавать отчёт о самодиагностике?"
    )
    lookups = [s for s in seen if s.startswith("SELECT calendar_versions.id")]
    assert len(lookups) == 1, lookups
