"""A person's formatted message as Telegram HTML that Telegram will always accept.

aiogram writes entity attributes (a link's address, a code block's language, a custom emoji's
id) into the HTML unescaped, so a `"` in any of them breaks the markup, and a broadcast built
from it is refused for every recipient ("can't parse entities"). Here attributes are escaped,
and an attribute that is not what Telegram expects drops its formatting, keeping the text."""

from __future__ import annotations

import html
import re

from aiogram.types import Message
from aiogram.utils.text_decorations import HtmlDecoration

_LANGUAGE = re.compile(r"[\w+#.-]{1,32}")
_LINK = re.compile(r"(https?|tg|mailto)://[^\s<>\"]+|mailto:[^\s<>\"]+", re.IGNORECASE)


class SafeHtmlDecoration(HtmlDecoration):
    def _tag(
        self,
        tag: str,
        content: str,
        *,
        attrs: dict[str, str] | None = None,
        flags: list[str] | None = None,
    ) -> str:
        escaped = {name: html.escape(value, quote=True) for name, value in (attrs or {}).items()}
        return super()._tag(tag, content, attrs=escaped, flags=flags)

    def link(self, value: str, link: str) -> str:
        return super().link(value, link) if _LINK.fullmatch(link) else value

    def pre_language(self, value: str, language: str) -> str:
        if not _LANGUAGE.fullmatch(language):
            return self.pre(value)
        # Telegram reads the language from the class (aiogram writes a `language` attribute).
        code = self._tag(self.CODE_TAG, value, attrs={"class": f"language-{language}"})
        return self._tag(self.PRE_TAG, code)

    def custom_emoji(self, value: str, custom_emoji_id: str) -> str:
        # A bot may show a custom emoji only in some chats; the plain emoji always works.
        return value


SAFE_HTML = SafeHtmlDecoration()


def safe_html(message: Message) -> str:
    """The message's text or caption with its formatting, as HTML Telegram accepts."""
    text = message.text or message.caption or ""
    entities = message.entities if message.text else message.caption_entities
    return SAFE_HTML.unparse(text, entities)
