"""Coordinator broadcasts: whom an audience reaches inside the author's scope, what the message
may be (Telegram's limits, checked before anything is queued), and the delivery report."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services.board import person_name
from services.calendar_io import calendar_for
from services.delivery import Buttons, Outgoing, campaign_report, cancel, enqueue
from services.permissions import RULES, Action, Actor, ForbiddenError, Role, Scope, can
from services.submissions import reviewer_area
from storage.models import Broadcast
from storage.repositories.broadcasts import BroadcastRepository
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import Area, SubmissionRepository
from storage.repositories.users import UserRepository

TEXT_LIMIT = 4096  # characters of a message, after formatting is parsed
CAPTION_LIMIT = 1024
ROLES = {
    "schools": ("school",),
    "curators": ("curator",),
    "coordinators": (),
    "all": ("school", "curator"),
}


@dataclass(frozen=True, slots=True)
class Audience:
    role: str  # schools | curators | coordinators | all
    municipality_id: int | None = None  # None: the author's whole scope
    step_key: str | None = None  # only schools that have not confirmed this step

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Audience:
        return cls(**json.loads(text))


@dataclass(frozen=True, slots=True)
class Recipients:
    reachable: list[int]
    blocked: int  # blocked the bot earlier: not messaged again
    never_started: int  # imported grants whose person has not started the bot

    @property
    def total(self) -> int:
        return len(self.reachable) + self.blocked + self.never_started


def too_long(visible_length: int, with_media: bool) -> int | None:
    """The limit the message exceeds, or None when Telegram will take it."""
    limit = CAPTION_LIMIT if with_media else TEXT_LIMIT
    return limit if visible_length > limit else None


def audience_area(actor: Actor, region: str | None, audience: Audience) -> Area:
    """The author's scope, narrowed to the chosen municipality if they may write there."""
    if audience.municipality_id is None:
        return reviewer_area(actor)
    if region is None or not can(actor, Action.BROADCAST, Scope(region, audience.municipality_id)):
        raise ForbiddenError(Action.BROADCAST)
    return Area(municipalities=frozenset({audience.municipality_id}))


async def recipients(
    session: AsyncSession, actor: Actor, area: Area, audience: Audience, season: int
) -> Recipients:
    if not actor.is_coordinator():
        raise ForbiddenError(Action.BROADCAST)
    submissions = SubmissionRepository(session)
    people = BroadcastRepository(session)
    schools = await submissions.schools(area)
    if audience.step_key:
        latest = await submissions.latest(area, season)
        standing = ("submitted", "accepted")
        schools = [
            s
            for s in schools
            if (found := latest.get((s.id, audience.step_key))) is None
            or found.status not in standing
        ]
    if audience.role == "coordinators":
        regions = area.regions | {s.region for s in schools}
        users, waiting = await people.coordinators(
            {s.municipality_id for s in schools} | set(area.municipalities), regions
        )
    else:
        users, waiting = await people.school_people([s.id for s in schools], ROLES[audience.role])
    users.discard(actor.user_id)
    blocked = await people.unreachable(users)
    return Recipients(sorted(users - blocked), len(blocked), len(waiting))


def may_post_to_channel(actor: Actor) -> bool:
    return actor.is_admin or any(
        grant.role in RULES[Action.POST_TO_CHANNEL] for grant in actor.grants
    )


async def start(
    session: AsyncSession,
    actor: Actor,
    broadcast: Broadcast,
    messages: list[Outgoing],
    channel: Outgoing | None,
) -> None:
    """Queues the broadcast's messages for its send time (now or later)."""
    if (channel is not None or broadcast.to_channel) and not may_post_to_channel(actor):
        raise ForbiddenError(Action.POST_TO_CHANNEL)
    await enqueue(session, campaign(broadcast.id), messages, broadcast.send_at)
    if channel is not None:
        await enqueue(session, f"{campaign(broadcast.id)}:channel", [channel], broadcast.send_at)


def campaign(broadcast_id: int) -> str:
    return f"broadcast:{broadcast_id}"


@dataclass(frozen=True, slots=True)
class Report:
    delivered: int
    blocked: int
    never_started: int
    failed: int
    cancelled: int
    pending: int

    @property
    def total(self) -> int:
        return (
            self.delivered
            + self.blocked
            + self.never_started
            + self.failed
            + self.cancelled
            + self.pending
        )


async def report(session: AsyncSession, broadcast: Broadcast) -> Report:
    counts = await campaign_report(session, campaign(broadcast.id))
    return Report(
        delivered=counts.get("delivered", 0),
        blocked=counts.get("blocked", 0) + broadcast.blocked,
        never_started=counts.get("never_started", 0) + broadcast.never_started,
        failed=counts.get("failed", 0),
        cancelled=counts.get("cancelled", 0),
        pending=counts.get("pending", 0),
    )


# --- the composer's use cases (handlers.broadcasts) -----------------------------------------


@dataclass(frozen=True, slots=True)
class Scheduled:
    """One of the author's broadcasts waiting for its time."""

    id: int
    send_at: datetime
    recipients: int
    text: str


async def scheduled_by(session: AsyncSession, actor: Actor) -> list[Scheduled]:
    """The person's own scheduled broadcasts, soonest first."""
    waiting = await BroadcastRepository(session).scheduled_by(actor.user_id)
    return [Scheduled(b.id, b.send_at, b.recipients, b.text) for b in waiting]


def regional_region(actor: Actor) -> str | None:
    """The region a regional coordinator may narrow an audience within."""
    return next((g.scope.region for g in actor.grants if g.role is Role.REGIONAL), None)


async def municipality_choices(
    session: AsyncSession, actor: Actor
) -> Sequence[tuple[int, str]] | None:
    """(id, name) of the municipalities a regional coordinator may narrow to; None for anyone
    else (they write to their whole scope)."""
    region = regional_region(actor)
    if region is None:
        return None
    return await DirectoryRepository(session).municipality_names(region)


async def _region_of(session: AsyncSession, municipality_id: int | None) -> str | None:
    if municipality_id is None:
        return None
    municipality = await DirectoryRepository(session).municipality(municipality_id)
    return municipality.region_code if municipality else None


async def may_narrow(session: AsyncSession, actor: Actor, municipality_id: int | None) -> bool:
    """Whether the author may write to that municipality (None: their whole scope)."""
    try:
        audience_area(
            actor, await _region_of(session, municipality_id), Audience("all", municipality_id)
        )
    except ForbiddenError:
        return False
    return True


async def find_recipients(session: AsyncSession, actor: Actor, audience: Audience) -> Recipients:
    """Whom the audience reaches this season; ForbiddenError outside the author's scope."""
    area = audience_area(actor, await _region_of(session, audience.municipality_id), audience)
    season = await calendar_for(session, None)
    return await recipients(session, actor, area, audience, season.season)


@dataclass(frozen=True, slots=True)
class Reader:
    id: int
    name: str
    username: str | None


async def readers(session: AsyncSession, actor: Actor, audience: Audience) -> list[Reader]:
    """The people the announcement would reach, in the order of `find_recipients`."""
    found = await find_recipients(session, actor, audience)
    people = await UserRepository(session).many(found.reachable)
    return [Reader(person.id, person_name(person), person.username) for person in people]


@dataclass(frozen=True, slots=True)
class Preview:
    recipients: Recipients
    names: list[str]  # the reachable people's names
    place: str | None  # the chosen municipality's name


async def preview(session: AsyncSession, actor: Actor, audience: Audience) -> Preview:
    found = await find_recipients(session, actor, audience)
    place = None
    if audience.municipality_id is not None:
        municipality = await DirectoryRepository(session).municipality(audience.municipality_id)
        place = municipality.name if municipality else None
    people = await UserRepository(session).many(found.reachable)
    return Preview(found, [person_name(person) for person in people], place)


@dataclass(frozen=True, slots=True)
class Draft:
    """An announcement as composed: the author's formatted text, the optional file, whom to."""

    text: str
    media_kind: str | None
    file_id: str | None
    media_sha256: str | None
    audience: Audience
    to_channel: bool


# The announcement in one reader's texts: (texts, the author's name, the step whose "send the
# confirmation" button it carries, if any) -> its text and buttons.
Announce = Callable[[Texts, str, str | None], tuple[str, Buttons]]


@dataclass(frozen=True, slots=True)
class Launched:
    broadcast_id: int
    messages: int  # queued for people (the channel's post not counted)


async def launch(
    session: AsyncSession,
    catalog: Catalog,
    actor: Actor,
    draft: Draft,
    send_at: datetime,
    status: str,
    announce: Announce,
    channel: Callable[[], Awaitable[int | None]],
) -> Launched:
    """Records the broadcast and queues a message for each reachable person (in their language)
    and, if asked and allowed, the pinned post for the channel whose chat `channel` finds.
    Raises ForbiddenError: Action.BROADCAST outside the author's scope, Action.POST_TO_CHANNEL
    for the channel without the right."""
    found = await find_recipients(session, actor, draft.audience)
    if draft.to_channel and not may_post_to_channel(actor):
        raise ForbiddenError(Action.POST_TO_CHANNEL)
    users = UserRepository(session)
    author = await users.get(actor.user_id)
    author_name = person_name(author) if author else ""
    record = Broadcast(
        author_id=actor.user_id,
        audience=draft.audience.to_json(),
        to_channel=draft.to_channel,
        send_at=send_at,
        status=status,
    )
    record.text, record.media_kind = draft.text, draft.media_kind
    record.media_file_id, record.media_sha256 = draft.file_id, draft.media_sha256
    record.recipients, record.never_started = found.total, found.never_started
    record.blocked = found.blocked
    broadcast = await BroadcastRepository(session).add(record)
    step_key = draft.audience.step_key if draft.audience.role != "coordinators" else None
    messages = [
        _outgoing(
            person.id, broadcast, announce(catalog.bind(person.language), author_name, step_key)
        )
        for person in await users.many(found.reachable)
    ]
    post = None
    chat_id = await channel() if broadcast.to_channel else None
    if chat_id is not None:
        post = _outgoing(
            chat_id, broadcast, announce(catalog.bind(None), author_name, None), pin=True
        )
    await start(session, actor, broadcast, messages, post)
    # Committed before the author reads «запланировано»: the scheduler (and the outbox) must
    # find what the card says is there, even if showing the card fails.
    await session.commit()
    return Launched(broadcast.id, len(messages))


def _outgoing(
    chat_id: int, broadcast: Broadcast, rendered: tuple[str, Buttons], pin: bool = False
) -> Outgoing:
    text, buttons = rendered
    return Outgoing(
        chat_id,
        text,
        buttons,
        broadcast.media_kind,
        broadcast.media_file_id,
        pin,
        broadcast.media_sha256,
    )


async def remember_card(
    session: AsyncSession, broadcast_id: int, chat_id: int, message_id: int
) -> None:
    """Where the author's card is (the scheduler keeps it up to date)."""
    broadcast = await BroadcastRepository(session).get(broadcast_id)
    if broadcast is not None:
        broadcast.card_chat_id, broadcast.card_message_id = chat_id, message_id
    await session.commit()


@dataclass(frozen=True, slots=True)
class Stopped:
    broadcast: Broadcast
    report: Report


async def stop(session: AsyncSession, actor: Actor, broadcast_id: int, now: datetime) -> Stopped:
    """Cancels a scheduled broadcast or stops a sending one (its author only; ForbiddenError
    for anyone else), committed; the broadcast as it now stands, with its report. One whose
    every message has already gone (the progress card not yet told) is done, not stopped."""
    repository = BroadcastRepository(session)
    broadcast = await repository.get(broadcast_id)
    if broadcast is None or broadcast.author_id != actor.user_id:
        raise ForbiddenError(Action.BROADCAST)
    if broadcast.status == "sending" and not await _pending(session, broadcast.id):
        await repository.move(broadcast.id, ("sending",), "done", now)
    after = "cancelled" if broadcast.status == "scheduled" else "stopped"
    if await repository.move(broadcast.id, ("scheduled", "sending"), after, now):
        await cancel(session, campaign(broadcast.id))
        await cancel(session, f"{campaign(broadcast.id)}:channel")
    await session.commit()
    await session.refresh(broadcast)
    return Stopped(broadcast, await report(session, broadcast))


async def _pending(session: AsyncSession, broadcast_id: int) -> int:
    """Messages of the broadcast (to people and to the channel) not yet sent."""
    pending = 0
    for name in (campaign(broadcast_id), f"{campaign(broadcast_id)}:channel"):
        pending += (await campaign_report(session, name)).get("pending", 0)
    return pending
