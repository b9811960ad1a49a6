"""A coordinator's "Remind": the schools chosen that have not sent a step (or had it returned)
hear about it, each of their people once, with a Submit button, through the outbox. Used by the
review board's missing list; free of the web layer, so a chat button may call it too.

Every school is checked against the coordinator's scope first; one outside it refuses the whole
request. A school is reminded of a step at most once a day (in its region's time), however often
the button is pressed, by this coordinator or another."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services import fanout, timefmt
from services.calendar import Step
from services.calendar_io import calendar_for
from services.clock import Clock
from services.delivery import Buttons
from services.permissions import Action, Actor, Scope, require
from services.regions import region_info
from services.submissions import reporting_steps
from services.timefmt import MOSCOW
from storage.repositories.submissions import Area, SchoolRow, SubmissionRepository

NOT_SENT = ("missing", "returned")
# The Submit button under a reminder: (texts, school id, step key) → buttons (ui.nudges.submit).
SubmitButton = Callable[[Texts, int, str], Buttons]


@dataclass(frozen=True, slots=True)
class NudgeOutcome:
    schools: int  # schools reminded now
    people: int  # messages queued (a person of two such schools hears of each)
    already: int = 0  # reminded of the step today already
    sent: int = 0  # have sent it meanwhile (awaiting review or accepted)
    nobody: int = 0  # nobody of the school uses the bot: the coordinator tells them otherwise


class UnknownStepError(LookupError):
    """The step is not a reporting step of the season."""


async def remind_missing(
    session: AsyncSession,
    catalog: Catalog,
    clock: Clock,
    actor: Actor,
    step_key: str,
    school_ids: Iterable[int],
    submit: SubmitButton,
) -> NudgeOutcome:
    """Queues the reminders; ForbiddenError when a school is outside the actor's scope,
    LookupError for an unknown school or step. The caller commits."""
    federal = await calendar_for(session, None)
    if step_key not in {step.key for step in reporting_steps(federal)}:
        raise UnknownStepError(step_key)
    wanted = frozenset(school_ids)
    repository = SubmissionRepository(session)
    schools = await repository.schools(Area(schools=wanted)) if wanted else []
    if len(schools) != len(wanted):
        raise LookupError(sorted(wanted - {school.id for school in schools}))
    for school in schools:
        require(actor, Action.BROADCAST, Scope(school.region, school.municipality_id, school.id))
    latest = await repository.latest(Area(schools=wanted), federal.season)
    pending = [
        school
        for school in schools
        if (found := latest.get((school.id, step_key))) is None or found.status in NOT_SENT
    ]
    people = await repository.people_of([school.id for school in pending])
    now = clock.now()
    reminded = told = already = nobody = 0
    for school in pending:
        if not people.get(school.id):
            nobody += 1
            continue
        info = region_info(school.region)
        today = now.astimezone(info.zone if info else MOSCOW).date()
        if not await repository.claim_reminder(f"nudge:{step_key}:{school.id}:{today}"):
            already += 1
            continue
        step = (await calendar_for(session, school.region)).step(step_key)
        if step is None:  # a region's calendar without the federal step: nothing to say
            continue

        def render(t: Texts, school: SchoolRow = school, step: Step = step) -> tuple[str, Buttons]:
            due = step.due(school.region)
            text = t(
                "board-nudge",
                school=school.name,
                number=step.number,
                title=step.text("title", t.language, school.region),
                due=timefmt.day(due, t.language) if due else t("board-nudge-no-due"),
            )
            return text, submit(t, school.id, step_key)

        readers = await fanout.tell(
            session,
            catalog,
            people[school.id],
            render,
            f"nudge:{school.id}:{now:%Y%m%dT%H%M%S}",
            now,
        )
        reminded += 1
        told += len(readers)
    return NudgeOutcome(reminded, told, already, len(schools) - len(pending), nobody)
