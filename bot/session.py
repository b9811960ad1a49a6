"""An HTTP session that survives an update it cannot parse, and does not rebuild response models.

aiogram validates a whole getUpdates batch at once, so one malformed update would fail every
retry and stall polling forever. When a batch fails, each update is validated alone; a bad one is
replaced by a bare `Update(update_id)` so the offset still moves past it (the dispatcher then
skips it).

A call without files goes as a JSON body (the Bot API takes `application/json` for any method
but uploads): aiogram form-encodes every call, and urlencoding a keyboard's JSON was a tenth of
what a reply cost the bot.

aiogram parses every answer as `Response[T]`. pydantic keeps such parametrised classes only
weakly, so they are collected and built again (~15 ms each) over and over; under load that was a
sixth of the bot's CPU. Holding them here keeps pydantic's cache warm.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, ClassVar, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramRetryAfter,
)
from aiogram.methods import (
    EditMessageCaption,
    EditMessageMedia,
    EditMessageReplyMarkup,
    EditMessageText,
    GetUpdates,
    Response,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import Update
from aiohttp import BytesPayload, FormData
from pydantic import ValidationError

from services.delivery import TEXT_LIMIT, split_text, visible_length

log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024
_CAPTIONED = (SendPhoto, SendDocument, EditMessageCaption)
_EDITS = (EditMessageText, EditMessageCaption, EditMessageReplyMarkup, EditMessageMedia)


class ResilientSession(AiohttpSession):
    _response_types: ClassVar[dict[Any, type]] = {}

    def build_form_data(  # type: ignore[override]  # a JSON payload where aiogram has a form
        self, bot: Bot, method: TelegramMethod[TelegramType]
    ) -> FormData | BytesPayload:
        """What aiogram's `make_request` posts: the call as JSON, or its form when it has files."""
        body = self.json_body(bot, method)
        if body is None:  # files go as multipart, aiogram's way
            return super().build_form_data(bot, method)
        return BytesPayload(body, content_type="application/json")

    def json_body(self, bot: Bot, method: TelegramMethod[Any]) -> bytes | None:
        """The call's fields as JSON, prepared as aiogram prepares form fields (defaults filled
        in, empty fields left out), or None when it carries a file."""
        files: dict[str, Any] = {}
        fields = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared:
                fields[key] = prepared
        if files:
            return None
        return self.json_dumps(fields).encode()

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in self._response_types:
            self._response_types[returning] = Response[returning]  # type: ignore[valid-type]
        polled = type(method) is GetUpdates and status_code == 200
        try:
            return super().check_response(bot, method, status_code, content)
        except ClientDecodeError:
            if not polled:
                raise
        sanitized = self._sanitize_updates(bot, content)
        return super().check_response(bot, method, status_code, sanitized)

    def _sanitize_updates(self, bot: Bot, content: str) -> str:
        try:
            payload = json.loads(content)
            raw_updates = payload["result"]
        except (ValueError, KeyError, TypeError):
            return content
        if not isinstance(raw_updates, list):
            return content
        payload["result"] = [_valid_or_bare(bot, raw) for raw in raw_updates]
        return json.dumps(payload)


def _valid_or_bare(bot: Bot, raw: Any) -> Any:
    try:
        Update.model_validate(raw, context={"bot": bot})
    except ValidationError as exc:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int):
            raise
        log.warning("malformed update %s skipped: %s", update_id, exc.errors()[0]["msg"])
        return cast(Any, {"update_id": update_id})
    return raw


class FitTelegramLimits(BaseRequestMiddleware):
    """The last guard before Telegram: a text over 4,096 characters is sent in parts (split at
    line ends, the buttons under the last part); an edit or a caption over its limit is cut at
    a line end with "…". Inputs are capped where they are typed, so this only catches screens
    that list a great deal (a long missing list, many import errors)."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        call: Any = method  # the checks below narrow it to the methods that carry text
        if isinstance(call, SendMessage) and visible_length(call.text) > TEXT_LIMIT:
            *first, last = split_text(call.text)
            for part in first:
                earlier = call.model_copy(update={"text": part, "reply_markup": None})
                await make_request(bot, cast(Any, earlier))
            return await make_request(bot, cast(Any, call.model_copy(update={"text": last})))
        if isinstance(call, EditMessageText) and visible_length(call.text or "") > TEXT_LIMIT:
            call = call.model_copy(update={"text": cut(call.text or "", TEXT_LIMIT)})
        elif isinstance(call, _CAPTIONED) and visible_length(call.caption or "") > CAPTION_LIMIT:
            call = call.model_copy(update={"caption": cut(call.caption or "", CAPTION_LIMIT)})
        return await make_request(bot, call)


class SameScreenIsNoError(BaseRequestMiddleware):
    """A second tap on a button that shows the same screen asks Telegram to change nothing, and
    Telegram refuses with "message is not modified". The screen is already what was asked for,
    so every edit, wherever it is made, counts that refusal as done."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramBadRequest as error:
            if not isinstance(method, _EDITS) or "message is not modified" not in error.message:
                raise
            return cast(Response[TelegramType], Response[bool](ok=True, result=True))


def cut(text: str, limit: int) -> str:
    """The text's first lines that fit in `limit` characters, with "…" after them."""
    return split_text(text, limit - 2)[0] + "\n…"


class WaitOutFloodControl(BaseRequestMiddleware):
    """A 429 on a direct reply: wait `retry_after` and send again, up to `max_wait` seconds in all,
    so a reply is late rather than lost. The delivery worker's bot goes without it: the outbox
    pauses every sender on a 429 itself (shared by replicas), which a hidden wait would bypass."""

    def __init__(self, max_wait: float = 10.0) -> None:
        self._max_wait = max_wait

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        waited = 0.0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if waited + error.retry_after > self._max_wait:
                    raise
                log.info(
                    "flood control on %s: waiting %s s", type(method).__name__, error.retry_after
                )
                await asyncio.sleep(error.retry_after)
                waited += error.retry_after
