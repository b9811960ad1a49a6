"""Sending a confirmation: pick the school and the step, send screenshots (photos, albums, image or
PDF files) with an optional comment, confirm. Files go to a draft row as they come, so album parts
handled by different replicas land in one submission; one reply answers a whole album."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.i18n import Texts
from gateway.files import downloader
from handlers.context import Context
from handlers.registration import waiting_screen
from handlers.routing import inline, on_buttons, on_typed
from handlers.screens import show, stale
from services import limits, timefmt
from services.calendar import Step
from services.clock import Clock
from services.drafts import (
    Commented,
    Drafts,
    Incoming,
    Kept,
    Refused,
    Sending,
    school_steps,
    settle_album,
)
from services.permissions import Actor, ForbiddenError
from services.places import Places
from services.screening import Screener, screen_one
from services.submissions import refusal, reporting_steps, submitter_schools
from ui import pages
from ui.callbacks import MenuCb, PageCb, Picker, ProgCb, SubCb
from ui.keyboards import Choice, back_to_menu, main_menu, menu_column
from ui.submissions import draft_keyboard

log = logging.getLogger(__name__)
# Telegram sends an album's parts within a moment; the one reply waits until no more come.
ALBUM_SETTLE_SECONDS = 0.75
ALBUM_MAX_CHECKS = 8  # the reply never waits more than 6 s
STATUS_ICONS = {"accepted": "✅", "submitted": "🕓", "returned": "↩️", "missing": "▫️"}
STATUS_KEYS = {
    "accepted": "status-accepted",
    "submitted": "status-submitted",
    "returned": "status-returned",
    "missing": "status-missing",
}
_later: set[asyncio.Task[None]] = set()
LOOSE = "loose_files"  # screenshots sent before the step was chosen
LOOSE_ALBUM = "loose_album"
MAX_LOOSE = 10


def due_text(t: Texts, due: date | None) -> str:
    return t("submit-due", date=timefmt.day(due, t.language)) if due else t("submit-no-due")


def step_line(t: Texts, step: Step, status: str, due: date | None) -> str:
    """A step of one school: its status's icon, number, title, due date and status."""
    return t(
        "submit-step-line",
        icon=STATUS_ICONS[status],
        number=step.number,
        title=step.text("title", t.language),
        due=due_text(t, due),
        status=t(STATUS_KEYS[status]),
    )


class Submitting(StatesGroup):
    choosing = State()  # a school from a long list: typed text filters it
    collecting = State()


# --- choosing the school and the step ------------------------------------------------------


async def submit_command(message: Message, ctx: Context, state: FSMContext) -> None:
    await show(message, *await _start_screen(ctx, "", state))


async def pick_button(
    callback: CallbackQuery, callback_data: SubCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """From a step card (the step known, the school may not be) or an answer about sending
    screenshots (neither known: the usual start)."""
    schools = submitter_schools(actor)
    if len(schools) == 1 and callback_data.step:
        await _begin(callback, ctx, state, schools[0], callback_data.step)
        return
    await show(callback, *await _start_screen(ctx, callback_data.step, state))


async def _start_screen(
    ctx: Context, step_key: str, state: FSMContext | None = None
) -> tuple[str, InlineKeyboardMarkup]:
    """`state` given: typed text may filter a long list of schools (not while files come in
    before a step is chosen: the album's other parts are awaited without a state)."""
    t, session = ctx.t, ctx.session
    actor = await ctx.actor()
    schools = submitter_schools(actor)
    if not schools and actor.is_coordinator():
        return t("submit-coordinators"), back_to_menu(t)
    if not schools:
        waiting = await waiting_screen(ctx)
        return waiting or (t("submit-not-registered"), back_to_menu(t))
    if len(schools) == 1 and not step_key:
        return await _steps_screen(t, session, schools[0])
    listing = await _schools(t, session, schools, step_key)
    if state is not None:
        await _picking(state, listing)
    return pages.page_text(t, t("submit-choose-school"), listing, 0), pages.page_markup(
        t, listing, 0
    )


async def _schools(
    t: Texts, session: AsyncSession, schools: list[int], step_key: str
) -> pages.Listing:
    """The person's schools to pick from: then the school's steps, or the step already chosen."""
    action = "step" if step_key else "school"
    names = await Places(session).school_names(schools)
    return pages.Listing(
        Picker.SUB_SCHOOL,
        pages.sorted_items(names),
        lambda i: SubCb(action=action, school=i, step=step_key),
        key=step_key,
        tail=[(t.label("nav-back-to-menu"), MenuCb(item="home"))],
    )


async def _picking(state: FSMContext, listing: pages.Listing) -> None:
    """Typed text filters a long list of schools (out of a draft: it is kept for later)."""
    if not listing.filterable:
        return
    await _leave_draft(state)
    await state.set_state(Submitting.choosing)
    await pages.remember(state, listing)


async def school_page(
    callback: CallbackQuery, callback_data: PageCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    t = ctx.t
    schools = submitter_schools(actor)
    if not schools:
        await show(callback, t("submit-not-yours"), back_to_menu(t))
        return
    listing = await _schools(t, ctx.session, schools, callback_data.key[:40])
    await _picking(state, listing)
    text = pages.page_text(t, t("submit-choose-school"), listing, callback_data.page)
    await show(callback, text, pages.page_markup(t, listing, callback_data.page))


async def school_typed(
    message: Message, ctx: Context, actor: Actor, picking: pages.Picking
) -> None:
    t = ctx.t
    listing = await _schools(t, ctx.session, submitter_schools(actor), picking.key)
    text, markup = pages.matches_reply(t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


async def school_button(
    callback: CallbackQuery, callback_data: SubCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """The school's steps; also the way back from sending files (the draft keeps them)."""
    await _leave_draft(state)
    if callback_data.school not in submitter_schools(actor):
        await show(callback, ctx.t("submit-not-yours"), back_to_menu(ctx.t))
        return
    await show(callback, *await _steps_screen(ctx.t, ctx.session, callback_data.school))


async def _steps_screen(
    t: Texts, session: AsyncSession, school_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    steps = await school_steps(session, school_id)
    if steps is None:
        return t("error-stale-button"), back_to_menu(t)
    lines = [t("submit-choose-step", school=steps.school)]
    choices: list[Choice] = []
    for step in reporting_steps(steps.season):
        found = steps.latest.get((school_id, step.key))
        status = found.status if found else "missing"
        lines.append(step_line(t, step, status, step.due(steps.region)))
        choices.append(
            (
                f"{STATUS_ICONS[status]} {step.number}. {step.text('title', t.language)}"[:60],
                SubCb(action="step", school=school_id, step=step.key),
            )
        )
    choices.append((t("menu-progress"), ProgCb(action="show")))
    return "\n".join(lines), menu_column(t, choices)


async def step_button(
    callback: CallbackQuery, callback_data: SubCb, ctx: Context, state: FSMContext
) -> None:
    await _begin(callback, ctx, state, callback_data.school, callback_data.step)


async def _begin(
    callback: CallbackQuery, ctx: Context, state: FSMContext, school_id: int, step_key: str
) -> None:
    """Opens the draft for the school's step (the same one as before, files and all) and puts
    into it any screenshots the person sent before choosing the step."""
    t = ctx.t
    loose = [Incoming(**kept) for kept in (await state.get_data()).get(LOOSE, [])]
    try:
        opened = await Drafts(ctx.session).open(await ctx.actor(), school_id, step_key, loose)
    except ForbiddenError:
        await show(callback, t("submit-not-yours"), back_to_menu(t))
        return
    if opened is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    step, count = opened.step, opened.count
    await state.set_state(Submitting.collecting)
    await state.set_data({"draft": opened.draft_id, "school": school_id, "step": step.key})
    text = t(
        "submit-send-files",
        number=step.number,
        title=step.text("title", t.language),
        school=opened.school,
    )
    if count:
        text += "\n\n" + t("submit-received", count=count)
    await show(callback, text, draft_keyboard(t, school_id, count))


# --- receiving files -------------------------------------------------------------------------


def _incoming(message: Message) -> Incoming:
    """The photo's biggest size, or the document, with the message's caption and album."""
    caption = message.caption[: limits.COMMENT] if message.caption else None
    if message.photo:
        biggest = message.photo[-1]
        return Incoming(
            kind="photo",
            file_id=biggest.file_id,
            file_unique_id=biggest.file_unique_id,
            size=biggest.file_size,
            mime_type="image/jpeg",
            caption=caption,
            media_group_id=message.media_group_id,
        )
    document = message.document
    assert document is not None
    return Incoming(
        kind="document",
        file_id=document.file_id,
        file_unique_id=document.file_unique_id,
        file_name=(document.file_name or "")[:200] or None,
        mime_type=document.mime_type,
        size=document.file_size,
        caption=caption,
        media_group_id=message.media_group_id,
    )


async def file_received(
    message: Message,
    ctx: Context,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    if message.document is not None:
        reason = refusal(message.document.mime_type, message.document.file_size)
        if reason is not None:
            await _refuse(message, ctx, state, reason)
            return  # the draft and the state stay as they were
    await _add(message, ctx, state, sessionmaker, _incoming(message))


async def _refuse(message: Message, ctx: Context, state: FSMContext, reason: str) -> None:
    t = ctx.t
    data = await state.get_data()
    count = await Drafts(ctx.session).count(int(data["draft"]))
    await message.answer(t(reason), reply_markup=draft_keyboard(t, int(data["school"]), count))


async def _add(
    message: Message,
    ctx: Context,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    file: Incoming,
) -> None:
    t = ctx.t
    data = await state.get_data()
    added = await Drafts(ctx.session).add(int(data["draft"]), file, message.chat.id)
    if added.kept is Kept.STALE:
        await state.clear()
        await message.answer(t("error-stale-button"), reply_markup=main_menu(t))
    elif added.kept is Kept.FULL:  # past the limit a file is not kept; an album hears it once
        await message.answer(
            t("submit-too-many", limit=limits.FILES_PER_DRAFT),
            reply_markup=draft_keyboard(t, added.school_id, added.count),
        )
    elif added.kept is Kept.ADDED:
        await message.answer(
            t("submit-received", count=added.count),
            reply_markup=draft_keyboard(t, added.school_id, added.count),
        )
    elif added.kept is Kept.ALBUM_FIRST:
        draft_id = int(data["draft"])
        _run_later(_album_reply(message, t, sessionmaker, draft_id, added.school_id))


async def _album_reply(
    message: Message,
    t: Texts,
    sessionmaker: async_sessionmaker[AsyncSession],
    draft_id: int,
    school_id: int,
) -> None:
    """Answers once the album stops growing. Should this process die first, the
    `album-replies` sweep answers instead, once."""
    assert message.media_group_id is not None  # only albums are answered here
    count = await settle_album(
        sessionmaker, draft_id, message.media_group_id, ALBUM_SETTLE_SECONDS, ALBUM_MAX_CHECKS
    )
    if count is None:
        return
    await message.answer(
        t("submit-received", count=count), reply_markup=draft_keyboard(t, school_id, count)
    )


def _run_later(work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.create_task(work)
    _later.add(task)  # a reference, or the loop may drop the task mid-way
    task.add_done_callback(_later.discard)


async def _check_soon(
    sessionmaker: async_sessionmaker[AsyncSession],
    files_dir: Path,
    screener: Screener,
    submission_id: int,
    clock: Clock,
) -> None:
    """The bot's checks of the files just sent, off the reply's path, so a reviewer opening it
    finds them done; the download sweep does it if this fails."""
    try:
        async with sessionmaker() as session:
            await screen_one(session, files_dir, submission_id, screener, clock.now())
    except Exception:
        log.exception("checking submission %s at once failed; the sweep will", submission_id)


async def finish_later_work(**_: Any) -> None:
    """On shutdown: album replies still settling get a few seconds to go out; what is left is
    answered by the `album-replies` sweep after the restart."""
    pending = list(_later)
    if pending:
        settled = await asyncio.wait(pending, timeout=ALBUM_SETTLE_SECONDS * 2)
        for task in settled[1]:  # still running
            task.cancel()


async def text_received(message: Message, ctx: Context, state: FSMContext) -> None:
    """Text before any file is a mistake; after one, it is the comment."""
    t = ctx.t
    data = await state.get_data()
    draft_id, school_id = int(data["draft"]), int(data["school"])
    comment = message.text or ""
    commented, count = await Drafts(ctx.session).comment(draft_id, comment)
    if commented is Commented.NO_FILES:
        await message.answer(t("submit-need-file"), reply_markup=draft_keyboard(t, school_id, 0))
    elif commented is Commented.TOO_LONG:  # the draft keeps its files and its earlier comment
        await message.answer(
            t("submit-comment-too-long", limit=limits.COMMENT, length=len(comment)),
            reply_markup=draft_keyboard(t, school_id, count),
        )
    else:
        key = (
            "submit-comment-replaced" if commented is Commented.REPLACED else "submit-comment-saved"
        )
        await message.answer(t(key), reply_markup=draft_keyboard(t, school_id, count))


async def other_received(message: Message, ctx: Context, state: FSMContext) -> None:
    """A sticker, a voice note, a video: refused, and the files so far stay in the draft."""
    await _refuse(message, ctx, state, "submit-unsupported")


# --- confirming ------------------------------------------------------------------------------


async def send_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    ctx: Context,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    screener: Screener,
) -> None:
    t, settings, clock = ctx.t, ctx.settings, ctx.clock
    data = await state.get_data()
    sent = await Drafts(ctx.session).send(
        int(data.get("draft", 0)), downloader(ctx.bot), settings.files_dir, clock.now()
    )
    if sent.result is Sending.STALE:
        await state.clear()
        await stale(callback, t)
        return
    if sent.result is Sending.REFUSED:  # the draft keeps its good files; more may come
        keyboard = draft_keyboard(t, sent.school_id, sent.count)
        await show(callback, _refused_text(t, sent.refused), keyboard)
        return
    if sent.result is Sending.EMPTY:
        callback_answer.text = t("submit-need-file")
        callback_answer.show_alert = True
        return
    await state.clear()
    draft_id = int(data["draft"])
    _run_later(_check_soon(sessionmaker, settings.files_dir, screener, draft_id, clock))
    await show(
        callback,
        t(
            "submit-sent",
            number=sent.step,
            school=sent.school,
            version=sent.version,
            count=sent.count,
        ),
        main_menu(t),
    )


def _refused_text(t: Texts, refused: Sequence[Refused]) -> str:
    lines = [
        t("submit-file-refused", name=file.name or t("submit-a-photo"), reason=t(file.reason))
        for file in refused
    ]
    return "\n".join([*lines, t("submit-file-refused-next")])


async def cancel_button(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    """The only way a draft's files are thrown away: the person cancels it."""
    data = await state.get_data()
    if "draft" in data:
        await Drafts(ctx.session).discard(int(data["draft"]))
    await state.clear()
    await show(callback, ctx.t("submit-cancelled"), main_menu(ctx.t))


async def _leave_draft(state: FSMContext) -> None:
    """Out of sending files, the draft kept for when the person comes back to the step."""
    if await state.get_state() == Submitting.collecting.state:
        await state.clear()


async def file_outside_flow(
    message: Message, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """A screenshot sent straight away is kept (in the conversation) and goes into the draft of
    the step the person then chooses; one answer for a whole album."""
    t = ctx.t
    text, markup = await _start_screen(ctx, step_key="")
    if not submitter_schools(actor):
        await message.answer(text, reply_markup=markup)  # nothing of theirs to confirm
        return
    if message.document is not None:
        reason = refusal(message.document.mime_type, message.document.file_size)
        if reason is not None:
            await message.answer(t(reason) + "\n\n" + text, reply_markup=markup)
            return
    data = await state.get_data()
    loose = [*data.get(LOOSE, []), asdict(_incoming(message))][-MAX_LOOSE:]
    album = message.media_group_id
    await state.update_data({LOOSE: loose, LOOSE_ALBUM: album})
    if album is not None and album == data.get(LOOSE_ALBUM):
        return  # the album's first part was answered
    await message.answer(
        t("submit-kept-outside-flow", count=len(loose)) + "\n\n" + text, reply_markup=markup
    )


def create_router() -> Router:
    router = Router(name="submissions")
    router.message.register(submit_command, Command("submit"))
    router.callback_query.register(school_page, PageCb.filter(F.picker == Picker.SUB_SCHOOL))
    on_typed(router, school_typed, Submitting.choosing, pages.PickingFilter(Picker.SUB_SCHOOL))
    on_buttons(
        router,
        SubCb,
        {
            "pick": pick_button,
            "school": school_button,
            "step": step_button,
            "send": send_button,
            "cancel": cancel_button,
        },
    )
    collecting = StateFilter(Submitting.collecting)
    router.message.register(file_received, collecting, inline(F.photo | F.document))
    on_typed(router, text_received, collecting)
    router.message.register(other_received, collecting, inline(~F.text))
    router.message.register(
        file_outside_flow, StateFilter(None, Submitting.choosing), inline(F.photo | F.document)
    )
    return router
