"""Best-practice marathons and podcasts: who opens one and at which level, who manages it, who
may propose a talk, and whom its schedule and reminders reach."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.permissions import Action, Actor, Role, Scope, can
from services.submissions import submitter_schools
from storage.models import Marathon, MarathonTalk
from storage.repositories.submissions import Area, SubmissionRepository

REMIND_BEFORE = timedelta(hours=1)
KINDS = ("marathon", "podcast")


def new_marathon(actor: Actor, title: str, kind: str) -> Marathon | None:
    """A marathon at the level of the author's widest grant; None for non-coordinators."""
    if actor.is_admin:
        return Marathon(title=title, kind=kind, level="federal", created_by=actor.user_id)
    for role, level in ((Role.REGIONAL, "regional"), (Role.MUNICIPAL, "municipal")):
        grant = next((g for g in actor.grants if g.role is role), None)
        if grant is not None:
            return Marathon(
                title=title,
                kind=kind,
                level=level,
                region_code=grant.scope.region,
                municipality_id=grant.scope.municipality_id if level == "municipal" else None,
                created_by=actor.user_id,
            )
    return None


def area_of(marathon: Marathon) -> Area:
    if marathon.level == "federal":
        return Area(everywhere=True)
    if marathon.municipality_id is not None:
        return Area(municipalities=frozenset({marathon.municipality_id}))
    return Area(regions=frozenset({marathon.region_code or ""}))


def may_manage(actor: Actor, marathon: Marathon) -> bool:
    if actor.is_admin or marathon.created_by == actor.user_id:
        return True
    if marathon.level == "federal" or marathon.region_code is None:
        return False
    return can(actor, Action.BROADCAST, Scope(marathon.region_code, marathon.municipality_id))


def may_view(actor: Actor, marathon: Marathon) -> bool:
    """The same rule as `visible`, for one marathon someone asks for by id."""
    if actor.is_admin or marathon.level == "federal" or marathon.created_by == actor.user_id:
        return True
    if marathon.level == "regional":
        return any(g.scope.region == marathon.region_code for g in actor.grants)
    return any(
        g.scope.municipality_id is not None and g.scope.municipality_id == marathon.municipality_id
        for g in actor.grants
    ) or may_manage(actor, marathon)


async def visible(session: AsyncSession, actor: Actor) -> list[Marathon]:
    """Federal ones, and those of the person's regions and municipalities."""
    regions = {g.scope.region for g in actor.grants}
    municipalities = {g.scope.municipality_id for g in actor.grants if g.scope.municipality_id}
    query = select(Marathon).order_by(Marathon.id.desc()).limit(20)
    if not actor.is_admin:
        query = query.where(
            or_(
                Marathon.level == "federal",
                (Marathon.level == "regional") & Marathon.region_code.in_(regions),
                Marathon.municipality_id.in_(municipalities),
            )
        )
    return list(await session.scalars(query))


async def proposing_schools(session: AsyncSession, actor: Actor, marathon: Marathon) -> list[int]:
    """The person's schools (as a school or a curator) that lie inside the marathon's area."""
    own = submitter_schools(actor)
    if not own:
        return []
    inside = await SubmissionRepository(session).schools(area_of(marathon))
    allowed = {school.id for school in inside}
    return [school for school in own if school in allowed]


async def audience(session: AsyncSession, marathon: Marathon) -> list[int]:
    """Schools and their curators in the marathon's area."""
    repository = SubmissionRepository(session)
    schools = await repository.schools(area_of(marathon))
    people = await repository.people_of([school.id for school in schools])
    return sorted({person for persons in people.values() for person in persons})


async def talks(session: AsyncSession, marathon_id: int, status: str) -> Sequence[MarathonTalk]:
    rows = await session.scalars(
        select(MarathonTalk)
        .where(MarathonTalk.marathon_id == marathon_id, MarathonTalk.status == status)
        .order_by(MarathonTalk.starts_at, MarathonTalk.id)
    )
    return list(rows)


async def talks_to_remind(session: AsyncSession, now: datetime) -> Sequence[MarathonTalk]:
    """Accepted talks of published marathons starting within the hour."""
    rows = await session.scalars(
        select(MarathonTalk)
        .join(Marathon, MarathonTalk.marathon_id == Marathon.id)
        .where(
            Marathon.status == "published",
            MarathonTalk.status == "accepted",
            MarathonTalk.starts_at > now,
            MarathonTalk.starts_at <= now + REMIND_BEFORE,
        )
    )
    return list(rows)


async def talks_between(
    session: AsyncSession, start: datetime, end: datetime
) -> list[tuple[Marathon, MarathonTalk]]:
    """Scheduled talks of published regional and federal marathons in [start, end), in time
    order (the week's post in the project channel)."""
    rows = await session.execute(
        select(Marathon, MarathonTalk)
        .join(MarathonTalk, MarathonTalk.marathon_id == Marathon.id)
        .where(
            Marathon.status == "published",
            Marathon.level != "municipal",
            MarathonTalk.status == "accepted",
            MarathonTalk.starts_at >= start,
            MarathonTalk.starts_at < end,
        )
        .order_by(MarathonTalk.starts_at)
    )
    return [(marathon, talk) for marathon, talk in rows]
