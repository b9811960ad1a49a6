"""Human handoff: "ask my coordinator" when the bot has no answer; the coordinator answers from
the bot with one tap and a message, and the answer goes back to the asker."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from core.i18n import Texts
from handlers.context import Context
from handlers.notify import tell_each
from handlers.registration import display_name
from handlers.routing import on_typed
from handlers.screens import answer_queue, menu_for, show, stale
from services import limits
from services.handoff import Handoff, Passed, Queued
from ui.callbacks import CalCb, QuestionCb
from ui.keyboards import back_to_menu, keyboard, main_menu

log = logging.getLogger(__name__)
LAST_QUESTION = "last_question"


class Answering(StatesGroup):
    waiting = State()


def answer_keyboard(t: Texts, question_id: int) -> InlineKeyboardMarkup:
    answer = QuestionCb(action="answer", question_id=question_id)
    return keyboard([(t("handoff-answer-button"), answer)])


def _handoff(ctx: Context) -> Handoff:
    return Handoff(ctx.session, ctx.settings.admin_ids, ctx.clock)


async def ask_coordinator(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    text = (await state.get_data()).get(LAST_QUESTION)
    if not text:
        await stale(callback, t)
        return
    if len(str(text)) > limits.QUESTION:
        await show(callback, t("handoff-too-long", limit=limits.QUESTION), main_menu(t))
        return
    passed = await _handoff(ctx).pass_on(ctx.user.id, str(text))
    await state.update_data({LAST_QUESTION: None})
    if passed.question is None:
        await show(callback, t("handoff-nobody"), await menu_for(ctx))
        return
    await _tell_coordinators(ctx, passed)
    key = "handoff-passed-admins" if passed.to_admins else "handoff-passed"
    await show(callback, t(key), await menu_for(ctx))


async def _tell_coordinators(ctx: Context, passed: Passed) -> None:
    question, asker = passed.question, ctx.user
    assert question is not None

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup]:
        text = t("handoff-new", name=display_name(asker), text=question.text)
        return text, answer_keyboard(t, question.id)

    await tell_each(ctx, passed.coordinators, render)


async def answer_tapped(
    callback: CallbackQuery,
    callback_data: QuestionCb,
    callback_answer: CallbackAnswer,
    ctx: Context,
    state: FSMContext,
) -> None:
    t = ctx.t
    question = await _handoff(ctx).question_for(await ctx.actor(), callback_data.question_id)
    if question is None:
        callback_answer.text = t("handoff-not-yours")
        callback_answer.show_alert = True
        return
    if question.status != "open":
        callback_answer.text = t("handoff-already-answered")
        return
    await state.set_state(Answering.waiting)
    await state.update_data(question_id=question.id)
    if isinstance(callback.message, Message):
        # «« В меню» leaves the answer unwritten; the question stays in /questions.
        prompt = t("handoff-type-answer", text=question.text)
        await callback.message.answer(prompt, reply_markup=back_to_menu(t))


async def answer_given(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    if len(message.text or "") > limits.ANSWER:
        too_long = t("handoff-answer-too-long", limit=limits.ANSWER)
        await message.answer(too_long, reply_markup=back_to_menu(t))
        return  # still waiting for the answer
    question_id = int((await state.get_data()).get("question_id", 0))
    answered = await _handoff(ctx).reply(await ctx.actor(), question_id, message.text or "")
    await state.clear()
    if answered is None:
        await message.answer(t("handoff-already-answered"), reply_markup=main_menu(t))
        return
    a = ctx.texts(answered.asker_language)
    try:
        await ctx.bot.send_message(
            answered.asker_id,
            a("handoff-answer", text=answered.question, answer=answered.answer),
            reply_markup=main_menu(a),
        )
    except TelegramAPIError as error:
        log.warning(
            "question %s: the answer did not reach the asker: %s", answered.question_id, error
        )
        await message.answer(t("handoff-undelivered"), reply_markup=main_menu(t))
        return
    await message.answer(t("handoff-sent"), reply_markup=main_menu(t))


async def questions_command(message: Message, ctx: Context) -> None:
    t = ctx.t
    queued = await _handoff(ctx).queue(await ctx.actor(), shown=20)

    def shown(question: Queued) -> tuple[str, InlineKeyboardMarkup]:
        name = display_name(question.asker) if question.asker else "—"
        text = t("handoff-new", name=name, text=question.text)
        return text, answer_keyboard(t, question.question_id)

    await answer_queue(message, ctx, queued, "handoff-queue-empty", shown)


def create_router() -> Router:
    router = Router(name="questions-handoff")
    router.message.register(questions_command, Command("questions"))
    on_typed(router, answer_given, Answering.waiting)
    router.callback_query.register(ask_coordinator, CalCb.filter(F.action == "ask"))
    router.callback_query.register(answer_tapped, QuestionCb.filter(F.action == "answer"))
    return router
