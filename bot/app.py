"""Factories for everything the bot runs on; tests build exactly what production runs."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.background import Background
from bot.conversations import DatabaseStorage, OneUpdateAtATime
from bot.lazy_schemas import build_everyday_schemas
from bot.metrics import MeasureUpdates, Metrics
from bot.middlewares import (
    AnswerCallbacks,
    CommandsEndConversations,
    KnowTheActor,
    KnowTheUser,
    SkipEmptyUpdates,
    Throttle,
    UnitOfWork,
)
from bot.polling import FairDispatcher
from bot.session import (
    FitTelegramLimits,
    ResilientSession,
    SameScreenIsNoError,
    WaitOutFloodControl,
)
from core.config import Settings
from core.i18n import Catalog
from handlers import build_router
from handlers.commands import bot_commands
from handlers.submissions import finish_later_work
from services.answers import answerer
from services.calendar_io import federal_calendar
from services.clock import Clock, clock_from_settings
from services.regions import sync_regions
from storage.db import create_engine, create_sessionmaker, sqlite_path
from storage.person_reader import SqlitePersonReader

log = logging.getLogger(__name__)


@dataclass(slots=True)
class App:
    settings: Settings
    bot: Bot
    dispatcher: Dispatcher
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    catalog: Catalog
    clock: Clock
    metrics: Metrics
    background: Background
    person_reader: SqlitePersonReader | None = None

    async def close(self) -> None:
        await self.dispatcher.storage.close()
        await self.dispatcher.fsm.events_isolation.close()
        await self.bot.session.close()
        await self.background.close_connections()
        if self.person_reader is not None:
            await self.person_reader.close()
        await self.engine.dispose()


def create_bot(settings: Settings, *, wait_out_flood_control: bool = True) -> Bot:
    """The bot for handlers and jobs waits out a 429 on its own replies; the delivery worker's
    (`wait_out_flood_control=False`) leaves a 429 to the outbox's shared pause."""
    session = ResilientSession(api=TelegramAPIServer.from_base(settings.api_base_url))
    session.middleware(FitTelegramLimits())
    session.middleware(SameScreenIsNoError())
    if wait_out_flood_control:
        session.middleware(WaitOutFloodControl())
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def create_fsm_storage(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Conversations survive a restart: in Redis when replicas share it, else in the database.
    Updates of one chat are handled in order, one at a time (across replicas through Redis)."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        class ClosingRedisIsolation(RedisEventIsolation):
            async def close(self) -> None:  # aiogram's leaves its connection pool open
                await self.redis.aclose(close_connection_pool=True)

        return (
            RedisStorage.from_url(settings.redis_url),
            ClosingRedisIsolation.from_url(settings.redis_url),
        )
    return DatabaseStorage(sessionmaker), OneUpdateAtATime()


def create_dispatcher(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    catalog: Catalog,
    clock: Clock,
    metrics: Metrics,
    person_reader: SqlitePersonReader | None = None,
) -> Dispatcher:
    storage, isolation = create_fsm_storage(settings, sessionmaker)
    dp = FairDispatcher(
        queue_capacity=settings.polling_queue,
        workers=settings.polling_workers,
        storage=storage,
        events_isolation=isolation,
        settings=settings,
        catalog=catalog,
        clock=clock,
        sessionmaker=sessionmaker,
    )
    # Flood control comes before the FSM middleware, which holds each chat's turn: a dropped
    # update must not wait in the chat's queue first.
    dp.update.outer_middleware.unregister(dp.fsm)
    dp.update.outer_middleware(MeasureUpdates(metrics))
    dp.update.outer_middleware(SkipEmptyUpdates())
    dp.update.outer_middleware(
        Throttle(catalog, settings.throttle_burst, settings.throttle_per_second)
    )
    dp.update.outer_middleware(dp.fsm)
    dp.update.outer_middleware(AnswerCallbacks())  # around the unit of work: after the commit
    conversations = storage if isinstance(storage, DatabaseStorage) else None
    dp.update.outer_middleware(UnitOfWork(sessionmaker, conversations))
    dp.update.outer_middleware(KnowTheUser(catalog, settings.default_language, person_reader))
    dp.update.outer_middleware(CommandsEndConversations())
    for observer in (dp.message, dp.callback_query):
        observer.middleware(KnowTheActor())
    dp.include_router(build_router())
    dp.startup.register(_on_startup)
    if conversations is not None:
        dp.startup.register(conversations.preload)
    dp.shutdown.register(finish_later_work)
    return dp


def build_app(
    settings: Settings,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    *,
    autostart_background: bool = True,
) -> App:
    """The bot with its dispatcher and background work. In-process tests pass
    `autostart_background=False` and drive the sweeps and the outbox themselves, so nothing
    fires on the wall clock behind their manual one."""
    catalog = catalog or Catalog.load()
    clock = clock or clock_from_settings(settings.clock_start)
    engine = create_engine(settings.database_url)
    sessionmaker = create_sessionmaker(engine)
    database_file = sqlite_path(settings.database_url)
    reader = SqlitePersonReader(database_file) if database_file is not None else None
    metrics = Metrics()
    bot = create_bot(settings)
    dispatcher = create_dispatcher(settings, sessionmaker, catalog, clock, metrics, reader)
    delivery_bot = create_bot(settings, wait_out_flood_control=False)
    background = Background(bot, delivery_bot, sessionmaker, catalog, clock, settings, metrics)
    dispatcher["screener"] = background.screener  # a sent confirmation is checked at once
    if autostart_background:
        dispatcher.startup.register(background.start)
        dispatcher.shutdown.register(background.stop)
    return App(
        settings=settings,
        bot=bot,
        dispatcher=dispatcher,
        engine=engine,
        sessionmaker=sessionmaker,
        catalog=catalog,
        clock=clock,
        metrics=metrics,
        background=background,
        person_reader=reader,
    )


async def _on_startup(
    bot: Bot, catalog: Catalog, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    async with sessionmaker.begin() as session:
        await sync_regions(session)
        # The season and its question index, built before the first question instead of
        # holding every update up for a quarter of a second while it waits on them.
        answerer(await federal_calendar(session))
    build_everyday_schemas()
    for language in catalog.languages:
        code = None if language == catalog.default else language
        await bot.set_my_commands(bot_commands(catalog, language), language_code=code)
    me = await bot.get_me()
    log.info("bot @%s is up", me.username)


async def run_polling(app: App) -> None:
    """Polls Telegram and serves the review board on WEBAPP_LISTEN, in one process."""
    from webapp.server import start_board

    dp = app.dispatcher
    board = await start_board(app)
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        await dp.start_polling(
            app.bot, allowed_updates=dp.resolve_used_update_types(), handle_signals=True
        )
    finally:
        if board is not None:
            await board.cleanup()
        await app.close()
