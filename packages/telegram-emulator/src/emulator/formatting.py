"""Turns a method's text/caption parameters into what Telegram stores: plain text plus entities,
with Telegram's length limits counted after parsing."""

from __future__ import annotations

import json
from typing import Any

from emulator.errors import CAPTION_TOO_LONG, TEXT_EMPTY, TEXT_TOO_LONG, bad_request
from emulator.html import parse_html
from emulator.markdown import parse_markdown, parse_markdown_v2
from emulator.text import Entity, merge_auto_entities, sort_entities, trim

MAX_TEXT = 4096
MAX_CAPTION = 1024
_ENTITY_KEYS = ("type", "offset", "length")


def parse_formatted(
    text: str, parse_mode: str | None, entities_json: str | None, *, strict_html: bool = True
) -> tuple[str, list[Entity]]:
    """Explicit entities win over parse_mode, as on Telegram; the result is trimmed."""
    if entities_json:
        entities = _explicit_entities(entities_json)
    elif parse_mode:
        text, entities = _parse_mode(text, parse_mode, strict_html)
    else:
        entities = []
    text, entities = trim(text, entities)
    return text, merge_auto_entities(text, entities)


def _parse_mode(text: str, parse_mode: str, strict_html: bool) -> tuple[str, list[Entity]]:
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text, strict_entities=strict_html)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise bad_request("Bad Request: unsupported parse_mode")


def _explicit_entities(raw: str) -> list[Entity]:
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = None
    valid = isinstance(value, list) and all(
        isinstance(e, dict) and all(k in e for k in _ENTITY_KEYS) for e in value
    )
    if not valid:
        raise bad_request("Bad Request: can't parse entities JSON object")
    return sort_entities([dict(e) for e in value])


def message_text(
    text: str | None,
    parse_mode: str | None,
    entities_json: str | None,
    *,
    strict_html: bool = True,
) -> tuple[str, list[Entity]]:
    """A message's text: 1..4096 characters after entity parsing."""
    parsed, entities = parse_formatted(
        text or "", parse_mode, entities_json, strict_html=strict_html
    )
    if not parsed:
        raise bad_request(TEXT_EMPTY)
    if len(parsed) > MAX_TEXT:
        raise bad_request(TEXT_TOO_LONG)
    return parsed, entities


def caption_text(
    caption: str | None,
    parse_mode: str | None,
    entities_json: str | None,
    *,
    strict_html: bool = True,
) -> tuple[str, list[Entity]]:
    """A media caption: 0..1024 characters after entity parsing."""
    if not caption:
        return "", []
    parsed, entities = parse_formatted(caption, parse_mode, entities_json, strict_html=strict_html)
    if len(parsed) > MAX_CAPTION:
        raise bad_request(CAPTION_TOO_LONG)
    return parsed, entities
