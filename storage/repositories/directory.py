"""SQL of the directory: places, schools, role grants, invites and join requests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite, JoinRequest, Municipality, Region, RoleGrant, School

# The per-update reads, built once: on SQLite, making a select costs more than running it.
_GRANTS_OF = (
    select(RoleGrant).where(RoleGrant.user_id == bindparam("user_id")).order_by(RoleGrant.id)
)
_WAITING_OF = (
    select(JoinRequest)
    .where(JoinRequest.user_id == bindparam("user_id"), JoinRequest.status == "pending")
    .order_by(JoinRequest.id)
)


class DirectoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- places ---------------------------------------------------------------------------

    async def upsert_regions(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        existing = {r.code: r for r in await self._session.scalars(select(Region))}
        for code, name, name_en, zone in rows:
            region = existing.get(code) or Region(code=code)
            region.name, region.name_en, region.timezone = name, name_en, zone
            self._session.add(region)
        await self._session.flush()

    async def region(self, code: str) -> Region | None:
        return await self._session.get(Region, code)

    async def regions_with_schools(self) -> list[Region]:
        rows = await self._session.scalars(
            select(Region)
            .join(Municipality, Municipality.region_code == Region.code)
            .join(School, School.municipality_id == Municipality.id)
            .distinct()
            .order_by(Region.name)
        )
        return list(rows)

    async def municipality(self, municipality_id: int) -> Municipality | None:
        return await self._session.get(Municipality, municipality_id)

    async def municipalities(self, region_code: str) -> list[Municipality]:
        rows = await self._session.scalars(
            select(Municipality)
            .where(Municipality.region_code == region_code)
            .order_by(Municipality.name)
        )
        return list(rows)

    async def municipality_names(self, region_code: str) -> Sequence[tuple[int, str]]:
        """(id, name) of the region's municipalities by id: a picker's rows, no ORM objects."""
        rows = await self._session.execute(
            select(Municipality.id, Municipality.name)
            .where(Municipality.region_code == region_code)
            .order_by(Municipality.id)
        )
        return rows.all()

    async def school_names(self, ids: Iterable[int]) -> list[tuple[int, str]]:
        """(id, name) of these schools, by id."""
        wanted = sorted(set(ids))
        found: list[tuple[int, str]] = []
        for start in range(0, len(wanted), 500):  # keep IN lists short for SQLite
            chunk = wanted[start : start + 500]
            rows = await self._session.execute(
                select(School.id, School.name).where(School.id.in_(chunk)).order_by(School.id)
            )
            found += rows.all()
        return found

    async def school_names_in(self, municipality_id: int) -> Sequence[tuple[int, str]]:
        rows = await self._session.execute(
            select(School.id, School.name)
            .where(School.municipality_id == municipality_id)
            .order_by(School.id)
        )
        return rows.all()

    async def municipality_by_name(self, region_code: str, name: str) -> Municipality | None:
        return await self._session.scalar(
            select(Municipality).where(
                Municipality.region_code == region_code, Municipality.name == name
            )
        )

    async def add_municipality(self, region_code: str, name: str) -> Municipality:
        municipality = Municipality(region_code=region_code, name=name)
        self._session.add(municipality)
        await self._session.flush()
        return municipality

    # --- schools ----------------------------------------------------------------------------

    async def school(self, school_id: int) -> School | None:
        return await self._session.get(School, school_id)

    async def schools_by_codes(self, codes: Iterable[str]) -> dict[str, School]:
        wanted = list(codes)
        if not wanted:
            return {}
        found: dict[str, School] = {}
        for start in range(0, len(wanted), 500):  # keep IN lists short for SQLite
            chunk = wanted[start : start + 500]
            rows = await self._session.scalars(select(School).where(School.code.in_(chunk)))
            found.update({school.code: school for school in rows})
        return found

    async def schools_by_ids(self, ids: Iterable[int]) -> list[School]:
        rows = await self._session.scalars(select(School).where(School.id.in_(list(ids))))
        return list(rows)

    async def school_place(self, school_id: int) -> tuple[School, Municipality, Region] | None:
        row = (
            await self._session.execute(
                select(School, Municipality, Region)
                .join(Municipality, School.municipality_id == Municipality.id)
                .join(Region, Municipality.region_code == Region.code)
                .where(School.id == school_id)
            )
        ).first()
        return None if row is None else (row[0], row[1], row[2])

    async def search_candidates(
        self, region_code: str | None, municipality_id: int | None
    ) -> list[tuple[int, str, str, str]]:
        """(id, code, name, municipality name) of schools in a place, for fuzzy matching."""
        query = select(School.id, School.code, School.name, Municipality.name).join(
            Municipality, School.municipality_id == Municipality.id
        )
        if region_code is not None:
            query = query.where(Municipality.region_code == region_code)
        if municipality_id is not None:
            query = query.where(School.municipality_id == municipality_id)
        return [(r[0], r[1], r[2], r[3]) for r in await self._session.execute(query)]

    async def add_school(self, code: str, name: str, municipality_id: int) -> School:
        school = School(code=code, name=name, municipality_id=municipality_id)
        self._session.add(school)
        return school

    async def flush(self) -> None:
        await self._session.flush()

    async def count_schools(self) -> int:
        return int(await self._session.scalar(select(func.count(School.id))) or 0)

    # --- role grants ------------------------------------------------------------------------

    async def grants_of(self, user_id: int) -> list[RoleGrant]:
        return list(await self._session.scalars(_GRANTS_OF, {"user_id": user_id}))

    async def add_grant(self, grant: RoleGrant) -> RoleGrant:
        self._session.add(grant)
        await self._session.flush()
        return grant

    async def has_grant(self, user_id: int, role: str, school_id: int | None) -> bool:
        found = await self._session.scalar(
            select(RoleGrant.id).where(
                RoleGrant.user_id == user_id,
                RoleGrant.role == role,
                RoleGrant.school_id == school_id,
            )
        )
        return found is not None

    async def remove_grant(self, user_id: int, grant_id: int) -> bool:
        result = await self._session.execute(
            delete(RoleGrant).where(RoleGrant.id == grant_id, RoleGrant.user_id == user_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def coordinators_for(self, region_code: str, municipality_id: int) -> list[int]:
        """Municipal coordinators of the municipality; if none, the regional ones."""
        for clause in (
            (RoleGrant.role == "municipal") & (RoleGrant.municipality_id == municipality_id),
            (RoleGrant.role == "regional") & (RoleGrant.region_code == region_code),
        ):
            rows = await self._session.scalars(
                select(RoleGrant.user_id).where(clause, RoleGrant.user_id.is_not(None)).distinct()
            )
            ids = [int(uid) for uid in rows if uid is not None]
            if ids:
                return ids
        return []

    async def people_in_region(
        self, region_code: str, roles: Iterable[str]
    ) -> list[tuple[int, str]]:
        """(person, role) for everyone joined in the region with one of `roles`."""
        rows = await self._session.execute(
            select(RoleGrant.user_id, RoleGrant.role)
            .where(
                RoleGrant.region_code == region_code,
                RoleGrant.role.in_(list(roles)),
                RoleGrant.user_id.is_not(None),
            )
            .order_by(RoleGrant.id)
        )
        return [(int(user_id), str(role)) for user_id, role in rows if user_id is not None]

    async def bind_pending(self, user_id: int, username: str | None) -> int:
        """Grants imported for this person's @username wait for them; they are theirs now."""
        if not username:
            return 0
        result = await self._session.execute(
            update(RoleGrant)
            .where(
                RoleGrant.user_id.is_(None),
                func.lower(RoleGrant.pending_contact) == "@" + username.lower(),
            )
            .values(user_id=user_id)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def pending_curators(self, school_ids: Sequence[int]) -> list[RoleGrant]:
        rows = await self._session.scalars(
            select(RoleGrant).where(
                RoleGrant.role == "curator",
                RoleGrant.user_id.is_(None),
                RoleGrant.school_id.in_(list(school_ids)),
            )
        )
        return list(rows)

    # --- invites ----------------------------------------------------------------------------

    async def add_invite(self, invite: Invite) -> Invite:
        self._session.add(invite)
        await self._session.flush()
        return invite

    async def invite(self, token: str) -> Invite | None:
        return await self._session.get(Invite, token)

    async def use_invite(self, token: str, now: datetime) -> bool:
        """Counts one use, atomically: false when used up or expired (two people at once)."""
        result = await self._session.execute(
            update(Invite)
            .where(Invite.token == token, Invite.uses < Invite.max_uses, Invite.expires_at > now)
            .values(uses=Invite.uses + 1)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # --- join requests ----------------------------------------------------------------------

    async def add_request(self, request: JoinRequest) -> JoinRequest:
        self._session.add(request)
        await self._session.flush()
        return request

    async def request(self, request_id: int) -> JoinRequest | None:
        return await self._session.get(JoinRequest, request_id)

    async def settle_request(
        self, request_id: int, status: str, by: int | None, at: datetime, reason: str | None
    ) -> bool:
        """Decides a request only if it still waits; False when someone else was first. One
        conditional UPDATE, so two coordinators tapping at once cannot both grant the role."""
        settled = await self._session.scalar(
            update(JoinRequest)
            .where(JoinRequest.id == request_id, JoinRequest.status == "pending")
            .values(status=status, decided_by=by, decided_at=at, reason=reason)
            .returning(JoinRequest.id)
            .execution_options(synchronize_session=False)
        )
        request = await self._session.get(JoinRequest, request_id)
        if request is not None:
            await self._session.refresh(request)
        return settled is not None

    async def requests_of(self, user_id: int) -> list[JoinRequest]:
        """The person's requests still waiting for a decision, oldest first."""
        return list(await self._session.scalars(_WAITING_OF, {"user_id": user_id}))

    async def open_request(self, user_id: int, role: str, school_id: int) -> JoinRequest | None:
        return await self._session.scalar(
            select(JoinRequest).where(
                JoinRequest.user_id == user_id,
                JoinRequest.role == role,
                JoinRequest.school_id == school_id,
                JoinRequest.status == "pending",
            )
        )

    async def pending_requests(
        self, region_codes: Sequence[str], municipality_ids: Sequence[int], everywhere: bool
    ) -> list[JoinRequest]:
        """Open requests for schools inside the given regions or municipalities (or all)."""
        query = (
            select(JoinRequest)
            .join(School, JoinRequest.school_id == School.id)
            .join(Municipality, School.municipality_id == Municipality.id)
            .where(JoinRequest.status == "pending")
            .order_by(JoinRequest.id)
        )
        if not everywhere:
            query = query.where(
                or_(
                    Municipality.region_code.in_(list(region_codes)),
                    School.municipality_id.in_(list(municipality_ids)),
                )
            )
        return list(await self._session.scalars(query))
