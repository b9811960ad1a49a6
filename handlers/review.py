"""Reviewing confirmations: the queue of a coordinator's scope, one submission at a time with its
files; Accept, or Return with a comment. The rules are services.review's; everyone of the school
hears the decision through the outbox, and the reviewer reads whom it reached."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Catalog, Texts
from handlers.autoaccept import auto_accept_region
from handlers.board import with_board_button
from handlers.progress import answer_now
from handlers.registration import display_name
from handlers.screens import show
from services import limits, timefmt
from services.calendar_io import calendar_for
from services.clock import Clock
from services.directory import Directory
from services.file_store import FileStore
from services.file_types import extension
from services.permissions import Actor, ForbiddenError
from services.person import Person
from services.review import (
    Card,
    CopySource,
    Refusal,
    Review,
    ReviewRefusedError,
    card,
    next_turn,
    return_comment,
)
from services.screening import review_lines
from ui.callbacks import AutoCb, CopyCb, MenuCb, ProgCb, RevCb
from ui.keyboards import back_to_menu
from ui.review import decision_notice

log = logging.getLogger(__name__)
TOLD_NAMES = 5  # the reviewer reads this many names of those told, then "and N more"
REFUSAL_KEYS = {
    Refusal.FORBIDDEN: "review-not-yours",
    Refusal.MISSING: "error-stale-button",
    Refusal.DECIDED: "review-already-decided",
    Refusal.YOURS: "review-already-yours",
    Refusal.NOT_REVIEWER: "review-coordinators-only",
}
# Opening the submission a copy was found of: the only refusals a look can meet.
COPY_REFUSAL_KEYS = {
    Refusal.FORBIDDEN: "review-copy-not-yours",
    Refusal.MISSING: "review-copy-missing",
}


class Returning(StatesGroup):
    comment = State()


async def review_command(
    message: Message,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    await _next(message.chat.id, bot, t, user, session, settings, clock)


async def open_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()  # also the way out of typing a return comment
    chosen = callback_data.submission_id
    await _next(
        callback.from_user.id,
        bot,
        t,
        user,
        session,
        settings,
        clock,
        skipped=chosen if callback_data.action == "skip" else 0,
        wanted=chosen if callback_data.action == "open" else 0,
    )


async def _next(
    chat_id: int,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    *,
    skipped: int = 0,
    wanted: int = 0,
) -> None:
    """Shows the first submission of the queue (the one after `skipped` in the queue's order,
    or `wanted` while it still waits), its files first."""
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    try:
        turn = await next_turn(session, clock, actor, skipped, wanted)
    except ForbiddenError:
        await bot.send_message(chat_id, t("review-coordinators-only"), reply_markup=back_to_menu(t))
        return
    if turn is None:
        markup = with_board_button(_after_keyboard(t, actor), t, settings, actor)
        await bot.send_message(chat_id, t("review-queue-empty"), reply_markup=markup)
        return
    shown = turn.card
    missing = await _send_files(bot, chat_id, shown, FileStore(settings.files_dir))
    text = _card(t, shown, turn.more)
    lines = [text, *await _checks(t, session, shown.submission.id, missing)]
    keyboard = _decision_keyboard(t, shown.submission.id, turn.copies)
    markup = with_board_button(keyboard, t, settings, actor)
    await bot.send_message(chat_id, "\n".join(lines), reply_markup=markup)


async def _checks(
    t: Texts, session: AsyncSession, submission_id: int, missing: list[int]
) -> list[str]:
    """The bot's verdict and its reasons, then the files neither Telegram nor the bot has."""
    season_steps = await calendar_for(session, None)

    def number(step_key: str) -> str:
        step = season_steps.step(step_key)
        return step.number if step else step_key

    checks = await review_lines(session, submission_id, t, number)
    return [
        t("review-checks", verdict=checks[0]),
        *(f"• {line}" for line in checks[1:]),
        *(t("review-file-unavailable", number=n) for n in missing),
    ]


async def _send_files(bot: Bot, chat_id: int, shown: Card, store: FileStore) -> list[int]:
    """Sends each file by its Telegram id, or from the bot's own copy when Telegram no longer
    knows the id (a restart of a local Bot API server, an emulator); returns the numbers of
    files neither has. One broken file never stops the card or the queue."""
    missing = []
    for number, file in enumerate(shown.files, start=1):
        if file.rejected:
            continue
        try:
            await _send_one(bot, chat_id, file.kind, file.file_id)
        except TelegramBadRequest as error:
            copy = store.path_for(file.sha256) if file.sha256 else None
            if copy is None or not copy.exists():
                log.warning("file %s of submission %s: %s", file.id, file.submission_id, error)
                missing.append(number)
                continue
            name = file.file_name or f"screenshot-{file.id}{extension(file.content_type)}"
            upload = BufferedInputFile(copy.read_bytes(), filename=name)
            try:
                await _send_one(bot, chat_id, file.kind, upload)
            except TelegramAPIError as again:
                log.warning("file %s: not sent from the copy either: %s", file.id, again)
                missing.append(number)
    return missing


async def _send_one(bot: Bot, chat_id: int, kind: str, media: str | BufferedInputFile) -> None:
    if kind == "photo":
        await bot.send_photo(chat_id, media)
    else:
        await bot.send_document(chat_id, media)


def _card(t: Texts, shown: Card, more: int, key: str = "review-card") -> str:
    submission, files, step = shown.submission, shown.files, shown.step
    lines = [
        t(
            key,
            school=shown.school,
            municipality=shown.municipality,
            number=step.number if step else submission.step_key,
            title=step.text("title", t.language) if step else "",
            version=submission.version or 0,
            when=timefmt.when(submission.submitted_at, shown.zone, t.language)
            if submission.submitted_at
            else "—",
            sender=display_name(shown.sender) if shown.sender else "—",
            count=len(files),
        )
    ]
    for caption in dict.fromkeys(f.caption for f in files if f.caption):
        lines.append(t("review-card-caption", comment=caption))
    if submission.comment:
        lines.append(t("review-card-comment", comment=submission.comment))
    if more:
        lines.append(t("review-card-more", count=more))
    return "\n".join(lines)


def _decision_keyboard(
    t: Texts, submission_id: int, copies: list[CopySource] | None = None
) -> InlineKeyboardMarkup:
    """Accept, Return, Next; a button to each submission it copies that the reviewer may open."""
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
    for copy in copies or []:
        builder.button(
            text=t.label("review-copy-button", school=copy.school),
            callback_data=CopyCb(
                action="open", submission_id=copy.submission_id, back=submission_id
            ),
        )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2, 1, *(1 for _ in copies or []), 1)
    return builder.as_markup()


# --- the submission a copy was found of ------------------------------------------------------


async def copy_button(
    callback: CallbackQuery,
    callback_data: CopyCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    user: Person,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    """The other submission's files and card, for a reviewer of its school; anyone else is told
    why not and the card they pressed it on stays as it was."""
    try:
        other = await Review(session, clock).viewable(actor, callback_data.submission_id)
    except ReviewRefusedError as refused:
        callback_answer.text = t.label(COPY_REFUSAL_KEYS.get(refused.reason, "review-not-yours"))
        callback_answer.show_alert = True
        return
    await answer_now(callback, callback_answer)
    chat_id = callback.from_user.id
    shown = await card(session, other, user.id)
    missing = await _send_files(bot, chat_id, shown, FileStore(settings.files_dir))
    lines = [
        _card(t, shown, 0, key="review-copy-card"),
        t("review-copy-status", status=other.status),
        *await _checks(t, session, other.id, missing),
    ]
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("review-copy-back"),
        callback_data=RevCb(action="open", submission_id=callback_data.back),
    )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    await bot.send_message(chat_id, "\n".join(lines), reply_markup=builder.as_markup())


def _after_keyboard(t: Texts, actor: Actor | None = None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("review-next"), callback_data=RevCb(action="open"))
    builder.button(text=t("menu-progress"), callback_data=ProgCb(action="show"))
    if actor is not None and auto_accept_region(actor) is not None:
        builder.button(text=t("auto-button"), callback_data=AutoCb(action="list"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return builder.as_markup()


# --- deciding --------------------------------------------------------------------------------


async def accept_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    await _decide(
        callback, callback_data.submission_id, True, None, t, actor, session, clock, catalog
    )


async def return_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    state: FSMContext,
) -> None:
    """Asks for the comment, once the version is one this reviewer may return now."""
    try:
        await Review(session, clock).decidable(actor, callback_data.submission_id)
    except ReviewRefusedError as refused:
        await show(callback, _refusal_text(t, refused), _after_keyboard(t))
        return
    await state.set_state(Returning.comment)
    await state.set_data({"submission": callback_data.submission_id})
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("review-return-cancel"),
        callback_data=RevCb(action="open", submission_id=callback_data.submission_id),
    )
    await show(callback, t("review-ask-comment"), builder.as_markup())


async def comment_received(
    message: Message,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    comment = return_comment(message.text)
    if comment is None or len(comment) > limits.RETURN_COMMENT:
        await message.answer(t("review-comment-invalid", limit=limits.RETURN_COMMENT))
        return  # still waiting for the comment
    submission_id = int((await state.get_data())["submission"])
    await state.clear()
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    await _decide(message, submission_id, False, comment, t, actor, session, clock, catalog)


async def _decide(
    event: Message | CallbackQuery,
    submission_id: int,
    accept: bool,
    comment: str | None,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    clock: Clock,
    catalog: Catalog,
) -> None:
    review = Review(session, clock)
    try:
        decision = await review.decide(actor, submission_id, accept, comment)
    except ReviewRefusedError as refused:
        await show(event, _refusal_text(t, refused), _after_keyboard(t))
        return
    told = await review.tell(decision, catalog, decision_notice)
    key = "review-accepted" if accept else "review-returned"
    await show(event, t(key, told=_told_text(t, told)), _after_keyboard(t, actor))


def _refusal_text(t: Texts, refused: ReviewRefusedError) -> str:
    if refused.reason is Refusal.SUPERSEDED:
        return t("review-superseded", version=refused.newer_version or 0)
    return t(REFUSAL_KEYS[refused.reason])


def _told_text(t: Texts, told: Sequence[Person]) -> str:
    if not told:
        return t("review-told-no-one")
    names = ", ".join(display_name(person) for person in told[:TOLD_NAMES])
    if len(told) > TOLD_NAMES:
        return t("review-told-who-more", names=names, count=len(told) - TOLD_NAMES)
    return t("review-told-who", names=names)


def create_router() -> Router:
    router = Router(name="review")
    router.message.register(review_command, Command("review"))
    router.callback_query.register(open_button, RevCb.filter(F.action.in_({"open", "skip"})))
    router.callback_query.register(accept_button, RevCb.filter(F.action == "accept"))
    router.callback_query.register(return_button, RevCb.filter(F.action == "return"))
    router.callback_query.register(copy_button, CopyCb.filter(F.action == "open"))
    router.message.register(
        comment_received, StateFilter(Returning.comment), F.text, ~F.text.startswith("/")
    )
    return router
