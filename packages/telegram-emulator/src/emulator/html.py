"""parse_mode=HTML the way Telegram parses it (a port of TDLib's parse_html, byte offsets included).

The result is the plain text plus Bot API entities; mistakes raise ApiError with Telegram's text.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from emulator.errors import ApiError, bad_request
from emulator.links import LinkError, check_link
from emulator.text import Entity, Utf8Builder, is_space, sort_entities

ALLOWED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED = {b"lt": 0x3C, b"gt": 0x3E, b"amp": 0x26, b"quot": 0x22}
_LT, _GT, _AMP, _SLASH, _EQ = 0x3C, 0x3E, 0x26, 0x2F, 0x3D


def entity_error(reason: str) -> ApiError:
    return bad_request(f"Bad Request: can't parse entities: {reason}")


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 offset in the result
    begin: int  # byte position in the result, for <a> without href
    expandable: bool = False


def decode_entity(text: bytes, pos: int) -> tuple[int, int] | None:
    """(code point, position after it) for `&lt;`, `&#65;`, `&#x41;` ...; None if not one."""
    end = pos + 1
    value = 0
    if _at(text, end) == ord("#"):
        end += 1
        hexadecimal = _at(text, end) == ord("x")
        end += hexadecimal
        digits = b"0123456789abcdefABCDEF" if hexadecimal else b"0123456789"
        while _at(text, end) in digits and _at(text, end) != 0:
            value = value * (16 if hexadecimal else 10) + int(chr(text[end]), 16)
            end += 1
            if value >= 0x10FFFF:
                return None
        if value == 0 or end - pos >= 10 or 0xD800 <= value <= 0xDFFF:
            return None
    else:
        while chr(_at(text, end)).isascii() and chr(_at(text, end)).isalpha():
            end += 1
        code = _NAMED.get(text[pos + 1 : end])
        if code is None:
            return None
        value = code
    return value, end + 1 if _at(text, end) == ord(";") else end


def decode_html(text: bytes) -> str:
    out = Utf8Builder()
    i = 0
    while i < len(text):
        decoded = decode_entity(text, i) if text[i] == _AMP else None
        if decoded:
            out.add_char(decoded[0])
            i = decoded[1]
        else:
            out.add_byte(text[i])
            i += 1
    return out.text()


def _at(text: bytes, i: int) -> int:
    return text[i] if i < len(text) else 0


def _is_name_char(byte: int) -> bool:
    """An unquoted attribute value is an HTML name token: ASCII letters, digits, '.', '-'."""
    return byte < 0x80 and (chr(byte).isalnum() or byte in (0x2E, 0x2D))


class _HtmlParser:
    def __init__(self, source: str, strict_entities: bool) -> None:
        self.text = source.encode()
        self.strict = strict_entities
        self.out = Utf8Builder()
        self.nested: list[_Open] = []
        self.entities: list[tuple[str, int, int, str]] = []  # type, offset, length, argument

    def run(self) -> tuple[str, list[Entity]]:
        i = 0
        while i < len(self.text):
            byte = self.text[i]
            if byte == _AMP:
                i = self._ampersand(i)
            elif byte != _LT:
                self.out.add_byte(byte)
                i += 1
            elif _at(self.text, i + 1) == _SLASH:
                i = self._end_tag(i)
            else:
                i = self._start_tag(i)
        if self.nested:
            tag = self.nested[-1].tag
            raise entity_error(f'Can\'t find end tag corresponding to start tag "{tag}"')
        return self.out.text(), sort_entities([_to_bot_api(*e) for e in self.entities])

    def _ampersand(self, i: int) -> int:
        decoded = decode_entity(self.text, i)
        if decoded:
            self.out.add_char(decoded[0])
            return decoded[1]
        if self.strict:  # Telegram keeps a bare "&"; the emulator flags the missing escape
            raise entity_error(f'Character "&" at byte offset {i} must be escaped as "&amp;"')
        self.out.add_byte(_AMP)
        return i + 1

    def _start_tag(self, begin: int) -> int:
        text = self.text
        end = begin + 1
        while not is_space(_at(text, end)) and _at(text, end) != _GT:
            end += 1
        if _at(text, end) == 0:
            raise entity_error(f"Unclosed start tag at byte offset {begin}")
        tag = text[begin + 1 : end].decode(errors="replace").lower()
        if tag not in ALLOWED_TAGS:
            raise entity_error(f'Unsupported start tag "{tag}" at byte offset {begin}')
        opened = _Open(tag, "", self.out.utf16, len(self.out.data))
        end = self._attributes(tag, begin, end, opened)
        if tag == "span" and opened.argument != "spoiler":
            raise entity_error(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.nested.append(opened)
        return end + 1

    def _attributes(self, tag: str, begin: int, end: int, opened: _Open) -> int:
        text = self.text
        while _at(text, end) != _GT:
            while _at(text, end) != 0 and is_space(_at(text, end)):
                end += 1
            if _at(text, end) == _GT:
                break
            name_begin = end
            while not is_space(_at(text, end)) and _at(text, end) not in (_EQ, _GT):
                end += 1
            name = text[name_begin:end].decode(errors="replace")
            if not name:
                raise entity_error(
                    f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                )
            while _at(text, end) != 0 and is_space(_at(text, end)):
                end += 1
            if _at(text, end) != _EQ:
                if tag == "blockquote" and name.lower() == "expandable":
                    opened.expandable = True
                    continue
                raise entity_error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            value, end = self._attribute_value(tag, begin, end + 1)
            _apply_attribute(opened, tag, name.lower(), value)
        return end

    def _attribute_value(self, tag: str, begin: int, end: int) -> tuple[str, int]:
        text = self.text
        while _at(text, end) != 0 and is_space(_at(text, end)):
            end += 1
        if _at(text, end) == 0:
            raise entity_error(f'Unclosed start tag "{tag}" at byte offset {begin}')
        quote = _at(text, end)
        if quote in (ord('"'), ord("'")):
            value_end = end + 1
            while _at(text, value_end) not in (quote, 0):
                value_end += 1
            if _at(text, value_end) == 0:
                raise entity_error(f'Unclosed start tag "{tag}" at byte offset {begin}')
            return decode_html(text[end + 1 : value_end]), value_end + 1
        value_end = end
        while _is_name_char(_at(text, value_end)):
            value_end += 1
        if not is_space(_at(text, value_end)) and _at(text, value_end) != _GT:
            raise entity_error(f"Unexpected end of name token at byte offset {value_end}")
        return text[end:value_end].decode().lower(), value_end

    def _end_tag(self, begin: int) -> int:
        if not self.nested:
            raise entity_error(f"Unexpected end tag at byte offset {begin}")
        end = begin + 2
        while _at(self.text, end) not in (_GT, 0):
            end += 1
        if _at(self.text, end) == 0:
            raise entity_error(f"Unclosed end tag at byte offset {begin}")
        name = self.text[begin + 2 : end].decode(errors="replace").lower()
        opened = self.nested[-1]
        if name and name != opened.tag:
            raise entity_error(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", '
                f'found "</{name}>"'
            )
        self._close(opened)
        self.nested.pop()
        return end + 1

    def _close(self, opened: _Open) -> None:
        length = self.out.utf16 - opened.offset
        if length <= 0:
            return  # Telegram drops empty entities
        tag, offset = opened.tag, opened.offset
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and last[1] == offset and last[2] == length
        if tag in _SIMPLE:
            self.entities.append((_SIMPLE[tag], offset, length, ""))
        elif tag == "a":
            self._close_link(opened, length)
        elif tag == "pre" and same_span and last and last[0] == "code" and last[3]:
            self.entities[-1] = ("pre", offset, length, last[3])  # <pre><code class="language-x">
        elif tag == "pre":
            self.entities.append(("pre", offset, length, ""))
        elif tag == "code" and same_span and last and last[0] == "pre" and opened.argument:
            self.entities[-1] = ("pre", offset, length, opened.argument)
        elif tag == "code":
            self.entities.append(("code", offset, length, opened.argument))
        elif tag == "tg-emoji":
            if not opened.argument.isdigit() or int(opened.argument) == 0:
                raise entity_error("Invalid custom emoji identifier specified")
            self.entities.append(("custom_emoji", offset, length, opened.argument))
        elif tag == "blockquote":
            kind = "expandable_blockquote" if opened.expandable else "blockquote"
            self.entities.append((kind, offset, length, ""))

    def _close_link(self, opened: _Open, length: int) -> None:
        url = opened.argument or self.out.data[opened.begin :].decode(errors="replace")
        with contextlib.suppress(LinkError):  # Telegram silently drops a link it cannot use
            self.entities.append(("text_link", opened.offset, length, check_link(url)))


def _apply_attribute(opened: _Open, tag: str, name: str, value: str) -> None:
    if tag == "a" and name == "href":
        opened.argument = value
    elif tag == "code" and name == "class" and value.startswith("language-"):
        opened.argument = value[len("language-") :]
    elif tag == "span" and name == "class" and value.startswith("tg-"):
        opened.argument = value[len("tg-") :]
    elif tag == "tg-emoji" and name == "emoji-id":
        opened.argument = value


def _to_bot_api(kind: str, offset: int, length: int, argument: str) -> Entity:
    entity: Entity = {"type": kind, "offset": offset, "length": length}
    if kind == "text_link":
        entity["url"] = argument
    elif kind == "pre" and argument:
        entity["language"] = argument
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = argument
    return entity


def parse_html(source: str, *, strict_entities: bool = True) -> tuple[str, list[Entity]]:
    """Plain text and entities of `source`, or ApiError "Bad Request: can't parse entities: ..."."""
    return _HtmlParser(source, strict_entities).run()
