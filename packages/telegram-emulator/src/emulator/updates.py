"""The bot's update queue: long polling with Telegram's offset/conflict rules, and webhook
delivery (up to `max_connections` requests at once, as Telegram does, but one at a time per chat
so each chat's updates arrive in order; retried until the bot answers 2xx)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from emulator.errors import JSON, TERMINATED_BY_OTHER, ApiError
from emulator.limits import Stats
from emulator.params import Params, read_multipart

log = logging.getLogger(__name__)

ALL_KINDS = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_connection", "business_message", "edited_business_message",
        "deleted_business_messages", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
        "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
        "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
    }
)  # fmt: skip
# What a bot gets when it never named allowed_updates (or sent []), per the Bot API docs.
DEFAULT_KINDS = ALL_KINDS - {"chat_member", "message_reaction", "message_reaction_count"}
MAX_POLL_TIMEOUT = 50.0

WebhookReply = Callable[[str, Params], Awaitable[None]]


@dataclass
class Webhook:
    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None
    last_error_date: int | None = None
    last_error_message: str | None = None


class _Poll:
    def __init__(self) -> None:
        self.error: ApiError | None = None


class UpdateQueue:
    def __init__(self, clock: Callable[[], float], stats: Stats) -> None:
        self.clock = clock
        self.stats = stats
        self.pending: deque[JSON] = deque()
        self.allowed: frozenset[str] = DEFAULT_KINDS
        self.allowed_list: list[str] | None = None  # as last named by the bot
        self.webhook: Webhook | None = None
        self._next_id = 1
        self._changed = asyncio.Event()
        self._poll: _Poll | None = None
        self._closed = False

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def push(self, update: JSON) -> int | None:
        """Queues `update` (without update_id) unless the bot's allowed_updates exclude its kind;
        the id is used up either way, as Telegram's are."""
        update_id = self._next_id
        self._next_id += 1
        kind = next(iter(update))
        if kind not in self.allowed:
            return None
        self._append({"update_id": update_id, **update})
        return update_id

    def push_raw(self, update: JSON) -> int:
        """Queues anything as is (malformed updates for tests), numbering it if unnumbered."""
        if not isinstance(update.get("update_id"), int):
            update = {"update_id": self._next_id, **update}
        self._next_id = max(self._next_id, int(update["update_id"]) + 1)
        self._append(update)
        return int(update["update_id"])

    def _append(self, update: JSON) -> None:
        self.pending.append(update)
        self.stats.updates_created += 1
        self._notify()

    def set_allowed(self, kinds: list[str] | None) -> None:
        """None keeps the previous choice; [] means the default set, as on Telegram."""
        if kinds is None:
            return
        self.allowed_list = kinds
        self.allowed = frozenset(kinds) & ALL_KINDS if kinds else DEFAULT_KINDS

    def confirm(self, offset: int) -> None:
        """Forgets updates below `offset`; a negative offset keeps only the last -offset ones."""
        if offset > 0:
            while self.pending and self.pending[0]["update_id"] < offset:
                self.pending.popleft()
        elif offset < 0:
            while len(self.pending) > -offset:
                self.pending.popleft()

    def drop_pending(self) -> None:
        self.pending.clear()

    def interrupt(self, error: ApiError) -> None:
        """Ends a waiting getUpdates with `error` (a newer poll, a webhook being set)."""
        if self._poll is not None:
            self._poll.error = error
            self._notify()

    async def poll(self, limit: int, hold: float) -> list[JSON]:
        """Up to `limit` pending updates, holding the request up to `hold` s while none is."""
        self.interrupt(ApiError(409, TERMINATED_BY_OTHER))
        ticket = self._poll = _Poll()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(max(hold, 0.0), MAX_POLL_TIMEOUT)
        try:
            while not self.pending and ticket.error is None and not self._closed:
                if not await self.wait_change(deadline - loop.time()):
                    break
            if ticket.error is not None:
                raise ticket.error
            return [self.pending[i] for i in range(min(limit, len(self.pending)))]
        finally:
            if self._poll is ticket:
                self._poll = None

    async def wait_change(self, seconds: float) -> bool:
        """True when something changed within `seconds`."""
        if seconds <= 0:
            return False
        try:
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
            # that races with the event, which left the webhook sender running forever.
            async with asyncio.timeout(seconds):
                await self._changed.wait()
        except TimeoutError:
            return False
        return True

    def changed(self) -> None:
        """Wakes whoever waits on the queue (a delivery finished or failed)."""
        self._notify()

    def close(self) -> None:
        self._closed = True
        self._notify()


class WebhookSender:
    """Posts queued updates to the webhook one by one; a non-2xx answer is retried later."""

    def __init__(
        self, queue: UpdateQueue, on_reply: WebhookReply, retry_delay: float = 0.5
    ) -> None:
        self.queue = queue
        self.on_reply = on_reply
        self.retry_delay = retry_delay
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def restart(self) -> None:
        self.cancel()
        if self.queue.webhook is not None:
            self._task = asyncio.get_running_loop().create_task(self._run(self.queue.webhook))

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self, webhook: Webhook) -> None:
        """One dispatcher hands updates to at most `max_connections` concurrent deliveries."""
        queue = self.queue
        slots = asyncio.Semaphore(max(1, webhook.max_connections))
        busy_chats: set[object] = set()
        in_flight: set[int] = set()
        async with asyncio.TaskGroup() as deliveries:
            while True:
                await slots.acquire()
                update = _next_deliverable(queue.pending, busy_chats, in_flight)
                while update is None:
                    await queue.wait_change(3600.0)
                    update = _next_deliverable(queue.pending, busy_chats, in_flight)
                chat, update_id = _chat_key(update), int(update["update_id"])
                busy_chats.add(chat)
                in_flight.add(update_id)
                delivery = deliveries.create_task(self._deliver(webhook, update))
                delivery.add_done_callback(
                    _finisher(queue, slots, busy_chats, chat, in_flight, update_id)
                )

    async def _deliver(self, webhook: Webhook, update: JSON) -> None:
        queue = self.queue
        if await self._post(webhook, update):
            _forget(queue.pending, update)
            queue.stats.webhook_deliveries += 1
        else:
            queue.stats.webhook_failures += 1
            await asyncio.sleep(self.retry_delay)  # the chat waits for its retry

    async def _post(self, webhook: Webhook, update: JSON) -> bool:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        headers = {"Content-Type": "application/json"}
        if webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        try:
            async with self._session.post(
                webhook.url, data=json.dumps(update), headers=headers
            ) as response:
                if not 200 <= response.status < 300:
                    self._failed(
                        webhook,
                        f"Wrong response from the webhook: {response.status} "
                        f"{response.reason or ''}".strip(),
                    )
                    return False
                await self._reply(response)
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            self._failed(webhook, _connection_error(error))
            return False
        return True

    def _failed(self, webhook: Webhook, message: str) -> None:
        webhook.last_error_date = int(self.queue.clock())
        webhook.last_error_message = message
        log.debug("webhook delivery failed: %s", message)

    async def _reply(self, response: aiohttp.ClientResponse) -> None:
        """A webhook may answer with a method call (JSON or multipart, aiogram sends both)."""
        if response.content_type.startswith("multipart/"):
            reader = aiohttp.MultipartReader(response.headers, response.content)
            params = await read_multipart(reader, 50 * 1024 * 1024)
        elif response.content_type == "application/json":
            try:
                body = json.loads(await response.read() or b"{}")
            except ValueError:
                return
            if not isinstance(body, dict):
                return
            params = Params(
                {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
            )
        else:
            return
        method = params.values.pop("method", None)
        if method:
            await self.on_reply(method, params)


def _chat_key(update: JSON) -> object:
    """Which chat an update belongs to (its order matters within the chat only)."""
    body = next((v for k, v in update.items() if k != "update_id"), None)
    if isinstance(body, dict):
        for holder in (body.get("message"), body):
            if isinstance(holder, dict) and isinstance(holder.get("chat"), dict):
                return holder["chat"].get("id")
        sender = body.get("from") or body.get("user")
        if isinstance(sender, dict):
            return ("user", sender.get("id"))
    return ("update", update.get("update_id"))


def _finisher(
    queue: UpdateQueue,
    slots: asyncio.Semaphore,
    busy_chats: set[object],
    chat: object,
    in_flight: set[int],
    update_id: int,
) -> Callable[[asyncio.Task[None]], None]:
    def finished(_: asyncio.Task[None]) -> None:
        busy_chats.discard(chat)
        in_flight.discard(update_id)
        slots.release()
        queue.changed()

    return finished


SCAN_LIMIT = 2_000  # how deep the dispatcher looks past busy chats for deliverable updates


def _next_deliverable(
    pending: deque[JSON], busy_chats: set[object], in_flight: set[int]
) -> JSON | None:
    blocked: set[object] = set()
    for update in itertools.islice(pending, SCAN_LIMIT):
        chat = _chat_key(update)
        if update.get("update_id") in in_flight or chat in busy_chats or chat in blocked:
            blocked.add(chat)  # a later update of the chat waits for the earlier one
            continue
        return update
    return None


def _forget(pending: deque[JSON], update: JSON) -> None:
    for index, queued in enumerate(pending):
        if queued is update:
            del pending[index]
            return


def _connection_error(error: BaseException) -> str:
    if isinstance(error, aiohttp.ClientConnectorError):
        return "Connection refused"
    if isinstance(error, TimeoutError):
        return "Read timeout expired"
    return f"Connection error: {error}"
