"""What every Bot API method works with, and the checks most of them share."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from emulator.chats import Chat, ChatMessage
from emulator.errors import (
    BOT_BLOCKED,
    CANT_INITIATE,
    CHAT_ID_EMPTY,
    CHAT_NOT_FOUND,
    JSON,
    bad_request,
    forbidden,
)
from emulator.files import FileStore
from emulator.keyboards import Markup, parse_reply_markup
from emulator.limits import RateLimiter, Stats
from emulator.params import Params
from emulator.updates import UpdateQueue, WebhookSender
from emulator.world import World

MESSAGE_ID_EMPTY = "Bad Request: message identifier is not specified"
_CONTENT_META = ("message_id", "from", "sender_chat", "chat", "date", "edit_date")


@dataclass(frozen=True)
class Options:
    strict_html: bool = True  # refuse a bare "&" in HTML (Telegram would keep it as text)
    callback_timeout: float = 15.0  # seconds a callback query may wait for its answer
    privacy_mode: bool = True


@dataclass
class Described:
    """A result that also carries Telegram's `description` (setWebhook's "Webhook was set")."""

    result: Any
    description: str


@dataclass
class Backend:
    world: World
    files: FileStore
    updates: UpdateQueue
    webhook: WebhookSender
    limiter: RateLimiter
    stats: Stats
    options: Options
    commands: dict[tuple[str, str], list[JSON]] = field(default_factory=dict)
    default_menu_button: JSON | None = None
    album_ids: Iterator[int] = field(
        default_factory=lambda: itertools.count(13_100_000_000_000_001)
    )

    @property
    def bot_user(self) -> JSON:
        return self.world.bot_user


Handler = Callable[[Backend, Params], Awaitable[Any]]


def target_chat(b: Backend, p: Params, param: str = "chat_id") -> Chat:
    raw = (p.get(param) or "").strip()
    if not raw or raw == "0":
        raise bad_request(CHAT_ID_EMPTY)
    chat = b.world.resolve_chat(raw)
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    return chat


def chat_kind(chat: Chat) -> str:
    return {"channel": "channel", "supergroup": "supergroup"}.get(chat.type, "group")


def check_writable(b: Backend, chat: Chat) -> None:
    """The 403s (and the channel 400) Telegram answers before anything reaches the chat."""
    if chat.is_private:
        user = b.world.users[chat.id]
        if user.blocked:
            raise forbidden(BOT_BLOCKED)
        if not user.started:
            raise forbidden(CANT_INITIATE)
        return
    kind = chat_kind(chat)
    if chat.bot_status == "kicked":
        raise forbidden(f"Forbidden: bot was kicked from the {kind} chat")
    if chat.bot_status == "left":
        raise forbidden(f"Forbidden: bot is not a member of the {kind} chat")
    if chat.is_channel and chat.bot_status != "administrator":
        raise bad_request("Bad Request: need administrator rights in the channel chat")


def message_id_param(p: Params, name: str = "message_id") -> int:
    return p.require_int(name, MESSAGE_ID_EMPTY)


def reply_markup(p: Params, chat: Chat) -> Markup | None:
    return parse_reply_markup(p.get("reply_markup"), private=chat.is_private)


def reply_target(p: Params, chat: Chat) -> JSON | None:
    """reply_parameters (or the older reply_to_message_id) -> the quoted message, if any."""
    error = "Bad Request: can't parse reply parameters JSON object"
    options = p.json("reply_parameters", error)
    if options is not None and not isinstance(options, dict):
        raise bad_request(error)
    options = options or {}
    message_id = options.get("message_id", p.integer("reply_to_message_id", MESSAGE_ID_EMPTY))
    if message_id is None:
        return None
    allow = bool(options.get("allow_sending_without_reply")) or p.flag(
        "allow_sending_without_reply"
    )
    target = chat.message(int(message_id))
    if target is None:
        if allow:
            return None
        raise bad_request("Bad Request: message to be replied not found")
    return {k: v for k, v in target.data.items() if k != "reply_to_message"}


def admit(b: Backend, chat: Chat) -> None:
    b.limiter.check(chat.id, chat.is_private)


def deliver(b: Backend, chat: Chat, content: JSON, p: Params, markup: Markup | None) -> ChatMessage:
    """Stores a new bot message with the common send options applied."""
    content = dict(content)
    if markup is not None and markup.inline is not None:
        content["reply_markup"] = markup.inline
    if p.flag("protect_content"):
        content["has_protected_content"] = True
    apply_chat_keyboard(chat, markup)
    return b.world.store_bot_message(chat, content)


def apply_chat_keyboard(chat: Chat, markup: Markup | None) -> None:
    if markup is None:
        return
    if markup.keyboard is not None:
        chat.reply_keyboard = markup.keyboard
    elif markup.remove_keyboard:
        chat.reply_keyboard = None


def content_of(message: ChatMessage) -> JSON:
    """What an edit may replace: everything but the envelope."""
    keep_out = (*_CONTENT_META, "media_group_id", "reply_to_message")
    return {k: v for k, v in message.data.items() if k not in keep_out}


def with_entities(content: JSON, key: str, entities: list[JSON]) -> JSON:
    if entities:
        content[key] = entities
    return content
