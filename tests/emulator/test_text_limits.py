"""Text, caption, HTML/MarkdownV2 and keyboard rules, with Telegram's exact wording."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from emulator import BotAPIEmulator, make_png


def keyboard(**button: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(**button)]])


async def test_text_of_4096_characters_passes_and_4097_is_too_long(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    anna = emu.add_user("Анна")
    sent = await bot.send_message(anna.id, "я" * 4096)
    assert len(sent.text or "") == 4096
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(anna.id, "я" * 4097)
    assert refused.value.message == "Bad Request: message is too long"
    assert len(anna.inbox) == 1


async def test_length_is_counted_after_html_parsing(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    sent = await bot.send_message(anna.id, f"<b>{'x' * 4096}</b>", parse_mode="HTML")
    assert sent.text == "x" * 4096
    assert anna.last_message is not None
    assert anna.last_message.entities == [{"type": "bold", "offset": 0, "length": 4096}]
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(anna.id, f"<b>{'x' * 4097}</b>", parse_mode="HTML")


async def test_html_is_stored_as_plain_text_with_utf16_entities(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    anna = emu.add_user("Анна")
    html = '😀 <b>Вебинар</b> &amp; <a href="https://example.com/?a=1&b=2">ссылка</a>'
    sent = await bot.send_message(anna.id, html, parse_mode="HTML")
    assert sent.text == "😀 Вебинар & ссылка"
    entities = [e.model_dump(exclude_none=True) for e in sent.entities or []]
    assert entities == [
        {"type": "bold", "offset": 3, "length": 7},
        {"type": "text_link", "offset": 13, "length": 6, "url": "https://example.com/?a=1&b=2"},
    ]


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("Hello<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 5'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("bold</b>", "Unexpected end tag at byte offset 4"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("5 < 6", 'Unsupported start tag "" at byte offset 2'),
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("Q&A", 'Character "&" at byte offset 1 must be escaped as "&amp;"'),
    ],
)
async def test_bad_html_is_refused_with_telegram_wording(
    emu: BotAPIEmulator, bot: Bot, html: str, description: str
) -> None:
    anna = emu.add_user("Анна")
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(anna.id, html, parse_mode="HTML")
    assert refused.value.message == f"Bad Request: can't parse entities: {description}"
    assert anna.inbox == []


async def test_bare_ampersand_passes_when_strict_html_is_off(make_emu) -> None:
    emu = await make_emu(strict_html=False)
    anna = emu.add_user("Анна")
    async with emu.make_bot() as bot:
        sent = await bot.send_message(anna.id, "Q&A <i>x</i>", parse_mode="HTML")
    assert sent.text == "Q&A x"


async def test_markdown_v2_reserved_characters_must_be_escaped(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    anna = emu.add_user("Анна")
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(anna.id, "Итоги 2024.", parse_mode="MarkdownV2")
    assert refused.value.message == (
        "Bad Request: can't parse entities: "
        "Character '.' is reserved and must be escaped with the preceding '\\'"
    )
    sent = await bot.send_message(anna.id, "*Итоги* 2024\\.", parse_mode="MarkdownV2")
    assert sent.text == "Итоги 2024."


async def test_empty_text_is_refused(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    for text in ("", "   \n", "<b></b>"):
        with pytest.raises(TelegramBadRequest, match=r"Bad Request: message text is empty$"):
            await bot.send_message(anna.id, text, parse_mode="HTML")


async def test_caption_over_1024_characters_is_refused(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    photo = BufferedInputFile(make_png(), "p.png")
    await bot.send_photo(anna.id, photo, caption="к" * 1024)
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_photo(anna.id, photo, caption="к" * 1025)
    assert refused.value.message == "Bad Request: message caption is too long"


async def test_callback_data_is_limited_to_64_bytes(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    await bot.send_message(anna.id, "ok", reply_markup=keyboard(text="b", callback_data="ж" * 32))
    for data in ("x" * 65, "ж" * 33):  # 65 and 66 bytes; aiogram itself checks nothing
        with pytest.raises(TelegramBadRequest) as refused:
            await bot.send_message(
                anna.id, "no", reply_markup=keyboard(text="b", callback_data=data)
            )
        assert refused.value.message == "Bad Request: BUTTON_DATA_INVALID"
    assert len(anna.inbox) == 1


async def test_inline_buttons_need_exactly_one_valid_action(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(anna.id, "x", reply_markup=keyboard(text="just text"))
    assert refused.value.message == (
        "Bad Request: can't parse inline keyboard button: "
        "Text buttons are unallowed in the inline keyboard"
    )
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_message(anna.id, "x", reply_markup=keyboard(text="site", url="localhost"))
    assert refused.value.message == (
        "Bad Request: inline keyboard button URL 'localhost' is invalid: Wrong HTTP URL"
    )
    both = keyboard(text="two", url="https://example.com", callback_data="x")
    with pytest.raises(TelegramBadRequest, match="BUTTON_TYPE_INVALID"):
        await bot.send_message(anna.id, "x", reply_markup=both)
    await bot.send_message(anna.id, "x", reply_markup=keyboard(text="ok", url="https://t.me/x"))


async def test_reply_keyboard_is_kept_on_the_chat(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    keys = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Мой регион")]])
    await bot.send_message(anna.id, "Выберите", reply_markup=keys)
    assert anna.keyboard == [["Мой регион"]]
    pressed = await anna.press("Мой регион")
    assert pressed.text == "Мой регион"
    await bot.send_message(anna.id, "Готово", reply_markup=ReplyKeyboardRemove())
    assert anna.keyboard == []
