"""Reviewing confirmations: what a coordinator may see and decide, in one place for the chat and
the review board. Only the newest version of a school's step is reviewable; deciding it tells
everyone registered for the school and its curators (once each), through the outbox."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services import fanout
from services.calendar import Step
from services.calendar_io import calendar_for
from services.clock import Clock
from services.delivery import Buttons
from services.directory import Directory
from services.permissions import Action, Actor, ForbiddenError, can
from services.screening.verdict import copied_from
from services.submissions import reviewer_area, school_scope
from storage.models import Submission, SubmissionFile, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.screening import ScreeningRepository
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.users import UserRepository

# How a decision reads for one person: (their texts, the version, the school's name, the step).
Notice = Callable[[Texts, Submission, str, Step | None], tuple[str, Buttons]]


# Control characters a reviewer cannot have typed (a NUL would reach the school's notice);
# line breaks and tabs stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def return_comment(typed: str | None) -> str | None:
    """A return's comment as the school should read it, None when nothing is left: the chat's
    and the board's comments go through the same cleaning."""
    return _CONTROL.sub(" ", typed or "").strip() or None


class Refusal(StrEnum):
    FORBIDDEN = "forbidden"  # outside the reviewer's area
    MISSING = "missing"  # no such submission (or still a draft)
    DECIDED = "decided"  # someone decided it first
    YOURS = "yours"  # the same reviewer decided it already (a second tap)
    SUPERSEDED = "superseded"  # a newer version came
    NOT_REVIEWER = "not_reviewer"  # a school or a curator pressing a reviewer's button


class ReviewRefusedError(Exception):
    def __init__(self, reason: Refusal, newer_version: int | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.newer_version = newer_version


@dataclass(frozen=True, slots=True)
class CopySource:
    """The other submission a file of this one is a copy of, as the checks found it: the card
    names its school always, and offers to open it only to a reviewer of that school."""

    submission_id: int
    school: str
    may_open: bool


@dataclass(frozen=True, slots=True)
class Decision:
    submission: Submission
    accepted: bool
    people: Sequence[int]  # to be told: the school's accounts, its curators, the sender


def _decided_by(submission: Submission, actor: Actor) -> Refusal:
    return Refusal.YOURS if submission.reviewed_by == actor.user_id else Refusal.DECIDED


class Review:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._submissions = SubmissionRepository(session)
        self._clock = clock

    async def queue(self, actor: Actor, season: int) -> list[Submission]:
        """The newest versions awaiting review in the reviewer's area: those the bot's checks
        found suspicious first, then unclear, then fine, then not checked yet; oldest first."""
        return [submission for submission, _ in await self.ranked(actor, season)]

    async def ranked(self, actor: Actor, season: int) -> list[tuple[Submission, str | None]]:
        """The queue with each one's verdict (None: not checked yet), read in the same query."""
        if not actor.is_coordinator():
            raise ForbiddenError(Action.REVIEW_SUBMISSION)
        return await ScreeningRepository(self._session).review_queue(reviewer_area(actor), season)

    async def viewable(self, actor: Actor, submission_id: int) -> Submission:
        """A sent version (of any status) to look at, for a reviewer of its school only;
        ReviewRefusedError says why not."""
        submission = await self._submissions.get(submission_id)
        if submission is None or submission.status == "draft":
            raise ReviewRefusedError(Refusal.MISSING)
        if not await self._may_review(actor, submission.school_id):
            raise ReviewRefusedError(Refusal.FORBIDDEN)
        return submission

    async def copy_sources(self, actor: Actor, submission_id: int) -> list[CopySource]:
        """The submissions the checks found this one's files copy, each once, with whether the
        reviewer may open it (a school of their area, still there, not a draft)."""
        files = await ScreeningRepository(self._session).file_results(submission_id)
        found = copied_from(item for file in files for item in file.findings)
        out = []
        for other_id, school in found:
            other = await self._submissions.get(other_id)
            may_open = (
                other is not None
                and other.status != "draft"
                and await self._may_review(actor, other.school_id)
            )
            out.append(CopySource(other_id, school, may_open))
        return out

    async def _may_review(self, actor: Actor, school_id: int) -> bool:
        try:
            scope = await school_scope(self._session, school_id)
        except LookupError:  # the school left the directory
            return False
        return can(actor, Action.REVIEW_SUBMISSION, scope)

    async def decidable(self, actor: Actor, submission_id: int) -> Submission:
        """The version if this actor may accept or return it now; ReviewRefusedError says why
        not. Asked before a return's comment is typed, so nobody writes one for nothing."""
        if not actor.is_coordinator():
            raise ReviewRefusedError(Refusal.NOT_REVIEWER)
        submission = await self.viewable(actor, submission_id)
        if submission.status == "superseded":
            newest = await self._submissions.newest_version(submission)
            raise ReviewRefusedError(Refusal.SUPERSEDED, newest)
        if submission.status != "submitted":
            raise ReviewRefusedError(_decided_by(submission, actor))
        return submission

    async def decide(
        self, actor: Actor, submission_id: int, accept: bool, comment: str | None
    ) -> Decision:
        """Accepts or returns (with `comment`) one version; ReviewRefusedError says why not."""
        submission = await self.decidable(actor, submission_id)
        status = "accepted" if accept else "returned"
        now = self._clock.now()
        if not await self._submissions.decide(submission_id, status, actor.user_id, comment, now):
            await self._session.refresh(submission)  # decided meanwhile: by whom?
            raise ReviewRefusedError(_decided_by(submission, actor))
        await self._session.refresh(submission)
        people = await self._submissions.people_of([submission.school_id])
        told = dict.fromkeys([*people.get(submission.school_id, []), submission.submitted_by])
        told.pop(actor.user_id, None)  # the reviewer knows
        told.pop(0, None)  # a sender who asked to be forgotten
        return Decision(submission, accept, list(told))

    async def tell(self, decision: Decision, catalog: Catalog, notice: Notice) -> list[User]:
        """Everyone of the school and its curators hear the decision once, each in their
        language, through the outbox; returns whom it was queued for."""
        submission = decision.submission
        school = await DirectoryRepository(self._session).school(submission.school_id)
        step = (await calendar_for(self._session, None)).step(submission.step_key)
        name = school.name if school else ""

        def render(t: Texts) -> tuple[str, Buttons]:
            return notice(t, submission, name, step)

        campaign = f"review:{submission.id}:{submission.status}"
        now = self._clock.now()
        return await fanout.tell(self._session, catalog, decision.people, render, campaign, now)


@dataclass(frozen=True, slots=True)
class Card:
    """A sent version as a reviewer's card shows it: its files, place, step and sender, and the
    reader's time zone for its time."""

    submission: Submission
    files: list[SubmissionFile]
    school: str
    municipality: str
    step: Step | None
    sender: User | None
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class Turn:
    """The card to show next, how many others wait, and the copies the reviewer may open."""

    card: Card
    more: int
    copies: list[CopySource]


def card_to_show(queue: list[Submission], skipped: int, wanted: int) -> Submission:
    """`wanted` if it still waits; else the one after `skipped` in the queue's order (suspicious
    first, not by id), wrapping round; else the first."""
    ids = [submission.id for submission in queue]
    if wanted in ids:
        return queue[ids.index(wanted)]
    if skipped in ids:
        return queue[(ids.index(skipped) + 1) % len(queue)]
    return queue[0]


async def card(session: AsyncSession, submission: Submission, reader_id: int) -> Card:
    """What the card of `submission` shows `reader_id` (who may see it: the caller checked)."""
    files = await SubmissionRepository(session).files(submission.id)
    place = await DirectoryRepository(session).school_place(submission.school_id)
    season = await calendar_for(session, place[2].code if place else None)
    return Card(
        submission,
        files,
        place[0].name if place else "",
        place[1].name if place else "",
        season.step(submission.step_key),
        await UserRepository(session).get(submission.submitted_by),
        await Directory(session, ()).zone(reader_id),
    )


async def next_turn(
    session: AsyncSession, clock: Clock, actor: Actor, skipped: int = 0, wanted: int = 0
) -> Turn | None:
    """The card of the queue to show (see `card_to_show`); None when nothing waits.
    ForbiddenError for anyone but a coordinator."""
    review = Review(session, clock)
    season = await calendar_for(session, None)
    queue = await review.queue(actor, season.season)
    if not queue:
        return None
    submission = card_to_show(queue, skipped, wanted)
    shown = await card(session, submission, actor.user_id)
    copies = [copy for copy in await review.copy_sources(actor, submission.id) if copy.may_open]
    return Turn(shown, len(queue) - 1, copies)
