"""Calls to the Bot API go as JSON unless they carry a file (issue 17: urlencoding a keyboard's
JSON was a tenth of a reply's cost); the fields are those aiogram would have form-encoded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.session import ResilientSession

SENT = {"message_id": 7, "date": 0, "chat": {"id": 42, "type": "private"}}


@pytest.fixture
async def received() -> AsyncIterator[tuple[Bot, list[dict[str, Any]]]]:
    """A bot whose Bot API records each request's content type and fields."""
    calls: list[dict[str, Any]] = []

    async def answer(request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            fields = await request.json()
        else:
            fields = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        calls.append({"type": request.content_type, "fields": fields})
        return web.json_response({"ok": True, "result": SENT})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", answer)
    async with TestServer(app) as server:
        api = TelegramAPIServer.from_base(str(server.make_url("")).rstrip("/"))
        bot = Bot(
            "1:test",
            session=ResilientSession(api=api),
            default=DefaultBotProperties(parse_mode=ParseMode.HTML),
        )
        yield bot, calls
        await bot.session.close()


async def test_a_message_with_buttons_goes_as_json(
    received: tuple[Bot, list[dict[str, Any]]],
) -> None:
    bot, calls = received
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Сроки", callback_data="menu:deadlines")]]
    )
    sent = await bot.send_message(42, "Привет, <b>Анна</b>", reply_markup=keyboard)
    assert sent.message_id == 7  # the answer is read as before
    [call] = calls
    assert call["type"] == "application/json"
    assert call["fields"] == {
        "chat_id": 42,
        "text": "Привет, <b>Анна</b>",
        "parse_mode": "HTML",  # the bot's default, filled in as aiogram does for a form
        "reply_markup": {
            "inline_keyboard": [[{"text": "Сроки", "callback_data": "menu:deadlines"}]]
        },
    }


async def test_empty_fields_are_left_out_as_in_a_form(
    received: tuple[Bot, list[dict[str, Any]]],
) -> None:
    bot, calls = received
    await bot.send_message(42, "Тихо", disable_notification=False, reply_markup=None)
    assert set(calls[0]["fields"]) == {"chat_id", "text", "parse_mode"}


async def test_a_file_still_goes_as_multipart(
    received: tuple[Bot, list[dict[str, Any]]],
) -> None:
    bot, calls = received
    photo = BufferedInputFile(b"\x89PNG\r\n\x1a\n" + bytes(64), filename="shot.png")
    await bot.send_photo(42, photo, caption="Скриншот")
    [call] = calls
    assert call["type"] == "multipart/form-data"
    assert call["fields"]["caption"] == "Скриншот"
    assert call["fields"]["chat_id"] == "42"
