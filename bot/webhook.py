"""Webhook mode: an aiohttp server that takes Telegram's updates, for one or several replicas.

- The secret-token header is checked first; a wrong or missing one gets 401 and nothing runs.
- Telegram may deliver an update twice (a timeout, a retry, two replicas behind one URL): the
  update_id is claimed before handling (Redis when several replicas share it), so it runs once.
- An update that fails for an infrastructure reason answers 500 and releases its claim, so
  Telegram's retry handles it later instead of it being lost.
- /healthz checks the database (and Redis) and says only ok or not; /metrics is Prometheus text
  for a loopback client, or for anyone who sends `Authorization: Bearer <METRICS_TOKEN>`.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import signal
import time
from typing import Any, Protocol

from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError
from redis.asyncio import Redis
from sqlalchemy import text

from bot.app import App
from services.delivery import depth as outbox_depth

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CLAIM_SECONDS = 120  # longer than any handler may take; a dead replica's claim lapses after it
DONE_SECONDS = 24 * 3600  # Telegram keeps unconfirmed updates for 24 hours


class UpdateClaims(Protocol):
    async def claim(self, update_id: int) -> bool: ...
    async def done(self, update_id: int) -> None: ...
    async def release(self, update_id: int) -> None: ...


class MemoryClaims:
    """One replica: claims live in this process."""

    def __init__(self) -> None:
        self._until: dict[int, float] = {}

    async def claim(self, update_id: int) -> bool:
        now = time.monotonic()
        if self._until.get(update_id, 0.0) > now:
            return False
        self._until[update_id] = now + CLAIM_SECONDS
        if len(self._until) > 100_000:
            self._until = {k: v for k, v in self._until.items() if v > now}
        return True

    async def done(self, update_id: int) -> None:
        self._until[update_id] = time.monotonic() + DONE_SECONDS

    async def release(self, update_id: int) -> None:
        self._until.pop(update_id, None)


class RedisClaims:
    """Several replicas: SET NX decides which one handles an update."""

    def __init__(self, redis: Redis, bot_id: int) -> None:
        self._redis = redis
        self._prefix = f"bot:{bot_id}:update:"

    async def claim(self, update_id: int) -> bool:
        key = self._prefix + str(update_id)
        return bool(await self._redis.set(key, "working", nx=True, ex=CLAIM_SECONDS))

    async def done(self, update_id: int) -> None:
        await self._redis.set(self._prefix + str(update_id), "done", ex=DONE_SECONDS)

    async def release(self, update_id: int) -> None:
        await self._redis.delete(self._prefix + str(update_id))


class WebhookEndpoint:
    def __init__(self, app: App, claims: UpdateClaims) -> None:
        self._app = app
        self._claims = claims
        secret = app.settings.webhook_secret
        if secret is None:
            raise ValueError("webhook mode needs WEBHOOK_SECRET")
        self._secret = secret.get_secret_value()

    async def __call__(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secrets.compare_digest(given.encode(), self._secret.encode()):
            return web.Response(status=401, text="Unauthorized")
        try:
            raw: Any = await request.json()
        except ValueError:
            return web.Response(status=400, text="not JSON")
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int):
            return web.Response(status=400, text="no update_id")
        if not await self._claims.claim(update_id):
            self._app.metrics.updates.labels("duplicate").inc()
            return web.json_response({})
        return await self._handle(update_id, raw)

    async def _handle(self, update_id: int, raw: dict[str, Any]) -> web.Response:
        app = self._app
        try:
            update = Update.model_validate(raw, context={"bot": app.bot})
        except ValidationError as error:
            log.warning("malformed update %s skipped: %s", update_id, error.errors()[0]["msg"])
            app.metrics.updates.labels("malformed").inc()
            await self._claims.done(update_id)
            return web.json_response({})
        try:
            await app.dispatcher.feed_update(app.bot, update)
        except Exception:
            log.exception("update %s failed; Telegram will deliver it again", update_id)
            await self._claims.release(update_id)
            return web.Response(status=500, text="try again")
        await self._claims.done(update_id)
        return web.json_response({})


async def healthz(request: web.Request) -> web.Response:
    app: App = request.app["bot_app"]
    try:
        async with app.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        redis: Redis | None = request.app.get("redis")
        if redis is not None:
            await redis.ping()
    except Exception as error:  # any failure means "not healthy"; say which
        log.warning("health check failed: %r", error)
        return web.json_response({"ok": False}, status=503)
    return web.json_response({"ok": True})


def metrics_allowed(remote: str | None, authorization: str, token: str | None) -> bool:
    """Loopback clients (a scraper beside the bot) may read; anyone else needs the token."""
    if token:
        return secrets.compare_digest(authorization.encode(), f"Bearer {token}".encode())
    try:
        return remote is not None and ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


async def metrics(request: web.Request) -> web.Response:
    app: App = request.app["bot_app"]
    secret = app.settings.metrics_token
    token = secret.get_secret_value() if secret is not None else None
    authorization = request.headers.get("Authorization", "")
    if not metrics_allowed(request.remote, authorization, token):
        return web.Response(status=401, text="Unauthorized")
    async with app.sessionmaker() as session:
        app.metrics.outbox_depth.set(await outbox_depth(session))
    return web.Response(body=app.metrics.render(), content_type="text/plain", charset="utf-8")


def webhook_path(app: App) -> str:
    url = app.settings.webhook_url
    return (url.path if url is not None else None) or "/"


def build_web_app(app: App, redis: Redis | None) -> web.Application:
    claims: UpdateClaims = RedisClaims(redis, app.bot.id) if redis else MemoryClaims()
    web_app = web.Application()
    web_app["bot_app"] = app
    if redis is not None:
        web_app["redis"] = redis
    web_app.router.add_post(webhook_path(app), WebhookEndpoint(app, claims))
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    # The review board rides on the same server in webhook mode: one address, one proxy rule.
    from webapp.app import PREFIX, build_board_app

    web_app.add_subapp(PREFIX, build_board_app(app))
    return web_app


async def run_webhook(app: App) -> None:
    """Serves until SIGTERM/SIGINT; the webhook stays set for the other replicas."""
    settings = app.settings
    if settings.webhook_url is None or settings.webhook_secret is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET")
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    dp = app.dispatcher
    runner = web.AppRunner(build_web_app(app, redis))
    try:
        await dp.emit_startup(bot=app.bot, **dp.workflow_data)
        await app.bot.set_webhook(
            str(settings.webhook_url),
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=dp.resolve_used_update_types(),
        )
        await runner.setup()
        host, port = settings.listen_host_port
        await web.TCPSite(runner, host, port).start()
        log.info("webhook server listening on %s:%s", host, port)
        await _wait_for_stop_signal()
    finally:
        await runner.cleanup()
        await dp.emit_shutdown(bot=app.bot, **dp.workflow_data)
        if redis is not None:
            await redis.aclose()
        await app.close()


async def _wait_for_stop_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
