"""Invite links: a coordinator (or admin) grants a role in their scope by a /start deep link.

Coordinators are only ever created this way, each by a higher level: admins invite regional
coordinators, regional coordinators invite municipal ones; both invite schools and curators.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from services.directory import Directory
from services.directory_import import importer_scope
from services.permissions import Action, Actor, Role, Scope, can
from services.places import Places
from services.school_search import Match
from storage.models import Invite, RoleGrant

USES = (1, 5, 30)  # what the invite screen offers; nothing else is accepted
INVITE_ACTION = {
    Role.SCHOOL: Action.INVITE_SCHOOL,
    Role.CURATOR: Action.INVITE_CURATOR,
    Role.MUNICIPAL: Action.INVITE_MUNICIPAL,
    Role.REGIONAL: Action.INVITE_REGIONAL,
}


class Redeemed(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"


@dataclass(frozen=True, slots=True)
class Redemption:
    result: Redeemed
    invite: Invite | None = None
    grants: Sequence[RoleGrant] = ()


class InviteRefusedError(Exception):
    pass


class Invites:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int], clock: Clock) -> None:
        self._session = session
        self._directory = Directory(session, admin_ids)
        self._repository = self._directory.repository
        self._clock = clock

    async def create(
        self,
        actor: Actor,
        role: Role,
        scope: Scope,
        school_ids: Sequence[int] = (),
        max_uses: int = 1,
        lifetime: timedelta = timedelta(days=7),
    ) -> Invite:
        """Raises InviteRefusedError when the actor may not invite that role there."""
        targets = [scope]
        for school_id in school_ids:
            school_scope = await self._directory.school_scope(school_id)
            if school_scope is None:
                raise InviteRefusedError(f"no school {school_id}")
            targets.append(school_scope)
        if role in (Role.SCHOOL, Role.CURATOR) and not school_ids:
            raise InviteRefusedError("a school or curator invite names its school(s)")
        if role is Role.SCHOOL and len(school_ids) != 1:
            raise InviteRefusedError("a school invite names exactly one school")
        if not all(can(actor, INVITE_ACTION[role], target) for target in targets):
            raise InviteRefusedError(f"{role} outside the inviter's scope")
        if max_uses not in USES:
            raise InviteRefusedError(f"an invite is good for {USES} uses, not {max_uses}")
        return await self._repository.add_invite(
            Invite(
                token=secrets.token_urlsafe(12),
                role=role.value,
                region_code=scope.region,
                municipality_id=scope.municipality_id,
                school_ids=list(school_ids),
                max_uses=max_uses,
                expires_at=self._clock.now() + lifetime,
                created_by=actor.user_id,
            )
        )

    async def redeem(self, user_id: int, token: str) -> Redemption:
        invite = await self._repository.invite(token)
        if invite is None:
            return Redemption(Redeemed.UNKNOWN)
        now = self._clock.now()
        if invite.expires_at <= now:
            return Redemption(Redeemed.EXPIRED, invite)
        if not await self._repository.use_invite(token, now):
            return Redemption(Redeemed.USED_UP, invite)
        grants = []
        for place in await self._places(invite):
            if await self._repository.has_grant(user_id, invite.role, place.school_id):
                continue
            grants.append(
                await self._repository.add_grant(
                    RoleGrant(
                        user_id=user_id,
                        role=invite.role,
                        region_code=place.region,
                        municipality_id=place.municipality_id,
                        school_id=place.school_id,
                        granted_by=invite.created_by,
                    )
                )
            )
        return Redemption(Redeemed.OK, invite, grants)

    async def _places(self, invite: Invite) -> list[Scope]:
        if not invite.school_ids:
            return [Scope(invite.region_code, invite.municipality_id)]
        places = []
        for school_id in invite.school_ids:
            scope = await self._directory.school_scope(school_id)
            if scope is not None:
                places.append(scope)
        return places

    async def issue(
        self,
        actor: Actor,
        role: Role,
        scope: Scope,
        school_ids: Sequence[int],
        max_uses: int,
        lifetime: timedelta,
    ) -> Invite:
        """`create`, committed at once: the link stands even if showing it fails."""
        invite = await self.create(actor, role, scope, school_ids, max_uses, lifetime)
        await self._session.commit()
        return invite

    async def join(self, user_id: int, token: str) -> Redemption:
        """`redeem`, committed at once when the invite worked."""
        redemption = await self.redeem(user_id, token)
        if redemption.result is Redeemed.OK:
            await self._session.commit()
        return redemption


def invitable_roles(actor: Actor) -> list[Role]:
    """The roles the actor may invite somewhere: all for an admin, else those their place allows."""
    scope = importer_scope(actor)
    return [
        role
        for role in INVITE_ACTION
        if actor.is_admin or (scope is not None and can(actor, INVITE_ACTION[role], scope))
    ]


async def invite_municipalities(
    session: AsyncSession, actor: Actor
) -> Sequence[tuple[int, str]] | None:
    """(id, name) of the municipalities the actor may invite a municipal coordinator for
    (their region's); None when they may not."""
    scope = importer_scope(actor)
    if scope is None or not can(actor, Action.INVITE_MUNICIPAL, scope):
        return None
    return await Places(session).municipality_names(scope.region)


async def invite_schools(session: AsyncSession, actor: Actor, text: str) -> list[Match]:
    """The schools `text` names in the actor's place (everywhere for an admin)."""
    scope = None if actor.is_admin else importer_scope(actor)
    return await Places(session).find_schools(
        text, scope.region if scope else None, scope.municipality_id if scope else None
    )


async def invite_target(
    session: AsyncSession,
    actor: Actor,
    school_ids: Sequence[int],
    municipality_id: int | None,
    region: str | None,
) -> Scope | None:
    """Where an invite being made points: its first school's place, else the municipality or
    region chosen, else the place the actor administers."""
    if school_ids:
        return await Directory(session, ()).school_scope(school_ids[0])
    if municipality_id is not None:
        municipality = await Places(session).municipality(municipality_id)
        return Scope(municipality.region_code, municipality.id) if municipality else None
    if region is not None:
        return Scope(region)
    return importer_scope(actor)
