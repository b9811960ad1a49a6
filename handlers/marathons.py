"""/marathons: best-practice marathons and podcasts. A coordinator opens one at their level;
schools (and curators) propose talks — topic, a short description, the speaker; the coordinator
puts a talk into the schedule at a time or declines it, moves or withdraws a scheduled one, and
announces the programme. Each talk is reminded an hour before (scheduler.marathons)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from gateway.channel import channel_chat
from handlers.context import Context
from handlers.notify import tell_each
from handlers.routing import inline, on_typed
from handlers.screens import found_or_told, show
from services import timefmt
from services.marathons import (
    KINDS,
    PRESENTATION_MAX,
    Card,
    Opening,
    OutsideDaysError,
    Proposal,
    Proposing,
    Publishing,
    TalkLine,
    TalkOutcome,
    card,
    days_problem,
    deadline_problem,
    decline_talk,
    managed,
    managed_talk,
    managed_talk_line,
    next_proposal,
    open_and_announce,
    presentation_problem,
    propose,
    proposer_zone,
    proposing,
    publish,
    publishing,
    schedule_talk,
    scheduled_talks,
    school_names,
    set_join_link,
    viewable,
    visible,
    withdraw_talk,
)
from services.permissions import Actor
from services.when import parse_day, parse_days
from ui import pages
from ui.callbacks import MarCb, MenuCb, PageCb, Picker
from ui.keyboards import Choice, back_to_menu, column
from ui.marathons import (
    about_lines,
    icon,
    opened_notice,
    programme_lines,
    talk_text,
    talk_when,
)

LIMITS = {"topic": 300, "description": 1500, "speaker": 200, "title": 200, "about": 1500}
LEVEL_KEYS = {
    "municipal": "mar-level-municipal",
    "regional": "mar-level-regional",
    "federal": "mar-level-federal",
}
NEW_KEYS = {"marathon": "mar-new-marathon", "podcast": "mar-new-podcast"}
KIND_KEYS = {"marathon": "mar-kind-marathon", "podcast": "mar-kind-podcast"}
NOT_YOURS = "mar-not-yours"  # a marathon or talk outside what the person may see or manage
# A coordinator's decision on a talk that only needs the button: the service and what it says.
DECISIONS = {
    "decline": (decline_talk, "mar-declined"),
    "withdraw": (withdraw_talk, "mar-withdrawn"),
}


class MarathonForm(StatesGroup):
    title = State()
    days = State()  # the days it runs
    deadline = State()  # the last day of proposals
    about = State()  # its description
    topic = State()
    description = State()
    speaker = State()
    presentation = State()  # a file, or the button without one
    when = State()
    link = State()  # a talk's join link


# A proposal's typed fields in order: the state that waits for each, and what is asked next.
FIELDS = {
    MarathonForm.topic.state: ("topic", MarathonForm.description, "mar-ask-description"),
    MarathonForm.description.state: ("description", MarathonForm.speaker, "mar-ask-speaker"),
    MarathonForm.speaker.state: ("speaker", MarathonForm.presentation, "mar-ask-file"),
}


async def _not_yours(event: Message | CallbackQuery, t: Texts) -> None:
    await show(event, t(NOT_YOURS), back_to_menu(t))


# --- the list and one marathon ---------------------------------------------------------------


async def marathons(event: Message | CallbackQuery, ctx: Context, state: FSMContext) -> None:
    """/marathons and the way back to the list: leaves whatever form was being filled in."""
    await state.clear()
    t = ctx.t
    actor = await ctx.actor()
    found = await visible(ctx.session, actor)
    lines = [t("mar-title")]
    if not found:
        lines.append(t("mar-none"))
    buttons: list[Choice] = [
        (f"{icon(marathon)} {marathon.title}"[:60], MarCb(action="open", marathon=marathon.id))
        for marathon in found
    ]
    if actor.is_coordinator():
        buttons += [(t(NEW_KEYS[kind]), MarCb(action="new", value=kind)) for kind in KINDS]
    buttons.append((t("nav-back-to-menu"), MenuCb(item="home")))
    await show(event, "\n".join(lines), column(*buttons))


async def open_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    await state.clear()
    t = ctx.t
    actor = await ctx.actor()
    lookup = viewable(ctx.session, actor, callback_data.marathon)
    marathon = await found_or_told(callback, t, NOT_YOURS, lookup)
    if marathon is None:
        return
    shown = await card(ctx.session, actor, marathon, ctx.clock.now())
    text, markup = _card(t, shown, await ctx.zone())
    await show(callback, text, markup)


def _card(t: Texts, shown: Card, zone: ZoneInfo) -> tuple[str, InlineKeyboardMarkup]:
    marathon = shown.marathon
    lines = [
        t(
            "mar-card",
            icon=icon(marathon),
            title=marathon.title,
            kind=t(KIND_KEYS[marathon.kind]),
            level=t(LEVEL_KEYS[marathon.level]),
        )
    ]
    lines += about_lines(t, marathon, zone)
    lines += programme_lines(t, shown.programme, zone)
    buttons: list[Choice] = []
    if shown.proposing:
        if shown.taking_proposals:
            buttons.append((t("mar-propose"), MarCb(action="propose", marathon=marathon.id)))
        else:
            lines.append(t("mar-proposals-closed"))
    if shown.manages:
        proposals = t("mar-proposals", count=shown.waiting)
        buttons.append((proposals, MarCb(action="proposals", marathon=marathon.id)))
        if shown.programme:
            edit = MarCb(action="programme", marathon=marathon.id)
            buttons.append((t("mar-edit-programme"), edit))
        buttons.append((t("mar-publish"), MarCb(action="publish", marathon=marathon.id)))
    return "\n".join(lines), _back_to_list(t, *buttons)


# --- opening one ------------------------------------------------------------------------------


async def new_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    if not (await ctx.actor()).is_coordinator() or callback_data.value not in KINDS:
        await show(callback, t("mar-coordinators-only"), back_to_menu(t))
        return
    await state.set_state(MarathonForm.title)
    await state.set_data({"kind": callback_data.value})
    await show(callback, t("mar-ask-title"), _back_to_list(t))


async def title_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    title = await _typed(message, t, "title", _back_to_list(t))
    if title is None:
        return
    await state.update_data(title=title)
    await state.set_state(MarathonForm.days)
    await message.answer(t("mar-ask-days"), reply_markup=_back_to_list(t))


async def days_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t, now = ctx.t, ctx.clock.now()
    zone = await ctx.zone()
    days = parse_days(message.text or "", now, zone)
    problem = days_problem(days[0], days[1], now.astimezone(zone).date()) if days else None
    if days is None or problem is not None:
        await message.answer(_days_refusal(t, problem, days), reply_markup=_back_to_list(t))
        return
    await state.update_data(starts_on=days[0].isoformat(), ends_on=days[1].isoformat())
    await state.set_state(MarathonForm.deadline)
    await message.answer(
        t("mar-ask-deadline", start=timefmt.day(days[0], t.language)),
        reply_markup=_back_to_list(t),
    )


def _days_refusal(t: Texts, problem: str | None, days: tuple[date, date] | None) -> str:
    """Why the days will not do; days already past are named, with how to write next year's."""
    if days is None or problem is None:
        return t("mar-bad-days")
    if problem != "mar-bad-days-past":
        return t(problem)
    start, end = days
    year = start.year + 1
    example = f"{start:%d.%m}.{year}" + (f"–{end:%d.%m}.{year}" if end != start else "")
    return t(problem, start=timefmt.day(start, t.language), example=example)


async def deadline_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t, now = ctx.t, ctx.clock.now()
    zone = await ctx.zone()
    data = await state.get_data()
    deadline = parse_day(message.text or "", now, zone)
    start = date.fromisoformat(str(data["starts_on"]))
    today = now.astimezone(zone).date()
    if deadline is None or deadline_problem(deadline, start, today):
        await message.answer(
            t("mar-bad-deadline", start=timefmt.day(start, t.language)),
            reply_markup=_back_to_list(t),
        )
        return
    await state.update_data(deadline=deadline.isoformat())
    await state.set_state(MarathonForm.about)
    await message.answer(t("mar-ask-about"), reply_markup=_back_to_list(t))


async def about_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    about = await _typed(message, t, "about", _back_to_list(t))
    if about is None:
        return
    data = await state.get_data()
    await state.clear()
    opening = Opening(
        title=str(data["title"]),
        kind=str(data["kind"]),
        starts_on=date.fromisoformat(str(data["starts_on"])),
        ends_on=date.fromisoformat(str(data["ends_on"])),
        deadline=date.fromisoformat(str(data["deadline"])),
        description=about,
    )
    actor, zone, now = await ctx.actor(), await ctx.zone(), ctx.clock.now()
    opened = await open_and_announce(
        ctx.session, ctx.catalog, actor, opening, zone, now, opened_notice(zone)
    )
    if opened is None:
        await message.answer(t("mar-coordinators-only"), reply_markup=back_to_menu(t))
        return
    text, markup = _card(t, await card(ctx.session, actor, opened.marathon, now), zone)
    await message.answer(
        t("mar-created") + " " + t("mar-opened-told", count=opened.told) + "\n\n" + text,
        reply_markup=markup,
    )


async def _typed(message: Message, t: Texts, name: str, back: InlineKeyboardMarkup) -> str | None:
    """The typed text of field `name`, or None once the person is told it is empty or too
    long (the form still waits for it)."""
    value = (message.text or "").strip()
    if not value or len(value) > LIMITS[name]:
        await message.answer(t("mar-bad-text", limit=LIMITS[name]), reply_markup=back)
        return None
    return value


def _back_to_list(t: Texts, *buttons: Choice) -> InlineKeyboardMarkup:
    """`buttons` one under another, then the way back to the list of marathons."""
    return column(*buttons, (t("nav-back"), MarCb(action="list")))


def _back_to(t: Texts, marathon_id: int, *buttons: Choice) -> InlineKeyboardMarkup:
    """`buttons` one under another, then the way back to the marathon's card."""
    return column(*buttons, (t("nav-back"), MarCb(action="open", marathon=marathon_id)))


# --- proposing a talk -------------------------------------------------------------------------


async def propose_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    found = await proposing(ctx.session, await ctx.actor(), callback_data.marathon, ctx.clock.now())
    if found is None:
        await _not_yours(callback, t)
        return
    marathon, schools = found.marathon, found.schools
    if not found.taking_proposals:
        await show(callback, t("mar-proposals-closed"), _back_to(t, marathon.id))
        return
    chosen = callback_data.talk or (schools[0] if len(schools) == 1 else 0)
    if chosen not in schools:  # a curator of several schools picks one first
        await _school_page(callback, ctx, found, 0)
        return
    await state.set_state(MarathonForm.topic)
    await state.set_data({"marathon": marathon.id, "school": chosen})
    await show(callback, t("mar-ask-topic"), _back_to(t, marathon.id))


async def school_page(callback: CallbackQuery, callback_data: PageCb, ctx: Context) -> None:
    found = await proposing(ctx.session, await ctx.actor(), callback_data.ref, ctx.clock.now())
    if found is None:
        await _not_yours(callback, ctx.t)
        return
    await _school_page(callback, ctx, found, callback_data.page)


async def _school_page(callback: CallbackQuery, ctx: Context, found: Proposing, page: int) -> None:
    t, marathon_id = ctx.t, found.marathon.id
    names = await school_names(ctx.session, found.schools)
    listing = pages.Listing(
        Picker.MAR_SCHOOL,
        pages.sorted_items(names),
        lambda i: MarCb(action="propose", marathon=marathon_id, talk=i),
        ref=marathon_id,
        tail=[(t.label("nav-back"), MarCb(action="open", marathon=marathon_id))],
        typing=False,  # proposing a talk: a curator's own schools, a few pages at most
    )
    text = pages.page_text(t, t("mar-choose-school"), listing, page)
    await show(callback, text, pages.page_markup(t, listing, page))


async def field_received(message: Message, ctx: Context, state: FSMContext) -> None:
    """The topic, the description and the speaker, each asked in turn; after the speaker, the
    presentation (or the button without one)."""
    t = ctx.t
    name, following, ask = FIELDS[await state.get_state() or ""]
    marathon_id = int((await state.get_data())["marathon"])
    back = _back_to(t, marathon_id)
    value = await _typed(message, t, name, back)
    if value is None:
        return  # still waiting for this field
    await state.update_data({name: value})
    await state.set_state(following)
    if following == MarathonForm.presentation:
        back = _no_file_keyboard(t, marathon_id)
    await message.answer(t(ask), reply_markup=back)


def _no_file_keyboard(t: Texts, marathon_id: int) -> InlineKeyboardMarkup:
    no_file = MarCb(action="nofile", marathon=marathon_id)
    return _back_to(t, marathon_id, (t("mar-no-file"), no_file))


async def presentation_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    document = message.document
    data = await state.get_data()
    if document is None:
        await message.answer(
            t("mar-file-expected"), reply_markup=_no_file_keyboard(t, int(data["marathon"]))
        )
        return
    problem = presentation_problem(document.file_name, document.file_size)
    if problem is not None:
        await message.answer(
            t(problem, limit=PRESENTATION_MAX // (1024 * 1024)),
            reply_markup=_no_file_keyboard(t, int(data["marathon"])),
        )
        return  # still waiting for a presentation or the button
    presentation = (document.file_id, (document.file_name or "")[:200])
    await _save_proposal(message, ctx, state, presentation)


async def no_file_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    data = await state.get_data()
    if (
        await state.get_state() != MarathonForm.presentation.state
        or int(data.get("marathon", 0)) != callback_data.marathon
    ):
        await _not_yours(callback, ctx.t)
        return
    await _save_proposal(callback, ctx, state, None)


async def _save_proposal(
    event: Message | CallbackQuery,
    ctx: Context,
    state: FSMContext,
    presentation: tuple[str, str] | None,
) -> None:
    t = ctx.t
    data = await state.get_data()
    await state.clear()
    proposal = Proposal(
        school=int(data["school"]),
        topic=str(data["topic"]),
        description=str(data["description"]),
        speaker=str(data["speaker"]),
        presentation=presentation,
    )
    proposed = await found_or_told(
        event,
        t,
        NOT_YOURS,
        propose(ctx.session, await ctx.actor(), int(data["marathon"]), proposal, ctx.clock.now()),
    )
    if proposed is None:
        return
    marathon = proposed.marathon
    await show(event, t("mar-proposed", title=marathon.title), _back_to(t, marathon.id))
    await _tell_managers(ctx, proposed)


async def _tell_managers(ctx: Context, proposed: TalkOutcome) -> None:
    marathon, talk = proposed.marathon, proposed.talk

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        proposals = MarCb(action="proposals", marathon=marathon.id)
        text = t(
            "mar-new-proposal",
            title=marathon.title,
            school=proposed.school or "—",
            topic=talk.topic,
        )
        return text, column((t("mar-proposals-open"), proposals))

    await tell_each(ctx, [marathon.created_by], render)


# --- the coordinator's decisions ----------------------------------------------------------------


async def proposals_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    await state.clear()
    t = ctx.t
    found = await found_or_told(
        callback,
        t,
        NOT_YOURS,
        next_proposal(ctx.session, await ctx.actor(), callback_data.marathon, callback_data.talk),
    )
    if found is None:
        return
    marathon = found.marathon
    if found.next is None:
        await show(callback, t("mar-no-proposals"), _back_to(t, marathon.id))
        return
    talk = found.next.talk
    text = t(
        "mar-proposal-card",
        title=marathon.title,
        school=found.next.school or "—",
        topic=talk.topic,
        description=talk.description,
        speaker=talk.speaker,
        count=found.more,
    )
    if talk.file_name:
        text += "\n" + t("mar-file-attached", name=talk.file_name)
    keyboard = _decision_keyboard(t, marathon.id, talk.id, with_file=bool(talk.file_id))
    await show(callback, text, keyboard)


def _decision_keyboard(
    t: Texts, marathon_id: int, talk_id: int, *, with_file: bool
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action, key in (("accept", "mar-accept"), ("decline", "mar-decline")):
        builder.button(
            text=t(key), callback_data=MarCb(action=action, marathon=marathon_id, talk=talk_id)
        )
    if with_file:
        builder.button(
            text=t("mar-file-open"),
            callback_data=MarCb(action="file", marathon=marathon_id, talk=talk_id),
        )
    builder.button(
        text=t("mar-next"),
        callback_data=MarCb(action="proposals", marathon=marathon_id, talk=talk_id),
    )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon_id))
    builder.adjust(2, 1, 1, 1)
    return builder.as_markup()


async def file_button(callback: CallbackQuery, callback_data: MarCb, ctx: Context) -> None:
    """The proposal's presentation, for the coordinators who manage the marathon."""
    t = ctx.t
    found = await managed_talk(
        ctx.session, await ctx.actor(), callback_data.marathon, callback_data.talk
    )
    if found is None or not found[1].file_id or not isinstance(callback.message, Message):
        await _not_yours(callback, t)
        return
    marathon, talk = found
    await callback.message.answer_document(
        str(talk.file_id),
        caption=t("mar-file-caption", topic=talk.topic),
        reply_markup=_back_to(t, marathon.id),
    )


async def accept_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    if await managed(ctx.session, await ctx.actor(), callback_data.marathon) is None:
        await _not_yours(callback, t)
        return
    await state.set_state(MarathonForm.when)
    await state.set_data({"marathon": callback_data.marathon, "talk": callback_data.talk})
    await show(callback, t("mar-ask-when"), _back_to(t, callback_data.marathon))


async def when_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    zone = await ctx.zone()
    when = timefmt.parse_local(message.text or "", ctx.clock.now(), zone)
    back = _back_to(t, int(data["marathon"]))
    if when is None or when <= ctx.clock.now():
        await message.answer(t("mar-bad-when"), reply_markup=back)
        return  # still waiting for the time
    talk = (int(data["marathon"]), int(data["talk"]))
    try:
        decided = await found_or_told(
            message, t, NOT_YOURS, schedule_talk(ctx.session, await ctx.actor(), *talk, when, zone)
        )
    except OutsideDaysError as outside:
        start, end = (timefmt.day(d, t.language) for d in (outside.starts_on, outside.ends_on))
        example = f"{outside.starts_on:%d.%m} 15:00"
        text = t("mar-when-outside", start=start, end=end, example=example)
        await message.answer(text, reply_markup=back)
        return  # still waiting for a time on one of its days
    await state.clear()
    if decided is None:
        return
    key = "mar-moved" if decided.moved else "mar-accepted"
    await _decided(message, ctx, key, decided)


async def decision_button(callback: CallbackQuery, callback_data: MarCb, ctx: Context) -> None:
    """Declines a proposal, or takes a scheduled talk out of the programme (it is not reminded
    then); the school is told."""
    decide, key = DECISIONS[callback_data.action]
    decided = await found_or_told(
        callback,
        ctx.t,
        NOT_YOURS,
        decide(ctx.session, await ctx.actor(), callback_data.marathon, callback_data.talk),
    )
    if decided is not None:
        await _decided(callback, ctx, key, decided)


async def _decided(
    event: Message | CallbackQuery, ctx: Context, key: str, decided: TalkOutcome
) -> None:
    """Says what became of the talk, then tells whoever proposed it."""
    await show(event, ctx.t(key), _back_to(ctx.t, decided.marathon.id))
    marathon, talk, moved = decided.marathon, decided.talk, decided.moved
    zone = await proposer_zone(ctx.session, decided)

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        if talk.status == "accepted" and talk.starts_at is not None:
            when = timefmt.when(talk.starts_at, zone, t.language)
            told = "mar-told-moved" if moved else "mar-told-accepted"
            return t(told, title=marathon.title, topic=talk.topic, when=when), None
        told = "mar-told-withdrawn" if talk.status == "withdrawn" else "mar-told-declined"
        return t(told, title=marathon.title, topic=talk.topic), None

    await tell_each(ctx, [talk.proposed_by], render)


async def publish_button(callback: CallbackQuery, callback_data: MarCb, ctx: Context) -> None:
    """The programme as its readers will see it, and how many they are; sent on confirmation."""
    t = ctx.t
    found = await _programme(callback, ctx, callback_data.marathon, publishing)
    if found is None:
        return
    marathon = found.marathon
    if not found.programme:
        await show(callback, t("mar-publish-empty"), _back_to(t, marathon.id))
        return
    zone = await ctx.zone()
    preview = "\n".join(
        [t("mar-publish-preview", count=found.readers), "", _announcement(t, zone, found)]
    )
    send = MarCb(action="send", marathon=marathon.id)
    await show(callback, preview, _back_to(t, marathon.id, (t("mar-publish-confirm"), send)))


async def _programme(
    callback: CallbackQuery,
    ctx: Context,
    marathon_id: int,
    lookup: Callable[[AsyncSession, Actor, int], Awaitable[Publishing]],
) -> Publishing | None:
    """The programme of a marathon the person manages, as `lookup` reads it (to publish it or
    to change it); None once anyone else is told it is not theirs."""
    return await found_or_told(
        callback, ctx.t, NOT_YOURS, lookup(ctx.session, await ctx.actor(), marathon_id)
    )


def _announcement(t: Texts, zone: ZoneInfo, found: Publishing) -> str:
    heading = t("mar-announce", icon=icon(found.marathon), title=found.marathon.title)
    return "\n".join([heading, *programme_lines(t, found.programme, zone)])


async def send_button(callback: CallbackQuery, callback_data: MarCb, ctx: Context) -> None:
    """Sends the programme to the schools and curators of the marathon's area (outbox), and a
    regional or federal one to the project channel too."""
    t = ctx.t

    async def channel() -> int | None:
        return await channel_chat(ctx.bot, ctx.settings.channel_id)

    sent = await found_or_told(
        callback,
        t,
        NOT_YOURS,
        publish(
            ctx.session,
            ctx.catalog,
            await ctx.actor(),
            callback_data.marathon,
            ctx.clock.now(),
            _announcement,
            channel,
        ),
    )
    if sent is None:
        return
    if not sent.programme:
        await show(callback, t("mar-publish-empty"), _back_to(t, sent.marathon.id))
        return
    await show(callback, t("mar-published", count=sent.readers), _back_to(t, sent.marathon.id))


# --- changing the programme -------------------------------------------------------------------


async def programme_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    """The scheduled talks as buttons: a coordinator picks one to move or withdraw."""
    await state.clear()
    t = ctx.t
    found = await _programme(callback, ctx, callback_data.marathon, scheduled_talks)
    if found is None:
        return
    marathon = found.marathon
    zone = await ctx.zone()
    talks = [
        (
            t.label("mar-talk-button", when=talk_when(talk, zone, t), topic=_short(talk.topic)),
            MarCb(action="talk", marathon=marathon.id, talk=talk.id),
        )
        for talk in (line.talk for line in found.programme)
    ]
    await show(callback, t("mar-choose-talk"), _back_to(t, marathon.id, *talks))


def _short(topic: str, limit: int = 40) -> str:
    return topic if len(topic) <= limit else topic[: limit - 1] + "…"


async def talk_button(callback: CallbackQuery, callback_data: MarCb, ctx: Context) -> None:
    t = ctx.t
    found = await found_or_told(
        callback,
        t,
        NOT_YOURS,
        managed_talk_line(
            ctx.session, await ctx.actor(), callback_data.marathon, callback_data.talk
        ),
    )
    if found is None:
        return
    marathon, talk = found.marathon, found.talk
    zone = await ctx.zone()
    text = talk_text(t, "mar-talk-card", TalkLine(talk, found.school), zone)
    if talk.join_url:
        text += "\n" + t("mar-talk-link", url=talk.join_url)
    builder = InlineKeyboardBuilder()
    for action, key in (("accept", "mar-move"), ("withdraw", "mar-withdraw")):
        builder.button(
            text=t(key), callback_data=MarCb(action=action, marathon=marathon.id, talk=talk.id)
        )
    builder.button(
        text=t("mar-link-set"),
        callback_data=MarCb(action="link", marathon=marathon.id, talk=talk.id),
    )
    builder.button(
        text=t("nav-back"), callback_data=MarCb(action="programme", marathon=marathon.id)
    )
    builder.adjust(2, 1, 1)
    await show(callback, text, builder.as_markup())


async def link_button(
    callback: CallbackQuery, callback_data: MarCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    found = await managed_talk(
        ctx.session, await ctx.actor(), callback_data.marathon, callback_data.talk
    )
    if found is None or found[1].status != "accepted":
        await _not_yours(callback, t)
        return
    marathon, talk = found
    await state.set_state(MarathonForm.link)
    await state.set_data({"marathon": marathon.id, "talk": talk.id})
    await show(callback, t("mar-ask-link"), _back_to_talk(t, marathon.id, talk.id))


def _back_to_talk(t: Texts, marathon_id: int, talk_id: int) -> InlineKeyboardMarkup:
    return column((t("nav-back"), MarCb(action="talk", marathon=marathon_id, talk=talk_id)))


async def link_received(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    marathon_id, talk_id = int(data["marathon"]), int(data["talk"])
    outcome = await set_join_link(
        ctx.session, await ctx.actor(), marathon_id, talk_id, message.text or ""
    )
    if outcome == "bad-link":
        await message.answer(t("mar-bad-link"), reply_markup=_back_to_talk(t, marathon_id, talk_id))
        return  # still waiting for a link
    await state.clear()
    if outcome == "refused":
        await _not_yours(message, t)
        return
    await message.answer(t("mar-link-saved"), reply_markup=_back_to_talk(t, marathon_id, talk_id))


# The marathon's buttons (MarCb actions) and their handlers.
BUTTONS: dict[str, Callable[..., Awaitable[None]]] = {
    "list": marathons,
    "open": open_button,
    "new": new_button,
    "propose": propose_button,
    "proposals": proposals_button,
    "accept": accept_button,
    "decline": decision_button,
    "withdraw": decision_button,
    "publish": publish_button,
    "send": send_button,
    "programme": programme_button,
    "talk": talk_button,
    "link": link_button,
    "nofile": no_file_button,
    "file": file_button,
}
# What the forms wait for, typed: the state and its handler (the presentation is a file).
TYPED: dict[State, Callable[..., Awaitable[None]]] = {
    MarathonForm.title: title_received,
    MarathonForm.days: days_received,
    MarathonForm.deadline: deadline_received,
    MarathonForm.about: about_received,
    MarathonForm.link: link_received,
    MarathonForm.when: when_received,
}


def create_router() -> Router:
    router = Router(name="marathons")
    router.message.register(marathons, Command("marathons"))
    for action, button in BUTTONS.items():
        router.callback_query.register(button, MarCb.filter(F.action == action))
    router.callback_query.register(school_page, PageCb.filter(F.picker == Picker.MAR_SCHOOL))
    for waiting, received in TYPED.items():
        on_typed(router, received, waiting)
    on_typed(router, field_received, StateFilter(*FIELDS))
    router.message.register(
        presentation_received,
        StateFilter(MarathonForm.presentation),
        inline(~F.text.startswith("/")),
    )
    return router
