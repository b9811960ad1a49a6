"""/marathons: best-practice marathons and podcasts. A coordinator opens one at their level;
schools (and curators) propose talks — topic, a short description, the speaker; the coordinator
puts a talk into the schedule at a time or declines it, moves or withdraws a scheduled one, and
announces the programme. Each talk is reminded an hour before (scheduler.marathons)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Catalog, Texts
from gateway.channel import channel_chat
from handlers.notify import tell_each
from handlers.screens import show
from services import timefmt
from services.clock import Clock
from services.directory import Directory
from services.marathons import (
    KINDS,
    PRESENTATION_MAX,
    Card,
    Opening,
    Proposal,
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
from services.permissions import Actor, ForbiddenError
from services.when import parse_day, parse_days
from ui import pages
from ui.callbacks import MarCb, MenuCb, PageCb, Picker
from ui.keyboards import back_to_menu
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


async def _zone(session: AsyncSession, settings: Settings, actor: Actor) -> ZoneInfo:
    return await Directory(session, settings.admin_ids).zone(actor.user_id)


# --- the list and one marathon ---------------------------------------------------------------


async def marathons_command(
    message: Message, t: Texts, actor: Actor, session: AsyncSession
) -> None:
    text, markup = await _list(t, actor, session)
    await show(message, text, markup)


async def list_button(
    callback: CallbackQuery,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await state.clear()
    text, markup = await _list(t, actor, session)
    await show(callback, text, markup)


async def _list(t: Texts, actor: Actor, session: AsyncSession) -> tuple[str, InlineKeyboardMarkup]:
    found = await visible(session, actor)
    lines = [t("mar-title")]
    if not found:
        lines.append(t("mar-none"))
    builder = InlineKeyboardBuilder()
    for marathon in found:
        builder.button(
            text=f"{icon(marathon)} {marathon.title}"[:60],
            callback_data=MarCb(action="open", marathon=marathon.id),
        )
    if actor.is_coordinator():
        for kind in KINDS:
            builder.button(text=t(NEW_KEYS[kind]), callback_data=MarCb(action="new", value=kind))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


async def open_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    try:
        marathon = await viewable(session, actor, callback_data.marathon)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    if marathon is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    shown = await card(session, actor, marathon, clock.now())
    text, markup = _card(t, shown, await _zone(session, settings, actor))
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
    builder = InlineKeyboardBuilder()
    if shown.proposing:
        if shown.taking_proposals:
            builder.button(
                text=t("mar-propose"), callback_data=MarCb(action="propose", marathon=marathon.id)
            )
        else:
            lines.append(t("mar-proposals-closed"))
    if shown.manages:
        builder.button(
            text=t("mar-proposals", count=shown.waiting),
            callback_data=MarCb(action="proposals", marathon=marathon.id),
        )
        if shown.programme:
            builder.button(
                text=t("mar-edit-programme"),
                callback_data=MarCb(action="programme", marathon=marathon.id),
            )
        builder.button(
            text=t("mar-publish"), callback_data=MarCb(action="publish", marathon=marathon.id)
        )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="list"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


# --- opening one ------------------------------------------------------------------------------


async def new_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    state: FSMContext,
) -> None:
    if not actor.is_coordinator() or callback_data.value not in KINDS:
        await show(callback, t("mar-coordinators-only"), back_to_menu(t))
        return
    await state.set_state(MarathonForm.title)
    await state.set_data({"kind": callback_data.value})
    await show(callback, t("mar-ask-title"), _back_to_list(t))


async def title_received(message: Message, t: Texts, state: FSMContext) -> None:
    title = (message.text or "").strip()
    if not title or len(title) > LIMITS["title"]:
        await message.answer(
            t("mar-bad-text", limit=LIMITS["title"]), reply_markup=_back_to_list(t)
        )
        return
    await state.update_data(title=title)
    await state.set_state(MarathonForm.days)
    await message.answer(t("mar-ask-days"), reply_markup=_back_to_list(t))


async def days_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    zone = await _zone(session, settings, actor)
    days = parse_days(message.text or "", clock.now(), zone)
    problem = (
        days_problem(days[0], days[1], clock.now().astimezone(zone).date())
        if days
        else "mar-bad-days"
    )
    if days is None or problem is not None:
        await message.answer(t(problem or "mar-bad-days"), reply_markup=_back_to_list(t))
        return
    await state.update_data(starts_on=days[0].isoformat(), ends_on=days[1].isoformat())
    await state.set_state(MarathonForm.deadline)
    await message.answer(
        t("mar-ask-deadline", start=timefmt.day(days[0], t.language)),
        reply_markup=_back_to_list(t),
    )


async def deadline_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    zone = await _zone(session, settings, actor)
    data = await state.get_data()
    deadline = parse_day(message.text or "", clock.now(), zone)
    start = date.fromisoformat(str(data["starts_on"]))
    today = clock.now().astimezone(zone).date()
    if deadline is None or deadline_problem(deadline, start, today):
        await message.answer(
            t("mar-bad-deadline", start=timefmt.day(start, t.language)),
            reply_markup=_back_to_list(t),
        )
        return
    await state.update_data(deadline=deadline.isoformat())
    await state.set_state(MarathonForm.about)
    await message.answer(t("mar-ask-about"), reply_markup=_back_to_list(t))


async def about_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    about = (message.text or "").strip()
    if not about or len(about) > LIMITS["about"]:
        await message.answer(
            t("mar-bad-text", limit=LIMITS["about"]), reply_markup=_back_to_list(t)
        )
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
    zone = await _zone(session, settings, actor)
    now = clock.now()
    opened = await open_and_announce(
        session, catalog, actor, opening, zone, now, opened_notice(zone)
    )
    if opened is None:
        await message.answer(t("mar-coordinators-only"), reply_markup=back_to_menu(t))
        return
    text, markup = _card(t, await card(session, actor, opened.marathon, now), zone)
    await message.answer(
        t("mar-created") + " " + t("mar-opened-told", count=opened.told) + "\n\n" + text,
        reply_markup=markup,
    )


def _back_to_list(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=MarCb(action="list"))
    return builder.as_markup()


def _back_to(t: Texts, marathon_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon_id))
    return builder.as_markup()


# --- proposing a talk -------------------------------------------------------------------------


async def propose_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    found = await proposing(session, actor, callback_data.marathon, clock.now())
    if found is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, schools = found.marathon, found.schools
    if not found.taking_proposals:
        await show(callback, t("mar-proposals-closed"), _back_to(t, marathon.id))
        return
    chosen = callback_data.talk or (schools[0] if len(schools) == 1 else 0)
    if chosen not in schools:  # a curator of several schools picks one first
        await _school_page(callback, t, session, marathon.id, schools, 0)
        return
    await state.set_state(MarathonForm.topic)
    await state.set_data({"marathon": marathon.id, "school": chosen})
    await show(callback, t("mar-ask-topic"), _back_to(t, marathon.id))


async def school_page(
    callback: CallbackQuery,
    callback_data: PageCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
) -> None:
    found = await proposing(session, actor, callback_data.ref, clock.now())
    if found is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await _school_page(callback, t, session, found.marathon.id, found.schools, callback_data.page)


async def _school_page(
    callback: CallbackQuery,
    t: Texts,
    session: AsyncSession,
    marathon_id: int,
    schools: list[int],
    page: int,
) -> None:
    names = await school_names(session, schools)
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


async def topic_received(message: Message, t: Texts, state: FSMContext) -> None:
    await _field(message, t, state, "topic", MarathonForm.description, "mar-ask-description")


async def description_received(message: Message, t: Texts, state: FSMContext) -> None:
    await _field(message, t, state, "description", MarathonForm.speaker, "mar-ask-speaker")


async def _field(
    message: Message, t: Texts, state: FSMContext, name: str, following: State, ask: str
) -> None:
    value = (message.text or "").strip()
    data = await state.get_data()
    back = _back_to(t, int(data["marathon"]))
    if not value or len(value) > LIMITS[name]:
        await message.answer(t("mar-bad-text", limit=LIMITS[name]), reply_markup=back)
        return  # still waiting for this field
    await state.update_data({name: value})
    await state.set_state(following)
    await message.answer(t(ask), reply_markup=back)


async def speaker_received(message: Message, t: Texts, state: FSMContext) -> None:
    speaker = (message.text or "").strip()
    data = await state.get_data()
    if not speaker or len(speaker) > LIMITS["speaker"]:
        await message.answer(
            t("mar-bad-text", limit=LIMITS["speaker"]),
            reply_markup=_back_to(t, int(data["marathon"])),
        )
        return
    await state.update_data(speaker=speaker)
    await state.set_state(MarathonForm.presentation)
    await message.answer(
        t("mar-ask-file"), reply_markup=_no_file_keyboard(t, int(data["marathon"]))
    )


def _no_file_keyboard(t: Texts, marathon_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("mar-no-file"), callback_data=MarCb(action="nofile", marathon=marathon_id)
    )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon_id))
    builder.adjust(1)
    return builder.as_markup()


async def presentation_received(
    message: Message,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
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
    await _save_proposal(
        message,
        bot,
        t,
        actor,
        session,
        clock,
        catalog,
        state,
        (document.file_id, (document.file_name or "")[:200]),
    )


async def no_file_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    if (
        await state.get_state() != MarathonForm.presentation.state
        or int(data.get("marathon", 0)) != callback_data.marathon
    ):
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await _save_proposal(callback, bot, t, actor, session, clock, catalog, state, None)


async def _save_proposal(
    event: Message | CallbackQuery,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
    presentation: tuple[str, str] | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    proposal = Proposal(
        school=int(data["school"]),
        topic=str(data["topic"]),
        description=str(data["description"]),
        speaker=str(data["speaker"]),
        presentation=presentation,
    )
    try:
        proposed = await propose(session, actor, int(data["marathon"]), proposal, clock.now())
    except ForbiddenError:
        await show(event, t("mar-not-yours"), back_to_menu(t))
        return
    marathon = proposed.marathon
    await show(event, t("mar-proposed", title=marathon.title), _back_to(t, marathon.id))
    await _tell_managers(bot, catalog, session, proposed)


async def _tell_managers(
    bot: Bot, catalog: Catalog, session: AsyncSession, proposed: TalkOutcome
) -> None:
    marathon, talk = proposed.marathon, proposed.talk

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("mar-proposals-open"),
            callback_data=MarCb(action="proposals", marathon=marathon.id),
        )
        text = t(
            "mar-new-proposal",
            title=marathon.title,
            school=proposed.school or "—",
            topic=talk.topic,
        )
        return text, builder.as_markup()

    await tell_each(bot, catalog, session, [marathon.created_by], render)


# --- the coordinator's decisions ----------------------------------------------------------------


async def proposals_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await state.clear()
    try:
        found = await next_proposal(session, actor, callback_data.marathon, callback_data.talk)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
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


async def file_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
) -> None:
    """The proposal's presentation, for the coordinators who manage the marathon."""
    found = await managed_talk(session, actor, callback_data.marathon, callback_data.talk)
    if found is None or not found[1].file_id or not isinstance(callback.message, Message):
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found
    await callback.message.answer_document(
        str(talk.file_id),
        caption=t("mar-file-caption", topic=talk.topic),
        reply_markup=_back_to(t, marathon.id),
    )


async def accept_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    if await managed(session, actor, callback_data.marathon) is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await state.set_state(MarathonForm.when)
    await state.set_data({"marathon": callback_data.marathon, "talk": callback_data.talk})
    await show(callback, t("mar-ask-when"), _back_to(t, callback_data.marathon))


async def when_received(
    message: Message,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    zone = await _zone(session, settings, actor)
    when = timefmt.parse_local(message.text or "", clock.now(), zone)
    if when is None or when <= clock.now():
        await message.answer(t("mar-bad-when"), reply_markup=_back_to(t, int(data["marathon"])))
        return  # still waiting for the time
    await state.clear()
    try:
        decided = await schedule_talk(
            session, actor, int(data["marathon"]), int(data["talk"]), when
        )
    except ForbiddenError:
        await message.answer(t("mar-not-yours"), reply_markup=back_to_menu(t))
        return
    await message.answer(
        t("mar-moved" if decided.moved else "mar-accepted"),
        reply_markup=_back_to(t, decided.marathon.id),
    )
    await _tell_proposer(bot, catalog, session, decided)


async def decline_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    catalog: Catalog,
) -> None:
    try:
        decided = await decline_talk(session, actor, callback_data.marathon, callback_data.talk)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await show(callback, t("mar-declined"), _back_to(t, decided.marathon.id))
    await _tell_proposer(bot, catalog, session, decided)


async def _tell_proposer(
    bot: Bot, catalog: Catalog, session: AsyncSession, decided: TalkOutcome
) -> None:
    marathon, talk, moved = decided.marathon, decided.talk, decided.moved
    zone = await proposer_zone(session, decided)

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        if talk.status == "accepted" and talk.starts_at is not None:
            when = timefmt.when(talk.starts_at, zone, t.language)
            key = "mar-told-moved" if moved else "mar-told-accepted"
            return t(key, title=marathon.title, topic=talk.topic, when=when), None
        key = "mar-told-withdrawn" if talk.status == "withdrawn" else "mar-told-declined"
        return t(key, title=marathon.title, topic=talk.topic), None

    await tell_each(bot, catalog, session, [talk.proposed_by], render)


async def publish_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
) -> None:
    """The programme as its readers will see it, and how many they are; sent on confirmation."""
    try:
        found = await publishing(session, actor, callback_data.marathon)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon = found.marathon
    if not found.programme:
        await show(callback, t("mar-publish-empty"), _back_to(t, marathon.id))
        return
    zone = await _zone(session, settings, actor)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("mar-publish-confirm"), callback_data=MarCb(action="send", marathon=marathon.id)
    )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon.id))
    builder.adjust(1)
    preview = "\n".join(
        [t("mar-publish-preview", count=found.readers), "", _announcement(t, zone, found)]
    )
    await show(callback, preview, builder.as_markup())


def _announcement(t: Texts, zone: ZoneInfo, found: Publishing) -> str:
    heading = t("mar-announce", icon=icon(found.marathon), title=found.marathon.title)
    return "\n".join([heading, *programme_lines(t, found.programme, zone)])


async def send_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    """Sends the programme to the schools and curators of the marathon's area (outbox), and a
    regional or federal one to the project channel too."""

    async def channel() -> int | None:
        return await channel_chat(bot, settings.channel_id)

    try:
        sent = await publish(
            session, catalog, actor, callback_data.marathon, clock.now(), _announcement, channel
        )
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    if not sent.programme:
        await show(callback, t("mar-publish-empty"), _back_to(t, sent.marathon.id))
        return
    await show(callback, t("mar-published", count=sent.readers), _back_to(t, sent.marathon.id))


# --- changing the programme -------------------------------------------------------------------


async def programme_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    """The scheduled talks as buttons: a coordinator picks one to move or withdraw."""
    await state.clear()
    try:
        found = await scheduled_talks(session, actor, callback_data.marathon)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon = found.marathon
    zone = await _zone(session, settings, actor)
    builder = InlineKeyboardBuilder()
    for line in found.programme:
        talk = line.talk
        builder.button(
            text=t.label(
                "mar-talk-button", when=talk_when(talk, zone, t), topic=_short(talk.topic)
            ),
            callback_data=MarCb(action="talk", marathon=marathon.id, talk=talk.id),
        )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon.id))
    builder.adjust(1)
    await show(callback, t("mar-choose-talk"), builder.as_markup())


def _short(topic: str, limit: int = 40) -> str:
    return topic if len(topic) <= limit else topic[: limit - 1] + "…"


async def talk_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
) -> None:
    try:
        found = await managed_talk_line(session, actor, callback_data.marathon, callback_data.talk)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found.marathon, found.talk
    zone = await _zone(session, settings, actor)
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
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    found = await managed_talk(session, actor, callback_data.marathon, callback_data.talk)
    if found is None or found[1].status != "accepted":
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found
    await state.set_state(MarathonForm.link)
    await state.set_data({"marathon": marathon.id, "talk": talk.id})
    await show(callback, t("mar-ask-link"), _back_to_talk(t, marathon.id, talk.id))


def _back_to_talk(t: Texts, marathon_id: int, talk_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("nav-back"), callback_data=MarCb(action="talk", marathon=marathon_id, talk=talk_id)
    )
    return builder.as_markup()


async def link_received(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    marathon_id, talk_id = int(data["marathon"]), int(data["talk"])
    outcome = await set_join_link(session, actor, marathon_id, talk_id, message.text or "")
    if outcome == "bad-link":
        await message.answer(t("mar-bad-link"), reply_markup=_back_to_talk(t, marathon_id, talk_id))
        return  # still waiting for a link
    await state.clear()
    if outcome == "refused":
        await message.answer(t("mar-not-yours"), reply_markup=back_to_menu(t))
        return
    await message.answer(t("mar-link-saved"), reply_markup=_back_to_talk(t, marathon_id, talk_id))


async def withdraw_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    catalog: Catalog,
) -> None:
    """Takes a scheduled talk out of the programme (it is not reminded); the school is told."""
    try:
        decided = await withdraw_talk(session, actor, callback_data.marathon, callback_data.talk)
    except ForbiddenError:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await show(callback, t("mar-withdrawn"), _back_to(t, decided.marathon.id))
    await _tell_proposer(bot, catalog, session, decided)


def create_router() -> Router:
    router = Router(name="marathons")
    router.message.register(marathons_command, Command("marathons"))
    router.callback_query.register(list_button, MarCb.filter(F.action == "list"))
    router.callback_query.register(open_button, MarCb.filter(F.action == "open"))
    router.callback_query.register(new_button, MarCb.filter(F.action == "new"))
    router.callback_query.register(propose_button, MarCb.filter(F.action == "propose"))
    router.callback_query.register(school_page, PageCb.filter(F.picker == Picker.MAR_SCHOOL))
    router.callback_query.register(proposals_button, MarCb.filter(F.action == "proposals"))
    router.callback_query.register(accept_button, MarCb.filter(F.action == "accept"))
    router.callback_query.register(decline_button, MarCb.filter(F.action == "decline"))
    router.callback_query.register(publish_button, MarCb.filter(F.action == "publish"))
    router.callback_query.register(programme_button, MarCb.filter(F.action == "programme"))
    router.callback_query.register(talk_button, MarCb.filter(F.action == "talk"))
    router.callback_query.register(withdraw_button, MarCb.filter(F.action == "withdraw"))
    router.callback_query.register(send_button, MarCb.filter(F.action == "send"))
    router.callback_query.register(no_file_button, MarCb.filter(F.action == "nofile"))
    router.callback_query.register(file_button, MarCb.filter(F.action == "file"))
    router.callback_query.register(link_button, MarCb.filter(F.action == "link"))
    typed = (F.text, ~F.text.startswith("/"))
    router.message.register(title_received, StateFilter(MarathonForm.title), *typed)
    router.message.register(days_received, StateFilter(MarathonForm.days), *typed)
    router.message.register(deadline_received, StateFilter(MarathonForm.deadline), *typed)
    router.message.register(about_received, StateFilter(MarathonForm.about), *typed)
    router.message.register(link_received, StateFilter(MarathonForm.link), *typed)
    router.message.register(
        presentation_received,
        StateFilter(MarathonForm.presentation),
        ~F.text.startswith("/"),
    )
    router.message.register(topic_received, StateFilter(MarathonForm.topic), *typed)
    router.message.register(description_received, StateFilter(MarathonForm.description), *typed)
    router.message.register(speaker_received, StateFilter(MarathonForm.speaker), *typed)
    router.message.register(when_received, StateFilter(MarathonForm.when), *typed)
    return router
