"""Attacker's walk, F11: a broadcast whose entities carry a `"` (a code block's language, a
link's address, a custom emoji's id) became HTML Telegram refuses, for the preview and for every
recipient. The emulator's parser follows Telegram's rules for the markup."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram.types import Chat, Message, MessageEntity
from emulator.errors import ApiError
from emulator.html import parse_html

from ui.safe_html import safe_html

TEXT = "код ссылка 😀 жирный"


def message_with(*entities: MessageEntity) -> Message:
    return Message(
        message_id=1,
        date=datetime(2026, 11, 30, tzinfo=UTC),
        chat=Chat(id=1, type="private"),
        text=TEXT,
        entities=list(entities),
    )


CRAFTED = [
    MessageEntity(type="pre", offset=0, length=3, language='py"><i>x</i>'),
    MessageEntity(type="text_link", offset=4, length=6, url='https://a.ru/"><b>x</b>'),
    MessageEntity(type="custom_emoji", offset=11, length=2, custom_emoji_id='5"><b>x</b>'),
]


def kept_as_sent(markup: str) -> bool:
    try:
        text, _ = parse_html(markup)
    except ApiError:
        return False
    return text == TEXT


@pytest.mark.parametrize("entity", CRAFTED, ids=["language", "link", "emoji"])
def test_crafted_attributes_give_html_telegram_accepts(entity: MessageEntity) -> None:
    message = message_with(entity, MessageEntity(type="bold", offset=14, length=6))
    assert not kept_as_sent(message.html_text)  # aiogram's own rendering: refused or changed
    text, entities = parse_html(safe_html(message))
    assert text == TEXT
    assert any(e["type"] == "bold" for e in entities)  # the rest of the formatting stays


def test_honest_formatting_is_kept() -> None:
    message = message_with(
        MessageEntity(type="pre", offset=0, length=3, language="python"),
        MessageEntity(type="text_link", offset=4, length=6, url="https://edu.ru/a?b=1&c=2"),
    )
    _, entities = parse_html(safe_html(message))
    kinds = {e["type"]: e for e in entities}
    assert kinds["pre"].get("language") == "python"
    assert kinds["text_link"]["url"] == "https://edu.ru/a?b=1&c=2"
