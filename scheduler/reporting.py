"""Sweeps for confirmations: batched notices to reviewers, retried downloads, reminders before and
after deadlines, the Monday digest. Everything that fans out goes through the outbox; every
reminder is claimed by a key first, so it is queued once per school, step and offset."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from gateway.files import downloader
from scheduler.runner import JobContext
from services import timefmt
from services.calendar import Step
from services.calendar_io import calendar_for
from services.delivery import Outgoing, enqueue
from services.evidence import fetch_files
from services.reminders import digest_day, due_reminders
from services.screening import screen_pending
from services.submissions import Progress, progress, reporting_steps
from storage.models import Region, Submission
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import Area, SchoolRow, SubmissionRepository
from storage.repositories.users import UserRepository
from ui.callbacks import ProgCb, RevCb, SubCb
from ui.keyboards import plain

log = logging.getLogger(__name__)
NOTICE_LINES = 15
OVERDUE_LINES = 30


async def _texts(context: JobContext, session: AsyncSession, user_id: int) -> Texts:
    user = await UserRepository(session).get(user_id)
    return context.catalog.bind(user.language if user else None)


# --- reviewers hear of new submissions, batched ----------------------------------------------


async def notify_reviewers(context: JobContext) -> None:
    """One message per reviewer for everything sent since the last sweep."""
    now = context.clock.now()
    async with context.sessionmaker.begin() as session:
        repository = SubmissionRepository(session)
        fresh = await repository.unannounced()
        if not fresh:
            return
        directory = DirectoryRepository(session)
        per_reviewer: dict[int, list[tuple[Submission, str]]] = {}
        for submission in fresh:
            place = await directory.school_place(submission.school_id)
            if place is None:
                continue
            school, municipality, region = place
            for reviewer in await directory.coordinators_for(region.code, municipality.id):
                per_reviewer.setdefault(reviewer, []).append((submission, school.name))
        season = await calendar_for(session, None)
        messages = []
        for reviewer, items in per_reviewer.items():
            t = await _texts(context, session, reviewer)
            lines = [t("review-notice", count=len(items))]
            for submission, school_name in items[:NOTICE_LINES]:
                step = season.step(submission.step_key)
                lines.append(
                    t(
                        "review-notice-line",
                        school=school_name,
                        number=step.number if step else submission.step_key,
                        version=submission.version or 0,
                    )
                )
            if len(items) > NOTICE_LINES:
                lines.append(t("review-notice-more", count=len(items) - NOTICE_LINES))
            builder = InlineKeyboardBuilder()
            builder.button(text=t("review-open-button"), callback_data=RevCb(action="open"))
            messages.append(Outgoing(reviewer, "\n".join(lines), plain(builder.as_markup())))
        await repository.mark_announced([s.id for s in fresh], now)
        await enqueue(session, f"review-notice:{now:%Y%m%dT%H%M%S}", messages, now)


async def download_files(context: JobContext) -> None:
    """Copies new files into FILES_DIR, then checks the submissions whose files are all there;
    a sender whose confirmation was accepted automatically is told."""
    async with context.sessionmaker() as session:
        await fetch_files(session, downloader(context.bot), context.settings.files_dir)
        if context.screener is None:
            return
        now = context.clock.now()
        results = await screen_pending(session, context.settings.files_dir, context.screener, now)
        accepted = [result.submission_id for result in results if result.auto_accepted]
        if accepted:
            await _tell_auto_accepted(context, session, accepted, now)
            await session.commit()


async def _tell_auto_accepted(
    context: JobContext, session: AsyncSession, submission_ids: Sequence[int], now: datetime
) -> None:
    repository = SubmissionRepository(session)
    directory = DirectoryRepository(session)
    season = await calendar_for(session, None)
    messages = []
    for submission_id in submission_ids:
        submission = await repository.get(submission_id)
        if submission is None:
            continue
        school = await directory.school(submission.school_id)
        step = season.step(submission.step_key)
        t = await _texts(context, session, submission.submitted_by)
        text = t(
            "screening-auto-accepted",
            number=step.number if step else submission.step_key,
            school=school.name if school else "",
            version=submission.version or 0,
        )
        messages.append(Outgoing(submission.submitted_by, text))
    campaign = f"auto-accepted:{min(submission_ids)}-{max(submission_ids)}"
    await enqueue(session, campaign, messages, now)


# --- reminders and digests -------------------------------------------------------------------


async def remind(context: JobContext) -> None:
    """Each region in its own unit of work: one region's bad data must not stop the others."""
    now = context.clock.now()
    async with context.sessionmaker() as session:
        regions = await DirectoryRepository(session).regions_with_schools()
    for region in regions:
        try:
            async with context.sessionmaker.begin() as session:
                await _remind_region(context, session, region, now)
        except Exception:
            log.exception("reminders for region %s failed; the other regions go on", region.code)


async def _remind_region(
    context: JobContext, session: AsyncSession, region: Region, now: datetime
) -> None:
    zone = ZoneInfo(region.timezone)
    calendar = await calendar_for(session, region.code)
    steps = reporting_steps(calendar)
    due = [(step, kind) for step in steps for kind in due_reminders(step, region.code, zone, now)]
    monday = digest_day(zone, now)
    if not due and monday is None:
        return  # nothing due here now: no need to read the region's progress
    report = await progress(session, Area(regions=frozenset({region.code})), calendar)
    report = replace(report, steps=steps)
    messages: list[Outgoing] = []
    upcoming: dict[int, list[Due]] = {}
    for step, kind in due:
        if kind == "overdue":
            messages += await _overdue(context, session, report, step, region.code)
        else:
            for person, found in (await _before(session, report, step, kind, region.code)).items():
                upcoming.setdefault(person, []).extend(found)
    for person, found in upcoming.items():  # one message per person, every step due in it
        messages.append(_reminder(await _texts(context, session, person), person, found))
    if monday is not None:
        messages += await _digests(context, session, report, region.code, monday)
    await enqueue(session, f"remind:{region.code}:{now:%Y%m%dT%H%M}", messages, now)


@dataclass(frozen=True, slots=True)
class Due:
    """A school's step due soon with nothing standing for it."""

    school: SchoolRow
    step: Step
    kind: str  # before-3 | before-1
    deadline: date | None


async def _before(
    session: AsyncSession, report: Progress, step: Step, kind: str, region: str
) -> dict[int, list[Due]]:
    """Whom to remind of the step: the people of schools without a standing confirmation and
    their curators; each school's reminder is claimed once."""
    repository = SubmissionRepository(session)
    missing = report.missing(step.key)
    people = await repository.people_of([school.id for school in missing])
    deadline = step.due(region)
    found: dict[int, list[Due]] = {}
    for school in missing:
        if not await repository.claim_reminder(f"{kind}:{step.key}:{school.id}:{deadline}"):
            continue
        for person in people.get(school.id, []):
            found.setdefault(person, []).append(Due(school, step, kind, deadline))
    return found


def _reminder(t: Texts, person: int, dues: list[Due]) -> Outgoing:
    lines = [t("remind-title", count=len(dues))]
    builder = InlineKeyboardBuilder()
    for due in sorted(dues, key=lambda d: (d.deadline or date.max, d.step.number, d.school.name)):
        when = t("remind-tomorrow") if due.kind == "before-1" else t("remind-in-days", days=3)
        lines.append(
            t(
                "remind-line",
                when=when,
                number=due.step.number,
                title=due.step.text("title", t.language),
                due=timefmt.day(due.deadline, t.language) if due.deadline else "—",
                school=due.school.name,
            )
        )
        builder.button(
            text=t.label("remind-submit-button", number=due.step.number, school=due.school.name)[
                :60
            ],
            callback_data=SubCb(action="step", school=due.school.id, step=due.step.key),
        )
    builder.adjust(1)
    return Outgoing(person, "\n".join(lines), plain(builder.as_markup()))


async def _overdue(
    context: JobContext, session: AsyncSession, report: Progress, step: Step, region: str
) -> list[Outgoing]:
    """The day after the deadline: each municipality's coordinators get its missing schools."""
    repository = SubmissionRepository(session)
    directory = DirectoryRepository(session)
    by_municipality: dict[int, list[SchoolRow]] = {}
    for school in report.missing(step.key):
        by_municipality.setdefault(school.municipality_id, []).append(school)
    deadline = step.due(region)
    messages = []
    for municipality, schools in by_municipality.items():
        if not await repository.claim_reminder(f"overdue:{step.key}:m{municipality}:{deadline}"):
            continue
        for coordinator in await directory.coordinators_for(region, municipality):
            t = await _texts(context, session, coordinator)
            lines = [
                t(
                    "remind-overdue",
                    number=step.number,
                    title=step.text("title", t.language),
                    due=timefmt.day(deadline, t.language) if deadline else "—",
                    count=len(schools),
                )
            ]
            lines += [t("remind-overdue-line", school=s.name) for s in schools[:OVERDUE_LINES]]
            if len(schools) > OVERDUE_LINES:
                lines.append(t("progress-missing-more", count=len(schools) - OVERDUE_LINES))
            messages.append(Outgoing(coordinator, "\n".join(lines), plain(_progress_button(t))))
    return messages


def _progress_button(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("menu-progress"), callback_data=ProgCb(action="show"))
    return builder.as_markup()


async def _digests(
    context: JobContext, session: AsyncSession, report: Progress, region: str, monday: date
) -> list[Outgoing]:
    """Every coordinator in the region: the progress of their own scope."""
    repository = SubmissionRepository(session)
    messages = []
    for grant in await repository.coordinator_grants(region):
        if grant.user_id is None:
            continue
        scope = f"m{grant.municipality_id}" if grant.role == "municipal" else f"r{region}"
        if not await repository.claim_reminder(f"digest:{monday}:{grant.user_id}:{scope}"):
            continue
        schools = [
            s
            for s in report.schools
            if grant.role == "regional" or s.municipality_id == grant.municipality_id
        ]
        t = await _texts(context, session, grant.user_id)
        text = _digest_text(t, replace(report, schools=schools), report.steps)
        messages.append(Outgoing(grant.user_id, text, plain(_progress_button(t))))
    return messages


def _digest_text(t: Texts, report: Progress, steps: Sequence[Step]) -> str:
    lines = [t("remind-digest", schools=len(report.schools))]
    for step in steps:
        counts = report.counts(step.key)
        lines.append(
            t(
                "remind-digest-line",
                number=step.number,
                title=step.text("title", t.language),
                accepted=counts["accepted"],
                submitted=counts["submitted"],
                returned=counts["returned"],
                missing=counts["missing"],
            )
        )
    return "\n".join(lines)
