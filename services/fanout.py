"""One way to tell many people something: their languages read in one query, the text rendered
once per language, every message through the outbox (Telegram's limits, no loss or repeat)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.i18n import Catalog, Texts
from services.delivery import Buttons, Outgoing, enqueue
from storage.models import User
from storage.repositories.users import UserRepository

Render = Callable[[Texts], tuple[str, Buttons]]  # the text and its buttons, in one language


async def tell(
    session: AsyncSession,
    catalog: Catalog,
    people: Sequence[int],
    render: Render,
    campaign: str,
    now: datetime,
) -> list[User]:
    """Queues the message for each person who has ever started the bot; returns them."""
    readers = await UserRepository(session).many(people)
    rendered: dict[str, tuple[str, Buttons]] = {}
    messages = []
    for reader in readers:
        if reader.language not in rendered:
            rendered[reader.language] = render(catalog.bind(reader.language))
        text, buttons = rendered[reader.language]
        messages.append(Outgoing(reader.id, text, buttons))
    await enqueue(session, campaign, messages, now)
    return readers
