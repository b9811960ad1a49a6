"""The bot itself: getMe, updates (polling and webhooks), commands, callback answers."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from emulator.api.context import Backend, Described, Handler
from emulator.errors import JSON, QUERY_TOO_OLD, WEBHOOK_ACTIVE, ApiError, bad_request
from emulator.params import Params
from emulator.updates import Webhook

_ALLOWED_UPDATES_ERROR = "Bad Request: can't parse allowed_updates JSON array"
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
_WEBHOOK_PORTS = (80, 88, 443, 8443)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
MAX_CALLBACK_TEXT = 200


async def get_me(b: Backend, p: Params) -> JSON:
    return {
        **b.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": not b.options.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _allowed_updates(p: Params) -> list[str] | None:
    kinds = p.json("allowed_updates", _ALLOWED_UPDATES_ERROR)
    if kinds is not None and not (
        isinstance(kinds, list) and all(isinstance(k, str) for k in kinds)
    ):
        raise bad_request(_ALLOWED_UPDATES_ERROR)
    return kinds


async def get_updates(b: Backend, p: Params) -> list[JSON]:
    if b.updates.webhook is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)
    offset = p.integer("offset", "Bad Request: offset is invalid") or 0
    limit = p.integer("limit", "Bad Request: limit is invalid") or 100
    timeout = p.integer("timeout", "Bad Request: timeout is invalid") or 0
    b.updates.confirm(offset)
    b.updates.set_allowed(_allowed_updates(p))
    return await b.updates.poll(limit if 1 <= limit <= 100 else 100, timeout)


def _check_webhook_url(url: str) -> None:
    parts = urlsplit(url)
    local = parts.hostname in _LOCAL_HOSTS  # the emulator lets tests use plain local http
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise bad_request("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    if not parts.hostname:
        raise bad_request(
            "Bad Request: bad webhook: Failed to resolve host: Name or service not known"
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if not local and port not in _WEBHOOK_PORTS:
        raise bad_request(
            "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
        )


async def set_webhook(b: Backend, p: Params) -> Described:
    url = (p.get("url") or "").strip()
    if not url:
        return await delete_webhook(b, p)
    _check_webhook_url(url)
    secret = p.get("secret_token") or None
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("Bad Request: secret token contains unallowed characters")
    connections = p.integer("max_connections", "Bad Request: max_connections is invalid") or 40
    allowed = _allowed_updates(p)
    same = b.updates.webhook is not None and b.updates.webhook.url == url
    if p.flag("drop_pending_updates"):
        b.updates.drop_pending()
    b.updates.set_allowed(allowed)
    b.updates.interrupt(ApiError(409, WEBHOOK_ACTIVE))
    b.updates.webhook = Webhook(url, secret, max(1, min(connections, 100)), allowed)
    b.webhook.restart()
    return Described(True, "Webhook is already set" if same else "Webhook was set")


async def delete_webhook(b: Backend, p: Params) -> Described:
    if p.flag("drop_pending_updates"):
        b.updates.drop_pending()
    existed = b.updates.webhook is not None
    b.updates.webhook = None
    b.webhook.cancel()
    return Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")


async def get_webhook_info(b: Backend, p: Params) -> JSON:
    webhook = b.updates.webhook
    info: JSON = {
        "url": webhook.url if webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(b.updates.pending),
    }
    if webhook is not None:
        info.update(ip_address="127.0.0.1", max_connections=webhook.max_connections)
        if webhook.last_error_date is not None:
            info["last_error_date"] = webhook.last_error_date
            info["last_error_message"] = webhook.last_error_message
    if b.updates.allowed_list is not None:
        info["allowed_updates"] = b.updates.allowed_list
    return info


def _commands_key(p: Params) -> tuple[str, str]:
    scope = p.json("scope", "Bad Request: can't parse BotCommandScope JSON object")
    if scope is not None and not isinstance(scope, dict):
        raise bad_request("Bad Request: can't parse BotCommandScope JSON object")
    canonical = json.dumps(scope or {"type": "default"}, sort_keys=True)
    return canonical, p.get("language_code") or ""


def _check_command(command: Any) -> JSON:
    if not isinstance(command, dict):
        raise bad_request("Bad Request: can't parse commands JSON object")
    name, description = command.get("command"), command.get("description")
    if not isinstance(name, str) or not isinstance(description, str):
        raise bad_request("Bad Request: can't parse commands JSON object")
    if not name:
        raise bad_request("Bad Request: command must be non-empty")
    if not _COMMAND.match(name):
        raise bad_request("Bad Request: BOT_COMMAND_INVALID")
    if not description.strip():
        raise bad_request("Bad Request: command description must be non-empty")
    if len(description) > 256:
        raise bad_request("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    return {"command": name, "description": description}


async def set_my_commands(b: Backend, p: Params) -> bool:
    commands = p.json("commands", "Bad Request: can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("Bad Request: can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("Bad Request: too many commands specified")
    b.commands[_commands_key(p)] = [_check_command(c) for c in commands]
    return True


async def get_my_commands(b: Backend, p: Params) -> list[JSON]:
    return b.commands.get(_commands_key(p), [])


async def delete_my_commands(b: Backend, p: Params) -> bool:
    b.commands.pop(_commands_key(p), None)
    return True


async def answer_callback_query(b: Backend, p: Params) -> bool:
    query_id = p.get("callback_query_id")
    if not query_id:
        raise bad_request("Bad Request: callback_query_id is empty")
    query = b.world.callbacks.get(query_id)
    too_old = query is not None and b.world.clock() - query.created_at > b.options.callback_timeout
    if query is None or query.answered or too_old:
        raise bad_request(QUERY_TOO_OLD)
    text = p.get("text") or ""
    if len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("Bad Request: MESSAGE_TOO_LONG")
    query.answer = {
        "text": text or None,
        "show_alert": p.flag("show_alert"),
        "url": p.get("url"),
        "cache_time": p.integer("cache_time", "Bad Request: cache_time is invalid") or 0,
    }
    b.world.notify()
    return True


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "answerCallbackQuery": answer_callback_query,
}
