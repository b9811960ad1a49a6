"""Coordinator broadcasts: whom an audience reaches inside the author's scope, what the message
may be (Telegram's limits, checked before anything is queued), and the delivery report."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.delivery import Outgoing, campaign_report, enqueue
from services.permissions import RULES, Action, Actor, ForbiddenError, Scope, can
from services.submissions import reviewer_area
from storage.models import Broadcast
from storage.repositories.broadcasts import BroadcastRepository
from storage.repositories.submissions import Area, SubmissionRepository

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
