"""Bot API methods, by the name Telegram gives them (matched case-insensitively by the server)."""

from __future__ import annotations

from emulator.api import bot, chats, media, messages
from emulator.api.context import Backend, Described, Handler, Options

METHODS: dict[str, Handler] = {**bot.METHODS, **messages.METHODS, **media.METHODS, **chats.METHODS}
BY_LOWER_NAME: dict[str, str] = {name.lower(): name for name in METHODS}

__all__ = ["BY_LOWER_NAME", "METHODS", "Backend", "Described", "Handler", "Options"]
