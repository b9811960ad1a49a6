"""End to end: a real aiogram Dispatcher polling the emulator."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from emulator import BotAPIEmulator


def build_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        button = InlineKeyboardButton(text="Подтвердить участие", callback_data="confirm")
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
        await message.answer("<b>Вебинар</b> в четверг. Придёте?", reply_markup=markup)

    @router.callback_query(F.data == "confirm")
    async def confirm(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("Участие подтверждено ✅")
        await query.answer("Готово")

    return router


async def test_start_button_edit_flow(emu: BotAPIEmulator, bot: Bot) -> None:
    from aiogram.client.default import DefaultBotProperties

    anna = emu.add_user("Анна", username="anna")
    dispatcher = Dispatcher()
    dispatcher.include_router(build_router())
    async with emu.make_bot(default=DefaultBotProperties(parse_mode="HTML")) as html_bot:
        polling = asyncio.create_task(
            dispatcher.start_polling(
                html_bot, handle_signals=False, close_bot_session=False, polling_timeout=1
            )
        )
        try:
            await anna.send_text("/start")
            (greeting,) = await anna.wait_for_messages(timeout=5)
            assert greeting.text == "Вебинар в четверг. Придёте?"
            assert greeting.entities == [{"type": "bold", "offset": 0, "length": 7}]
            query_id = await anna.tap(greeting, "Подтвердить участие")
            answered = await emu.wait_answered(query_id, timeout=5)
            assert answered.answer is not None and answered.answer["text"] == "Готово"
            await anna.wait_until(lambda: greeting.edits == 1, timeout=5)
        finally:
            await dispatcher.stop_polling()
            await polling
    assert [(m.text, m.from_bot) for m in anna.history] == [
        ("/start", False),
        ("Участие подтверждено ✅", True),
    ]
    assert greeting.reply_markup is None
    assert emu.unanswered_callbacks() == []
    assert emu.internal_errors == []
    assert not [c for c in emu.failed_calls if c.method != "getUpdates"]
