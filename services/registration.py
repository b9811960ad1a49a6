"""Joining the project: a school or curator asks, the coordinator of that school decides.

The request goes to the school's municipal coordinator, or the regional one where there is none,
or the federal admins where neither has joined yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.directory import Directory
from services.permissions import Action, Actor, Role, can
from storage.models import JoinRequest, RoleGrant, School

REQUESTABLE = (Role.SCHOOL, Role.CURATOR)


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_PENDING = "already_pending"
    ALREADY_GRANTED = "already_granted"
    APPROVED = "approved"
    DECLINED = "declined"
    ALREADY_DECIDED = "already_decided"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class Asked:
    outcome: Outcome
    request: JoinRequest | None = None
    school: School | None = None
    coordinators: Sequence[int] = ()


@dataclass(frozen=True, slots=True)
class Waiting:
    request: JoinRequest
    school: School
    municipality: str
    region: str
    deciders: Sequence[int]  # who will decide: the coordinators told of it


@dataclass(frozen=True, slots=True)
class Decided:
    outcome: Outcome
    request: JoinRequest | None = None
    school: School | None = None


class Registration:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int], clock: Clock) -> None:
        self._directory = Directory(session, admin_ids)
        self._repository = self._directory.repository
        self._admins = list(admin_ids)
        self._clock = clock

    async def ask(self, user_id: int, role: Role, school_id: int) -> Asked:
        if role not in REQUESTABLE:
            return Asked(Outcome.FORBIDDEN)
        place = await self._repository.school_place(school_id)
        if place is None:
            return Asked(Outcome.NOT_FOUND)
        school, municipality, region = place
        if await self._repository.has_grant(user_id, role, school_id):
            return Asked(Outcome.ALREADY_GRANTED, school=school)
        if await self._repository.open_request(user_id, role, school_id):
            return Asked(Outcome.ALREADY_PENDING, school=school)
        request = await self._repository.add_request(
            JoinRequest(user_id=user_id, role=role.value, school_id=school_id)
        )
        coordinators = await self._repository.coordinators_for(region.code, municipality.id)
        return Asked(Outcome.SENT, request, school, coordinators or self._admins)

    async def waiting(self, user_id: int) -> list[Waiting]:
        """The person's requests still waiting, with the place and who decides them."""
        found = []
        for request in await self._repository.requests_of(user_id):
            place = await self._repository.school_place(request.school_id)
            if place is None:
                continue
            school, municipality, region = place
            deciders = await self._repository.coordinators_for(region.code, municipality.id)
            found.append(Waiting(request, school, municipality.name, region.name, deciders))
        return found

    async def cancel(self, user_id: int, request_id: int) -> bool:
        """The person takes back their own request while it waits."""
        request = await self._repository.request(request_id)
        if request is None or request.user_id != user_id:
            return False
        return await self._repository.settle_request(
            request_id, "cancelled", None, self._clock.now(), None
        )

    async def decide(
        self, actor: Actor, request_id: int, approve: bool, reason: str | None = None
    ) -> Decided:
        request = await self._repository.request(request_id)
        if request is None:
            return Decided(Outcome.NOT_FOUND)
        scope = await self._directory.school_scope(request.school_id)
        if scope is None or not can(actor, Action.DECIDE_REQUEST, scope):
            return Decided(Outcome.FORBIDDEN)
        school = await self._repository.school(request.school_id)
        status = "approved" if approve else "declined"
        settled = await self._repository.settle_request(
            request_id, status, actor.user_id, self._clock.now(), None if approve else reason
        )
        if not settled:
            return Decided(Outcome.ALREADY_DECIDED, request, school)
        if approve:
            await self._repository.add_grant(
                RoleGrant(
                    user_id=request.user_id,
                    role=request.role,
                    region_code=scope.region,
                    municipality_id=scope.municipality_id,
                    school_id=scope.school_id,
                    granted_by=actor.user_id,
                )
            )
        return Decided(Outcome.APPROVED if approve else Outcome.DECLINED, request, school)

    async def open_requests(self, actor: Actor) -> list[JoinRequest]:
        """Only the requests the actor may see: those for schools inside their scope."""
        if not actor.is_coordinator():
            return []
        regions = [g.scope.region for g in actor.grants if g.role is Role.REGIONAL]
        municipalities = [
            g.scope.municipality_id
            for g in actor.grants
            if g.role is Role.MUNICIPAL and g.scope.municipality_id is not None
        ]
        return await self._repository.pending_requests(regions, municipalities, actor.is_admin)
