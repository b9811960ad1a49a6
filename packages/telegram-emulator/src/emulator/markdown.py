"""parse_mode=MarkdownV2 and the legacy Markdown, ported from TDLib's parsers (byte offsets and
error texts included). MarkdownV2 block quotes are supported for lines starting with '>'."""

from __future__ import annotations

from dataclasses import dataclass

from emulator.html import entity_error
from emulator.links import LinkError, check_link
from emulator.text import Entity, Utf8Builder, is_space, sort_entities

_V2_RESERVED = b"_*[]()~`>#+-=|{}.!"
_CODE_KINDS = ("code", "pre")
_TDLIB_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_BACKTICK, _NEWLINE, _CR = 0x60, 0x0A, 0x0D


def _at(text: bytes, i: int) -> int:
    return text[i] if i < len(text) else 0


def _reserved(char: int) -> str:
    return f"Character '{chr(char)}' is reserved and must be escaped with the preceding '\\'"


@dataclass
class _Open:
    kind: str
    argument: str
    offset: int  # UTF-16 offset in the result
    source_pos: int  # byte offset in the source, for errors
    begin: int  # byte length of the result when opened


def _skip_pre_header(text: bytes, i: int) -> tuple[int, str]:
    """After ``` : an optional language word, then one optional line break."""
    end = i
    while not is_space(_at(text, end)) and _at(text, end) != _BACKTICK:
        end += 1
    language = ""
    if end != i and end < len(text) and text[end] != _BACKTICK:
        language = text[i:end].decode(errors="replace")
        i = end
    if _at(text, i) in (_NEWLINE, _CR):
        pair = _at(text, i + 1) in (_NEWLINE, _CR) and _at(text, i + 1) != text[i]
        i += 2 if pair else 1
    return i, language


class _MarkdownV2:
    def __init__(self, source: str) -> None:
        self.text = source.encode()
        self.out = Utf8Builder()
        self.nested: list[_Open] = []
        self.entities: list[Entity] = []
        self.quote_start: int | None = None

    def run(self) -> tuple[str, list[Entity]]:
        text, i = self.text, 0
        while i < len(text):
            byte = text[i]
            if byte == 0x5C and 0 < _at(text, i + 1) <= 126:  # backslash escape
                self.out.add_byte(text[i + 1])
                i += 2
                continue
            in_code = bool(self.nested) and self.nested[-1].kind in _CODE_KINDS
            if byte == ord(">") and not in_code and (i == 0 or text[i - 1] == _NEWLINE):
                self.quote_start = self.out.utf16 if self.quote_start is None else self.quote_start
                i += 1
                continue
            if byte not in (b"`" if in_code else _V2_RESERVED):
                self._plain(i)
                i += 1
                continue
            i = self._close(i) if self._ends_entity(i) else self._open(i)
        self._end_quote()
        if self.nested:
            last = self.nested[-1]
            name = _TDLIB_NAMES[last.kind]
            raise entity_error(f"Can't find end of {name} entity at byte offset {last.source_pos}")
        return self.out.text(), sort_entities(self.entities)

    def _plain(self, i: int) -> None:
        if self.text[i] == _NEWLINE and _at(self.text, i + 1) != ord(">"):
            self._end_quote()
        self.out.add_byte(self.text[i])

    def _end_quote(self) -> None:
        if self.quote_start is not None and self.out.utf16 > self.quote_start:
            length = self.out.utf16 - self.quote_start
            self.entities.append(
                {"type": "blockquote", "offset": self.quote_start, "length": length}
            )
        self.quote_start = None

    def _ends_entity(self, i: int) -> bool:
        if not self.nested:
            return False
        char, next1, next2 = self.text[i], _at(self.text, i + 1), _at(self.text, i + 2)
        kind = self.nested[-1].kind
        ends = {
            "bold": char == ord("*"),
            "italic": char == ord("_") and next1 != ord("_"),
            "underline": char == ord("_") and next1 == ord("_"),
            "strikethrough": char == ord("~"),
            "spoiler": char == ord("|") and next1 == ord("|"),
            "code": char == _BACKTICK,
            "pre": char == _BACKTICK and next1 == _BACKTICK and next2 == _BACKTICK,
            "text_link": char == ord("]"),
            "custom_emoji": char == ord("]"),
        }
        return ends[kind]

    def _open(self, i: int) -> int:
        text, start = self.text, i
        char, next1 = chr(text[i]), _at(text, i + 1)
        argument = ""
        if char == "_":
            kind = "underline" if next1 == ord("_") else "italic"
            i += 2 if kind == "underline" else 1
        elif char in "*~[":
            kind = {"*": "bold", "~": "strikethrough", "[": "text_link"}[char]
            i += 1
        elif char == "|" and next1 == ord("|"):
            kind, i = "spoiler", i + 2
        elif char == "!" and next1 == ord("["):
            kind, i = "custom_emoji", i + 2
        elif char == "`" and next1 == _BACKTICK and _at(text, i + 2) == _BACKTICK:
            kind = "pre"
            i, argument = _skip_pre_header(text, i + 3)
        elif char == "`":
            kind, i = "code", i + 1
        else:
            raise entity_error(_reserved(text[i]))
        self.nested.append(_Open(kind, argument, self.out.utf16, start, len(self.out.data)))
        return i

    def _close(self, i: int) -> int:
        opened = self.nested.pop()
        kind, length = opened.kind, self.out.utf16 - opened.offset
        entity: Entity = {"type": kind, "offset": opened.offset, "length": length}
        keep = length > 0
        if kind in ("underline", "spoiler"):
            i += 1
        elif kind == "pre":
            i += 2
            if opened.argument:
                entity["language"] = opened.argument
        elif kind == "text_link":
            url, i = self._link_target(i, opened)
            try:
                entity["url"] = check_link(url)
            except LinkError:
                keep = False
        elif kind == "custom_emoji":
            entity["custom_emoji_id"], i = self._emoji_target(i)
        if keep:
            self.entities.append(entity)
        return i + 1

    def _link_target(self, i: int, opened: _Open) -> tuple[str, int]:
        text = self.text
        if _at(text, i + 1) != ord("("):
            return self.out.data[opened.begin :].decode(errors="replace"), i
        i += 2
        url_begin, url = i, bytearray()
        while i < len(text) and text[i] != ord(")"):
            if text[i] == 0x5C and 0 < _at(text, i + 1) <= 126:
                i += 1
            url.append(text[i])
            i += 1
        if _at(text, i) != ord(")"):
            raise entity_error(f"Can't find end of a URL at byte offset {url_begin}")
        return url.decode(errors="replace"), i

    def _emoji_target(self, i: int) -> tuple[str, int]:
        if _at(self.text, i + 1) != ord("("):
            raise entity_error("Custom emoji entity must contain a tg://emoji URL")
        end = self.text.find(b")", i + 2)
        if end < 0:
            raise entity_error(f"Can't find end of a custom emoji URL at byte offset {i + 2}")
        url = self.text[i + 2 : end].decode(errors="replace")
        emoji_id = url.removeprefix("tg://emoji?id=")
        if emoji_id == url or not emoji_id.isdigit():
            raise entity_error("Invalid custom emoji URL specified")
        return emoji_id, end


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    return _MarkdownV2(source).run()


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """The legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    text, out, entities = source.encode(), Utf8Builder(), list[Entity]()
    i = 0
    while i < len(text):
        byte = text[i]
        if byte == 0x5C and _at(text, i + 1) in b"_*`[":
            out.add_byte(text[i + 1])
            i += 2
            continue
        if byte not in b"_*`[":
            out.add_byte(byte)
            i += 1
            continue
        i = _legacy_entity(text, i, out, entities)
    return out.text(), sort_entities(entities)


def _legacy_entity(text: bytes, begin: int, out: Utf8Builder, entities: list[Entity]) -> int:
    char = text[begin]
    end_char = ord("]") if char == ord("[") else char
    i, language = begin + 1, ""
    is_pre = char == _BACKTICK and _at(text, i) == _BACKTICK and _at(text, i + 1) == _BACKTICK
    if is_pre:
        i, language = _skip_pre_header(text, i + 2)
    offset = out.utf16
    while i < len(text) and (
        text[i] != end_char or (is_pre and not (_at(text, i + 1) == _at(text, i + 2) == _BACKTICK))
    ):
        out.add_byte(text[i])
        i += 1
    if i == len(text):
        raise entity_error(f"Can't find end of the entity starting at byte offset {begin}")
    length = out.utf16 - offset
    entity: Entity = {"offset": offset, "length": length}
    if char == ord("["):
        url = text[begin + 1 : i].decode(errors="replace")
        if _at(text, i + 1) == ord("("):
            close = text.find(b")", i + 2)
            close = len(text) if close < 0 else close
            url, i = text[i + 2 : close].decode(errors="replace"), close
        try:
            entity.update(type="text_link", url=check_link(url))
        except LinkError:
            length = 0
    else:
        kind = {ord("_"): "italic", ord("*"): "bold"}.get(char, "pre" if is_pre else "code")
        entity["type"] = kind
        if language:
            entity["language"] = language
    if length > 0:
        entities.append(entity)
    return i + (3 if is_pre else 1)
