"""A question gets an answer: the reply text a person reads, in the language they asked in, with
dates of their region in their own time. The bot's handler and bench/qa.py both call `Answers`.

The policy: one matching calendar item → its card (dates first for "when", who does it, what to do,
how to report); several equally good items → all of them listed (up to five, each with its date,
the current or next one marked by the clock), buttons only to read more; an explanation → its
full text from the seeds; "who is my curator / coordinator" → the directory; nothing confident →
say plainly the calendar does not have it and offer to pass the question to the coordinator.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import yaml
from babel.dates import format_date
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Html, Texts
from services.calendar import DUE_KINDS, Calendar, Step, shipped_calendar
from services.qa import Answer, Intent, Kind, QuestionAnswerer, tokens
from services.timefmt import MOSCOW
from storage.models import RoleGrant, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.people import PeopleRepository

FAQ_FILE = Path(__file__).resolve().parent.parent / "data" / "faq.yaml"
LISTED = 5  # items in one list answer
PREFER_RATIO = 0.5  # the kind the intent asks for wins when it scores this close to the best
SENDERS = frozenset({"school", "curator"})
OVERDUE_DAYS = 14  # a missed deadline reads "overdue" this long, then "past" (as /deadlines)
ROLE_KEYS = {
    "school": "ans-role-school",
    "curator": "ans-role-curator",
    "municipal": "ans-role-municipal",
    "regional": "ans-role-regional",
}
FORM_KEYS = {
    "screenshot": "cal-form-screenshot",
    "ministry_letter": "cal-form-ministry-letter",
    "upload_medk": "cal-form-upload-medk",
    "survey": "cal-form-survey",
    "email": "cal-form-email",
}
SEED_KEYS = {"000": "ans-seed-000", "001": "ans-seed-001", "003": "ans-seed-003",
             "004": "ans-seed-004"}  # fmt: skip
COORDINATOR_KEYS = {
    "municipal": "ans-coordinators-municipal",
    "regional": "ans-coordinators-regional",
}
POSSESSIVE = frozenset({"мой", "моя", "мое", "моего", "моей", "мою", "наш", "наша", "наше",
                        "нашей", "нашего", "нашу", "нас", "меня", "мне", "my", "our",
                        "us"})  # fmt: skip
SCHOOL_NUMBER = re.compile(
    r"(?:сш|сош|оош|школ\w*|гимнази\w*|лице\w*|school|№)\s*(?:№\s*)?(\d{1,4})\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Asker:
    """Where a question comes from: the region decides deadlines, the zone how times read."""

    region: str | None
    zone: ZoneInfo
    roles: frozenset[str]


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    username: str | None = None


@dataclass(frozen=True, slots=True)
class SchoolPeople:
    school: str
    curators: tuple[Person, ...]


class People(Protocol):
    """The directory as the asker sees it: their schools, a school of their region by its
    number, their coordinators."""

    async def my_schools(self) -> list[SchoolPeople]: ...

    async def schools_numbered(self, number: str) -> list[SchoolPeople]: ...

    async def coordinators(self, role: str) -> list[Person]: ...


class NoPeople:
    """For a person outside the directory."""

    async def my_schools(self) -> list[SchoolPeople]:
        return []

    async def schools_numbered(self, number: str) -> list[SchoolPeople]:
        return []

    async def coordinators(self, role: str) -> list[Person]:
        return []


class RegisteredPeople:
    """People as the directory (the database) has them, seen from one registered person."""

    def __init__(self, session: AsyncSession, user_id: int) -> None:
        self._directory = DirectoryRepository(session)
        self._people = PeopleRepository(session)
        self._user_id = user_id

    async def my_schools(self) -> list[SchoolPeople]:
        grants = await self._directory.grants_of(self._user_id)
        return await self._with_curators([g.school_id for g in grants if g.school_id])

    async def schools_numbered(self, number: str) -> list[SchoolPeople]:
        grants = await self._directory.grants_of(self._user_id)
        if not grants:
            return []
        schools = await self._people.schools_in(grants[0].region_code)
        return await self._with_curators(
            [i for i, name in schools if number in re.findall(r"\d+", name)][:LISTED]
        )

    async def coordinators(self, role: str) -> list[Person]:
        grants = await self._directory.grants_of(self._user_id)
        if not grants:
            return []
        home = grants[0]
        if role == "regional":
            holders = await self._people.holders(role, region_code=home.region_code)
        else:
            municipality = home.municipality_id
            if municipality is None and home.school_id is not None:
                place = await self._directory.school_place(home.school_id)
                municipality = place[1].id if place else None
            if municipality is None:
                return []
            holders = await self._people.holders(role, municipality_id=municipality)
        return _unique(_person_of(grant, user) for grant, user in holders)

    async def _with_curators(self, school_ids: Sequence[int]) -> list[SchoolPeople]:
        if not school_ids:
            return []
        names = dict(await self._people.schools(school_ids))
        curators: dict[int, list[Person]] = {}
        for grant, user in await self._people.holders("curator", school_ids=school_ids):
            if grant.school_id is not None:
                curators.setdefault(grant.school_id, []).append(_person_of(grant, user))
        return [
            SchoolPeople(names[i], tuple(_unique(curators.get(i, []))))
            for i in school_ids
            if i in names
        ]


def _person_of(grant: RoleGrant, user: User | None) -> Person:
    if user is not None:
        name = user.display_name or " ".join(p for p in (user.first_name, user.last_name) if p)
        return Person(name, user.username)
    contact = grant.pending_contact or ""
    return Person(grant.pending_name or contact, contact[1:] if contact.startswith("@") else None)


def _unique(people: Iterable[Person]) -> list[Person]:
    return list(dict.fromkeys(people))


@dataclass(frozen=True, slots=True)
class ReplyButton:
    """`step` (value: step key), `faq` (value: entry key), `submit` (value: step key or ""),
    `ask` (pass the question to the coordinator), `deadlines`."""

    action: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    language: str
    outcome: str  # item | list | faq | personal | unknown
    buttons: tuple[ReplyButton, ...] = ()
    shown: tuple[str, ...] = ()  # keys of the items and entries the text gives


NextWebinar = Callable[[], Awaitable[datetime | None]]


@cache
def faq_entries() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(FAQ_FILE.read_text(encoding="utf-8"))["faq"])


def faq_entry(key: str) -> dict[str, Any] | None:
    return next((f for f in faq_entries() if f["key"] == key), None)


_answerers: dict[tuple[int, int], QuestionAnswerer] = {}


def answerer(season_calendar: Calendar | None = None) -> QuestionAnswerer:
    """One answerer per calendar version (a new season brings its own items)."""
    season = season_calendar or shipped_calendar()
    key = (season.season, season.version)
    if key not in _answerers:
        _answerers[key] = QuestionAnswerer(season, faq_entries())
    return _answerers[key]


def days_left(step: Step, asker: Asker, now: datetime) -> int | None:
    day = step.due(asker.region)
    if day is None:
        return None
    return (day - now.astimezone(asker.zone).date()).days


# --- dates as people read them -------------------------------------------------------------


def _day(value: date, language: str, year: int) -> str:
    pattern = "d MMMM" if value.year == year else "d MMMM yyyy"
    return format_date(value, pattern, locale=language)


def _month(value: date, language: str, with_year: bool) -> str:
    return format_date(value, "LLLL yyyy" if with_year else "LLLL", locale=language)


def when_text(t: Texts, step: Step, region: str | None, now: datetime, zone: ZoneInfo) -> str:
    """ "до 15 сентября", "с 14 февраля по 1 марта", "март — май 2022", "постоянно"; with the
    time of an event in Moscow and in the asker's zone."""
    year = now.astimezone(zone).year
    start, end = step.window_start, step.due(region)
    language = t.language
    if end is None:
        return step.text("period", language, region) or t("ans-when-region-sets")
    if step.precision == "month":
        first = start or end
        if (first.year, first.month) == (end.year, end.month):
            text = _month(end, language, True)
        else:
            text = t(
                "ans-when-months",
                start=_month(first, language, first.year != end.year),
                end=_month(end, language, True),
            )
    elif start is not None:
        text = t(
            "ans-when-window", start=_day(start, language, year), end=_day(end, language, year)
        )
    elif step.kind in DUE_KINDS:
        text = t("ans-when-deadline", date=_day(end, language, year))
    else:
        text = _day(end, language, year)
    own = step.regional.get(region or "")
    if step.kind == "deadline" and step.deadline and own and own != step.deadline:
        text = t(
            "ans-when-federal-regional",
            federal=_day(step.deadline, language, year),
            regional=_day(own, language, year),
        )
    period = step.text("period", language, region) if step.period else ""
    if step.time:
        text += ", " + _time_text(t, step, zone, start or end)
        if period:
            text = f"{period}, {text}"
    elif period and step.kind != "ongoing":
        text += f" ({period})"
    return text


def _time_text(t: Texts, step: Step, zone: ZoneInfo, on: date) -> str:
    assert step.time is not None
    hour, minute = (int(x) for x in step.time.split(":"))
    moment = datetime.combine(on, time(hour, minute), MOSCOW)
    local = moment.astimezone(zone).strftime("%H:%M")
    if local == step.time:
        return t("ans-time-moscow", time=step.time)
    return t("ans-time-local", time=step.time, local=local)


def _status(t: Texts, step: Step, asker: Asker, now: datetime) -> tuple[str, str]:
    """The item's state by the clock, and "now" / "next" / "" for marking a list."""
    today = now.astimezone(asker.zone).date()
    start, end = step.window_start, step.due(asker.region)
    if end is None:
        return "", ""
    if start is not None and start > today:
        return t("ans-status-starts", days=(start - today).days), "next"
    if start is not None and start <= today <= end:
        return t("ans-status-running", days=(end - today).days), "now"
    left = (end - today).days
    if left > 0:
        return t("cal-days-left", days=left), "next"
    if left == 0:
        return t("cal-today"), "now"
    recent = left >= -OVERDUE_DAYS and start is None  # a deadline of the last two weeks
    if recent and step.kind in DUE_KINDS and step.concerns(set(asker.roles)):
        return t("cal-overdue", days=-left), ""
    return t("ans-status-past"), ""


# --- the service ---------------------------------------------------------------------------


@dataclass(slots=True)
class Answers:
    """Replies to free-text questions. `calendar` is the asker's region's calendar (its own
    dates); the index is built once per federal calendar version."""

    catalog: Catalog
    index: QuestionAnswerer = field(default_factory=answerer)

    async def reply(
        self,
        text: str,
        asker: Asker,
        now: datetime,
        calendar: Calendar,
        people: People | None = None,
        next_webinar: NextWebinar | None = None,
        language: str = "ru",
    ) -> Reply:
        """`language`: the asker's own, for a text written in none."""
        found = self.index.answer(text, asker.region, language)
        t = self.catalog.bind(found.language)
        personal = await self._personal(t, text, found, asker, people or NoPeople())
        if personal is not None:
            return personal
        if found.kind is None or found.best is None:
            return Reply(t("ans-unknown"), t.language, "unknown", (ReplyButton("ask"),))
        kind = _kind(found)
        if kind is Kind.FAQ:
            faq = found.faq or found.best
            related = [m.key for m in found.matches if m.kind is Kind.STEP]
            return await self._faq(t, faq.key, related, asker, now, next_webinar)
        keys = [m.key for m in found.matches if m.kind is Kind.STEP]
        if not keys and found.step is not None:
            keys = [found.step.key]
        items = [s for key in keys if (s := calendar.step(key)) is not None][:LISTED]
        if len(items) == 1:
            return self._card(t, calendar, items[0], asker, now, found.intent)
        return self._list(t, items, asker, now, found.intent)

    # --- one item ----------------------------------------------------------------------------

    def card(self, t: Texts, calendar: Calendar, step: Step, asker: Asker, now: datetime) -> Reply:
        """An item's card as a button shows it: the same as the answer about it."""
        return self._card(t, calendar, step, asker, now, None)

    def _card(
        self,
        t: Texts,
        calendar: Calendar,
        step: Step,
        asker: Asker,
        now: datetime,
        intent: Intent | None,
    ) -> Reply:
        region, language = asker.region, t.language
        lines = [t("ans-card-title", title=step.text("title", language))]
        when = when_text(t, step, region, now, asker.zone)
        status, _ = _status(t, step, asker, now)
        lines.append(t("ans-card-when", when=when) + (f" — {status}" if status else ""))
        details = [t("ans-card-todo", todo=step.text("todo", language, region))]
        if step.who:
            details.append(t("ans-card-who", who=step.text("who", language, region)))
        details.append(
            t("ans-card-concerns", roles=", ".join(t(ROLE_KEYS[r]) for r in step.responsible))
        )
        report = self._report(t, step, region)
        if report:
            details.append(t("ans-card-report", report=report))
        if step.result or step.local.get(region or "", {}).get("result"):
            details.append(t("ans-card-result", result=step.text("result", language, region)))
        if step.link:
            details.append(t("ans-card-link", link=step.link))
        if intent is Intent.WHO:
            details.insert(0, details.pop(1) if step.who else details.pop(0))
        lines += details
        if step.sources:
            source = step.sources[0]
            lines.append(t("ans-card-source", document=t(SEED_KEYS[source.seed]), line=source.line))
        buttons: list[ReplyButton] = []
        if step.screenshot and asker.roles & SENDERS:
            buttons.append(ReplyButton("submit", step.key))
        buttons.append(ReplyButton("deadlines"))
        return Reply("\n".join(lines), language, "item", tuple(buttons), (step.key,))

    def _report(self, t: Texts, step: Step, region: str | None) -> str:
        own = step.text("report", t.language, region) if step.report or step.local else ""
        if own:
            return own
        return t(FORM_KEYS[step.form]) if step.form in FORM_KEYS else ""

    # --- several items -----------------------------------------------------------------------

    def _list(
        self, t: Texts, items: Sequence[Step], asker: Asker, now: datetime, intent: Intent | None
    ) -> Reply:
        ordered = sorted(items, key=lambda s: s.window_start or s.due(asker.region) or date.max)
        marks = [_status(t, s, asker, now) for s in ordered]
        marked = next((i for i, (_, m) in enumerate(marks) if m == "now"), None)
        if marked is None:
            marked = next((i for i, (_, m) in enumerate(marks) if m == "next"), None)
        details = [self._detail(t, s, asker.region, intent) for s in ordered]
        shared = details[0] if details and len(set(details)) == 1 else None
        lines = [t("ans-list-title", count=len(ordered))]
        for index, step in enumerate(ordered):
            status, state = marks[index]
            mark = ""
            if index == marked:
                mark = t("ans-mark-now") if state == "now" else t("ans-mark-next")
            title = step.text("title", t.language)
            when = when_text(t, step, asker.region, now, asker.zone)
            if status:
                lines.append(t("ans-list-line", title=title, when=when, status=status, mark=mark))
            else:
                lines.append(t("ans-list-line-plain", title=title, when=when))
            if details[index] and shared is None:
                lines.append(details[index])
        if shared:
            lines.append(shared)
        lines.append(t("ans-list-more"))
        buttons = [ReplyButton("step", s.key) for s in ordered]
        if any(s.screenshot for s in ordered) and asker.roles & SENDERS:
            buttons.append(ReplyButton("submit", ""))
        return Reply(
            "\n".join(lines), t.language, "list", tuple(buttons), tuple(s.key for s in ordered)
        )

    def _detail(self, t: Texts, step: Step, region: str | None, intent: Intent | None) -> str:
        """The line a list gives under an item for "who", "how" and "where" questions."""
        if intent is Intent.WHO:
            who = step.text("who", t.language, region) if step.who else ""
            roles = ", ".join(t(ROLE_KEYS[r]) for r in step.responsible)
            return t("ans-list-who", who=who or roles)
        if intent in (Intent.HOW, Intent.WHERE, Intent.WHAT):
            report = self._report(t, step, region)
            todo = step.text("todo", t.language, region)
            return t("ans-list-how", todo=todo, report=report or "—")
        return ""

    # --- an explanation ----------------------------------------------------------------------

    async def _faq(
        self,
        t: Texts,
        key: str,
        related: Sequence[str],
        asker: Asker,
        now: datetime,
        next_webinar: NextWebinar | None,
    ) -> Reply:
        entry = faq_entry(key) or {}
        body: Mapping[str, str] = dict(entry.get("answer") or {})
        own = dict(entry.get("local") or {}).get(asker.region or "")
        if own:
            body = dict(own)
        text = t("cal-faq", text=body.get(t.language) or body.get("ru", ""))
        if entry.get("live") == "next_webinar" and next_webinar is not None:
            text += "\n\n" + await self._next_webinar(t, asker, now, next_webinar)
        buttons = [ReplyButton("step", k) for k in related[:2]]
        if key == "faq-submit" and asker.roles & SENDERS:
            buttons.insert(0, ReplyButton("submit", ""))
        return Reply(text, t.language, "faq", tuple(buttons), (key,))

    async def _next_webinar(
        self, t: Texts, asker: Asker, now: datetime, next_webinar: NextWebinar
    ) -> str:
        from services import timefmt  # the webinar line reads like /webinars

        starts = await next_webinar()
        if starts is None:
            return t("webinars-none")
        shift = timefmt.moscow_shift(asker.zone, now)
        when = timefmt.when(starts, asker.zone, t.language)
        if shift:
            return t("cal-next-webinar-local", when=when, shift=shift)
        return t("cal-next-webinar-moscow", when=when)

    # --- the directory -----------------------------------------------------------------------

    async def _personal(
        self, t: Texts, text: str, found: Answer, asker: Asker, people: People
    ) -> Reply | None:
        """ "Who is my curator", "кто куратор у СШ № 21", "кто у нас муниципальный координатор":
        the directory's people, when it knows them."""
        words = set(found.words)
        raw = set(tokens(text))
        mine = bool(raw & POSSESSIVE)
        if "куратор" in words and found.intent in (Intent.WHO, None):
            number = SCHOOL_NUMBER.search(text)
            if number is not None:
                schools = await people.schools_numbered(number.group(1))
            elif mine or words <= {"куратор", "школа"}:
                schools = await people.my_schools()
            else:
                return None
            if not any(s.curators for s in schools):
                return None
            lines = [
                t("ans-curators", school=s.school, people=_people(t, s.curators))
                if s.curators
                else t("ans-no-curator", school=s.school)
                for s in schools
            ]
            return Reply("\n".join(lines), t.language, "personal")
        if "координатор" in words and (found.intent is Intent.WHO or mine):
            others = words - {"координатор", "муниципальный", "региональный", "школа"}
            if others and not mine:
                return None
            roles = [r for r in ("municipal", "regional") if _role_word(r) in words] or [
                "municipal",
                "regional",
            ]
            lines = []
            for role in roles:
                found_people = await people.coordinators(role)
                if found_people:
                    lines.append(t(COORDINATOR_KEYS[role], people=_people(t, found_people)))
            if not lines:
                return None
            return Reply("\n".join(lines), t.language, "personal")
        if "школа" in words and mine and len(words) == 1:
            schools = await people.my_schools()
            if not schools:
                return None
            names = ", ".join(s.school for s in schools)
            return Reply(t("ans-my-schools", schools=names), t.language, "personal")
        return None


def _kind(found: Answer) -> Kind:
    """A calendar item or an explanation: "when" asks for an item's date, "what is" for an
    explanation; otherwise the better-ranked one."""
    best = found.best
    assert best is not None
    step, faq = found.step, found.faq
    if found.dated and step and step.score >= best.score * PREFER_RATIO:
        return Kind.STEP  # "что сделать до 1 марта": the items of that date
    if found.intent is Intent.WHAT and faq and faq.score >= best.score * PREFER_RATIO:
        return Kind.FAQ  # "что такое …": a definition
    wants_date = found.intent in (Intent.WHEN, Intent.TIME)
    if wants_date and step and step.score >= best.score * PREFER_RATIO:
        return Kind.STEP
    return best.kind


def _role_word(role: str) -> str:
    return "муниципальный" if role == "municipal" else "региональный"


def _people(t: Texts, people: Sequence[Person]) -> Html:
    """Names (and @usernames where the person has one), escaped once: t() escapes its arguments."""
    parts = [
        t("ans-person-username", name=p.name, username=p.username)
        if p.username
        else _escape(p.name)
        for p in people
    ]
    return Html(", ".join(parts))


def _escape(text: str) -> str:
    """Text from the data files is plain: escape it for Telegram's HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
