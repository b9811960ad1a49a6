"""Chat-level methods: getChat, getChatMember, pins, chat actions, the menu button."""

from __future__ import annotations

from emulator.api.context import (
    Backend,
    Handler,
    check_writable,
    message_id_param,
    target_chat,
)
from emulator.chats import Chat
from emulator.errors import CHAT_NOT_FOUND, JSON, bad_request
from emulator.links import LinkError, check_link
from emulator.params import Params
from emulator.world import member_object

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice",
        "upload_voice", "upload_document", "choose_sticker", "find_location",
        "record_video_note", "upload_video_note",
    }
)  # fmt: skip
_NO_GIFTS = dict.fromkeys(
    ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription",
     "gifts_from_channels"),
    False,
)  # fmt: skip
_MENU_ERROR = "Bad Request: can't parse menu button JSON object"
_PIN_RIGHTS = "Bad Request: not enough rights to manage pinned messages in the chat"


async def get_chat(b: Backend, p: Params) -> JSON:
    chat = target_chat(b, p)
    info: JSON = {
        **b.world.chat_json(chat),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict(_NO_GIFTS),
    }
    pinned = [m for m in (chat.message(i) for i in chat.pinned) if m is not None]
    if pinned:
        info["pinned_message"] = pinned[-1].data
    return info


async def get_chat_member(b: Backend, p: Params) -> JSON:
    chat = target_chat(b, p)
    user_id = p.require_int("user_id", "Bad Request: user_id is empty")
    if user_id == b.bot_user["id"]:
        status = "member" if chat.is_private else chat.bot_status
        return member_object(b.bot_user, status, chat)
    user = b.world.users.get(user_id)
    if user is None:
        raise bad_request("Bad Request: PARTICIPANT_ID_INVALID")
    if chat.is_private:
        if user_id != chat.id:
            raise bad_request("Bad Request: user not found")
        return member_object(user.as_user(), "member", chat)
    return member_object(user.as_user(), chat.members.get(user_id, "left"), chat)


def _check_pin_rights(b: Backend, chat: Chat) -> None:
    check_writable(b, chat)
    if not chat.is_private and chat.bot_status != "administrator":
        raise bad_request(_PIN_RIGHTS)


async def pin_chat_message(b: Backend, p: Params) -> bool:
    chat = target_chat(b, p)
    message = chat.message(message_id_param(p))
    if message is None:
        raise bad_request("Bad Request: message to pin not found")
    _check_pin_rights(b, chat)
    if message.message_id in chat.pinned:
        chat.pinned.remove(message.message_id)
    chat.pinned.append(message.message_id)
    if not chat.is_channel:  # Telegram adds "<bot> pinned ..." to private chats and groups
        pinned = {k: v for k, v in message.data.items() if k != "reply_to_message"}
        b.world.store_service_message(chat, {"pinned_message": pinned})
    return True


async def unpin_chat_message(b: Backend, p: Params) -> bool:
    chat = target_chat(b, p)
    message_id = p.integer("message_id", "Bad Request: message identifier is not specified")
    if message_id is not None and chat.message(message_id) is None:
        raise bad_request("Bad Request: message to unpin not found")
    _check_pin_rights(b, chat)
    if message_id is None and chat.pinned:
        chat.pinned.pop()
    elif message_id in chat.pinned:
        chat.pinned.remove(message_id)
    b.world.notify()
    return True


async def send_chat_action(b: Backend, p: Params) -> bool:
    chat = target_chat(b, p)
    action = p.get("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("Bad Request: wrong parameter action in request")
    check_writable(b, chat)
    chat.last_action = action
    return True


def _menu_chat(b: Backend, p: Params) -> Chat | None:
    if not p.get("chat_id"):
        return None
    chat = b.world.resolve_chat(p.get("chat_id") or "")
    if chat is None or not chat.is_private:
        raise bad_request(
            CHAT_NOT_FOUND if chat is None else "Bad Request: Invalid chat_id specified"
        )
    return chat


def _menu_button(p: Params) -> JSON:
    button = p.json("menu_button", _MENU_ERROR)
    if button is None:
        return {"type": "default"}
    if not isinstance(button, dict):
        raise bad_request(_MENU_ERROR)
    kind = button.get("type")
    if kind not in ("commands", "web_app", "default"):
        raise bad_request("Bad Request: unsupported menu button type")
    if kind == "web_app":
        if not str(button.get("text") or "").strip():
            raise bad_request("Bad Request: menu button text is empty")
        web_app = button.get("web_app")
        url = str(web_app.get("url", "")) if isinstance(web_app, dict) else ""
        try:
            check_link(url)
        except LinkError:
            raise bad_request(f"Bad Request: menu button Web App URL '{url}' is invalid") from None
        if not url.lower().startswith("https://"):
            raise bad_request(
                f"Bad Request: menu button Web App URL '{url}' is invalid: "
                "Only HTTPS links are allowed"
            )
    return button


async def set_chat_menu_button(b: Backend, p: Params) -> bool:
    button = _menu_button(p)
    chat = _menu_chat(b, p)
    if chat is None:
        b.default_menu_button = button
    else:
        chat.menu_button = button
    return True


async def get_chat_menu_button(b: Backend, p: Params) -> JSON:
    chat = _menu_chat(b, p)
    button = chat.menu_button if chat is not None else None
    return button or b.default_menu_button or {"type": "default"}


METHODS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "sendChatAction": send_chat_action,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
}
