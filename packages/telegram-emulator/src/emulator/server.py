"""BotAPIEmulator: the HTTP server aiogram talks to, plus the handles tests script it with."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from emulator.api import BY_LOWER_NAME, METHODS, Backend, Described, Options
from emulator.chats import CallbackQuery, Chat, FakeChannel, FakeGroup, FakeUser
from emulator.errors import JSON, ApiError, default_description
from emulator.files import MAX_UPLOAD, FileStore
from emulator.limits import Limits, RateLimiter, Stats
from emulator.params import Params, read_request
from emulator.updates import UpdateQueue, WebhookSender
from emulator.world import Clock, World

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

_MAX_REQUEST = MAX_UPLOAD + 1024 * 1024  # a 50 MB file plus the other fields
PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"


@dataclass(frozen=True)
class Call:
    """One Bot API call as the emulator answered it."""

    method: str
    params: dict[str, str]  # JSON-valued parameters stay JSON text, files are "<name> (N bytes)"
    status: int
    response: JSON
    at: float
    source: str = "http"  # or "webhook" for a method returned in a webhook reply

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        return self.response.get("result")

    @property
    def description(self) -> str | None:
        return self.response.get("description")

    def json(self, name: str) -> Any:
        """A JSON-valued parameter decoded (reply_markup, media, entities ...)."""
        raw = self.params.get(name)
        return None if raw is None else json.loads(raw)


@dataclass
class _Fault:
    status: int
    description: str
    remaining: int
    parameters: JSON | None = None


@dataclass
class _Delays:
    default: float = 0.0
    by_method: dict[str, float] = field(default_factory=dict)

    def for_method(self, method: str) -> float:
        return self.by_method.get(method, self.default)


def canonical_method(name: str) -> str:
    """Telegram matches method names case-insensitively: "sendmessage" is sendMessage."""
    return BY_LOWER_NAME.get(name.lower(), name)


class BotAPIEmulator:
    """A local Telegram Bot API: `await emu.start()`, then point aiogram at `emu.base_url`."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "test_bot",
        bot_first_name: str = "Test Bot",
        limits: Limits | None = None,
        files_dir: Path | None = None,
        callback_timeout: float = 15.0,
        privacy_mode: bool = True,
        strict_html: bool = True,
        webhook_retry_delay: float = 0.5,
        max_calls: int = 100_000,
        clock: Clock = time.time,
    ) -> None:
        bot_id, sep, secret = token.partition(":")
        if not (bot_id.isdigit() and sep and secret):
            raise ValueError(f"a bot token looks like '123456:ABC...', not {token!r}")
        self.token = token
        self.stats = Stats()
        self.calls: deque[Call] = deque(maxlen=max_calls)
        self.on_call: list[Callable[[Call], None]] = []
        self.internal_errors: list[BaseException] = []
        bot_user: JSON = {
            "id": int(bot_id),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.files = FileStore(files_dir, seed=token)
        self.updates = UpdateQueue(self._now, self.stats)
        self.world = World(bot_user, self.updates, self.files, clock, privacy_mode)
        self.world.diagnostics = self._recent_errors
        self.limiter = RateLimiter(limits or Limits(), self._now, self.stats)
        self._backend = Backend(
            world=self.world,
            files=self.files,
            updates=self.updates,
            webhook=WebhookSender(self.updates, self._webhook_reply, webhook_retry_delay),
            limiter=self.limiter,
            stats=self.stats,
            options=Options(strict_html, callback_timeout, privacy_mode),
        )
        self._faults: dict[str, deque[_Fault]] = {}
        self._proxy_pages: dict[str, tuple[int, int]] = {}  # method -> (status, times)
        self._delays = _Delays()
        self._runner: web.AppRunner | None = None
        self.host = "127.0.0.1"
        self.port: int | None = None

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self, port: int = 0, host: str = "127.0.0.1") -> str:
        """Binds the server (port 0: any free port) and returns base_url."""
        app = web.Application(client_max_size=_MAX_REQUEST)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        # A short shutdown: held long polls are released by stop() anyway.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host, self.port = host, int(self._runner.addresses[0][1])
        return self.base_url

    async def stop(self) -> None:
        self.updates.close()  # releases held getUpdates so the server can shut down at once
        await self._backend.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://{self.host}:{self.port}"

    def make_bot(self, **kwargs: Any) -> Bot:
        """An aiogram Bot pointed at this emulator (close its session when done)."""
        from aiogram import Bot
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer

        session = AiohttpSession(api=TelegramAPIServer.from_base(self.base_url))
        return Bot(self.token, session=session, **kwargs)

    # --- the scripted world -------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        """Seconds since the epoch for message dates, callback ages and rate limits."""
        return self.world.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self.world.clock = clock

    def _now(self) -> float:
        return self.world.clock()

    @property
    def bot_user(self) -> JSON:
        return self.world.bot_user

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
        *,
        started: bool = True,
        user_id: int | None = None,
    ) -> FakeUser:
        """A user; `started=False` is one who never wrote to the bot (it gets a 403)."""
        return self.world.add_user(
            first_name, last_name, username, language_code, started=started, user_id=user_id
        )

    def add_group(
        self,
        title: str,
        members: Iterable[FakeUser] = (),
        *,
        username: str | None = None,
        supergroup: bool = True,
        admins: Iterable[FakeUser] = (),
        bot_admin: bool = False,
    ) -> FakeGroup:
        """A group the bot is a member of (an admin with bot_admin=True)."""
        return self.world.add_group(
            title, members, username=username, supergroup=supergroup, admins=admins,
            bot_admin=bot_admin,
        )  # fmt: skip

    def add_channel(
        self,
        title: str,
        username: str | None = None,
        *,
        subscribers: Iterable[FakeUser] = (),
        bot_admin: bool = True,
    ) -> FakeChannel:
        """A channel where the bot is an administrator unless bot_admin=False."""
        return self.world.add_channel(title, username, subscribers=subscribers, bot_admin=bot_admin)

    def user(self, user_id: int) -> FakeUser:
        return self.world.users[user_id]

    def chat(self, chat_id: int) -> Chat:
        return self.world.chats[chat_id]

    def enqueue_raw_update(self, update: JSON) -> int:
        """Queues any dict as an update (malformed ones included); returns its update_id."""
        return self.updates.push_raw(update)

    @property
    def pending_updates(self) -> list[JSON]:
        return list(self.updates.pending)

    def callback(self, query_id: str) -> CallbackQuery:
        return self.world.callbacks[query_id]

    async def wait_answered(self, query_id: str, timeout: float = 30.0) -> CallbackQuery:  # noqa: ASYNC109 - tests call it with timeout=
        """Waits until the bot answers the callback query `user.tap` returned."""
        return await self.world.wait_answered(query_id, timeout)

    def unanswered_callbacks(self) -> list[CallbackQuery]:
        return [q for q in self.world.callbacks.values() if not q.answered]

    # --- faults and assertions ----------------------------------------------------------

    def fail_next(
        self,
        method: str,
        status: int = 500,
        description: str | None = None,
        *,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """The next `times` calls of `method` ("*" for any) fail with `status`."""
        if status == 429:
            retry_after = retry_after or 1
        parameters = {"retry_after": retry_after} if retry_after else None
        text = description or (
            f"Too Many Requests: retry after {retry_after}"
            if status == 429
            else default_description(status)
        )
        key = "*" if method == "*" else canonical_method(method)
        self._faults.setdefault(key, deque()).append(_Fault(status, text, times, parameters))

    def forget_files(self) -> None:
        """Telegram (a local Bot API server) no longer knows any file_id issued so far."""
        self.files.forget()

    def fail_next_with_proxy_page(self, method: str, status: int = 502, *, times: int = 1) -> None:
        """The next `times` calls of `method` get a proxy's HTML error page instead of the Bot
        API's JSON, as when a load balancer in front of Telegram fails."""
        self._proxy_pages[canonical_method(method)] = (status, times)

    def set_delay(self, seconds: float, method: str | None = None) -> None:
        """Delays every answer (or those of one method) by `seconds`; 0 removes the delay."""
        if method is None:
            self._delays.default = seconds
        else:
            self._delays.by_method[canonical_method(method)] = seconds

    def clear_faults(self) -> None:
        self._faults.clear()
        self._delays = _Delays()

    def calls_to(self, method: str) -> list[Call]:
        name = canonical_method(method)
        return [call for call in self.calls if call.method == name]

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 10.0) -> Call:  # noqa: ASYNC109 - tests call it with timeout=
        """Until `count` completed calls of `method` are logged; returns the last of them."""
        await self.world.wait_for(
            lambda: len(self.calls_to(method)) >= count,
            timeout,
            lambda: f"{count} call(s) of {method}",
        )
        return self.calls_to(method)[count - 1]

    @property
    def failed_calls(self) -> list[Call]:
        return [call for call in self.calls if not call.ok]

    def _recent_errors(self) -> str:
        failed = [f"{c.method}: {c.description}" for c in list(self.calls)[-50:] if not c.ok]
        return f"recent Bot API errors: {failed[-3:]}" if failed else ""

    # --- HTTP ---------------------------------------------------------------------------

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _json_response(ApiError(401, "Unauthorized").body(), 401)
        try:
            params = await read_request(request, _MAX_REQUEST)
        except ApiError as error:
            return _json_response(error.body(), error.status)
        page = self._take_proxy_page(request.match_info["method"])
        if page is not None:
            return web.Response(status=page, text=PROXY_PAGE, content_type="text/html")
        status, body = await self.dispatch(request.match_info["method"], params)
        return _json_response(body, status)

    def _take_proxy_page(self, method: str) -> int | None:
        name = canonical_method(method)
        if name not in self._proxy_pages:
            return None
        status, times = self._proxy_pages[name]
        if times <= 1:
            del self._proxy_pages[name]
        else:
            self._proxy_pages[name] = (status, times - 1)
        self.calls.append(Call(name, {}, status, {"proxy_page": True}, self._now(), "http"))
        return status

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _json_response(ApiError(401, "Unauthorized").body(), 401)
        stored = self.files.by_path(request.match_info["path"])
        if stored is None:
            return _json_response(ApiError(404, "Not Found").body(), 404)
        return web.Response(body=stored.read(), content_type="application/octet-stream")

    async def _not_found(self, request: web.Request) -> web.Response:
        return _json_response(ApiError(404, "Not Found").body(), 404)

    async def _webhook_reply(self, method: str, params: Params) -> None:
        await self.dispatch(method, params, source="webhook")

    async def dispatch(self, method: str, params: Params, source: str = "http") -> tuple[int, JSON]:
        """Runs one Bot API call: delay, injected fault, then the method; logs it."""
        name = canonical_method(method)
        self.stats.calls[name] += 1
        delay = self._delays.for_method(name)
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            status, body = 200, await self._invoke(name, params)
        except ApiError as error:
            status, body = error.status, error.body()
            self.stats.errors[error.description] += 1
        call = Call(name, params.for_log(), status, body, self._now(), source)
        self.calls.append(call)
        self.world.notify()  # wakes wait_for_call as well as chat waiters
        for hook in self.on_call:
            hook(call)
        return status, body

    async def _invoke(self, name: str, params: Params) -> JSON:
        self._raise_fault(name)
        handler = METHODS.get(name)
        if handler is None:
            raise ApiError(404, "Not Found")
        try:
            result = await handler(self._backend, params)
        except ApiError:
            raise
        except Exception as error:  # an emulator bug must not look like a Telegram answer
            log.exception("emulator failed on %s", name)
            self.internal_errors.append(error)
            raise ApiError(500, f"Internal Server Error: emulator bug: {error!r}") from error
        if isinstance(result, Described):
            return {"ok": True, "result": result.result, "description": result.description}
        return {"ok": True, "result": result}

    def _raise_fault(self, name: str) -> None:
        for key in (name, "*"):
            queue = self._faults.get(key)
            if queue:
                fault = queue[0]
                fault.remaining -= 1
                if fault.remaining <= 0:
                    queue.popleft()
                raise ApiError(fault.status, fault.description, fault.parameters)


def _json_response(body: JSON, status: int) -> web.Response:
    return web.json_response(body, status=status, dumps=lambda v: json.dumps(v, ensure_ascii=False))
