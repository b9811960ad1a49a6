"""Who a person is in the project: their role grants as an Actor, and the time zone they see."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.answers import Asker
from services.permissions import Actor, Grant, Role, Scope
from services.regions import region_info
from services.timefmt import MOSCOW
from storage.db import writes
from storage.models import RoleGrant
from storage.person_reader import GrantRow
from storage.repositories.directory import DirectoryRepository


@dataclass(frozen=True, slots=True)
class GrantView:
    """A grant with the names people read: for /profile and menus."""

    id: int
    role: Role
    region: str
    municipality: str | None
    school_code: str | None
    school_name: str | None
    scope: Scope


class Directory:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int]) -> None:
        self._session = session
        self._repository = DirectoryRepository(session)
        self._admins = frozenset(admin_ids)

    @property
    def repository(self) -> DirectoryRepository:
        return self._repository

    async def actor(self, user_id: int) -> Actor:
        return actor_of(user_id, await self._repository.grants_of(user_id), self._admins)

    async def zone(self, user_id: int) -> ZoneInfo:
        """The zone of the person's (first) region; Moscow time until they have one."""
        return zone_of(await self.actor(user_id))

    async def views(self, user_id: int) -> list[GrantView]:
        views = []
        for grant in await self._repository.grants_of(user_id):
            views.append(await self._view(grant))
        return views

    async def school_scope(self, school_id: int) -> Scope | None:
        place = await self._repository.school_place(school_id)
        if place is None:
            return None
        school, municipality, region = place
        return Scope(region.code, municipality.id, school.id)

    async def _view(self, grant: RoleGrant) -> GrantView:
        region = await self._repository.region(grant.region_code)
        municipality = (
            await self._repository.municipality(grant.municipality_id)
            if grant.municipality_id
            else None
        )
        school = await self._repository.school(grant.school_id) if grant.school_id else None
        return GrantView(
            id=grant.id,
            role=Role(grant.role),
            region=region.name if region else grant.region_code,
            municipality=municipality.name if municipality else None,
            school_code=school.code if school else None,
            school_name=school.name if school else None,
            scope=_scope(grant),
        )


def asker_of(actor: Actor) -> Asker:
    """What the calendar's answers need of a person: the region of their first place (its
    deadlines), its zone (Moscow time until they have one) and their roles."""
    region = actor.grants[0].scope.region if actor.grants else None
    return Asker(region, zone_of(actor), frozenset(grant.role.value for grant in actor.grants))


def zone_of(actor: Actor) -> ZoneInfo:
    """The zone of the person's (first known) region; Moscow time until they have one."""
    for grant in actor.grants:
        info = region_info(grant.scope.region)
        if info is not None:
            return info.zone
    return MOSCOW


def changes_so_far(session: AsyncSession) -> int:
    """A number that moves whenever the session writes: roles read at an earlier number may
    be stale (a grant given or taken in this update)."""
    return writes(session)


def actor_of(
    user_id: int, grants: Iterable[RoleGrant | GrantRow], admins: Collection[int]
) -> Actor:
    """The person as permissions see them: their grants' roles and places."""
    return Actor(
        user_id,
        tuple(Grant(Role(g.role), _scope(g)) for g in grants),
        is_admin=user_id in admins,
    )


def _scope(grant: RoleGrant | GrantRow) -> Scope:
    return Scope(grant.region_code, grant.municipality_id, grant.school_id)
