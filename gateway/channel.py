"""The project's Telegram channel, where webinar announcements, broadcasts and programmes go too."""

from __future__ import annotations

from aiogram import Bot


async def channel_chat(bot: Bot, configured: str | None) -> int | None:
    """CHANNEL_ID as a chat id: a number as it is, an @username looked up; None when unset."""
    if not configured:
        return None
    if configured.lstrip("-").isdigit():
        return int(configured)
    chat = await bot.get_chat(configured)
    return chat.id
