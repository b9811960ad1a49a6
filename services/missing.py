"""Who has not sent a step, as a coordinator acts on it: each school with its curators and how to
reach them, and one reminder to exactly those schools' people through the outbox.

The button carries only the step and, optionally, a municipality; everything else is read again
from the presser's own grants, so a forged button reaches nobody outside their scope: a
municipality outside it is refused, and a person who coordinates nothing is refused."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog
from services.calendar import Step
from services.calendar_io import calendar_for
from services.clock import Clock
from services.nudges import NudgeOutcome, SubmitButton, UnknownStepError, remind_missing
from services.permissions import Action, Actor, ForbiddenError, Scope, require
from services.submissions import Progress, progress, reporting_steps, viewer_area
from storage.repositories.directory import DirectoryRepository
from storage.repositories.exports import Contact, ExportRepository
from storage.repositories.submissions import Area, SchoolRow


@dataclass(frozen=True, slots=True)
class MissingSchool:
    school: SchoolRow
    status: str  # missing | returned
    curators: list[Contact]


@dataclass(frozen=True, slots=True)
class MissingList:
    step: Step
    schools: list[MissingSchool]
    municipality: int  # 0: the coordinator's whole scope


async def scope_progress(session: AsyncSession, actor: Actor) -> Progress:
    """The coordinator's area, with its region's own steps when it lies in one region."""
    if not actor.is_coordinator():
        raise ForbiddenError(Action.BROADCAST)
    report = await progress(session, viewer_area(actor), await calendar_for(session, None))
    regions = {school.region for school in report.schools}
    if len(regions) != 1:
        return report
    regional = reporting_steps(await calendar_for(session, regions.pop()))
    return replace(report, steps=regional)


async def missing_list(
    session: AsyncSession, actor: Actor, step_key: str, municipality: int = 0
) -> MissingList:
    """ForbiddenError outside the actor's scope, UnknownStepError for a step not reported."""
    report = await scope_progress(session, actor)
    step = next((s for s in report.steps if s.key == step_key), None)
    if step is None:
        raise UnknownStepError(step_key)
    if municipality:
        await _require_municipality(session, actor, municipality)
    schools = [
        s for s in report.missing(step.key) if not municipality or s.municipality_id == municipality
    ]
    curators: dict[int, list[Contact]] = {}
    if schools:
        area = Area(schools=frozenset(s.id for s in schools))
        for contact in await ExportRepository(session).curators(area):
            curators.setdefault(contact.school_id, []).append(contact)
    return MissingList(
        step,
        [MissingSchool(s, report.status(s.id, step.key), curators.get(s.id, [])) for s in schools],
        municipality,
    )


async def _require_municipality(session: AsyncSession, actor: Actor, municipality: int) -> None:
    found = await DirectoryRepository(session).municipality(municipality)
    if found is None:
        raise ForbiddenError(Action.BROADCAST)
    require(actor, Action.BROADCAST, Scope(found.region_code, found.id))


async def remind(
    session: AsyncSession,
    catalog: Catalog,
    clock: Clock,
    actor: Actor,
    step_key: str,
    municipality: int = 0,
    *,
    submit: SubmitButton,
) -> NudgeOutcome:
    """Reminds exactly the schools of the missing list (everyone registered for each, its
    curators included), with a Submit button for the step, through the outbox. Each school at
    most once a day. The caller commits."""
    listing = await missing_list(session, actor, step_key, municipality)
    return await remind_missing(
        session, catalog, clock, actor, step_key, [m.school.id for m in listing.schools], submit
    )
