"""Human handoff: "ask my coordinator" when the bot has no answer; the coordinator answers from
the bot with one tap and a message, and the answer goes back to the asker."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Catalog, Texts
from handlers.notify import tell_each
from handlers.registration import display_name
from handlers.screens import show
from services import limits
from services.clock import Clock
from services.handoff import Handoff, Passed
from services.permissions import Actor
from services.person import Person
from ui.callbacks import CalCb, QuestionCb
from ui.keyboards import main_menu

log = logging.getLogger(__name__)
LAST_QUESTION = "last_question"


class Answering(StatesGroup):
    waiting = State()


def answer_keyboard(t: Texts, question_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("handoff-answer-button"),
        callback_data=QuestionCb(action="answer", question_id=question_id),
    )
    return builder.as_markup()


async def ask_coordinator(
    callback: CallbackQuery,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    text = (await state.get_data()).get(LAST_QUESTION)
    if not text:
        await show(callback, t("error-stale-button"), main_menu(t))
        return
    if len(str(text)) > limits.QUESTION:
        await show(callback, t("handoff-too-long", limit=limits.QUESTION), main_menu(t))
        return
    passed = await Handoff(session, settings.admin_ids, clock).pass_on(user.id, str(text))
    await state.update_data({LAST_QUESTION: None})
    await _tell_coordinators(bot, catalog, session, passed, user)
    await show(callback, t("handoff-passed"), main_menu(t))


async def _tell_coordinators(
    bot: Bot, catalog: Catalog, session: AsyncSession, passed: Passed, asker: Person
) -> None:
    question = passed.question

    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup]:
        text = t("handoff-new", name=display_name(asker), text=question.text)
        return text, answer_keyboard(t, question.id)

    await tell_each(bot, catalog, session, passed.coordinators, render)


async def answer_tapped(
    callback: CallbackQuery,
    callback_data: QuestionCb,
    callback_answer: CallbackAnswer,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    question = await Handoff(session, settings.admin_ids, clock).question_for(
        actor, callback_data.question_id
    )
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
        await callback.message.answer(t("handoff-type-answer", text=question.text))


async def answer_given(
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
    if len(message.text or "") > limits.ANSWER:
        await message.answer(t("handoff-answer-too-long", limit=limits.ANSWER))
        return  # still waiting for the answer
    question_id = int((await state.get_data()).get("question_id", 0))
    answered = await Handoff(session, settings.admin_ids, clock).reply(
        actor, question_id, message.text or ""
    )
    await state.clear()
    if answered is None:
        await message.answer(t("handoff-already-answered"), reply_markup=main_menu(t))
        return
    a = catalog.bind(answered.asker_language)
    try:
        await bot.send_message(
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


async def questions_command(
    message: Message,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    queued = await Handoff(session, settings.admin_ids, clock).queue(actor, shown=20)
    if queued is None:
        await message.answer(t("reg-coordinators-only"), reply_markup=main_menu(t))
        return
    if not queued:
        await message.answer(t("handoff-queue-empty"), reply_markup=main_menu(t))
        return
    for question in queued:
        asker = question.asker
        await message.answer(
            t("handoff-new", name=display_name(asker) if asker else "—", text=question.text),
            reply_markup=answer_keyboard(t, question.question_id),
        )


def create_router() -> Router:
    router = Router(name="questions-handoff")
    router.message.register(questions_command, Command("questions"))
    router.message.register(
        answer_given, StateFilter(Answering.waiting), F.text, ~F.text.startswith("/")
    )
    router.callback_query.register(ask_coordinator, CalCb.filter(F.action == "ask"))
    router.callback_query.register(answer_tapped, QuestionCb.filter(F.action == "answer"))
    return router
