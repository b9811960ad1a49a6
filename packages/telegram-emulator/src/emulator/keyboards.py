"""reply_markup validation: inline keyboards as strict as Telegram, reply keyboards accepted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from emulator.errors import (
    BUTTON_DATA_INVALID,
    JSON,
    TEXT_BUTTONS_UNALLOWED,
    bad_request,
)
from emulator.links import LinkError, check_link

MAX_BUTTONS = 100
MAX_CALLBACK_DATA = 64  # bytes, UTF-8
ACTION_FIELDS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BUTTON_ERROR = "Bad Request: can't parse inline keyboard button: "


@dataclass(frozen=True)
class Markup:
    """A parsed reply_markup: an inline keyboard goes on the message, the rest on the chat."""

    inline: JSON | None = None
    keyboard: JSON | None = None
    remove_keyboard: bool = False
    force_reply: bool = False


def _load_object(raw: str) -> JSON:
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise bad_request("Bad Request: can't parse reply keyboard markup JSON object")
    return value


def parse_reply_markup(raw: str | None, *, private: bool) -> Markup | None:
    if not raw:
        return None
    value = _load_object(raw)
    if "inline_keyboard" in value:
        return Markup(inline=_inline_keyboard(value["inline_keyboard"], private))
    if "keyboard" in value:
        return Markup(keyboard=_reply_keyboard(value))
    if value.get("remove_keyboard"):
        return Markup(remove_keyboard=True)
    if value.get("force_reply"):
        return Markup(force_reply=True)
    raise bad_request("Bad Request: can't parse reply keyboard markup JSON object")


def parse_inline_markup(raw: str | None, *, private: bool) -> JSON | None:
    """For edits, where only an inline keyboard is allowed."""
    markup = parse_reply_markup(raw, private=private)
    if markup is not None and markup.inline is None:
        raise bad_request("Bad Request: inline keyboard expected")
    return markup.inline if markup else None


def _inline_keyboard(rows: Any, private: bool) -> JSON | None:
    if not isinstance(rows, list):
        raise bad_request('Bad Request: field "inline_keyboard" must be of type Array')
    if not all(isinstance(row, list) for row in rows):
        raise bad_request('Bad Request: field "inline_keyboard" must be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("Bad Request: reply markup is too long")
    kept = [[_inline_button(button, private) for button in row] for row in rows]
    kept = [row for row in kept if row]
    return {"inline_keyboard": kept} if kept else None  # an empty keyboard is no keyboard


def _inline_button(button: Any, private: bool) -> JSON:
    if not isinstance(button, dict):
        raise bad_request(_BUTTON_ERROR + "InlineKeyboardButton must be an Object")
    if "text" not in button:
        raise bad_request(_BUTTON_ERROR + 'Can\'t find field "text"')
    if not isinstance(button["text"], str):
        raise bad_request(_BUTTON_ERROR + 'Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request(_BUTTON_ERROR + "Text must be non-empty")
    actions = [field for field in ACTION_FIELDS if button.get(field) is not None]
    if not actions:
        raise bad_request(TEXT_BUTTONS_UNALLOWED)
    if len(actions) > 1:  # Telegram would silently use one; an ambiguous button is a bug
        raise bad_request("Bad Request: BUTTON_TYPE_INVALID")
    _check_action(actions[0], button[actions[0]], private)
    return {k: v for k, v in button.items() if v is not None}


def _check_action(field: str, value: Any, private: bool) -> None:
    if field == "callback_data":
        if not isinstance(value, str) or not 1 <= len(value.encode()) <= MAX_CALLBACK_DATA:
            raise bad_request(BUTTON_DATA_INVALID)
    elif field == "url":
        _check_url(value, "inline keyboard button URL")
    elif field == "web_app":
        if not private:
            raise bad_request("Bad Request: BUTTON_TYPE_INVALID")
        url = value.get("url", "") if isinstance(value, dict) else ""
        _check_web_app_url(str(url), "inline keyboard button Web App URL")
    elif field == "copy_text":
        text = value.get("text", "") if isinstance(value, dict) else ""
        if not isinstance(text, str) or not 1 <= len(text) <= 256:
            raise bad_request("Bad Request: BUTTON_COPY_TEXT_INVALID")


def _check_url(value: Any, what: str) -> None:
    url = value if isinstance(value, str) else ""
    try:
        check_link(url)
    except LinkError as error:
        raise bad_request(f"Bad Request: {what} '{url}' is invalid: {error}") from None


def _check_web_app_url(url: str, what: str) -> None:
    _check_url(url, what)
    if not url.lower().startswith("https://"):
        raise bad_request(f"Bad Request: {what} '{url}' is invalid: Only HTTPS links are allowed")


def _reply_keyboard(value: JSON) -> JSON:
    rows = value["keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('Bad Request: field "keyboard" must be of type Array')
    for row in rows:
        for button in row:
            text = button if isinstance(button, str) else _dict_text(button)
            if not text:
                raise bad_request(
                    "Bad Request: can't parse keyboard button: Text must be non-empty"
                )
    return value


def _dict_text(button: Any) -> str:
    if not isinstance(button, dict):
        raise bad_request(
            "Bad Request: can't parse keyboard button: KeyboardButton must be an Object"
        )
    text = button.get("text")
    return text if isinstance(text, str) else ""


def keyboard_texts(keyboard: JSON | None) -> list[list[str]]:
    """The rows of button labels a user sees under the input field."""
    if not keyboard:
        return []
    return [
        [button if isinstance(button, str) else str(button["text"]) for button in row]
        for row in keyboard.get("keyboard", [])
    ]
