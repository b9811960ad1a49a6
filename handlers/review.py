"""Reviewing confirmations: the queue of a coordinator's scope, one submission at a time with its
files; Accept, or Return with a comment. The rules are services.review's; everyone of the school
hears the decision through the outbox, and the reviewer reads whom it reached."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Html, Texts
from handlers.autoaccept import auto_accept_region
from handlers.board import with_board_button
from handlers.context import Context
from handlers.progress import answer_now
from handlers.registration import display_name
from handlers.routing import on_typed
from handlers.screens import show
from services import limits, timefmt
from services.calendar_io import calendar_for
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
from ui.keyboards import Choice, back_to_menu, menu_column
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


async def review_command(message: Message, ctx: Context) -> None:
    await _next(ctx, message.chat.id)


async def open_button(
    callback: CallbackQuery, callback_data: RevCb, ctx: Context, state: FSMContext
) -> None:
    await state.clear()  # also the way out of typing a return comment
    chosen = callback_data.submission_id
    await _next(
        ctx,
        callback.from_user.id,
        skipped=chosen if callback_data.action == "skip" else 0,
        wanted=chosen if callback_data.action == "open" else 0,
    )


async def _next(ctx: Context, chat_id: int, *, skipped: int = 0, wanted: int = 0) -> None:
    """Shows the first submission of the queue (the one after `skipped` in the queue's order,
    or `wanted` while it still waits), its files first."""
    t, bot, settings = ctx.t, ctx.bot, ctx.settings
    actor = await ctx.actor()
    try:
        turn = await next_turn(ctx.session, ctx.clock, actor, skipped, wanted)
    except ForbiddenError:
        await bot.send_message(chat_id, t("review-coordinators-only"), reply_markup=back_to_menu(t))
        return
    if turn is None:  # nothing to go on to: the way back, the board if it opens, and the
        # regional coordinator's auto-accept switch (a setting, not a next item)
        markup = with_board_button(_empty_keyboard(t, actor), t, settings, actor)
        await bot.send_message(chat_id, t("review-queue-empty"), reply_markup=markup)
        return
    shown = turn.card
    lines = [_card(t, shown, turn.more), *await _files_and_checks(ctx, chat_id, shown)]
    keyboard = _decision_keyboard(t, shown.submission.id, turn.copies)
    markup = with_board_button(keyboard, t, settings, actor)
    await bot.send_message(chat_id, "\n".join(lines), reply_markup=markup)


async def _files_and_checks(ctx: Context, chat_id: int, shown: Card) -> list[str]:
    """Sends the submission's files; returns the bot's verdict and its reasons, then the files
    neither Telegram nor the bot has."""
    t = ctx.t
    missing = await _send_files(ctx.bot, chat_id, shown, FileStore(ctx.settings.files_dir))
    season_steps = await calendar_for(ctx.session, None)

    def number(step_key: str) -> str:
        step = season_steps.step(step_key)
        return step.number if step else step_key

    checks = await review_lines(ctx.session, shown.submission.id, t, number)
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
    ctx: Context,
    actor: Actor,
) -> None:
    """The other submission's files and card, for a reviewer of its school; anyone else is told
    why not and the card they pressed it on stays as it was."""
    t = ctx.t
    try:
        other = await Review(ctx.session, ctx.clock).viewable(actor, callback_data.submission_id)
    except ReviewRefusedError as refused:
        callback_answer.text = t.label(COPY_REFUSAL_KEYS.get(refused.reason, "review-not-yours"))
        callback_answer.show_alert = True
        return
    await answer_now(callback, callback_answer)
    chat_id = callback.from_user.id
    shown = await card(ctx.session, other, ctx.user.id)
    lines = [
        _card(t, shown, 0, key="review-copy-card"),
        t("review-copy-status", status=other.status),
        *await _files_and_checks(ctx, chat_id, shown),
    ]
    back = RevCb(action="open", submission_id=callback_data.back)
    markup = menu_column(t, [(t("review-copy-back"), back)])
    await ctx.bot.send_message(chat_id, "\n".join(lines), reply_markup=markup)


def _empty_keyboard(t: Texts, actor: Actor) -> InlineKeyboardMarkup:
    if auto_accept_region(actor) is None:
        return back_to_menu(t)
    return menu_column(t, [(t("auto-button"), AutoCb(action="list"))])


def _after_keyboard(t: Texts, actor: Actor | None = None) -> InlineKeyboardMarkup:
    choices: list[Choice] = [
        (t("review-next"), RevCb(action="open")),
        (t("menu-progress"), ProgCb(action="show")),
    ]
    if actor is not None and auto_accept_region(actor) is not None:
        choices.append((t("auto-button"), AutoCb(action="list")))
    return menu_column(t, choices)


# --- deciding --------------------------------------------------------------------------------


async def accept_button(callback: CallbackQuery, callback_data: RevCb, ctx: Context) -> None:
    await _decide(ctx, callback, callback_data.submission_id, True, None)


async def return_button(
    callback: CallbackQuery,
    callback_data: RevCb,
    ctx: Context,
    actor: Actor,
    state: FSMContext,
) -> None:
    """Asks for the comment, once the version is one this reviewer may return now."""
    t = ctx.t
    try:
        await Review(ctx.session, ctx.clock).decidable(actor, callback_data.submission_id)
    except ReviewRefusedError as refused:
        await show(callback, _refusal_text(t, refused), _after_keyboard(t))
        return
    await state.set_state(Returning.comment)
    await state.set_data({"submission": callback_data.submission_id})
    await show(callback, t("review-ask-comment"), _not_returning(t, callback_data.submission_id))


def _not_returning(t: Texts, submission_id: int) -> InlineKeyboardMarkup:
    """The way out of typing a return comment: back to the card, nothing returned."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("review-return-cancel"),
        callback_data=RevCb(action="open", submission_id=submission_id),
    )
    return builder.as_markup()


async def comment_received(message: Message, ctx: Context, state: FSMContext) -> None:
    comment = return_comment(message.text)
    submission_id = int((await state.get_data())["submission"])
    if comment is None or len(comment) > limits.RETURN_COMMENT:
        await message.answer(
            ctx.t("review-comment-invalid", limit=limits.RETURN_COMMENT),
            reply_markup=_not_returning(ctx.t, submission_id),
        )
        return  # still waiting for the comment
    await state.clear()
    await _decide(ctx, message, submission_id, False, comment)


async def _decide(
    ctx: Context,
    event: Message | CallbackQuery,
    submission_id: int,
    accept: bool,
    comment: str | None,
) -> None:
    t = ctx.t
    actor = await ctx.actor()
    review = Review(ctx.session, ctx.clock)
    try:
        decision = await review.decide(actor, submission_id, accept, comment)
    except ReviewRefusedError as refused:
        await show(event, _refusal_text(t, refused), _after_keyboard(t))
        return
    told = await review.tell(decision, ctx.catalog, decision_notice)
    key = "review-accepted" if accept else "review-returned"
    await show(event, t(key, told=_told_text(t, told)), _after_keyboard(t, actor))


def _refusal_text(t: Texts, refused: ReviewRefusedError) -> str:
    if refused.reason is Refusal.SUPERSEDED:
        return t("review-superseded", version=refused.newer_version or 0)
    return t(REFUSAL_KEYS[refused.reason])


def _told_text(t: Texts, told: Sequence[Person]) -> Html:
    """Whom the decision reached, as markup: the names are escaped here, once."""
    return Html(_told(t, told))


def _told(t: Texts, told: Sequence[Person]) -> str:
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
    on_typed(router, comment_received, Returning.comment)
    return router
