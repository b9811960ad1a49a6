"""Reviewing confirmations: the queue of a coordinator's scope, one submission at a time with its
files; Accept, or Return with a comment. The sender hears the decision; a returned step reopens."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    Message,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Catalog, Texts
from handlers.notify import tell_each
from handlers.registration import display_name
from handlers.screens import show
from services import limits, timefmt
from services.calendar_io import calendar_for
from services.clock import Clock
from services.directory import Directory
from services.permissions import ForbiddenError
from services.submissions import review, reviewer_area
from storage.models import Submission, SubmissionFile, User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.users import UserRepository
from ui.callbacks import MenuCb, ProgCb, RevCb, SubCb
from ui.keyboards import back_to_menu


class Returning(StatesGroup):
    comment = State()


async def review_command(
    message: Message,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    await _next(message.chat.id, bot, t, user, session, settings, after=0)


async def open_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()  # also the way out of typing a return comment
    after = callback_data.submission_id if callback_data.action == "skip" else 0
    await _next(callback.from_user.id, bot, t, user, session, settings, after=after)


async def _next(
    chat_id: int,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    after: int,
) -> None:
    """Shows the oldest submission awaiting review (after `after`, when skipping), files first."""
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    if not actor.is_coordinator():
        await bot.send_message(chat_id, t("review-coordinators-only"), reply_markup=back_to_menu(t))
        return
    season = await calendar_for(session, None)
    queue = await SubmissionRepository(session).awaiting_review(reviewer_area(actor), season.season)
    waiting = [s for s in queue if s.id > after] or queue
    if not waiting:
        await bot.send_message(chat_id, t("review-queue-empty"), reply_markup=_after_keyboard(t))
        return
    submission = waiting[0]
    files = await SubmissionRepository(session).files(submission.id)
    await _send_files(bot, chat_id, files)
    text = await _card(t, session, submission, len(files), len(queue) - 1, user)
    await bot.send_message(chat_id, text, reply_markup=_decision_keyboard(t, submission.id))


async def _send_files(bot: Bot, chat_id: int, files: list[SubmissionFile]) -> None:
    photos = [InputMediaPhoto(media=f.file_id) for f in files if f.kind == "photo"]
    documents = [InputMediaDocument(media=f.file_id) for f in files if f.kind == "document"]
    for group in (photos, documents):
        for start in range(0, len(group), 10):  # an album holds at most ten
            chunk = group[start : start + 10]
            if len(chunk) == 1:
                item = chunk[0]
                if isinstance(item, InputMediaPhoto):
                    await bot.send_photo(chat_id, item.media)
                else:
                    await bot.send_document(chat_id, item.media)
            else:
                await bot.send_media_group(chat_id, chunk)  # type: ignore[arg-type]


async def _card(
    t: Texts,
    session: AsyncSession,
    submission: Submission,
    files: int,
    more: int,
    reader: User,
) -> str:
    place = await DirectoryRepository(session).school_place(submission.school_id)
    season = await calendar_for(session, place[2].code if place else None)
    step = season.step(submission.step_key)
    sender = await UserRepository(session).get(submission.submitted_by)
    zone = await Directory(session, ()).zone(reader.id)
    lines = [
        t(
            "review-card",
            school=place[0].name if place else "",
            municipality=place[1].name if place else "",
            number=step.number if step else submission.step_key,
            title=step.text("title", t.language) if step else "",
            version=submission.version or 0,
            when=timefmt.when(submission.submitted_at, zone, t.language)
            if submission.submitted_at
            else "—",
            sender=display_name(sender) if sender else "—",
            count=files,
        )
    ]
    if submission.comment:
        lines.append(t("review-card-comment", comment=submission.comment))
    if more:
        lines.append(t("review-card-more", count=more))
    return "\n".join(lines)


def _decision_keyboard(t: Texts, submission_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("review-accept"), callback_data=RevCb(action="accept", submission_id=submission_id)
    )
    builder.button(
        text=t("review-return"), callback_data=RevCb(action="return", submission_id=submission_id)
    )
    builder.button(
        text=t("review-skip"), callback_data=RevCb(action="skip", submission_id=submission_id)
    )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2, 1, 1)
    return builder.as_markup()


def _after_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("review-next"), callback_data=RevCb(action="open"))
    builder.button(text=t("menu-progress"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return builder.as_markup()


# --- deciding --------------------------------------------------------------------------------


async def accept_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    await _decide(
        callback,
        callback_data.submission_id,
        True,
        None,
        bot,
        t,
        user,
        session,
        settings,
        clock,
        catalog,
    )


async def return_button(
    callback: CallbackQuery, callback_data: RevCb, t: Texts, state: FSMContext
) -> None:
    await state.set_state(Returning.comment)
    await state.set_data({"submission": callback_data.submission_id})
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("review-return-cancel"),
        callback_data=RevCb(action="skip", submission_id=callback_data.submission_id - 1),
    )
    await show(callback, t("review-ask-comment"), builder.as_markup())


async def comment_received(
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
    comment = (message.text or "").strip()
    if not comment or len(comment) > limits.RETURN_COMMENT:
        await message.answer(t("review-comment-invalid", limit=limits.RETURN_COMMENT))
        return  # still waiting for the comment
    submission_id = int((await state.get_data())["submission"])
    await state.clear()
    await _decide(
        message, submission_id, False, comment, bot, t, user, session, settings, clock, catalog
    )


async def _decide(
    event: Message | CallbackQuery,
    submission_id: int,
    accept: bool,
    comment: str | None,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    try:
        decided = await review(session, actor, submission_id, accept, comment, clock.now())
    except ForbiddenError:
        await show(event, t("review-not-yours"), back_to_menu(t))
        return
    if decided is None:
        await show(event, t("review-already-decided"), _after_keyboard(t))
        return
    await session.commit()
    await show(event, t("review-accepted" if accept else "review-returned"), _after_keyboard(t))
    await _tell_sender(bot, catalog, session, decided)


async def _tell_sender(
    bot: Bot, catalog: Catalog, session: AsyncSession, submission: Submission
) -> None:
    school = await DirectoryRepository(session).school(submission.school_id)
    season = await calendar_for(session, None)
    step = season.step(submission.step_key)

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        values: dict[str, str | int] = {
            "number": step.number if step else submission.step_key,
            "title": step.text("title", t.language) if step else "",
            "school": school.name if school else "",
            "version": submission.version or 0,
        }
        if submission.status == "accepted":
            return t("review-told-accepted", **values), None
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("submit-again-button"),
            callback_data=SubCb(
                action="step", school=submission.school_id, step=submission.step_key
            ),
        )
        text = t("review-told-returned", comment=submission.review_comment or "", **values)
        return text, builder.as_markup()

    await tell_each(bot, catalog, session, [submission.submitted_by], render)


def create_router() -> Router:
    router = Router(name="review")
    router.message.register(review_command, Command("review"))
    router.callback_query.register(open_button, RevCb.filter(F.action.in_({"open", "skip"})))
    router.callback_query.register(accept_button, RevCb.filter(F.action == "accept"))
    router.callback_query.register(return_button, RevCb.filter(F.action == "return"))
    router.message.register(
        comment_received, StateFilter(Returning.comment), F.text, ~F.text.startswith("/")
    )
    return router
