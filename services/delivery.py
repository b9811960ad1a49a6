"""The outbox, for everything that fans out (announcements, reminders, broadcasts).

Messages are first written to the outbox (in the transaction that decided to send them), as plain
data: text, buttons as rows of `Button`, the media's file id. The sender (gateway.delivery, the
Telegram side) claims due rows for a while, sends them paced under Telegram's limits, and records
each outcome right after its send: claim, send, mark. A crash loses nothing (an expired claim is
taken again) and repeats at most the one message that was in flight.

API: `enqueue(session, campaign, messages, now)`, `campaign_report(session, campaign)`,
`cancel(session, campaign)`; `gateway.delivery.DeliveryWorker(...).run(stop_event)` in the bot
process.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage

FINAL = ("delivered", "blocked", "never_started", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button as plain data: its text and either its callback data or a link
    (ui.keyboards.plain makes these from an aiogram keyboard)."""

    text: str
    callback_data: str | None = None
    url: str | None = None


Buttons = tuple[tuple[Button, ...], ...]  # rows of buttons, top to bottom


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: int
    text: str  # the caption when there is media
    buttons: Buttons = ()
    media_kind: str | None = None  # photo | document
    media_file_id: str | None = None
    pin: bool = False
    media_sha256: str | None = None  # the bot's own copy, for when Telegram forgot the file_id


def markup_json(buttons: Buttons) -> str | None:
    """The buttons as the Bot API's reply_markup (an inline keyboard), as the outbox keeps it."""
    if not buttons:
        return None
    rows = [
        [
            {
                key: value
                for key, value in (
                    ("text", button.text),
                    ("url", button.url),
                    ("callback_data", button.callback_data),
                )
                if value is not None
            }
            for button in row
        ]
        for row in buttons
    ]
    return json.dumps({"inline_keyboard": rows}, ensure_ascii=False, separators=(",", ":"))


TEXT_LIMIT = 4096  # characters Telegram takes in one message, counted after HTML is parsed
_TAG = re.compile(r"<[^>]+>")


def visible_length(html_text: str) -> int:
    return len(html.unescape(_TAG.sub("", html_text)))


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Splits a long text at line ends into parts Telegram accepts (our texts never open a tag
    on one line and close it on another), so nothing is refused mid-broadcast."""
    if visible_length(text) <= limit:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        while visible_length(line) > limit:  # one enormous line: cut it, plain text only
            line = html.unescape(_TAG.sub("", line))
            parts.append(html.escape(line[:limit], quote=False))
            line = html.escape(line[limit:], quote=False)
        if current and visible_length("\n".join([*current, line])) > limit:
            parts.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("\n".join(current))
    return parts


def _split(message: Outgoing) -> list[Outgoing]:
    if message.media_kind is not None:
        return [message]  # captions are checked where they are written (the composer)
    parts = split_text(message.text)
    if len(parts) == 1:
        return [message]
    # The buttons belong under the last part, where the reader finishes.
    return [
        replace(message, text=part, buttons=message.buttons if last else ())
        for last, part in ((i == len(parts) - 1, p) for i, p in enumerate(parts))
    ]


async def enqueue(
    session: AsyncSession, campaign: str, messages: Iterable[Outgoing], now: datetime
) -> int:
    messages = [part for message in messages for part in _split(message)]
    rows = [
        OutboxMessage(
            campaign=campaign,
            chat_id=m.chat_id,
            text=m.text,
            reply_markup=markup_json(m.buttons),
            media_kind=m.media_kind,
            media_file_id=m.media_file_id,
            media_sha256=m.media_sha256,
            pin=m.pin,
            status="pending",
            not_before=now,
            attempts=0,
        )
        for m in messages
    ]
    session.add_all(rows)
    await session.flush()
    return len(rows)


async def campaign_report(session: AsyncSession, campaign: str) -> dict[str, int]:
    rows = await session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.campaign == campaign)
        .group_by(OutboxMessage.status)
    )
    return {str(status): int(count) for status, count in rows}


async def campaign_failures(session: AsyncSession, campaign: str) -> dict[str, int]:
    """Why messages of the campaign failed: Telegram's (or the network's) words, with counts."""
    rows = await session.execute(
        select(OutboxMessage.error, func.count())
        .where(OutboxMessage.campaign == campaign, OutboxMessage.status == "failed")
        .group_by(OutboxMessage.error)
    )
    return {str(error or "—"): int(count) for error, count in rows}


async def depth(session: AsyncSession) -> int:
    """Messages waiting to be sent (for /metrics)."""
    count = await session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "pending")
    )
    return int(count or 0)


async def cancel(session: AsyncSession, campaign: str) -> int:
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.campaign == campaign, OutboxMessage.status == "pending")
        .values(status="cancelled")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
