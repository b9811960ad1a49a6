"""On SQLite the update's first read (the person, their roles, a waiting request) goes through a
connection of its own, not the ORM (issue 17): it must read what the session reads, and a person
whose profile changed must still be written through the session."""

from __future__ import annotations

import pytest
from emulator import BotAPIEmulator
from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from bot.app import App
from services.directory import actor_of
from services.users import UserService
from storage.models import JoinRequest, RoleGrant
from storage.person_reader import PersonRow
from storage.repositories.users import TelegramProfile, UserRepository
from tests.directory_fixtures import add_person, make_coordinator, seed_smolensk

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])  # the reader is SQLite's only

ANNA = TelegramProfile(id=701, first_name="Анна", last_name="Котова", username="anna_k")


async def test_the_reader_reads_what_the_session_reads(running_app: App) -> None:
    reader = running_app.person_reader
    assert reader is not None
    place = await seed_smolensk(running_app.sessionmaker)
    school_id = place.school_ids["edu670009"]
    async with running_app.sessionmaker() as session:
        await make_coordinator(session, 701, "Анна", "municipal", place.school("edu670009"))
        await make_coordinator(session, 701, "Анна", "school", place.school("edu670010"))
        await add_person(session, 702, "Борис")
        session.add(JoinRequest(user_id=702, role="school", school_id=school_id))
        await session.commit()
    for person_id in (701, 702):
        arrival = await reader.read(person_id)
        async with running_app.sessionmaker() as session:
            known = await UserRepository(session).with_grants(person_id)
        assert arrival is not None and known.user is not None
        assert arrival.person.first_name == known.user.first_name
        assert arrival.person.language == known.user.language
        assert arrival.requests_waiting == known.requests_waiting
        admins = running_app.settings.admin_ids
        assert actor_of(person_id, arrival.grants, admins) == actor_of(
            person_id, known.grants, admins
        )
    boris, anna = await reader.read(702), await reader.read(701)
    assert boris is not None and boris.requests_waiting
    assert anna is not None and not anna.requests_waiting and len(anna.grants) == 2
    assert await reader.read(799) is None  # never seen


async def test_a_known_person_costs_the_session_nothing_and_a_change_is_still_saved(
    running_app: App,
) -> None:
    reader = running_app.person_reader
    async with running_app.sessionmaker() as session:
        first = await UserService(session, "ru", reader).on_contact(ANNA)  # first contact
    assert first.user.first_name == "Анна"
    async with running_app.sessionmaker() as session:
        again = await UserService(session, "ru", reader).on_contact(ANNA)
        assert isinstance(again.user, PersonRow)
        assert not session.in_transaction()  # nothing read or written through the session
    async with running_app.sessionmaker() as session:
        renamed = TelegramProfile(id=701, first_name="Анна", last_name=None, username="anna")
        changed = await UserService(session, "ru", reader).on_contact(renamed)
        assert changed.user.username == "anna"
    async with running_app.sessionmaker() as session:
        stored = await UserRepository(session).get(701)
    assert stored is not None and (stored.last_name, stored.username) == (None, "anna")


async def test_a_role_taken_away_is_gone_at_the_next_read(running_app: App) -> None:
    """The reader keeps no snapshot between updates: a revoked role must not linger."""
    reader = running_app.person_reader
    assert reader is not None
    place = await seed_smolensk(running_app.sessionmaker)
    async with running_app.sessionmaker() as session:
        await make_coordinator(session, 703, "Вера", "municipal", place.school("edu670009"))
        await session.commit()
    before = await reader.read(703)
    assert before is not None and len(before.grants) == 1
    async with running_app.sessionmaker() as session:
        await session.execute(delete(RoleGrant).where(RoleGrant.user_id == 703))
        await session.commit()
    after = await reader.read(703)
    assert after is not None and after.grants == ()


async def test_an_update_that_never_used_its_session_commits_nothing(
    emu: BotAPIEmulator, running_app: App
) -> None:
    commits: list[object] = []
    remember = commits.append  # one bound method, to remove the same listener
    anna = emu.add_user("Анна")
    await anna.send_text("/start")
    await anna.wait_for_messages()
    event.listen(Session, "after_commit", remember)
    try:
        await anna.send_text("/start")
        await anna.wait_for_messages()
    finally:
        event.remove(Session, "after_commit", remember)
    assert commits == []
