"""Confirmations of reporting steps: who may send and review them, what a file must be, and the
progress of a scope (per step: submitted, accepted, returned, missing)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.calendar import Calendar, Step
from services.permissions import Action, Actor, ForbiddenError, Role, Scope, can, require
from services.reports import ChartBar
from storage.models import Submission
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import Area, Latest, SchoolRow, SubmissionRepository

MAX_FILE = 20 * 1024 * 1024  # the Bot API does not let bots download bigger files
DOCUMENT_TYPES = ("application/pdf",)
STATUSES = ("accepted", "submitted", "returned", "missing")


def refusal(mime_type: str | None, size: int | None) -> str | None:
    """Why a document cannot confirm a step (a locale key), or None when it can."""
    if (size or 0) > MAX_FILE:
        return "submit-too-big"
    if size == 0:
        return "submit-refused-empty"
    mime = (mime_type or "").lower()
    if not (mime.startswith("image/") or mime in DOCUMENT_TYPES):
        return "submit-unsupported"
    return None


def reporting_steps(calendar: Calendar) -> list[Step]:
    """The steps a school confirms with a screenshot."""
    return [step for step in calendar.steps() if step.screenshot]


def submitter_schools(actor: Actor) -> list[int]:
    """Schools the person may send confirmations for (their own, or those they curate)."""
    seen: list[int] = []
    for grant in actor.grants:
        school = grant.scope.school_id
        if grant.role in (Role.SCHOOL, Role.CURATOR) and school is not None and school not in seen:
            seen.append(school)
    return seen


def reviewer_area(actor: Actor) -> Area:
    """Where the person reviews: municipalities and regions they coordinate."""
    if actor.is_admin:
        return Area(everywhere=True)
    return Area(
        regions=frozenset(g.scope.region for g in actor.grants if g.role is Role.REGIONAL),
        municipalities=frozenset(
            g.scope.municipality_id
            for g in actor.grants
            if g.role is Role.MUNICIPAL and g.scope.municipality_id is not None
        ),
    )


def viewer_area(actor: Actor) -> Area:
    """What /progress shows: a coordinator's scope, or a school's or curator's own schools."""
    if actor.is_coordinator():
        return reviewer_area(actor)
    return Area(schools=frozenset(submitter_schools(actor)))


async def school_scope(session: AsyncSession, school_id: int) -> Scope:
    place = await DirectoryRepository(session).school_place(school_id)
    if place is None:
        raise LookupError(school_id)
    school, municipality, region = place
    return Scope(region.code, municipality.id, school.id)


async def start_draft(
    session: AsyncSession, actor: Actor, school_id: int, step: Step, season: int
) -> int:
    """The draft for the school's confirmation of the step, if the person may send it."""
    if not step.screenshot:
        raise ForbiddenError(Action.SUBMIT_CONFIRMATION)
    require(actor, Action.SUBMIT_CONFIRMATION, await school_scope(session, school_id))
    return await SubmissionRepository(session).draft_for(school_id, step.key, season, actor.user_id)


async def review(
    session: AsyncSession,
    actor: Actor,
    submission_id: int,
    accept: bool,
    comment: str | None,
    now: datetime,
) -> Submission | None:
    """Accepts or returns a submitted version; None when it was already decided."""
    repository = SubmissionRepository(session)
    submission = await repository.get(submission_id)
    if submission is None or submission.status == "draft":
        return None
    scope = await school_scope(session, submission.school_id)
    if not can(actor, Action.REVIEW_SUBMISSION, scope):
        raise ForbiddenError(Action.REVIEW_SUBMISSION)
    status = "accepted" if accept else "returned"
    if not await repository.decide(submission_id, status, actor.user_id, comment, now):
        return None
    await session.refresh(submission)
    return submission


@dataclass(frozen=True, slots=True)
class Progress:
    steps: Sequence[Step]
    schools: Sequence[SchoolRow]
    latest: dict[tuple[int, str], Latest]

    def status(self, school_id: int, step_key: str) -> str:
        found = self.latest.get((school_id, step_key))
        return found.status if found else "missing"

    def counts(self, step_key: str) -> Counter[str]:
        return Counter(self.status(school.id, step_key) for school in self.schools)

    def missing(self, step_key: str) -> list[SchoolRow]:
        """Schools with nothing standing for the step: never sent, or returned."""
        return [
            school
            for school in self.schools
            if self.status(school.id, step_key) in ("missing", "returned")
        ]

    def bars_by_step(self, language: str) -> list[ChartBar]:
        return [
            _bar(f"{step.number}. {step.text('title', language)}", self.counts(step.key))
            for step in self.steps
        ]

    def bars_by_municipality(self) -> list[ChartBar]:
        """School-step cells per municipality, over all reporting steps."""
        totals: dict[str, Counter[str]] = {}
        for school in self.schools:
            cells = totals.setdefault(school.municipality, Counter())
            for step in self.steps:
                cells[self.status(school.id, step.key)] += 1
        return [_bar(name, cells) for name, cells in totals.items()]


def _bar(label: str, counts: Counter[str]) -> ChartBar:
    return ChartBar(
        label, counts["accepted"], counts["submitted"], counts["returned"], counts["missing"]
    )


async def progress(session: AsyncSession, area: Area, calendar: Calendar) -> Progress:
    repository = SubmissionRepository(session)
    return Progress(
        reporting_steps(calendar),
        await repository.schools(area),
        await repository.latest(area, calendar.season),
    )
