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
from storage.models import JoinRequest, RoleGrant, School, User
from storage.repositories.users import UserRepository

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


@dataclass(frozen=True, slots=True)
class RequestCard:
    """A join request as its coordinator reads it: who asks (None: gone), for what, where."""

    request_id: int
    user_id: int
    role: str
    requester: User | None
    school: School | None


@dataclass(frozen=True, slots=True)
class Sent:
    """A request asked for and committed; `card` and `coordinators` to tell when it is new."""

    outcome: Outcome
    card: RequestCard | None = None
    coordinators: Sequence[int] = ()


@dataclass(frozen=True, slots=True)
class Settled:
    """A decision, with what the requester is told: their language and the school's place."""

    outcome: Outcome
    request: JoinRequest | None = None
    school: School | None = None
    requester: User | None = None
    place: tuple[str, str, str] | None = None  # school, municipality, region
    decider: User | None = None  # who decided it first (ALREADY_DECIDED), when still known


class Registration:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int], clock: Clock) -> None:
        self._session = session
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

    async def claim_imported(self, user_id: int, username: str | None) -> bool:
        """Curator grants imported for the person's @username are theirs from now on:
        committed at once when there were any."""
        if not await self._repository.bind_pending(user_id, username):
            return False
        await self._session.commit()
        return True

    async def waiting_deciders(self, waiting: Waiting) -> list[User]:
        return await UserRepository(self._session).many(waiting.deciders)

    async def send(self, user_id: int, role: Role, school_id: int) -> Sent:
        """`ask`, committed before the coordinators are told."""
        asked = await self.ask(user_id, role, school_id)
        await self._session.commit()
        if asked.outcome is not Outcome.SENT or asked.request is None or asked.school is None:
            return Sent(asked.outcome)
        card = await self._card(asked.request, asked.school)
        return Sent(asked.outcome, card, asked.coordinators)

    async def settle(
        self, actor: Actor, request_id: int, approve: bool, reason: str | None
    ) -> Settled:
        """`decide`, with the requester and the school's place for telling them."""
        decided = await self.decide(actor, request_id, approve=approve, reason=reason)
        request = decided.request
        if request is not None and decided.outcome is Outcome.ALREADY_DECIDED:
            users = UserRepository(self._session)
            decider = await users.get(request.decided_by) if request.decided_by else None
            return Settled(decided.outcome, request, decided.school, decider=decider)
        if request is None:
            return Settled(decided.outcome, request, decided.school)
        requester = await UserRepository(self._session).get(request.user_id)
        place = await self._repository.school_place(request.school_id)
        names = (place[0].name, place[1].name, place[2].name) if place else None
        return Settled(decided.outcome, request, decided.school, requester, names)

    async def queue(self, actor: Actor, shown: int) -> list[RequestCard] | None:
        """The first `shown` open requests of the actor's scope; None for a non-coordinator."""
        if not actor.is_coordinator():
            return None
        requests = await self.open_requests(actor)
        return [
            await self._card(request, await self._repository.school(request.school_id))
            for request in requests[:shown]
        ]

    async def _card(self, request: JoinRequest, school: School | None) -> RequestCard:
        requester = await UserRepository(self._session).get(request.user_id)
        return RequestCard(request.id, request.user_id, request.role, requester, school)

    async def pending_card(self, actor: Actor, request_id: int) -> RequestCard | None:
        """The request as its card shows it, while it waits and the actor may decide it."""
        request = await self._repository.request(request_id)
        if request is None or request.status != "pending":
            return None
        if not await self.may_decide(actor, request_id):
            return None
        return await self._card(request, await self._repository.school(request.school_id))

    async def may_decide(self, actor: Actor, request_id: int) -> bool:
        """Whether the request exists and its school lies in the actor's scope (asked before
        the reason of a decline, so nobody types one for nothing)."""
        request = await self._repository.request(request_id)
        scope = await self._directory.school_scope(request.school_id) if request else None
        return scope is not None and can(actor, Action.DECIDE_REQUEST, scope)
