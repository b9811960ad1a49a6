"""Edits, deletes, copies, forwards, replies, callback answers, commands, pins."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
)
from emulator import BotAPIEmulator, make_png

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=label, callback_data=label.lower())] for label in labels]
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def test_edit_in_place_and_not_modified(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    sent = await bot.send_message(anna.id, "Черновик", reply_markup=keyboard("Да"))
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.edit_message_text(
            text="Черновик",
            chat_id=anna.id,
            message_id=sent.message_id,
            reply_markup=keyboard("Да"),
        )
    assert refused.value.message == NOT_MODIFIED
    await bot.edit_message_text(text="Итог", chat_id=anna.id, message_id=sent.message_id)
    (message,) = anna.inbox
    assert (message.text, message.edits, message.reply_markup) == ("Итог", 1, None)
    assert message.versions[0]["text"] == "Черновик"
    with pytest.raises(TelegramBadRequest, match=f"{NOT_MODIFIED}$"):
        await bot.edit_message_reply_markup(chat_id=anna.id, message_id=sent.message_id)
    await bot.edit_message_reply_markup(
        chat_id=anna.id, message_id=sent.message_id, reply_markup=keyboard("Ещё")
    )
    assert message.button_texts == ["Ещё"] and message.edits == 2
    with pytest.raises(TelegramBadRequest, match=r"Bad Request: message to edit not found$"):
        await bot.edit_message_text(text="x", chat_id=anna.id, message_id=999)
    mine = await anna.send_text("моё")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text(text="x", chat_id=anna.id, message_id=mine.message_id)


async def test_edit_caption_and_delete(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    photo = await bot.send_photo(anna.id, BufferedInputFile(make_png(), "p.png"), caption="a")
    text = await bot.send_message(anna.id, "text")
    await bot.edit_message_caption(chat_id=anna.id, message_id=photo.message_id, caption="b")
    assert anna.inbox[0].text == "b"
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=anna.id, message_id=text.message_id, caption="c")
    assert await bot.delete_message(anna.id, text.message_id)
    assert [m.text for m in anna.history] == ["b"]
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.delete_message(anna.id, text.message_id)
    assert refused.value.message == "Bad Request: message to delete not found"


async def test_copy_and_forward(emu: BotAPIEmulator, bot: Bot) -> None:
    anna, coordinator = emu.add_user("Анна"), emu.add_user("Ольга")
    screenshot = await anna.send_photo(make_png(), caption="Скриншот")
    copied = await bot.copy_message(
        coordinator.id, anna.id, screenshot.message_id, caption="От Анны"
    )
    (copy,) = coordinator.inbox
    assert copy.message_id == copied.message_id
    assert copy.photo == screenshot.photo and copy.text == "От Анны"
    assert "forward_origin" not in copy.data
    forwarded = await bot.forward_message(coordinator.id, anna.id, screenshot.message_id)
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.model_dump()["sender_user"]["id"] == anna.id
    with pytest.raises(TelegramBadRequest, match=r"Bad Request: message to copy not found$"):
        await bot.copy_message(coordinator.id, anna.id, 999)


async def test_reply_parameters(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    question = await anna.send_text("Когда дедлайн?")
    answer = await bot.send_message(
        anna.id, "В пятницу", reply_parameters=ReplyParameters(message_id=question.message_id)
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "Когда дедлайн?"
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(anna.id, "x", reply_parameters=ReplyParameters(message_id=999))


async def test_callback_answers_are_recorded_once(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    await bot.send_message(anna.id, "Подтвердите", reply_markup=keyboard("Да", "Нет"))
    (message,) = await anna.wait_for_messages()
    query_id = await anna.tap(message, "Нет")
    (update,) = await bot.get_updates()
    assert update.callback_query is not None and update.callback_query.data == "нет"
    assert emu.unanswered_callbacks()[0].id == query_id
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="ы" * 201)
    assert await bot.answer_callback_query(query_id, text="Принято")
    assert emu.callback(query_id).answer == {
        "text": "Принято",
        "show_alert": False,
        "url": None,
        "cache_time": 0,
    }
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.answer_callback_query(query_id)
    assert refused.value.message == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    with pytest.raises(LookupError, match="no button 'Может быть'"):
        await anna.tap(message, "Может быть")


async def test_callback_too_old(make_emu) -> None:
    emu = await make_emu(callback_timeout=15.0)
    now = [1_700_000_000.0]
    emu.clock = lambda: now[0]
    anna = emu.add_user("Анна")
    async with emu.make_bot() as bot:
        await bot.send_message(anna.id, "?", reply_markup=keyboard("Да"))
        query_id = await anna.tap(anna.inbox[0], callback_data="да")
        now[0] += 16
        with pytest.raises(TelegramBadRequest, match="query is too old"):
            await bot.answer_callback_query(query_id)


async def test_commands_chat_info_pins_and_actions(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна", username="anna")
    group = emu.add_group("Кураторы", members=[anna], bot_admin=True)
    await bot.set_my_commands([BotCommand(command="start", description="Начать")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start!", description="x")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == []

    info = await bot.get_chat(group.id)
    assert (info.type, info.title) == ("supergroup", "Кураторы")
    member = await bot.get_chat_member(group.id, anna.id)
    assert member.status == "member"
    me = await bot.get_chat_member(group.id, emu.bot_user["id"])
    assert me.status == "administrator"

    sent = await bot.send_message(group.id, "Важное")
    assert await bot.pin_chat_message(group.id, sent.message_id)
    assert group.pinned == [sent.message_id]
    assert (await bot.get_chat(group.id)).pinned_message is not None
    assert await bot.unpin_chat_message(group.id, message_id=sent.message_id)
    assert group.pinned == []

    assert await bot.send_chat_action(anna.id, "typing")
    assert anna.chat.last_action == "typing"
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(anna.id, "dancing")
    assert await bot.set_chat_menu_button()
