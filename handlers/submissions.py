"""Sending a confirmation: pick the school and the step, send screenshots (photos, albums, image or
PDF files) with an optional comment, confirm. Files go to a draft row as they come, so album parts
handled by different replicas land in one submission; one reply answers a whole album."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import date
from pathlib import Path
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.i18n import Texts
from gateway.files import downloader
from handlers.registration import waiting_screen
from handlers.screens import show
from services import limits, timefmt
from services.calendar_io import calendar_for
from services.clock import Clock
from services.evidence import fetch_files
from services.permissions import Actor, ForbiddenError
from services.screening import Screener, screen_one
from services.submissions import refusal, reporting_steps, start_draft, submitter_schools
from storage.models import SubmissionFile, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import Area, SubmissionRepository
from ui import pages
from ui.callbacks import MenuCb, PageCb, Picker, ProgCb, SubCb
from ui.keyboards import back_to_menu, main_menu
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


class Submitting(StatesGroup):
    choosing = State()  # a school from a long list: typed text filters it
    collecting = State()


# --- choosing the school and the step ------------------------------------------------------


async def submit_command(
    message: Message,
    t: Texts,
    user: User,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    text, markup = await _start_screen(t, user, actor, session, clock, "", state)
    await show(message, text, markup)


async def pick_button(
    callback: CallbackQuery,
    callback_data: SubCb,
    t: Texts,
    user: User,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    """From a step card (the step known, the school may not be) or an answer about sending
    screenshots (neither known: the usual start)."""
    schools = submitter_schools(actor)
    if len(schools) == 1 and callback_data.step:
        await _begin(callback, t, actor, session, state, schools[0], callback_data.step)
        return
    text, markup = await _start_screen(t, user, actor, session, clock, callback_data.step, state)
    await show(callback, text, markup)


async def _start_screen(
    t: Texts,
    user: User,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    step_key: str,
    state: FSMContext | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """`state` given: typed text may filter a long list of schools (not while files come in
    before a step is chosen: the album's other parts are awaited without a state)."""
    schools = submitter_schools(actor)
    if not schools and actor.is_coordinator():
        return t("submit-coordinators"), back_to_menu(t)
    if not schools:
        waiting = await waiting_screen(t, user, session, clock)
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
    names = await DirectoryRepository(session).school_names(schools)
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
    callback: CallbackQuery,
    callback_data: PageCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    schools = submitter_schools(actor)
    if not schools:
        await show(callback, t("submit-not-yours"), back_to_menu(t))
        return
    listing = await _schools(t, session, schools, callback_data.key[:40])
    await _picking(state, listing)
    text = pages.page_text(t, t("submit-choose-school"), listing, callback_data.page)
    await show(callback, text, pages.page_markup(t, listing, callback_data.page))


async def school_typed(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    picking: pages.Picking,
) -> None:
    listing = await _schools(t, session, submitter_schools(actor), picking.key)
    text, markup = pages.matches_reply(t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


async def school_button(
    callback: CallbackQuery,
    callback_data: SubCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    """The school's steps; also the way back from sending files (the draft keeps them)."""
    await _leave_draft(state)
    if callback_data.school not in submitter_schools(actor):
        await show(callback, t("submit-not-yours"), back_to_menu(t))
        return
    text, markup = await _steps_screen(t, session, callback_data.school)
    await show(callback, text, markup)


async def _steps_screen(
    t: Texts, session: AsyncSession, school_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    place = await DirectoryRepository(session).school_place(school_id)
    if place is None:
        return t("error-stale-button"), back_to_menu(t)
    school, _, region = place
    season = await calendar_for(session, region.code)
    latest = await SubmissionRepository(session).latest(
        Area(schools=frozenset({school_id})), season.season
    )
    lines = [t("submit-choose-step", school=school.name)]
    builder = InlineKeyboardBuilder()
    for step in reporting_steps(season):
        found = latest.get((school_id, step.key))
        status = found.status if found else "missing"
        due = step.due(region.code)
        lines.append(
            t(
                "submit-step-line",
                icon=STATUS_ICONS[status],
                number=step.number,
                title=step.text("title", t.language),
                due=due_text(t, due),
                status=t(STATUS_KEYS[status]),
            )
        )
        builder.button(
            text=f"{STATUS_ICONS[status]} {step.number}. {step.text('title', t.language)}"[:60],
            callback_data=SubCb(action="step", school=school_id, step=step.key),
        )
    builder.button(text=t("menu-progress"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


async def step_button(
    callback: CallbackQuery,
    callback_data: SubCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await _begin(callback, t, actor, session, state, callback_data.school, callback_data.step)


async def _begin(
    callback: CallbackQuery,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    state: FSMContext,
    school_id: int,
    step_key: str,
) -> None:
    """Opens the draft for the school's step (the same one as before, files and all) and puts
    into it any screenshots the person sent before choosing the step."""
    place = await DirectoryRepository(session).school_place(school_id)
    season = await calendar_for(session, place[2].code if place else None)
    step = season.step(step_key)
    if place is None or step is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    try:
        draft_id = await start_draft(session, actor, school_id, step, season.season)
    except ForbiddenError:
        await show(callback, t("submit-not-yours"), back_to_menu(t))
        return
    repository = SubmissionRepository(session)
    for loose in (await state.get_data()).get(LOOSE, []):
        await repository.add_file(SubmissionFile(submission_id=draft_id, **loose))
    await state.set_state(Submitting.collecting)
    await state.set_data({"draft": draft_id, "school": school_id, "step": step.key})
    count = await repository.file_count(draft_id)
    text = t(
        "submit-send-files",
        number=step.number,
        title=step.text("title", t.language),
        school=place[0].name,
    )
    if count:
        text += "\n\n" + t("submit-received", count=count)
    await show(callback, text, draft_keyboard(t, school_id, count))


# --- receiving files -------------------------------------------------------------------------


def _photo(message: Message) -> SubmissionFile:
    assert message.photo is not None
    biggest = message.photo[-1]
    return SubmissionFile(
        kind="photo",
        file_id=biggest.file_id,
        file_unique_id=biggest.file_unique_id,
        size=biggest.file_size,
        mime_type="image/jpeg",
    )


def _document(message: Message) -> SubmissionFile:
    document = message.document
    assert document is not None
    return SubmissionFile(
        kind="document",
        file_id=document.file_id,
        file_unique_id=document.file_unique_id,
        file_name=(document.file_name or "")[:200] or None,
        mime_type=document.mime_type,
        size=document.file_size,
    )


async def file_received(
    message: Message,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    if message.document is not None:
        reason = refusal(message.document.mime_type, message.document.file_size)
        if reason is not None:
            await _refuse(message, t, session, state, reason)
            return  # the draft and the state stay as they were
    file = _photo(message) if message.photo else _document(message)
    await _add(message, t, session, state, sessionmaker, file)


async def _refuse(
    message: Message, t: Texts, session: AsyncSession, state: FSMContext, reason: str
) -> None:
    data = await state.get_data()
    count = await SubmissionRepository(session).file_count(int(data["draft"]))
    await message.answer(t(reason), reply_markup=draft_keyboard(t, int(data["school"]), count))


async def _add(
    message: Message,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    file: SubmissionFile,
) -> None:
    data = await state.get_data()
    repository = SubmissionRepository(session)
    draft = await repository.draft(int(data["draft"]))
    if draft is None:
        await state.clear()
        await message.answer(t("error-stale-button"), reply_markup=main_menu(t))
        return
    if await repository.file_count(draft.id) >= limits.FILES_PER_DRAFT:
        await _too_many(message, t, repository, draft.id, draft.school_id)
        return
    file.submission_id = draft.id
    file.media_group_id = message.media_group_id
    file.caption = message.caption[: limits.COMMENT] if message.caption else None
    count = await repository.add_file(file)
    if message.media_group_id is None:
        await message.answer(
            t("submit-received", count=count),
            reply_markup=draft_keyboard(t, draft.school_id, count),
        )
        return
    if await repository.claim_album_reply(message.media_group_id, message.chat.id, draft.id):
        await session.commit()  # the other parts must see the claim and this file
        _run_later(_album_reply(message, t, sessionmaker, draft.id, draft.school_id))


async def _too_many(
    message: Message, t: Texts, repository: SubmissionRepository, draft_id: int, school_id: int
) -> None:
    """Past the limit a file is not kept; an album hears it once."""
    group = message.media_group_id
    if group is not None:
        claim = f"{group}:full"
        if not await repository.claim_album_reply(claim, message.chat.id, draft_id):
            return
        await repository.take_album_reply(claim)  # answered now, not by the sweep
    await message.answer(
        t("submit-too-many", limit=limits.FILES_PER_DRAFT),
        reply_markup=draft_keyboard(t, school_id, limits.FILES_PER_DRAFT),
    )


async def _album_reply(
    message: Message,
    t: Texts,
    sessionmaker: async_sessionmaker[AsyncSession],
    draft_id: int,
    school_id: int,
) -> None:
    """Answers once the album stops growing: its parts come as separate updates, and under load
    (or on other replicas) some are handled seconds after the first. Should this process die
    first, the `album-replies` sweep answers instead, once."""
    count, previous = 0, -1
    for _ in range(ALBUM_MAX_CHECKS):
        await asyncio.sleep(ALBUM_SETTLE_SECONDS)
        async with sessionmaker() as session:
            count = await SubmissionRepository(session).file_count(draft_id)
        if count == previous:
            break
        previous = count
    assert message.media_group_id is not None  # only albums are answered here
    async with sessionmaker.begin() as session:
        if not await SubmissionRepository(session).take_album_reply(message.media_group_id):
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


async def text_received(
    message: Message, t: Texts, session: AsyncSession, state: FSMContext
) -> None:
    """Text before any file is a mistake; after one, it is the comment."""
    data = await state.get_data()
    repository = SubmissionRepository(session)
    draft_id, school_id = int(data["draft"]), int(data["school"])
    count = await repository.file_count(draft_id)
    if count == 0:
        await message.answer(t("submit-need-file"), reply_markup=draft_keyboard(t, school_id, 0))
        return
    comment = message.text or ""
    if len(comment) > limits.COMMENT:
        await message.answer(
            t("submit-comment-too-long", limit=limits.COMMENT, length=len(comment)),
            reply_markup=draft_keyboard(t, school_id, count),
        )
        return  # the draft keeps its files and its earlier comment
    await repository.set_comment(draft_id, comment)
    await message.answer(
        t("submit-comment-saved"), reply_markup=draft_keyboard(t, school_id, count)
    )


async def other_received(
    message: Message, t: Texts, session: AsyncSession, state: FSMContext
) -> None:
    """A sticker, a voice note, a video: refused, and the files so far stay in the draft."""
    await _refuse(message, t, session, state, "submit-unsupported")


# --- confirming ------------------------------------------------------------------------------


async def send_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    screener: Screener,
) -> None:
    data = await state.get_data()
    repository = SubmissionRepository(session)
    draft = await repository.draft(int(data.get("draft", 0)))
    if draft is None:
        await state.clear()
        await show(callback, t("error-stale-button"), main_menu(t))
        return
    # The copies under FILES_DIR now, so their content is checked before the school is told
    # "sent" (if Telegram does not answer, the download sweep fetches and checks them later).
    await fetch_files(session, downloader(bot), settings.files_dir, submission_id=draft.id)
    refused = [file for file in await repository.files(draft.id) if file.rejected]
    if refused:
        await repository.drop_files([file.id for file in refused])
        left = await repository.file_count(draft.id)
        await show(callback, _refused_text(t, refused), draft_keyboard(t, draft.school_id, left))
        return  # the draft keeps its good files; the person adds more or sends them
    files = await repository.file_count(draft.id)
    if files == 0:
        callback_answer.text = t("submit-need-file")
        callback_answer.show_alert = True
        return
    version = await repository.finalize(draft, clock.now())
    await session.commit()
    await state.clear()
    _run_later(_check_soon(sessionmaker, settings.files_dir, screener, draft.id, clock))
    school = await DirectoryRepository(session).school(draft.school_id)
    step = (await calendar_for(session, None)).step(draft.step_key)
    await show(
        callback,
        t(
            "submit-sent",
            number=step.number if step else draft.step_key,
            school=school.name if school else "",
            version=version,
            count=files,
        ),
        main_menu(t),
    )


def _refused_text(t: Texts, refused: list[SubmissionFile]) -> str:
    lines = [
        t(
            "submit-file-refused",
            name=file.file_name or t("submit-a-photo"),
            reason=t(file.rejected),
        )
        for file in refused
        if file.rejected is not None
    ]
    return "\n".join([*lines, t("submit-file-refused-next")])


async def cancel_button(
    callback: CallbackQuery, t: Texts, session: AsyncSession, state: FSMContext
) -> None:
    """The only way a draft's files are thrown away: the person cancels it."""
    data = await state.get_data()
    if "draft" in data:
        await SubmissionRepository(session).discard_draft(int(data["draft"]))
    await state.clear()
    await show(callback, t("submit-cancelled"), main_menu(t))


async def _leave_draft(state: FSMContext) -> None:
    """Out of sending files, the draft kept for when the person comes back to the step."""
    if await state.get_state() == Submitting.collecting.state:
        await state.clear()


async def file_outside_flow(
    message: Message,
    t: Texts,
    user: User,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    """A screenshot sent straight away is kept (in the conversation) and goes into the draft of
    the step the person then chooses; one answer for a whole album."""
    text, markup = await _start_screen(t, user, actor, session, clock, step_key="")
    if not submitter_schools(actor):
        await message.answer(text, reply_markup=markup)  # nothing of theirs to confirm
        return
    if message.document is not None:
        reason = refusal(message.document.mime_type, message.document.file_size)
        if reason is not None:
            await message.answer(t(reason) + "\n\n" + text, reply_markup=markup)
            return
    file = _photo(message) if message.photo else _document(message)
    data = await state.get_data()
    loose = [*data.get(LOOSE, []), _loose(file, message)][-MAX_LOOSE:]
    album = message.media_group_id
    await state.update_data({LOOSE: loose, LOOSE_ALBUM: album})
    if album is not None and album == data.get(LOOSE_ALBUM):
        return  # the album's first part was answered
    await message.answer(
        t("submit-kept-outside-flow", count=len(loose)) + "\n\n" + text, reply_markup=markup
    )


def _loose(file: SubmissionFile, message: Message) -> dict[str, Any]:
    """A file kept before its step is chosen, as JSON for the conversation state."""
    return {
        "kind": file.kind,
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_name": file.file_name,
        "mime_type": file.mime_type,
        "size": file.size,
        "caption": message.caption[: limits.COMMENT] if message.caption else None,
        "media_group_id": message.media_group_id,
    }


def create_router() -> Router:
    router = Router(name="submissions")
    router.message.register(submit_command, Command("submit"))
    router.callback_query.register(pick_button, SubCb.filter(F.action == "pick"))
    router.callback_query.register(school_page, PageCb.filter(F.picker == Picker.SUB_SCHOOL))
    router.message.register(
        school_typed,
        StateFilter(Submitting.choosing),
        F.text,
        ~F.text.startswith("/"),
        pages.PickingFilter(Picker.SUB_SCHOOL),
    )
    router.callback_query.register(school_button, SubCb.filter(F.action == "school"))
    router.callback_query.register(step_button, SubCb.filter(F.action == "step"))
    router.callback_query.register(send_button, SubCb.filter(F.action == "send"))
    router.callback_query.register(cancel_button, SubCb.filter(F.action == "cancel"))
    collecting = StateFilter(Submitting.collecting)
    router.message.register(file_received, collecting, F.photo | F.document)
    router.message.register(text_received, collecting, F.text, ~F.text.startswith("/"))
    router.message.register(other_received, collecting, ~F.text)
    router.message.register(
        file_outside_flow, StateFilter(None, Submitting.choosing), F.photo | F.document
    )
    return router
