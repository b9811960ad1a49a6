"""The review board's use cases, free of the web layer: the progress matrix of a person's area
(schools × steps, filtered), the review gallery and one version in full, decisions one by one or
many at once, and one-time logins. Decisions are `services.review.Review`'s, exactly as in the
chat, so notices, audit and the outbox behave the same."""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog
from services.calendar import Calendar, Step
from services.calendar_io import calendar_for
from services.clock import Clock
from services.permissions import Action, Actor, ForbiddenError, can
from services.regions import region_info
from services.review import Decision, Notice, Refusal, Review, ReviewRefusedError
from services.screening.verdict import UNCHECKED, VERDICT_FILTERS
from services.submissions import (
    progress,
    reporting_steps,
    reviewer_area,
    school_scope,
    submitter_schools,
    viewer_area,
)
from services.timefmt import MOSCOW
from storage.models import Submission, SubmissionFile, User
from storage.repositories.board import BoardRepository, CuratorRow, Dates
from storage.repositories.submissions import Area, SchoolRow, SubmissionRepository
from storage.repositories.users import UserRepository

# A cell of the matrix: the four of /progress, and "not due yet" for a missing step whose date
# has not passed in the school's region.
STATUSES = ("accepted", "submitted", "returned", "missing", "notdue")
PAGE = 500  # matrix rows per page
LOGIN_TTL = timedelta(minutes=10)


# --- who may open what --------------------------------------------------------------------


def may_open(actor: Actor) -> bool:
    """Coordinators see their area; a curator or a school their own schools."""
    return actor.is_coordinator() or bool(submitter_schools(actor))


def require_coordinator(actor: Actor) -> None:
    if not actor.is_coordinator():
        raise ForbiddenError(Action.REVIEW_SUBMISSION)


# --- the matrix -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    municipality: int | None = None
    step: str | None = None
    status: str | None = None
    curator: str | None = None  # a key of Matrix.curators
    query: str = ""
    page: int = 1

    @property
    def any(self) -> bool:
        return bool(
            self.municipality or self.step or self.status or self.curator or self.query.strip()
        )


@dataclass(frozen=True, slots=True)
class Cell:
    status: str
    # accepted or returned: when reviewed; awaiting review: when sent; otherwise: the due date
    day: date | None
    submission_id: int | None


@dataclass(frozen=True, slots=True)
class Row:
    school: SchoolRow
    cells: Sequence[Cell]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    number: str
    title: str
    due: date | None  # when every school shown has the same date


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    name: str
    schools: int


@dataclass(frozen=True, slots=True)
class Summary:
    """One municipality's cells per shown step, for a regional coordinator's overview."""

    municipality: Place
    counts: Sequence[Counter[str]]


@dataclass(slots=True)
class Matrix:
    columns: list[Column]
    rows: list[Row]  # this page's
    total: int  # rows after filtering, all pages
    counts: list[Counter[str]]  # per column, over every filtered row
    municipalities: list[Place]
    curators: list[tuple[str, str]]  # (filter key, name)
    summary: list[Summary] = field(default_factory=list)
    page: int = 1
    pages: int = 1


def _curator_key(row: CuratorRow) -> str:
    return f"u{row.user_id}" if row.user_id is not None else f"n{row.name}"


async def _calendars(session: AsyncSession, regions: Iterable[str]) -> dict[str, Calendar]:
    return {region: await calendar_for(session, region) for region in regions}


def _zone(region: str) -> ZoneInfo:
    info = region_info(region)
    return info.zone if info else MOSCOW


async def matrix(
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
    language: str,
    filters: Filters,
    page_size: int = PAGE,
) -> Matrix:
    """The person's area as schools × reporting steps; counts over every filtered row."""
    area = viewer_area(actor)
    federal = await calendar_for(session, None)
    report = await progress(session, area, federal)
    dates = await BoardRepository(session).dates(area, federal.season)
    regions = sorted({school.region for school in report.schools})
    calendars = await _calendars(session, regions)
    now = clock.now()
    today = {region: now.astimezone(_zone(region)).date() for region in regions}
    zones = {region: _zone(region) for region in regions}
    steps = reporting_steps(calendars[regions[0]] if len(regions) == 1 else federal)
    if filters.step:
        steps = [step for step in steps if step.key == filters.step] or steps
    due = {
        (region, step.key): _due(calendars[region], step, region)
        for region in regions
        for step in steps
    }

    curator_rows = await BoardRepository(session).curators(area) if actor.is_coordinator() else []
    curators = sorted(
        {_curator_key(row): row.name for row in curator_rows}.items(), key=lambda kv: kv[1]
    )
    curated = (
        {row.school_id for row in curator_rows if _curator_key(row) == filters.curator}
        if filters.curator
        else None
    )
    municipalities: dict[int, Place] = {}
    for school in report.schools:
        known = municipalities.get(school.municipality_id)
        municipalities[school.municipality_id] = Place(
            school.municipality_id, school.municipality, (known.schools if known else 0) + 1
        )
    needle = filters.query.strip().casefold()

    # A cell depends on the school only through its newest version; without one, only on the
    # region and the step. Both kinds are made once and shared by the rows (cells are frozen).
    sent: dict[tuple[int, str], Cell] = {}
    for (school_id, step_key), latest in report.latest.items():
        stamp = dates.get(latest.submission_id, Dates(None, None))
        moment = stamp.submitted_at if latest.status == "submitted" else stamp.reviewed_at
        sent[(school_id, step_key)] = Cell(latest.status, moment, latest.submission_id)
    blank = {
        region: [
            Cell(_unsent(due[(region, step.key)], today[region]), due[(region, step.key)], None)
            for step in steps
        ]
        for region in regions
    }
    keys = [step.key for step in steps]
    rows: list[Row] = []
    for school in report.schools:
        if filters.municipality and school.municipality_id != filters.municipality:
            continue
        if curated is not None and school.id not in curated:
            continue
        if needle and needle not in school.name.casefold() and needle not in school.code.lower():
            continue
        empty = blank[school.region]
        cells = [sent.get((school.id, key)) or empty[n] for n, key in enumerate(keys)]
        if filters.status and not any(cell.status == filters.status for cell in cells):
            continue
        rows.append(Row(school, cells))

    counts = [Counter(row.cells[n].status for row in rows) for n in range(len(steps))]
    columns = [
        Column(step.key, step.number, step.text("title", language), _common_due(due, step.key))
        for step in steps
    ]
    summary = []
    if actor.is_coordinator() and len(municipalities) > 1 and not filters.municipality:
        per: dict[int, list[Counter[str]]] = {}
        for row in rows:
            tally = per.get(row.school.municipality_id)
            if tally is None:
                tally = per[row.school.municipality_id] = [Counter() for _ in steps]
            for n, cell in enumerate(row.cells):
                tally[n][cell.status] += 1
        summary = [Summary(municipalities[m], per[m]) for m in per]
    pages = max(1, -(-len(rows) // page_size))
    page = min(max(1, filters.page), pages)
    shown = [
        Row(row.school, [_local(cell, zones[row.school.region]) for cell in row.cells])
        for row in rows[(page - 1) * page_size : page * page_size]
    ]
    return Matrix(
        columns=columns,
        rows=shown,
        total=len(rows),
        counts=counts,
        municipalities=sorted(municipalities.values(), key=lambda m: m.name),
        curators=curators,
        summary=summary,
        page=page,
        pages=pages,
    )


def _unsent(deadline: date | None, today: date) -> str:
    """A step not sent: not due yet until its date has passed in the region, then missing."""
    return "notdue" if deadline is not None and today <= deadline else "missing"


def _local(cell: Cell, zone: ZoneInfo) -> Cell:
    """A sent cell carries its instant until shown; shown, the date in the school's region."""
    if isinstance(cell.day, datetime):
        return Cell(cell.status, cell.day.astimezone(zone).date(), cell.submission_id)
    return cell


def _due(calendar: Calendar, step: Step, region: str) -> date | None:
    own = calendar.step(step.key)
    return (own or step).due(region)


def _common_due(due: dict[tuple[str, str], date | None], step_key: str) -> date | None:
    values = {value for (_, key), value in due.items() if key == step_key}
    return values.pop() if len(values) == 1 else None


# --- the gallery ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card:
    submission: Submission
    school: SchoolRow
    step: Step | None
    files: Sequence[SubmissionFile]
    sent: date | None  # in the school's region
    verdict: str = UNCHECKED  # the bot's check: suspicious | unclear | ok | unchecked

    @property
    def cover(self) -> SubmissionFile | None:
        """The first file that counts as evidence, shown as the card's thumbnail."""
        return next((file for file in self.files if not file.rejected), None)


@dataclass(slots=True)
class Gallery:
    cards: list[Card]
    total: int  # awaiting review after filtering
    steps: list[Column]
    municipalities: list[Place]
    verdicts: Counter[str] = field(default_factory=Counter)  # awaiting review, per verdict


async def gallery(
    session: AsyncSession,
    actor: Actor,
    clock: Clock,
    language: str,
    municipality: int | None = None,
    step_key: str | None = None,
    limit: int = 50,
    verdict: str | None = None,
) -> Gallery:
    """The newest versions awaiting review in the reviewer's area as cards, in the queue's
    order (suspicious first, then unclear, looks right, not checked; oldest first within each),
    each with its verdict; `verdict` (one of VERDICT_FILTERS) keeps only those."""
    federal = await calendar_for(session, None)
    ranked = await Review(session, clock).ranked(actor, federal.season)
    schools = {
        school.id: school
        for school in await SubmissionRepository(session).schools(reviewer_area(actor))
    }
    verdicts = {s.id: found if found in VERDICT_FILTERS else UNCHECKED for s, found in ranked}
    waiting = [s for s, _ in ranked if s.school_id in schools]
    municipalities: dict[int, Place] = {}
    for submission in waiting:
        school = schools[submission.school_id]
        known = municipalities.get(school.municipality_id)
        municipalities[school.municipality_id] = Place(
            school.municipality_id, school.municipality, (known.schools if known else 0) + 1
        )
    step_counts = Counter(s.step_key for s in waiting)
    if municipality:
        waiting = [s for s in waiting if schools[s.school_id].municipality_id == municipality]
    if step_key:
        waiting = [s for s in waiting if s.step_key == step_key]
    verdict_counts = Counter(verdicts[s.id] for s in waiting)
    if verdict in VERDICT_FILTERS:
        waiting = [s for s in waiting if verdicts[s.id] == verdict]
    shown = waiting[:limit]
    files = await BoardRepository(session).files_of(s.id for s in shown)
    cards = [
        Card(
            s,
            schools[s.school_id],
            federal.step(s.step_key),
            files.get(s.id, []),
            _local(Cell("", s.submitted_at, None), _zone(schools[s.school_id].region)).day,
            verdicts[s.id],
        )
        for s in shown
    ]
    steps = [
        Column(step.key, step.number, step.text("title", language), None)
        for step in reporting_steps(federal)
        if step.key in step_counts
    ]
    return Gallery(
        cards,
        len(waiting),
        steps,
        sorted(municipalities.values(), key=lambda m: m.name),
        verdict_counts,
    )


@dataclass(frozen=True, slots=True)
class Version:
    submission: Submission
    reviewer: str | None


@dataclass(frozen=True, slots=True)
class Detail:
    submission: Submission
    school: SchoolRow
    step: Step | None
    files: Sequence[SubmissionFile]
    sender: str | None
    history: Sequence[Version]  # every version sent, newest first, this one included
    zone: ZoneInfo


async def detail(session: AsyncSession, actor: Actor, submission_id: int) -> Detail:
    """One version with its files and the school's history of the step; a reviewer's only."""
    submission = await SubmissionRepository(session).get(submission_id)
    if submission is None or submission.status == "draft":
        raise LookupError(submission_id)
    scope = await school_scope(session, submission.school_id)
    if not can(actor, Action.REVIEW_SUBMISSION, scope):
        raise ForbiddenError(Action.REVIEW_SUBMISSION)
    (school,) = await SubmissionRepository(session).schools(
        Area(schools=frozenset({submission.school_id}))
    )
    board = BoardRepository(session)
    history = await board.history(submission.school_id, submission.step_key, submission.season)
    people = {
        user.id: user
        for user in await UserRepository(session).many(
            [submission.submitted_by, *(v.reviewed_by for v in history if v.reviewed_by)]
        )
    }
    calendar = await calendar_for(session, school.region)
    files = await board.files_of([submission.id])
    sender = people.get(submission.submitted_by)
    return Detail(
        submission=submission,
        school=school,
        step=calendar.step(submission.step_key),
        files=files[submission.id],
        sender=person_name(sender) if sender else None,
        history=[
            Version(
                version,
                person_name(people[version.reviewed_by]) if version.reviewed_by in people else None,
            )
            for version in history
        ],
        zone=_zone(school.region),
    )


def person_name(user: User) -> str:
    return user.display_name or " ".join(p for p in (user.first_name, user.last_name) if p)


async def file_for(
    session: AsyncSession, actor: Actor, file_id: int
) -> tuple[SubmissionFile, Submission]:
    """A stored file of a version, for whoever may review the school's confirmations."""
    found = await BoardRepository(session).file(file_id)
    if found is None or found[1].status == "draft":
        raise LookupError(file_id)
    scope = await school_scope(session, found[1].school_id)
    if not can(actor, Action.REVIEW_SUBMISSION, scope):
        raise ForbiddenError(Action.REVIEW_SUBMISSION)
    return found


# --- decisions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decided:
    decision: Decision
    told: Sequence[User]


async def decide(
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
    actor: Actor,
    submission_id: int,
    accept: bool,
    comment: str | None,
    notice: Notice,
) -> Decided:
    """What the chat's Accept and Return do: the decision, then everyone of the school told
    through the outbox. ReviewRefusedError says why not."""
    review = Review(session, clock)
    decision = await review.decide(actor, submission_id, accept, comment)
    return Decided(decision, await review.tell(decision, catalog, notice))


@dataclass(slots=True)
class BulkOutcome:
    accepted: list[int] = field(default_factory=list)
    refused: list[tuple[int, Refusal, int | None]] = field(default_factory=list)
    told: int = 0  # messages queued


async def accept_many(
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
    actor: Actor,
    submission_ids: Iterable[int],
    notice: Notice,
) -> BulkOutcome:
    """Accepts each version in turn, in the caller's one transaction; a version someone else
    decided meanwhile, a superseded one or one outside the area is reported, not fatal."""
    outcome = BulkOutcome()
    for submission_id in dict.fromkeys(submission_ids):
        try:
            decided = await decide(
                session, clock, catalog, actor, submission_id, True, None, notice
            )
        except ReviewRefusedError as refused:
            outcome.refused.append((submission_id, refused.reason, refused.newer_version))
            continue
        outcome.accepted.append(submission_id)
        outcome.told += len(decided.told)
    return outcome


# --- one-time logins --------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_login(session: AsyncSession, user_id: int, now: datetime) -> str:
    """A login token for the person, valid for LOGIN_TTL and once; only its hash is stored."""
    repository = BoardRepository(session)
    await repository.purge_logins(now - timedelta(days=1))
    token = secrets.token_urlsafe(32)
    await repository.add_login(_hash(token), user_id, now + LOGIN_TTL)
    return token


async def use_login(session: AsyncSession, token: str, now: datetime) -> int | None:
    """The person the token was issued to, if it is fresh and unused; it is used up."""
    if not token or len(token) > 128:
        return None
    return await BoardRepository(session).use_login(_hash(token), now)
