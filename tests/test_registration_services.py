"""Joining by request and by invite, against the real database on both back-ends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.clock import ManualClock
from services.directory import Directory
from services.handoff import Handoff
from services.invites import InviteRefusedError, Invites, Redeemed
from services.permissions import Role, Scope
from services.registration import Outcome, Registration
from storage.db import create_engine, create_sessionmaker
from storage.models import RoleGrant
from tests.directory_fixtures import Place, add_person, make_coordinator, seed_smolensk

CITY_COORDINATOR, DISTRICT_COORDINATOR, REGIONAL, ADMIN = 501, 502, 503, 999


@pytest.fixture
async def sessions(migrated_database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(migrated_database)
    yield create_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
async def place(sessions: async_sessionmaker[AsyncSession]) -> Place:
    place = await seed_smolensk(sessions)
    async with sessions.begin() as session:
        await make_coordinator(
            session, CITY_COORDINATOR, "Наталья", "municipal", Scope("67", place.city_id)
        )
        await make_coordinator(
            session, DISTRICT_COORDINATOR, "Пётр", "municipal", Scope("67", place.district_id)
        )
        await make_coordinator(session, REGIONAL, "Ольга", "regional", Scope("67"))
        await add_person(session, 1, "Виктория")
        await add_person(session, 2, "Сергей", username="zhoykin_sh33")
    return place


async def test_school_request_goes_to_its_municipal_coordinator_who_approves(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    school_9 = place.school_ids["edu670009"]
    async with sessions.begin() as session:
        asked = await Registration(session, [ADMIN], clock).ask(1, Role.SCHOOL, school_9)
        again = await Registration(session, [ADMIN], clock).ask(1, Role.SCHOOL, school_9)
    assert asked.outcome is Outcome.SENT
    assert list(asked.coordinators) == [CITY_COORDINATOR]
    assert again.outcome is Outcome.ALREADY_PENDING
    assert asked.request is not None

    async with sessions.begin() as session:
        registration = Registration(session, [ADMIN], clock)
        directory = Directory(session, [ADMIN])
        outsider = await directory.actor(DISTRICT_COORDINATOR)
        assert await registration.open_requests(outsider) == []  # cannot even see it
        refused = await registration.decide(outsider, asked.request.id, approve=True)
        assert refused.outcome is Outcome.FORBIDDEN
        coordinator = await directory.actor(CITY_COORDINATOR)
        assert [r.id for r in await registration.open_requests(coordinator)] == [asked.request.id]
        decided = await registration.decide(coordinator, asked.request.id, approve=True)
        assert decided.outcome is Outcome.APPROVED
        twice = await registration.decide(coordinator, asked.request.id, approve=False)
        assert twice.outcome is Outcome.ALREADY_DECIDED
    async with sessions() as session:
        director = await Directory(session, [ADMIN]).actor(1)
    assert [(g.role, g.scope.school_id) for g in director.grants] == [(Role.SCHOOL, school_9)]


async def test_the_regional_coordinator_hears_when_a_municipality_has_none(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    async with sessions.begin() as session:
        await session.execute(delete(RoleGrant).where(RoleGrant.user_id == DISTRICT_COORDINATOR))
        asked = await Registration(session, [ADMIN], clock).ask(
            1, Role.SCHOOL, place.school_ids["edu671101"]
        )
    assert list(asked.coordinators) == [REGIONAL]


async def test_curator_invite_for_two_schools_and_its_limits(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    schools = [place.school_ids["edu670009"], place.school_ids["edu670010"]]
    async with sessions.begin() as session:
        coordinator = await Directory(session, [ADMIN]).actor(CITY_COORDINATOR)
        invites = Invites(session, [ADMIN], clock)
        invite = await invites.create(
            coordinator,
            Role.CURATOR,
            Scope("67", place.city_id),
            schools,
            max_uses=1,
            lifetime=timedelta(days=2),
        )
        with pytest.raises(InviteRefusedError):  # a school of another municipality
            await invites.create(
                coordinator,
                Role.CURATOR,
                Scope("67", place.city_id),
                [place.school_ids["edu671101"]],
            )
        with pytest.raises(InviteRefusedError):  # a municipal coordinator cannot make peers
            await invites.create(coordinator, Role.MUNICIPAL, Scope("67", place.city_id))
    async with sessions.begin() as session:
        redeemed = await Invites(session, [ADMIN], clock).redeem(2, invite.token)
        used_up = await Invites(session, [ADMIN], clock).redeem(1, invite.token)
    assert redeemed.result is Redeemed.OK
    assert sorted(g.school_id for g in redeemed.grants) == sorted(schools)
    assert used_up.result is Redeemed.USED_UP


async def test_expired_and_unknown_invites_are_refused(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    async with sessions.begin() as session:
        regional = await Directory(session, [ADMIN]).actor(REGIONAL)
        invite = await Invites(session, [ADMIN], clock).create(
            regional, Role.MUNICIPAL, Scope("67", place.district_id), lifetime=timedelta(days=1)
        )
    clock.advance(days=1, seconds=1)
    async with sessions.begin() as session:
        late = await Invites(session, [ADMIN], clock).redeem(1, invite.token)
        unknown = await Invites(session, [ADMIN], clock).redeem(1, "no-such-token")
    assert late.result is Redeemed.EXPIRED
    assert unknown.result is Redeemed.UNKNOWN


async def test_two_coordinators_deciding_at_once_grant_the_role_once(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    """Attacker's walk, F12: two coordinators approving one request at the same moment each
    granted the role. The second decision must find it decided (or, on SQLite, fail and roll
    back), never grant it again."""
    school_9 = place.school_ids["edu670009"]
    async with sessions.begin() as session:
        asked = await Registration(session, [ADMIN], clock).ask(1, Role.SCHOOL, school_9)
    assert asked.request is not None
    request_id = asked.request.id

    async def decide(user_id: int, first_done: asyncio.Event | None) -> Outcome | str:
        try:
            async with sessions.begin() as session:
                actor = await Directory(session, [ADMIN]).actor(user_id)
                decided = await Registration(session, [ADMIN], clock).decide(
                    actor, request_id, approve=True
                )
                if first_done is not None:
                    await asyncio.sleep(0.3)  # the other decides meanwhile, against this one
            return decided.outcome
        except OperationalError:
            return "locked"  # SQLite: the later writer is refused and rolls back

    first = asyncio.create_task(decide(CITY_COORDINATOR, asyncio.Event()))
    await asyncio.sleep(0.1)
    second = await decide(REGIONAL, None)
    outcomes = {await first, second}
    assert Outcome.APPROVED in outcomes
    assert outcomes - {Outcome.APPROVED} <= {Outcome.ALREADY_DECIDED, "locked"}
    async with sessions() as session:
        grants = list(await session.scalars(select(RoleGrant).where(RoleGrant.user_id == 1)))
    assert len(grants) == 1


async def test_a_coordinators_question_goes_up_not_back_to_them(
    sessions: async_sessionmaker[AsyncSession], place: Place, clock: ManualClock
) -> None:
    """Newcomer's walk: a municipal coordinator's question was passed to themselves."""
    async with sessions.begin() as session:
        from_city = await Handoff(session, [ADMIN], clock).ask(CITY_COORDINATOR, "кто мой куратор")
        from_region = await Handoff(session, [ADMIN], clock).ask(REGIONAL, "вопрос")
        from_nobody = await Handoff(session, [ADMIN], clock).ask(1, "вопрос")  # no role
    assert from_city.coordinators == [REGIONAL]
    assert from_region.coordinators == [ADMIN]
    assert from_nobody.coordinators == [ADMIN]
