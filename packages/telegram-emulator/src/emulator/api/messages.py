"""Text messages: send, edit, delete, copy, forward."""

from __future__ import annotations

from typing import Any

from emulator.api.context import (
    Backend,
    Handler,
    admit,
    check_writable,
    content_of,
    deliver,
    message_id_param,
    reply_markup,
    reply_target,
    target_chat,
    with_entities,
)
from emulator.chats import Chat, ChatMessage
from emulator.errors import (
    DELETE_NOT_FOUND,
    EDIT_NOT_FOUND,
    JSON,
    NOT_MODIFIED,
    bad_request,
)
from emulator.formatting import caption_text, message_text
from emulator.keyboards import parse_inline_markup
from emulator.params import Params

DELETE_WINDOW = 48 * 3600  # a bot may delete messages younger than 48 hours
_COPYABLE = ("text", "entities", "photo", "document", "caption", "caption_entities")
_LINK_PREVIEW_ERROR = "Bad Request: can't parse link preview options JSON object"


def _text_content(b: Backend, p: Params) -> JSON:
    text, entities = message_text(
        p.get("text"), p.get("parse_mode"), p.get("entities"), strict_html=b.options.strict_html
    )
    content = with_entities({"text": text}, "entities", entities)
    preview = p.json("link_preview_options", _LINK_PREVIEW_ERROR)
    if p.flag("disable_web_page_preview"):
        preview = {"is_disabled": True}
    if isinstance(preview, dict) and preview:
        content["link_preview_options"] = preview
    return content


async def send_message(b: Backend, p: Params) -> JSON:
    chat = target_chat(b, p)
    content = _text_content(b, p)
    markup = reply_markup(p, chat)
    quoted = reply_target(p, chat)
    if quoted is not None:
        content["reply_to_message"] = quoted
    check_writable(b, chat)
    admit(b, chat)
    message = deliver(b, chat, content, p, markup)
    b.limiter.record(chat.id, chat.is_private)
    return message.data


def _editable(b: Backend, p: Params) -> tuple[Chat, ChatMessage]:
    if p.get("inline_message_id"):
        raise bad_request("Bad Request: MESSAGE_ID_INVALID")  # inline messages are not modelled
    chat = target_chat(b, p)
    message = chat.message(message_id_param(p))
    if message is None:
        raise bad_request(EDIT_NOT_FOUND)
    if not message.from_bot:
        raise bad_request("Bad Request: message can't be edited")
    return chat, message


def _apply_edit(b: Backend, chat: Chat, message: ChatMessage, content: JSON) -> JSON:
    if content == content_of(message):
        raise bad_request(NOT_MODIFIED)
    check_writable(b, chat)
    b.world.replace_content(message, content)
    return message.data


def _inline_markup(p: Params, chat: Chat) -> JSON | None:
    return parse_inline_markup(p.get("reply_markup"), private=chat.is_private)


async def edit_message_text(b: Backend, p: Params) -> JSON:
    chat, message = _editable(b, p)
    if "text" not in message.data:
        raise bad_request("Bad Request: there is no text in the message to edit")
    content = _text_content(b, p)
    if "link_preview_options" not in content and "link_preview_options" in message.data:
        content["link_preview_options"] = message.data["link_preview_options"]
    markup = _inline_markup(p, chat)
    if markup is not None:
        content["reply_markup"] = markup
    if message.data.get("has_protected_content"):
        content["has_protected_content"] = True
    return _apply_edit(b, chat, message, content)


async def edit_message_caption(b: Backend, p: Params) -> JSON:
    chat, message = _editable(b, p)
    if "photo" not in message.data and "document" not in message.data:
        raise bad_request("Bad Request: there is no caption in the message to edit")
    caption, entities = caption_text(
        p.get("caption"),
        p.get("parse_mode"),
        p.get("caption_entities"),
        strict_html=b.options.strict_html,
    )
    keep_out = ("caption", "caption_entities", "reply_markup")
    content = {k: v for k, v in content_of(message).items() if k not in keep_out}
    if caption:
        content["caption"] = caption
    with_entities(content, "caption_entities", entities)
    markup = _inline_markup(p, chat)
    if markup is not None:
        content["reply_markup"] = markup
    return _apply_edit(b, chat, message, content)


async def edit_message_reply_markup(b: Backend, p: Params) -> JSON:
    chat, message = _editable(b, p)
    content = {k: v for k, v in content_of(message).items() if k != "reply_markup"}
    markup = _inline_markup(p, chat)
    if markup is not None:
        content["reply_markup"] = markup
    return _apply_edit(b, chat, message, content)


async def delete_message(b: Backend, p: Params) -> bool:
    chat = target_chat(b, p)
    message = chat.message(message_id_param(p))
    if message is None:
        raise bad_request(DELETE_NOT_FOUND)
    if b.world.now() - int(message.data["date"]) >= DELETE_WINDOW:
        raise bad_request("Bad Request: message can't be deleted for everyone")
    if not chat.is_private and not message.from_bot and chat.bot_status != "administrator":
        raise bad_request("Bad Request: message can't be deleted")
    b.world.delete(message)
    return True


def _source_message(b: Backend, p: Params, not_found: str) -> ChatMessage:
    source = target_chat(b, p, "from_chat_id")
    original = source.message(message_id_param(p))
    if original is None:
        raise bad_request(not_found)
    if not any(key in original.data for key in ("text", "photo", "document")):
        raise bad_request("Bad Request: message can't be copied")  # service messages
    return original


def _copied_content(b: Backend, p: Params, original: ChatMessage) -> JSON:
    content = {k: v for k, v in original.data.items() if k in _COPYABLE}
    media = "photo" in content or "document" in content
    if media and p.get("caption") is not None:
        caption, entities = caption_text(
            p.get("caption"),
            p.get("parse_mode"),
            p.get("caption_entities"),
            strict_html=b.options.strict_html,
        )
        content.pop("caption", None)
        content.pop("caption_entities", None)
        if caption:
            content["caption"] = caption
        with_entities(content, "caption_entities", entities)
    return content


async def copy_message(b: Backend, p: Params) -> JSON:
    chat = target_chat(b, p)
    original = _source_message(b, p, "Bad Request: message to copy not found")
    if original.data.get("has_protected_content"):
        raise bad_request("Bad Request: message has protected content and can't be copied")
    content = _copied_content(b, p, original)
    markup = reply_markup(p, chat)
    quoted = reply_target(p, chat)
    if quoted is not None:
        content["reply_to_message"] = quoted
    check_writable(b, chat)
    admit(b, chat)
    message = deliver(b, chat, content, p, markup)
    b.limiter.record(chat.id, chat.is_private)
    return {"message_id": message.message_id}


def forward_origin(original: ChatMessage) -> JSON:
    data = original.data
    if original.chat.is_channel:
        return {
            "type": "channel",
            "chat": original.chat.as_chat(),
            "message_id": original.message_id,
            "date": data["date"],
        }
    return {"type": "user", "sender_user": data["from"], "date": data["date"]}


async def forward_message(b: Backend, p: Params) -> JSON:
    chat = target_chat(b, p)
    original = _source_message(b, p, "Bad Request: message to forward not found")
    if original.data.get("has_protected_content"):
        raise bad_request("Bad Request: message has protected content and can't be forwarded")
    content: dict[str, Any] = {k: v for k, v in original.data.items() if k in _COPYABLE}
    content = {"forward_origin": forward_origin(original), **content}
    check_writable(b, chat)
    admit(b, chat)
    message = deliver(b, chat, content, p, None)
    b.limiter.record(chat.id, chat.is_private)
    return message.data


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
}
