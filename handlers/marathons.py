"""/marathons: best-practice marathons and podcasts. A coordinator opens one at their level;
schools (and curators) propose talks — topic, a short description, the speaker; the coordinator
puts a talk into the schedule at a time or declines it, moves or withdraws a scheduled one, and
announces the programme. Each talk is reminded an hour before (scheduler.marathons)."""

from __future__ import annotations

from datetime import date, timedelta
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
from services.delivery import Buttons, Outgoing, enqueue
from services.directory import Directory
from services.fanout import Render
from services.marathons import (
    KINDS,
    PRESENTATION_MAX,
    Opening,
    announce_opening,
    audience,
    days_problem,
    deadline_problem,
    managed,
    managed_talk,
    may_manage,
    may_propose,
    may_view,
    open_marathon,
    presentation_problem,
    proposals_open,
    proposing_schools,
    set_join_link,
    talks,
    visible,
)
from services.permissions import Actor
from services.when import parse_day, parse_days
from storage.models import Marathon, MarathonTalk, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.users import UserRepository
from ui import pages
from ui.callbacks import MarCb, MenuCb, PageCb, Picker
from ui.keyboards import back_to_menu, plain

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


async def _actor(session: AsyncSession, settings: Settings, user: User) -> Actor:
    return await Directory(session, settings.admin_ids).actor(user.id)


# --- the list and one marathon ---------------------------------------------------------------


async def marathons_command(
    message: Message, t: Texts, user: User, session: AsyncSession, settings: Settings
) -> None:
    text, markup = await _list(t, await _actor(session, settings, user), session)
    await show(message, text, markup)


async def list_button(
    callback: CallbackQuery,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    text, markup = await _list(t, await _actor(session, settings, user), session)
    await show(callback, text, markup)


async def _list(t: Texts, actor: Actor, session: AsyncSession) -> tuple[str, InlineKeyboardMarkup]:
    found = await visible(session, actor)
    lines = [t("mar-title")]
    if not found:
        lines.append(t("mar-none"))
    builder = InlineKeyboardBuilder()
    for marathon in found:
        builder.button(
            text=f"{_icon(marathon)} {marathon.title}"[:60],
            callback_data=MarCb(action="open", marathon=marathon.id),
        )
    if actor.is_coordinator():
        for kind in KINDS:
            builder.button(text=t(NEW_KEYS[kind]), callback_data=MarCb(action="new", value=kind))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def _icon(marathon: Marathon) -> str:
    return "🎙" if marathon.kind == "podcast" else "🏃"


async def open_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    marathon = await session.get(Marathon, callback_data.marathon)
    if marathon is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    if not may_view(await _actor(session, settings, user), marathon):
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    text, markup = await _card(t, user, session, settings, marathon, clock)
    await show(callback, text, markup)


async def _card(
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    marathon: Marathon,
    clock: Clock,
) -> tuple[str, InlineKeyboardMarkup]:
    actor = await _actor(session, settings, user)
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    lines = [
        t(
            "mar-card",
            icon=_icon(marathon),
            title=marathon.title,
            kind=t(KIND_KEYS[marathon.kind]),
            level=t(LEVEL_KEYS[marathon.level]),
        )
    ]
    lines += _about_lines(t, marathon, zone)
    lines += await _programme_lines(t, session, marathon, zone)
    builder = InlineKeyboardBuilder()
    if await proposing_schools(session, actor, marathon):
        if proposals_open(marathon, clock.now()):
            builder.button(
                text=t("mar-propose"), callback_data=MarCb(action="propose", marathon=marathon.id)
            )
        else:
            lines.append(t("mar-proposals-closed"))
    if may_manage(actor, marathon):
        waiting = len(await talks(session, marathon.id, "proposed"))
        builder.button(
            text=t("mar-proposals", count=waiting),
            callback_data=MarCb(action="proposals", marathon=marathon.id),
        )
        if await talks(session, marathon.id, "accepted"):
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


async def _programme_lines(
    t: Texts, session: AsyncSession, marathon: Marathon, zone: ZoneInfo
) -> list[str]:
    scheduled = await talks(session, marathon.id, "accepted")
    if not scheduled:
        return [t("mar-programme-empty")]
    directory = DirectoryRepository(session)
    lines = [t("mar-programme")]
    for talk in scheduled:
        school = await directory.school(talk.school_id) if talk.school_id else None
        lines.append(
            t(
                "mar-talk-line",
                when=_when(talk, zone, t),
                topic=talk.topic,
                speaker=talk.speaker,
                school=school.name if school else "—",
            )
        )
        if talk.join_url:
            lines.append(t("mar-talk-link", url=talk.join_url))
    return lines


def _about_lines(t: Texts, marathon: Marathon, zone: ZoneInfo) -> list[str]:
    """The days, the proposal deadline and the description (older marathons have none)."""
    lines = []
    if marathon.starts_on and marathon.ends_on:
        lines.append(
            t(
                "mar-days",
                start=timefmt.day(marathon.starts_on, t.language),
                end=timefmt.day(marathon.ends_on, t.language),
            )
        )
    if marathon.proposals_until:
        last = (marathon.proposals_until.astimezone(zone) - timedelta(seconds=1)).date()
        lines.append(t("mar-deadline", day=timefmt.day(last, t.language)))
    if marathon.description:
        lines.append(marathon_description(t, marathon.description))
    return lines


def marathon_description(t: Texts, text: str) -> str:
    return t("mar-about", text=text)


def _when(talk: MarathonTalk, zone: ZoneInfo, t: Texts) -> str:
    return timefmt.when(talk.starts_at, zone, t.language) if talk.starts_at else "—"


# --- opening one ------------------------------------------------------------------------------


async def new_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    actor = await _actor(session, settings, user)
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
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    zone = await Directory(session, settings.admin_ids).zone(user.id)
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
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    zone = await Directory(session, settings.admin_ids).zone(user.id)
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
    user: User,
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
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    now = clock.now()
    marathon = open_marathon(await _actor(session, settings, user), opening, zone, now)
    if marathon is None:
        await message.answer(t("mar-coordinators-only"), reply_markup=back_to_menu(t))
        return
    session.add(marathon)
    await session.flush()
    told = await announce_opening(session, catalog, marathon, _opened_render(marathon, zone), now)
    await session.commit()
    text, markup = await _card(t, user, session, settings, marathon, clock)
    await message.answer(
        t("mar-created") + " " + t("mar-opened-told", count=told) + "\n\n" + text,
        reply_markup=markup,
    )


def _opened_render(marathon: Marathon, zone: ZoneInfo) -> Render:
    """The notice that a marathon opened, with the Propose button (dates in the author's zone,
    the one the deadline was typed in)."""

    def render(t: Texts) -> tuple[str, Buttons]:
        lines = [t("mar-opened", icon=_icon(marathon), title=marathon.title)]
        lines += _about_lines(t, marathon, zone)
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("mar-propose"), callback_data=MarCb(action="propose", marathon=marathon.id)
        )
        builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
        builder.adjust(1)
        return "\n".join(lines), plain(builder.as_markup())

    return render


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
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    marathon = await session.get(Marathon, callback_data.marathon)
    actor = await _actor(session, settings, user)
    schools = await proposing_schools(session, actor, marathon) if marathon else []
    if marathon is None or not schools:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    if not proposals_open(marathon, clock.now()):
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
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    marathon = await session.get(Marathon, callback_data.ref)
    actor = await _actor(session, settings, user)
    schools = await proposing_schools(session, actor, marathon) if marathon else []
    if marathon is None or not schools:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    await _school_page(callback, t, session, marathon.id, schools, callback_data.page)


async def _school_page(
    callback: CallbackQuery,
    t: Texts,
    session: AsyncSession,
    marathon_id: int,
    schools: list[int],
    page: int,
) -> None:
    names = await DirectoryRepository(session).school_names(schools)
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
    user: User,
    session: AsyncSession,
    settings: Settings,
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
        user,
        session,
        settings,
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
    user: User,
    session: AsyncSession,
    settings: Settings,
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
    await _save_proposal(callback, bot, t, user, session, settings, clock, catalog, state, None)


async def _save_proposal(
    event: Message | CallbackQuery,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
    presentation: tuple[str, str] | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    marathon = await session.get(Marathon, int(data["marathon"]))
    actor = await _actor(session, settings, user)
    if marathon is None or not await may_propose(
        session, actor, marathon, int(data["school"]), clock.now()
    ):
        await show(event, t("mar-not-yours"), back_to_menu(t))
        return
    talk = MarathonTalk(
        marathon_id=marathon.id,
        school_id=int(data["school"]),
        proposed_by=user.id,
        topic=str(data["topic"]),
        description=str(data["description"]),
        speaker=str(data["speaker"]),
        file_id=presentation[0] if presentation else None,
        file_name=presentation[1] if presentation else None,
    )
    session.add(talk)
    await session.commit()
    await show(event, t("mar-proposed", title=marathon.title), _back_to(t, marathon.id))
    await _tell_managers(bot, catalog, session, marathon, talk)


async def _tell_managers(
    bot: Bot, catalog: Catalog, session: AsyncSession, marathon: Marathon, talk: MarathonTalk
) -> None:
    school = await DirectoryRepository(session).school(talk.school_id) if talk.school_id else None

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("mar-proposals-open"),
            callback_data=MarCb(action="proposals", marathon=marathon.id),
        )
        text = t(
            "mar-new-proposal",
            title=marathon.title,
            school=school.name if school else "—",
            topic=talk.topic,
        )
        return text, builder.as_markup()

    await tell_each(bot, catalog, session, [marathon.created_by], render)


# --- the coordinator's decisions ----------------------------------------------------------------


async def _managed(
    session: AsyncSession, settings: Settings, user: User, marathon_id: int
) -> Marathon | None:
    return await managed(session, await _actor(session, settings, user), marathon_id)


async def _managed_or_refuse(
    callback: CallbackQuery,
    t: Texts,
    session: AsyncSession,
    settings: Settings,
    user: User,
    marathon_id: int,
) -> Marathon | None:
    """The marathon when this coordinator manages it; otherwise the refusal is shown."""
    marathon = await _managed(session, settings, user, marathon_id)
    if marathon is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
    return marathon


async def proposals_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    marathon = await _managed_or_refuse(
        callback, t, session, settings, user, callback_data.marathon
    )
    if marathon is None:
        return
    proposed = await talks(session, marathon.id, "proposed")
    waiting = [talk for talk in proposed if talk.id > callback_data.talk]
    if not waiting:
        await show(callback, t("mar-no-proposals"), _back_to(t, marathon.id))
        return
    talk = waiting[0]
    school = await DirectoryRepository(session).school(talk.school_id) if talk.school_id else None
    text = t(
        "mar-proposal-card",
        title=marathon.title,
        school=school.name if school else "—",
        topic=talk.topic,
        description=talk.description,
        speaker=talk.speaker,
        count=len(waiting) - 1,
    )
    if talk.file_name:
        text += "\n" + t("mar-file-attached", name=talk.file_name)
    await show(callback, text, _decision_keyboard(t, marathon.id, talk))


def _decision_keyboard(t: Texts, marathon_id: int, talk: MarathonTalk) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for action, key in (("accept", "mar-accept"), ("decline", "mar-decline")):
        builder.button(
            text=t(key), callback_data=MarCb(action=action, marathon=marathon_id, talk=talk.id)
        )
    if talk.file_id:
        builder.button(
            text=t("mar-file-open"),
            callback_data=MarCb(action="file", marathon=marathon_id, talk=talk.id),
        )
    builder.button(
        text=t("mar-next"),
        callback_data=MarCb(action="proposals", marathon=marathon_id, talk=talk.id),
    )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon_id))
    builder.adjust(2, 1, 1, 1)
    return builder.as_markup()


async def file_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    """The proposal's presentation, for the coordinators who manage the marathon."""
    found = await _managed_talk(session, settings, user, callback_data)
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
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    if (
        await _managed_or_refuse(callback, t, session, settings, user, callback_data.marathon)
        is None
    ):
        return
    await state.set_state(MarathonForm.when)
    await state.set_data({"marathon": callback_data.marathon, "talk": callback_data.talk})
    await show(callback, t("mar-ask-when"), _back_to(t, callback_data.marathon))


async def when_received(
    message: Message,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    when = timefmt.parse_local(message.text or "", clock.now(), zone)
    if when is None or when <= clock.now():
        await message.answer(t("mar-bad-when"), reply_markup=_back_to(t, int(data["marathon"])))
        return  # still waiting for the time
    marathon = await _managed(session, settings, user, int(data["marathon"]))
    talk = await session.get(MarathonTalk, int(data["talk"]))
    await state.clear()
    if marathon is None or talk is None or talk.marathon_id != marathon.id:
        await message.answer(t("mar-not-yours"), reply_markup=back_to_menu(t))
        return
    moved = talk.status == "accepted"
    talk.status, talk.starts_at, talk.decided_by = "accepted", when, user.id
    await session.commit()
    await message.answer(
        t("mar-moved" if moved else "mar-accepted"), reply_markup=_back_to(t, marathon.id)
    )
    await _tell_proposer(bot, catalog, session, marathon, talk, moved=moved)


async def decline_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    catalog: Catalog,
) -> None:
    found = await _managed_talk(session, settings, user, callback_data)
    if found is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found
    talk.status, talk.decided_by = "declined", user.id
    await session.commit()
    await show(callback, t("mar-declined"), _back_to(t, marathon.id))
    await _tell_proposer(bot, catalog, session, marathon, talk)


async def _tell_proposer(
    bot: Bot,
    catalog: Catalog,
    session: AsyncSession,
    marathon: Marathon,
    talk: MarathonTalk,
    *,
    moved: bool = False,
) -> None:
    zone = await Directory(session, ()).zone(talk.proposed_by)

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
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    """The programme as its readers will see it, and how many they are; sent on confirmation."""
    marathon = await _managed_or_refuse(
        callback, t, session, settings, user, callback_data.marathon
    )
    if marathon is None:
        return
    if not await talks(session, marathon.id, "accepted"):
        await show(callback, t("mar-publish-empty"), _back_to(t, marathon.id))
        return
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    readers = await UserRepository(session).many(await audience(session, marathon))
    heading = t("mar-announce", icon=_icon(marathon), title=marathon.title)
    lines = await _programme_lines(t, session, marathon, zone)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("mar-publish-confirm"), callback_data=MarCb(action="send", marathon=marathon.id)
    )
    builder.button(text=t("nav-back"), callback_data=MarCb(action="open", marathon=marathon.id))
    builder.adjust(1)
    preview = "\n".join([t("mar-publish-preview", count=len(readers)), "", heading, *lines])
    await show(callback, preview, builder.as_markup())


async def send_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    """Sends the programme to the schools and curators of the marathon's area (outbox), and a
    regional or federal one to the project channel too."""
    marathon = await _managed_or_refuse(
        callback, t, session, settings, user, callback_data.marathon
    )
    if marathon is None:
        return
    if not await talks(session, marathon.id, "accepted"):
        await show(callback, t("mar-publish-empty"), _back_to(t, marathon.id))
        return
    now = clock.now()
    directory = Directory(session, settings.admin_ids)
    users = UserRepository(session)
    messages = []
    for person in await audience(session, marathon):
        reader = await users.get(person)
        reader_t = catalog.bind(reader.language if reader else None)
        zone = await directory.zone(person)
        heading = reader_t("mar-announce", icon=_icon(marathon), title=marathon.title)
        lines = await _programme_lines(reader_t, session, marathon, zone)
        messages.append(Outgoing(person, "\n".join([heading, *lines])))
    channel = (
        await channel_chat(bot, settings.channel_id) if marathon.level != "municipal" else None
    )
    if channel is not None:  # the channel reads Moscow time, in the default language
        channel_t = catalog.bind(None)
        heading = channel_t("mar-announce", icon=_icon(marathon), title=marathon.title)
        lines = await _programme_lines(channel_t, session, marathon, timefmt.MOSCOW)
        messages.append(Outgoing(channel, "\n".join([heading, *lines])))
    marathon.status, marathon.published_at = "published", now
    await enqueue(session, f"marathon:{marathon.id}:{now:%Y%m%dT%H%M%S}", messages, now)
    await session.commit()
    await show(callback, t("mar-published", count=len(messages)), _back_to(t, marathon.id))


# --- changing the programme -------------------------------------------------------------------


async def programme_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    """The scheduled talks as buttons: a coordinator picks one to move or withdraw."""
    await state.clear()
    marathon = await _managed_or_refuse(
        callback, t, session, settings, user, callback_data.marathon
    )
    if marathon is None:
        return
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    builder = InlineKeyboardBuilder()
    for talk in await talks(session, marathon.id, "accepted"):
        builder.button(
            text=t.label("mar-talk-button", when=_when(talk, zone, t), topic=_short(talk.topic)),
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
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    found = await _managed_talk(session, settings, user, callback_data)
    if found is None:
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    school = await DirectoryRepository(session).school(talk.school_id) if talk.school_id else None
    text = t(
        "mar-talk-card",
        when=_when(talk, zone, t),
        topic=talk.topic,
        speaker=talk.speaker,
        school=school.name if school else "—",
    )
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
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    found = await _managed_talk(session, settings, user, callback_data)
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
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    marathon_id, talk_id = int(data["marathon"]), int(data["talk"])
    actor = await _actor(session, settings, user)
    outcome = await set_join_link(session, actor, marathon_id, talk_id, message.text or "")
    if outcome == "bad-link":
        await message.answer(t("mar-bad-link"), reply_markup=_back_to_talk(t, marathon_id, talk_id))
        return  # still waiting for a link
    await state.clear()
    if outcome == "refused":
        await message.answer(t("mar-not-yours"), reply_markup=back_to_menu(t))
        return
    await message.answer(t("mar-link-saved"), reply_markup=_back_to_talk(t, marathon_id, talk_id))


async def _managed_talk(
    session: AsyncSession, settings: Settings, user: User, callback_data: MarCb
) -> tuple[Marathon, MarathonTalk] | None:
    actor = await _actor(session, settings, user)
    return await managed_talk(session, actor, callback_data.marathon, callback_data.talk)


async def withdraw_button(
    callback: CallbackQuery,
    callback_data: MarCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    catalog: Catalog,
) -> None:
    """Takes a scheduled talk out of the programme (it is not reminded); the school is told."""
    found = await _managed_talk(session, settings, user, callback_data)
    if found is None or found[1].status != "accepted":
        await show(callback, t("mar-not-yours"), back_to_menu(t))
        return
    marathon, talk = found
    talk.status, talk.decided_by = "withdrawn", user.id
    await session.commit()
    await show(callback, t("mar-withdrawn"), _back_to(t, marathon.id))
    await _tell_proposer(bot, catalog, session, marathon, talk)


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
