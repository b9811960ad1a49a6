"""Groups and the channel's discussion group: the bot speaks only when mentioned or replied to,
so it never talks over people; then it answers the question as in a private chat."""

from __future__ import annotations

import re

from aiogram import Bot, F, Router
from aiogram.filters import BaseFilter
from aiogram.types import Message

from handlers.calendar import reply_to_question
from handlers.context import Context
from handlers.routing import inline


class AddressedToBot(BaseFilter):
    """True for a message that @mentions the bot or replies to one of its messages; passes the
    question without the mention as `question`."""

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, str]:
        text = message.text or message.caption or ""
        me = await bot.me()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == me.id:
            return {"question": text}
        mention = f"@{me.username}".lower() if me.username else None
        if mention and mention in text.lower():
            return {"question": re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)}
        return False


async def group_question(message: Message, question: str, ctx: Context) -> None:
    await reply_to_question(message, question, ctx)


def create_router() -> Router:
    router = Router(name="groups")
    router.message.filter(inline(F.chat.type.in_({"group", "supergroup"})))
    router.message.register(group_question, inline(F.text), AddressedToBot())
    return router
