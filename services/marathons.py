"""Best-practice marathons and podcasts: who opens one and at which level, who manages it, who
may propose a talk, and whom its schedule and reminders reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog
from services.fanout import Render, tell
from services.permissions import Action, Actor, Role, Scope, can
from services.submissions import submitter_schools
from storage.models import Marathon, MarathonTalk
from storage.repositories.submissions import Area, SubmissionRepository

REMIND_BEFORE = timedelta(hours=1)
KINDS = ("marathon", "podcast")
TALK_LENGTH = timedelta(hours=1)  # how long a talk stands in a calendar app
MAX_DAYS = 62  # a marathon runs for days or weeks, never a season
PRESENTATION_MAX = 20 * 1024 * 1024  # what a bot may download from Telegram
PRESENTATION_TYPES = {
    ".pdf": "application/pdf",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


@dataclass(frozen=True, slots=True)
class Opening:
    """What a coordinator types when opening a marathon."""

    title: str
    kind: str
    starts_on: date
    ends_on: date
    deadline: date  # the last day proposals are taken, in the author's zone
    description: str


def days_problem(start: date, end: date, today: date) -> str | None:
    """A locale key saying what is wrong with the marathon's days; None when they will do."""
    if start < today:
        return "mar-bad-days-past"
    if end < start or (end - start).days > MAX_DAYS:
        return "mar-bad-days-order"
    return None


def deadline_problem(deadline: date, start: date, today: date) -> str | None:
    if deadline < today or deadline > start:
        return "mar-bad-deadline"
    return None


def join_url(text: str) -> str | None:
    """The link as given when it is an https URL with a host (and nothing a button refuses)."""
    value = text.strip()
    if len(value) > 500 or any(c.isspace() or ord(c) < 32 for c in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme != "https" or not host or "." not in host or parts.username is not None:
        return None
    return value


def presentation_problem(file_name: str | None, size: int | None) -> str | None:
    """A locale key when the file is not a presentation the bot takes; None when it is."""
    suffix = PurePosixPath(file_name or "").suffix.lower()
    if suffix not in PRESENTATION_TYPES:
        return "mar-file-bad-type"
    if not size or size > PRESENTATION_MAX:
        return "mar-file-too-big"
    return None


def proposals_open(marathon: Marathon, now: datetime) -> bool:
    return marathon.proposals_until is None or now < marathon.proposals_until


def open_marathon(actor: Actor, opening: Opening, zone: ZoneInfo, now: datetime) -> Marathon | None:
    """The marathon as opened by this person (None for non-coordinators or impossible dates)."""
    today = now.astimezone(zone).date()
    if days_problem(opening.starts_on, opening.ends_on, today) or deadline_problem(
        opening.deadline, opening.starts_on, today
    ):
        return None
    marathon = new_marathon(actor, opening.title, opening.kind)
    if marathon is None:
        return None
    marathon.starts_on, marathon.ends_on = opening.starts_on, opening.ends_on
    marathon.description = opening.description
    closing = datetime.combine(opening.deadline + timedelta(days=1), time(0), zone)
    marathon.proposals_until = closing.astimezone(UTC)
    return marathon


async def announce_opening(
    session: AsyncSession,
    catalog: Catalog,
    marathon: Marathon,
    render: Render,
    now: datetime,
) -> int:
    """Everyone who may propose (the schools and curators of its area) hears it opened, through
    the outbox, once per marathon."""
    people = [p for p in await audience(session, marathon) if p != marathon.created_by]
    readers = await tell(session, catalog, people, render, f"marathon-open:{marathon.id}", now)
    return len(readers)


async def may_propose(
    session: AsyncSession, actor: Actor, marathon: Marathon | None, school: int, now: datetime
) -> bool:
    if marathon is None or not proposals_open(marathon, now):
        return False
    return school in await proposing_schools(session, actor, marathon)


async def managed(session: AsyncSession, actor: Actor, marathon_id: int) -> Marathon | None:
    """The marathon when this person manages it (every coordinator's button asks this)."""
    marathon = await session.get(Marathon, marathon_id)
    if marathon is None or not may_manage(actor, marathon):
        return None
    return marathon


async def managed_talk(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int
) -> tuple[Marathon, MarathonTalk] | None:
    """The talk with its marathon when this person manages that marathon and the talk is its."""
    marathon = await managed(session, actor, marathon_id)
    talk = await session.get(MarathonTalk, talk_id)
    if marathon is None or talk is None or talk.marathon_id != marathon.id:
        return None
    return marathon, talk


async def set_join_link(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int, text: str
) -> str:
    """Sets a scheduled talk's join link: "saved", "bad-link" (still asking) or "refused"."""
    url = join_url(text)
    if url is None:
        return "bad-link"
    found = await managed_talk(session, actor, marathon_id, talk_id)
    if found is None or found[1].status != "accepted":
        return "refused"
    found[1].join_url = url
    await session.commit()
    return "saved"


async def calendar_talks(
    session: AsyncSession, actor: Actor, now: datetime
) -> list[tuple[Marathon, MarathonTalk]]:
    """The coming talks of published marathons this person may see (their .ics)."""
    rows = await session.execute(
        select(Marathon, MarathonTalk)
        .join(MarathonTalk, MarathonTalk.marathon_id == Marathon.id)
        .where(
            Marathon.status == "published",
            MarathonTalk.status == "accepted",
            MarathonTalk.starts_at >= now - TALK_LENGTH,
        )
        .order_by(MarathonTalk.starts_at)
        .limit(200)
    )
    return [(m, talk) for m, talk in rows if may_view(actor, m)]


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
