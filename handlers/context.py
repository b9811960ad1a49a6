"""The update's context: who acts, in which language and on which clock, resolved once by one
middleware (`bot.middlewares.KnowTheUser`). A handler takes the event, its callback data or
conversation state, `ctx`, and at most the one or two services it uses (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Catalog, Texts
from services.answers import Asker
from services.clock import Clock
from services.directory import Directory, asker_of, changes_so_far, zone_of
from services.permissions import Actor
from services.person import Person


@dataclass(slots=True)
class Context:
    t: Texts
    user: Person
    session: AsyncSession
    settings: Settings
    clock: Clock
    catalog: Catalog
    bot: Bot
    _actor: Actor | None = field(default=None, repr=False)
    _actor_read_at: int = field(default=0, repr=False)  # the session's writes when read
    _requests_waiting: bool | None = field(default=None, repr=False)  # None: not known

    def directory(self) -> Directory:
        return Directory(self.session, self.settings.admin_ids)

    async def actor(self) -> Actor:
        """The person's roles and places, read with the person at the update's start (a handler
        that takes `actor` gets this same object); read again only after the update wrote."""
        if self._actor is None or self._actor_read_at != changes_so_far(self.session):
            self.know_actor(await self.directory().actor(self.user.id))
        assert self._actor is not None
        return self._actor

    def know_actor(self, actor: Actor, requests_waiting: bool | None = None) -> None:
        """What the update's first query read; whether a request to join waits is known only
        from that query, and only until the update writes."""
        self._actor, self._actor_read_at = actor, changes_so_far(self.session)
        self._requests_waiting = requests_waiting

    def requests_may_wait(self) -> bool:
        """False when the person surely has no request to join waiting (read with the person,
        nothing written since): the waiting screen need not look for them."""
        fresh = self._actor_read_at == changes_so_far(self.session)
        return not (fresh and self._requests_waiting is False)

    async def asker(self) -> Asker:
        """Region, zone and roles of whoever asks: what the calendar's answers need (from the
        same one reading of their roles as `actor`)."""
        return asker_of(await self.actor())

    async def zone(self) -> ZoneInfo:
        """The zone the person reads times in (their region's, else Moscow time), from the same
        one reading of their roles as `actor`."""
        return zone_of(await self.actor())

    def texts(self, language: str | None) -> Texts:
        """Texts in another person's language (someone this update tells something); the
        default language for one who never chose."""
        return self.catalog.bind(language)
