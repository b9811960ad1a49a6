"""/deadlines, /stages and questions in free text: the calendar in the asker's region and time."""

from __future__ import annotations

from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Texts
from handlers.context import Context
from handlers.routing import inline
from handlers.screens import show
from services import timefmt
from services.answers import (
    Answers,
    Asker,
    RegisteredPeople,
    Reply,
    answerer,
    faq_entry,
)
from services.calendar import Calendar, Step, upcoming
from services.calendar_io import calendar_for, federal_calendar
from services.clock import Clock
from services.ics import TalkEvent, build_ics
from services.marathons import TALK_LENGTH, calendar_talks
from services.permissions import Role
from services.webinars import coming as coming_webinars
from services.webinars import series_catalog
from ui.callbacks import CalCb, MenuCb, SubCb
from ui.keyboards import back_and_menu

SHOWN = 8


# --- /deadlines -----------------------------------------------------------------------------


async def deadlines(event: Message | CallbackQuery, ctx: Context) -> None:
    """/deadlines and its buttons: the reader's next dates, in their region and time."""
    text, markup = await _deadlines(ctx)
    await show(event, text, markup)


async def _deadlines(ctx: Context) -> tuple[str, InlineKeyboardMarkup]:
    t = ctx.t
    asker = await ctx.asker()
    regional = await calendar_for(ctx.session, asker.region)
    due = upcoming(regional, asker.region, asker.zone, ctx.clock.now(), set(asker.roles) or None)
    lines = [t("cal-deadlines-title")]
    lines.append(t("cal-for-region") if asker.region else t("cal-federal-only"))
    builder = InlineKeyboardBuilder()
    if not due:
        lines.append(t("cal-nothing-due"))
    for item in due[:SHOWN]:
        lines.append(_due_line(t, item.step, asker, item.days_left))
        builder.button(
            text=f"{item.step.text('title', t.language)}"[:60],
            callback_data=CalCb(action="step", value=item.step.key),
        )
    builder.button(text=t("cal-all-stages"), callback_data=CalCb(action="stages"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n\n".join(lines), builder.as_markup()


def _due_line(t: Texts, step: Step, asker: Asker, left: int) -> str:
    day = step.due(asker.region)
    assert day is not None  # upcoming() keeps only steps with a date
    status = (
        t("cal-overdue", days=-left)
        if left < 0
        else t("cal-today")
        if left == 0
        else t("cal-days-left", days=left)
    )
    return t(
        "cal-due-line",
        title=step.text("title", t.language),
        date=timefmt.day(day, t.language),
        status=status,
    )


# --- /stages and the step card ------------------------------------------------------------


async def stages(event: Message | CallbackQuery, ctx: Context) -> None:
    season = await federal_calendar(ctx.session)
    await show(event, ctx.t("cal-stages-title"), _stages_keyboard(ctx.t, season))


def _stages_keyboard(t: Texts, season: Calendar) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for stage in season.stages:
        builder.button(
            text=stage.text(t.language), callback_data=CalCb(action="stage", value=stage.key)
        )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return builder.as_markup()


async def stage_button(callback: CallbackQuery, callback_data: CalCb, ctx: Context) -> None:
    """A stage's items that apply to the reader's region (others' regional items are theirs)."""
    t = ctx.t
    asker = await ctx.asker()
    season = await federal_calendar(ctx.session)
    stage = season.stage(callback_data.value)
    if stage is None:
        await show(callback, t("cal-stages-title"), _stages_keyboard(t, season))
        return
    builder = InlineKeyboardBuilder()
    for step in (s for s in stage.steps if s.applies(asker.region)):
        builder.button(
            text=f"{step.number}. {step.text('title', t.language)}"[:60],
            callback_data=CalCb(action="step", value=step.key),
        )
    builder.button(text=t("nav-back"), callback_data=CalCb(action="stages"))
    builder.adjust(1)
    await show(callback, t("cal-stage-title", stage=stage.text(t.language)), builder.as_markup())


async def step_button(callback: CallbackQuery, callback_data: CalCb, ctx: Context) -> None:
    t, session = ctx.t, ctx.session
    asker = await ctx.asker()
    season = await calendar_for(session, asker.region)
    step = season.step(callback_data.value)
    if step is None:
        await show(callback, t("cal-stages-title"), _stages_keyboard(t, season))
        return
    keyboard = _step_keyboard(t, step, _sends(asker))
    card = Answers(ctx.catalog, answerer(await federal_calendar(session))).card(
        t, season, step, asker, ctx.clock.now()
    )
    await show(callback, card.text, keyboard)


def _sends(asker: Asker) -> bool:
    return bool(asker.roles & {Role.SCHOOL, Role.CURATOR})


def _step_keyboard(t: Texts, step: Step, sends: bool = False) -> InlineKeyboardMarkup:
    """`sends`: the reader confirms steps (a school or a curator), so the card offers to."""
    builder = InlineKeyboardBuilder()
    if sends and step.screenshot:
        builder.button(text=t("cal-submit-step"), callback_data=SubCb(action="pick", step=step.key))
    builder.button(text=t("nav-back"), callback_data=CalCb(action="stage", value=step.stage))
    builder.button(text=t("cal-my-deadlines"), callback_data=CalCb(action="deadlines"))
    builder.adjust(*((1, 2) if sends and step.screenshot else (2,)))
    return builder.as_markup()


# --- free text ------------------------------------------------------------------------------


async def question(message: Message, ctx: Context, state: FSMContext) -> None:
    await reply_to_question(message, message.text or "", ctx, state=state)


async def reply_to_question(
    message: Message, text: str, ctx: Context, state: FSMContext | None = None
) -> None:
    """Answers in the language of the question (services.answers). In a group (no `state`)
    the answer replies to the question, so the thread stays readable."""
    in_group = state is None
    send = message.reply if in_group else message.answer
    session, clock = ctx.session, ctx.clock
    asker = await ctx.asker()
    regional = await calendar_for(session, asker.region)
    answers = Answers(ctx.catalog, answerer(await federal_calendar(session)))
    reply = await answers.reply(
        text.strip(),
        asker,
        clock.now(),
        regional,
        RegisteredPeople(session, ctx.user.id),
        next_webinar=lambda: _next_webinar_at(session, clock),
        language=ctx.t.language,
    )
    said = ctx.texts(reply.language)
    body = reply.text
    if reply.outcome == "unknown":
        if state is not None:  # in private: offer to pass it to a person
            await state.update_data(last_question=text.strip())
        else:
            body = said("ans-unknown-group")
    await send(body, reply_markup=_reply_keyboard(said, reply, regional, asker, in_group))


def _reply_keyboard(
    t: Texts, reply: Reply, season: Calendar, asker: Asker, in_group: bool
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for button in reply.buttons:
        if button.action == "step" and (step := season.step(button.value)) is not None:
            builder.button(
                text=t.label("ans-read-more", title=step.text("title", t.language))[:60],
                callback_data=CalCb(action="step", value=step.key),
            )
        elif button.action == "submit" and not in_group:
            builder.button(
                text=t("ans-submit-button"),
                callback_data=SubCb(action="pick", step=button.value or ""),
            )
        elif button.action == "ask" and not in_group:
            builder.button(text=t("handoff-ask-button"), callback_data=CalCb(action="ask"))
        elif button.action == "deadlines":
            builder.button(text=t("cal-my-deadlines"), callback_data=CalCb(action="deadlines"))
    if not in_group:
        builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return builder.as_markup()


async def faq_button(callback: CallbackQuery, callback_data: CalCb, ctx: Context) -> None:
    t = ctx.t
    if faq_entry(callback_data.value) is None:  # a button from an older FAQ, or forged
        await show(callback, t("error-stale-button"), _after_answer(t))
        return
    asker = await ctx.asker()
    text = await _faq_text(t, callback_data.value, asker, ctx.session, ctx.clock)
    await show(callback, text, _after_answer(t))


async def _faq_text(t: Texts, key: str, asker: Asker, session: AsyncSession, clock: Clock) -> str:
    entry = faq_entry(key)
    body = dict(entry["answer"]) if entry else {}
    own = dict(entry.get("local") or {}).get(asker.region or "") if entry else None
    if own:
        body = dict(own)
    text = t("cal-faq", text=body.get(t.language) or body.get("ru", ""))
    if entry and entry.get("live") == "next_webinar":
        text += "\n\n" + await _next_webinar(t, asker, session, clock)
    return text


async def _next_webinar_at(session: AsyncSession, clock: Clock) -> datetime | None:
    coming = [o for o in await coming_webinars(session, clock.now()) if not o.cancelled]
    return coming[0].starts_at if coming else None


async def _next_webinar(t: Texts, asker: Asker, session: AsyncSession, clock: Clock) -> str:
    now = clock.now()
    starts = await _next_webinar_at(session, clock)
    if starts is None:
        return t("webinars-none")
    shift = timefmt.moscow_shift(asker.zone, now)
    when = timefmt.when(starts, asker.zone, t.language)
    if shift:
        return t("cal-next-webinar-local", when=when, shift=shift)
    return t("cal-next-webinar-moscow", when=when)


def _after_answer(t: Texts) -> InlineKeyboardMarkup:
    return back_and_menu(t, CalCb(action="deadlines"), "cal-my-deadlines")


async def ics_command(message: Message, ctx: Context) -> None:
    t, session = ctx.t, ctx.session
    asker = await ctx.asker()
    now = ctx.clock.now()
    due = [
        d
        for d in upcoming(
            await calendar_for(session, asker.region),
            asker.region,
            asker.zone,
            now,
            set(asker.roles) or None,
        )
        if d.days_left >= 0
    ]
    series = list(series_catalog())
    webinars = await coming_webinars(session, now, limit=40)
    actor = await ctx.actor()
    talks = [
        TalkEvent(
            uid=f"talk-{talk.id}@assistant500",
            summary=t.label("mar-ics-summary", title=marathon.title, topic=talk.topic),
            description=t.label("mar-ics-description", speaker=talk.speaker),
            starts_at=talk.starts_at,
            ends_at=talk.starts_at + TALK_LENGTH,
            url=talk.join_url,
        )
        for marathon, talk in await calendar_talks(session, actor, now)
        if talk.starts_at is not None
    ]
    data = build_ics(due, webinars, series, t.language, now, t("cal-ics-deadline"), talks)
    await message.answer_document(
        BufferedInputFile(data, filename="500plus.ics"),
        caption=t("cal-ics-caption", count=len(due)),
    )


def create_router() -> Router:
    router = Router(name="calendar")
    router.message.register(ics_command, Command("calendar"))
    router.message.register(deadlines, Command("deadlines"))
    router.message.register(stages, Command("stages"))
    router.callback_query.register(deadlines, CalCb.filter(F.action == "deadlines"))
    router.callback_query.register(deadlines, MenuCb.filter(F.item == "deadlines"))
    router.callback_query.register(stages, CalCb.filter(F.action == "stages"))
    router.callback_query.register(stage_button, CalCb.filter(F.action == "stage"))
    router.callback_query.register(step_button, CalCb.filter(F.action == "step"))
    router.callback_query.register(faq_button, CalCb.filter(F.action == "faq"))
    return router


def create_question_router() -> Router:
    """Free text as a question; included after every feature that waits for typed input."""
    router = Router(name="questions")
    router.message.register(question, inline(F.text & ~F.text.startswith("/")))
    return router
