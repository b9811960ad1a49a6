"""Plain-text helpers: UTF-16 offsets (Telegram counts entities in UTF-16 code units),
auto-detected entities and the whitespace trimming Telegram applies to outgoing text."""

from __future__ import annotations

import re
from typing import Any

Entity = dict[str, Any]

_AUTO_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bot_command", re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]'»]")),
    ("email", re.compile(r"(?<![\w.@])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{4,32}\b")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")),
)
_TRIM = " \t\n\r\v\f"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The substring an entity covers."""
    data = text.encode("utf-16-le")
    return data[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")


def find_entities(text: str) -> list[Entity]:
    """Entities Telegram detects by itself in any message: commands, mentions, links, ..."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e, _ in found):
                continue  # an earlier, stronger kind already covers it (a mention inside an e-mail)
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]


def merge_auto_entities(text: str, entities: list[Entity]) -> list[Entity]:
    """Adds detected entities where no explicit one overlaps, as Telegram does for bot messages."""
    spans = [(e["offset"], e["offset"] + e["length"]) for e in entities]
    extra = [
        e
        for e in find_entities(text)
        if not any(e["offset"] < end and start < e["offset"] + e["length"] for start, end in spans)
    ]
    return sort_entities([*entities, *extra])


def sort_entities(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strips leading/trailing whitespace and clips entities to what is left."""
    stripped = text.strip(_TRIM)
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip(_TRIM))])
    total = utf16_len(stripped)
    clipped: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped


def is_space(byte: int) -> bool:
    """TDLib's is_space: the end-of-text sentinel 0 counts as a space too."""
    return byte in (0x20, 0x09, 0x0D, 0x0A, 0x00, 0x0B, 0x0C)


class Utf8Builder:
    """Collects parsed UTF-8 text while tracking its length in UTF-16 units (entity offsets)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.utf16 = 0

    def add_byte(self, byte: int) -> None:
        self.data.append(byte)
        if byte & 0xC0 != 0x80:  # the first byte of a character
            self.utf16 += 2 if byte >= 0xF0 else 1

    def add_char(self, code_point: int) -> None:
        for byte in chr(code_point).encode():
            self.add_byte(byte)

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")
