"""Best-practice marathons and podcasts: who opens one and at which level, who manages it, who
may propose a talk, and whom its schedule and reminders reach."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services.delivery import Outgoing, enqueue
from services.directory import Directory
from services.fanout import Render, tell
from services.permissions import Action, Actor, ForbiddenError, Role, Scope, can
from services.submissions import submitter_schools
from services.timefmt import MOSCOW
from storage.models import Marathon, MarathonTalk
from storage.repositories.directory import DirectoryRepository
from storage.repositories.marathons import MarathonRepository
from storage.repositories.submissions import Area, SubmissionRepository
from storage.repositories.users import UserRepository

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
    marathon = await MarathonRepository(session).get(marathon_id)
    if marathon is None or not may_manage(actor, marathon):
        return None
    return marathon


async def managed_talk(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int
) -> tuple[Marathon, MarathonTalk] | None:
    """The talk with its marathon when this person manages that marathon and the talk is its."""
    marathon = await managed(session, actor, marathon_id)
    talk = await MarathonRepository(session).talk(talk_id)
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
    rows = await MarathonRepository(session).published_talks(now - TALK_LENGTH, limit=200)
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
    return await MarathonRepository(session).latest(
        regions, municipalities, everywhere=actor.is_admin
    )


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
    return await MarathonRepository(session).talks(marathon_id, status)


async def talks_to_remind(session: AsyncSession, now: datetime) -> Sequence[MarathonTalk]:
    """Accepted talks of published marathons starting within the hour."""
    return await MarathonRepository(session).starting_between(now, now + REMIND_BEFORE)


async def talks_between(
    session: AsyncSession, start: datetime, end: datetime
) -> list[tuple[Marathon, MarathonTalk]]:
    """Scheduled talks of published regional and federal marathons in [start, end), in time
    order (the week's post in the project channel)."""
    return await MarathonRepository(session).published_talks(start, end, beyond_municipal=True)


# --- the use cases of /marathons (handlers.marathons) ------------------------------------------


@dataclass(frozen=True, slots=True)
class TalkLine:
    """A talk with the name of the school that proposed it (None when it has none)."""

    talk: MarathonTalk
    school: str | None


async def _school_name(session: AsyncSession, school_id: int | None) -> str | None:
    school = await DirectoryRepository(session).school(school_id) if school_id else None
    return school.name if school else None


async def talk_line(session: AsyncSession, talk: MarathonTalk) -> TalkLine:
    return TalkLine(talk, await _school_name(session, talk.school_id))


async def programme(session: AsyncSession, marathon_id: int) -> list[TalkLine]:
    """The scheduled talks in time order, each with its school."""
    return [
        await talk_line(session, talk) for talk in await talks(session, marathon_id, "accepted")
    ]


@dataclass(frozen=True, slots=True)
class Card:
    """One marathon as a person sees it, and what they may do with it."""

    marathon: Marathon
    programme: list[TalkLine]
    proposing: bool  # the person has a school inside its area
    taking_proposals: bool
    manages: bool
    waiting: int  # proposals not yet decided (counted for its managers)


async def card(session: AsyncSession, actor: Actor, marathon: Marathon, now: datetime) -> Card:
    manages = may_manage(actor, marathon)
    waiting = len(await talks(session, marathon.id, "proposed")) if manages else 0
    return Card(
        marathon,
        await programme(session, marathon.id),
        bool(await proposing_schools(session, actor, marathon)),
        proposals_open(marathon, now),
        manages,
        waiting,
    )


async def viewable(session: AsyncSession, actor: Actor, marathon_id: int) -> Marathon | None:
    """The marathon someone asks for by id; None when there is none, ForbiddenError when it
    lies outside what they may see."""
    marathon = await MarathonRepository(session).get(marathon_id)
    if marathon is not None and not may_view(actor, marathon):
        raise ForbiddenError(Action.VIEW_SCHOOL)
    return marathon


@dataclass(frozen=True, slots=True)
class Opened:
    marathon: Marathon
    told: int  # people told it opened


async def open_and_announce(
    session: AsyncSession,
    catalog: Catalog,
    actor: Actor,
    opening: Opening,
    zone: ZoneInfo,
    now: datetime,
    notice: Callable[[Marathon], Render],
) -> Opened | None:
    """Opens the marathon and tells everyone who may propose (`notice` renders it for the
    marathon), committed; None for someone who may not open one or impossible dates."""
    marathon = open_marathon(actor, opening, zone, now)
    if marathon is None:
        return None
    await MarathonRepository(session).add(marathon)
    told = await announce_opening(session, catalog, marathon, notice(marathon), now)
    await session.commit()
    return Opened(marathon, told)


@dataclass(frozen=True, slots=True)
class Proposing:
    """A marathon a person may propose a talk to, from which of their schools."""

    marathon: Marathon
    schools: list[int]
    taking_proposals: bool


async def proposing(
    session: AsyncSession, actor: Actor, marathon_id: int, now: datetime
) -> Proposing | None:
    """None when there is no such marathon or none of the person's schools lies in its area."""
    marathon = await MarathonRepository(session).get(marathon_id)
    schools = await proposing_schools(session, actor, marathon) if marathon else []
    if marathon is None or not schools:
        return None
    return Proposing(marathon, schools, proposals_open(marathon, now))


async def school_names(session: AsyncSession, school_ids: list[int]) -> list[tuple[int, str]]:
    return await DirectoryRepository(session).school_names(school_ids)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A talk as a school proposes it."""

    school: int
    topic: str
    description: str
    speaker: str
    presentation: tuple[str, str] | None  # the file's Telegram id and name


@dataclass(frozen=True, slots=True)
class TalkOutcome:
    """A talk proposed or decided, with its marathon: what the people concerned are told."""

    marathon: Marathon
    talk: MarathonTalk
    school: str | None = None
    moved: bool = False  # a scheduled talk given another time


async def propose(
    session: AsyncSession, actor: Actor, marathon_id: int, proposal: Proposal, now: datetime
) -> TalkOutcome:
    """Stores the proposal, committed before its managers are told; ForbiddenError when the
    person may not propose there (or no longer: proposals closed)."""
    marathon = await MarathonRepository(session).get(marathon_id)
    if marathon is None or not await may_propose(session, actor, marathon, proposal.school, now):
        raise ForbiddenError(Action.SUBMIT_CONFIRMATION)
    file_id, file_name = proposal.presentation or (None, None)
    talk = MarathonTalk(
        marathon_id=marathon.id,
        school_id=proposal.school,
        file_id=file_id,
        proposed_by=actor.user_id,
        topic=proposal.topic,
        file_name=file_name,
        description=proposal.description,
        speaker=proposal.speaker,
    )
    await MarathonRepository(session).add_talk(talk)
    await session.commit()
    return TalkOutcome(marathon, talk, await _school_name(session, talk.school_id))


def _refuse_unmanaged(found: Marathon | None) -> Marathon:
    if found is None:
        raise ForbiddenError(Action.BROADCAST)
    return found


@dataclass(frozen=True, slots=True)
class Proposals:
    """The next proposal waiting for a manager's decision, after the one they last saw."""

    marathon: Marathon
    next: TalkLine | None
    more: int  # waiting after it


async def next_proposal(
    session: AsyncSession, actor: Actor, marathon_id: int, after_talk: int
) -> Proposals:
    marathon = _refuse_unmanaged(await managed(session, actor, marathon_id))
    proposed = await talks(session, marathon.id, "proposed")
    waiting = [talk for talk in proposed if talk.id > after_talk]
    if not waiting:
        return Proposals(marathon, None, 0)
    return Proposals(marathon, await talk_line(session, waiting[0]), len(waiting) - 1)


async def _decide(
    session: AsyncSession,
    actor: Actor,
    marathon_id: int,
    talk_id: int,
    status: str,
    starts_at: datetime | None = None,
) -> TalkOutcome:
    found = await managed_talk(session, actor, marathon_id, talk_id)
    if found is None:
        raise ForbiddenError(Action.BROADCAST)
    marathon, talk = found
    moved = talk.status == "accepted"
    talk.status, talk.decided_by = status, actor.user_id
    if starts_at is not None:
        talk.starts_at = starts_at
    await session.commit()  # before the proposer is told
    return TalkOutcome(marathon, talk, moved=moved and status == "accepted")


class OutsideDaysError(Exception):
    """A talk's time outside the days its marathon runs (in the zone it was typed in)."""

    def __init__(self, starts_on: date, ends_on: date) -> None:
        super().__init__(f"outside {starts_on}–{ends_on}")
        self.starts_on, self.ends_on = starts_on, ends_on


def outside_days(
    marathon: Marathon, starts_at: datetime, zone: ZoneInfo
) -> OutsideDaysError | None:
    """The refusal when the moment falls on none of the marathon's days (older ones have no
    days: any moment will do)."""
    start, end = marathon.starts_on, marathon.ends_on
    if start is None or end is None or start <= starts_at.astimezone(zone).date() <= end:
        return None
    return OutsideDaysError(start, end)


async def schedule_talk(
    session: AsyncSession,
    actor: Actor,
    marathon_id: int,
    talk_id: int,
    starts_at: datetime,
    zone: ZoneInfo,
) -> TalkOutcome:
    """Puts a proposed talk into the programme at `starts_at`, or moves a scheduled one;
    OutsideDaysError (nothing changed) when that is not one of the marathon's days in `zone`."""
    found = await managed_talk(session, actor, marathon_id, talk_id)
    outside = outside_days(found[0], starts_at, zone) if found is not None else None
    if outside is not None:
        raise outside
    return await _decide(session, actor, marathon_id, talk_id, "accepted", starts_at)


async def decline_talk(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int
) -> TalkOutcome:
    return await _decide(session, actor, marathon_id, talk_id, "declined")


async def withdraw_talk(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int
) -> TalkOutcome:
    """Takes a scheduled talk out of the programme (it is not reminded)."""
    found = await managed_talk(session, actor, marathon_id, talk_id)
    if found is None or found[1].status != "accepted":
        raise ForbiddenError(Action.BROADCAST)
    return await _decide(session, actor, marathon_id, talk_id, "withdrawn")


async def proposer_zone(session: AsyncSession, outcome: TalkOutcome) -> ZoneInfo:
    """The zone the proposer reads the talk's time in."""
    return await Directory(session, ()).zone(outcome.talk.proposed_by)


@dataclass(frozen=True, slots=True)
class Publishing:
    """A managed marathon's programme, and how many people it reaches."""

    marathon: Marathon
    programme: list[TalkLine]
    readers: int


async def publishing(session: AsyncSession, actor: Actor, marathon_id: int) -> Publishing:
    """ForbiddenError for someone who does not manage it; an empty programme is not sent."""
    marathon = _refuse_unmanaged(await managed(session, actor, marathon_id))
    scheduled = await programme(session, marathon.id)
    people = (
        await UserRepository(session).many(await audience(session, marathon)) if scheduled else []
    )
    return Publishing(marathon, scheduled, len(people))


# The programme in one reader's texts and zone (the channel's: Moscow time).
Announce = Callable[[Texts, ZoneInfo, Publishing], str]


async def publish(
    session: AsyncSession,
    catalog: Catalog,
    actor: Actor,
    marathon_id: int,
    now: datetime,
    announce: Announce,
    channel: Callable[[], Awaitable[int | None]],
) -> Publishing:
    """Sends the programme to the schools and curators of the marathon's area (outbox), and a
    regional or federal one to the project channel (whose chat `channel` finds) too, committed.
    Returns what was sent; `readers` counts the messages, the channel's among them. Nothing is
    sent when the programme is empty."""
    marathon = _refuse_unmanaged(await managed(session, actor, marathon_id))
    scheduled = await programme(session, marathon.id)
    if not scheduled:
        return Publishing(marathon, scheduled, 0)
    shown = Publishing(marathon, scheduled, 0)
    directory = Directory(session, ())
    users = UserRepository(session)
    messages = []
    for person in await audience(session, marathon):
        reader = await users.get(person)
        reader_t = catalog.bind(reader.language if reader else None)
        messages.append(Outgoing(person, announce(reader_t, await directory.zone(person), shown)))
    chat = await channel() if marathon.level != "municipal" else None
    if chat is not None:  # the channel reads Moscow time, in the default language
        messages.append(Outgoing(chat, announce(catalog.bind(None), MOSCOW, shown)))
    marathon.status, marathon.published_at = "published", now
    await enqueue(session, f"marathon:{marathon.id}:{now:%Y%m%dT%H%M%S}", messages, now)
    await session.commit()
    return Publishing(marathon, scheduled, len(messages))


async def scheduled_talks(session: AsyncSession, actor: Actor, marathon_id: int) -> Publishing:
    """A managed marathon's scheduled talks, to pick one to move or withdraw."""
    marathon = _refuse_unmanaged(await managed(session, actor, marathon_id))
    return Publishing(marathon, await programme(session, marathon.id), 0)


async def managed_talk_line(
    session: AsyncSession, actor: Actor, marathon_id: int, talk_id: int
) -> TalkOutcome:
    """A talk of a marathon the person manages, with its school; ForbiddenError otherwise."""
    found = await managed_talk(session, actor, marathon_id, talk_id)
    if found is None:
        raise ForbiddenError(Action.BROADCAST)
    marathon, talk = found
    return TalkOutcome(marathon, talk, await _school_name(session, talk.school_id))
