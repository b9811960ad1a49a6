"""The people and chats of the scripted world, and the messages in them. Tests hold these
objects; their actions go through the World, which turns them into updates for the bot."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from emulator.errors import JSON
from emulator.keyboards import keyboard_texts
from emulator.text import find_entities

if TYPE_CHECKING:
    from emulator.world import World

FileData = bytes | Path


@dataclass(eq=False)
class ChatMessage:
    """One message as the chat shows it now; edits replace `data` in place."""

    chat: Chat
    data: JSON
    from_bot: bool
    edits: int = 0
    deleted: bool = False
    versions: list[JSON] = field(default_factory=list)  # earlier contents, oldest first

    @property
    def message_id(self) -> int:
        return int(self.data["message_id"])

    @property
    def text(self) -> str:
        """The text, or a media message's caption."""
        return str(self.data.get("text", self.data.get("caption", "")))

    @property
    def entities(self) -> list[JSON]:
        entities = self.data.get("entities", self.data.get("caption_entities"))
        return list(entities) if isinstance(entities, list) else []

    @property
    def reply_markup(self) -> JSON | None:
        markup = self.data.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    @property
    def buttons(self) -> list[list[JSON]]:
        markup = self.reply_markup
        return [list(row) for row in markup.get("inline_keyboard", [])] if markup else []

    @property
    def button_texts(self) -> list[str]:
        return [str(button["text"]) for row in self.buttons for button in row]

    @property
    def photo(self) -> list[JSON] | None:
        return self.data.get("photo")

    @property
    def document(self) -> JSON | None:
        return self.data.get("document")

    def button(self, text: str | None = None, *, callback_data: str | None = None) -> JSON:
        """The inline button with this label (or callback_data); LookupError lists the others."""
        for row in self.buttons:
            for button in row:
                if (text is None or button["text"] == text) and (
                    callback_data is None or button.get("callback_data") == callback_data
                ):
                    return button
        wanted = text if text is not None else f"callback_data={callback_data!r}"
        raise LookupError(f"no button {wanted!r} in message {self.message_id}: {self.button_texts}")

    def __repr__(self) -> str:
        who = "bot" if self.from_bot else "user"
        flags = (" deleted" if self.deleted else "") + (
            f" edits={self.edits}" if self.edits else ""
        )
        return f"<ChatMessage {self.chat.id}/{self.message_id} {who}{flags} {self.text[:40]!r}>"


@dataclass
class CallbackQuery:
    """A tap on an inline button, and what the bot answered (None until answerCallbackQuery)."""

    id: str
    user: FakeUser
    message: ChatMessage
    data: str
    created_at: float
    answer: JSON | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None


class Chat:
    """A chat as both sides see it. Private chats belong to a FakeUser (`user.chat`)."""

    def __init__(
        self,
        world: World,
        chat_id: int,
        kind: str,
        *,
        title: str | None = None,
        username: str | None = None,
    ) -> None:
        self.world = world
        self.id = chat_id
        self.type = kind  # "private", "group", "supergroup" or "channel"
        self.title = title
        self.username = username
        self.bot_status = "member"  # member, administrator, left or kicked
        self.members: dict[int, str] = {}  # user id -> creator/administrator/member/left/kicked
        self.messages: list[ChatMessage] = []
        self.pinned: list[int] = []
        self.reply_keyboard: JSON | None = None
        self.last_action: str | None = None
        self.menu_button: JSON | None = None
        self._by_id: dict[int, ChatMessage] = {}
        self._ids = itertools.count(1)
        self._bot_log: list[ChatMessage] = []
        self._read = 0

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    @property
    def is_channel(self) -> bool:
        return self.type == "channel"

    def as_chat(self) -> JSON:
        """The Bot API `Chat` object."""
        chat: JSON = {"id": self.id, "type": self.type}
        if self.title is not None:
            chat["title"] = self.title
        if self.username:
            chat["username"] = self.username
        return chat

    def message(self, message_id: int) -> ChatMessage | None:
        """A message that exists and is not deleted."""
        found = self._by_id.get(message_id)
        return found if found is not None and not found.deleted else None

    @property
    def history(self) -> list[ChatMessage]:
        """Every visible message, both sides, oldest first (edits are in place)."""
        return [m for m in self.messages if not m.deleted]

    @property
    def inbox(self) -> list[ChatMessage]:
        """The bot's visible messages in this chat."""
        return [m for m in self.messages if m.from_bot and not m.deleted]

    @property
    def last_message(self) -> ChatMessage | None:
        inbox = self.inbox
        return inbox[-1] if inbox else None

    @property
    def unread(self) -> list[ChatMessage]:
        return self._bot_log[self._read :]

    @property
    def keyboard(self) -> list[list[str]]:
        """The reply keyboard the bot left under the input field."""
        return keyboard_texts(self.reply_keyboard)

    def mark_read(self) -> None:
        self._read = len(self._bot_log)

    async def wait_for_messages(self, n: int = 1, timeout: float = 30.0) -> list[ChatMessage]:  # noqa: ASYNC109 - tests call it with timeout=
        """The next `n` bot messages not returned before (including ones already arrived)."""

        def describe() -> str:
            got = [m.text[:60] for m in self.unread]
            return f"expected {n} new bot message(s) in chat {self.id}, got {len(got)}: {got}"

        await self.world.wait_for(lambda: len(self._bot_log) - self._read >= n, timeout, describe)
        batch = self._bot_log[self._read : self._read + n]
        self._read += n
        return batch

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 30.0,  # noqa: ASYNC109 - tests call it with timeout=
        what: str = "condition",
    ) -> None:
        await self.world.wait_for(predicate, timeout, lambda: f"{what} in chat {self.id}")

    def _store(self, data: JSON, from_bot: bool) -> ChatMessage:
        data = {"message_id": next(self._ids), **data}
        message = ChatMessage(self, data, from_bot)
        self.messages.append(message)
        self._by_id[message.message_id] = message
        if from_bot:
            self._bot_log.append(message)
        return message

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.type} {self.title or ''!r}>"


class FakeUser:
    """A person with a private chat with the bot (chat id == user id)."""

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
        started: bool,
    ) -> None:
        self.world = world
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.started = started  # has ever written to the bot: the bot may write back
        self.blocked = False
        self.chat = Chat(world, user_id, "private")

    def as_user(self) -> JSON:
        """The Bot API `User` object."""
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                user[key] = getattr(self, key)
        return user

    def as_private_chat(self) -> JSON:
        chat: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    # --- writing to the bot -------------------------------------------------------------

    async def send_text(self, text: str, *, reply_to: ChatMessage | None = None) -> ChatMessage:
        """Sends text; commands, mentions and links get entities as Telegram adds them."""
        return await self.world.user_sends(self, self.chat, text_content(text), reply_to)

    async def reply_to(self, message: ChatMessage, text: str) -> ChatMessage:
        return await self.world.user_sends(self, message.chat, text_content(text), message)

    async def press(self, text: str) -> ChatMessage:
        """Presses a reply-keyboard button: sends its label (ValueError if it is not shown)."""
        labels = [label for row in self.chat.keyboard for label in row]
        if text not in labels:
            raise ValueError(f"no reply keyboard button {text!r}; the keyboard shows {labels}")
        return await self.send_text(text)

    async def send_photo(
        self, photo: FileData, caption: str | None = None, *, reply_to: ChatMessage | None = None
    ) -> ChatMessage:
        content = self.world.photo_content(photo, caption)
        return await self.world.user_sends(self, self.chat, content, reply_to)

    async def send_document(
        self,
        document: FileData,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> ChatMessage:
        content = self.world.document_content(document, file_name, mime_type, caption)
        return await self.world.user_sends(self, self.chat, content, None)

    async def send_album(
        self, photos: Sequence[FileData], caption: str | None = None
    ) -> list[ChatMessage]:
        """Several photos sharing a media_group_id; the caption goes on the first, as in apps."""
        return await self.world.user_sends_album(self, self.chat, photos, caption)

    async def send_album_part(
        self, photo: FileData, media_group_id: str, caption: str | None = None
    ) -> ChatMessage:
        """One photo of an album (`media_group_id` shared with the other parts)."""
        return await self.world.user_sends_album_part(
            self, self.chat, photo, media_group_id, caption
        )

    async def edit_text(self, message: ChatMessage, text: str) -> ChatMessage:
        """Edits one of this user's text messages: an edited_message update."""
        return await self.world.user_edits(self, message, text)

    async def tap(
        self,
        message: ChatMessage,
        text: str | None = None,
        *,
        callback_data: str | None = None,
        forged_data: str | None = None,
    ) -> str:
        """Taps an inline button of a bot message (or sends `forged_data` as if a stale or
        tampered button had been tapped); returns the callback query id."""
        return await self.world.tap(self, message, text, callback_data, forged_data)

    def block_bot(self) -> None:
        self.world.set_blocked(self, True)

    def unblock_bot(self) -> None:
        self.world.set_blocked(self, False)

    # --- reading the private chat -------------------------------------------------------

    @property
    def inbox(self) -> list[ChatMessage]:
        return self.chat.inbox

    @property
    def last_message(self) -> ChatMessage | None:
        return self.chat.last_message

    @property
    def history(self) -> list[ChatMessage]:
        return self.chat.history

    @property
    def unread(self) -> list[ChatMessage]:
        return self.chat.unread

    @property
    def keyboard(self) -> list[list[str]]:
        return self.chat.keyboard

    async def wait_for_messages(self, n: int = 1, timeout: float = 30.0) -> list[ChatMessage]:  # noqa: ASYNC109 - tests call it with timeout=
        return await self.chat.wait_for_messages(n, timeout)

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        timeout: float = 30.0,  # noqa: ASYNC109 - tests call it with timeout=
        what: str = "condition",
    ) -> None:
        await self.chat.wait_until(predicate, timeout, what)

    def __repr__(self) -> str:
        return f"<FakeUser {self.id} {self.full_name!r}>"


class FakeGroup(Chat):
    """A group or supergroup; the bot reads it under privacy mode unless it is an admin."""

    async def send_text(
        self, user: FakeUser, text: str, *, reply_to: ChatMessage | None = None
    ) -> ChatMessage:
        return await self.world.user_sends(user, self, text_content(text), reply_to)

    async def send_photo(
        self, user: FakeUser, photo: FileData, caption: str | None = None
    ) -> ChatMessage:
        return await self.world.user_sends(
            user, self, self.world.photo_content(photo, caption), None
        )

    async def send_document(
        self,
        user: FakeUser,
        document: FileData,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> ChatMessage:
        content = self.world.document_content(document, file_name, mime_type, caption)
        return await self.world.user_sends(user, self, content, None)

    async def tap(
        self,
        user: FakeUser,
        message: ChatMessage,
        text: str | None = None,
        *,
        callback_data: str | None = None,
    ) -> str:
        return await self.world.tap(user, message, text, callback_data)

    def add_member(self, user: FakeUser, status: str = "member") -> None:
        self.members[user.id] = status

    def remove_member(self, user: FakeUser) -> None:
        self.members[user.id] = "left"

    def set_bot_status(self, status: str) -> None:
        """member, administrator, left or kicked; the bot gets a my_chat_member update."""
        self.world.set_bot_status(self, status)


class FakeChannel(Chat):
    """A channel; the bot is an administrator by default, so it may post."""

    async def post(self, text: str) -> ChatMessage:
        """A post by the channel's admins (not the bot): a channel_post update."""
        return self.world.channel_posts(self, text_content(text))

    def set_bot_status(self, status: str) -> None:
        self.world.set_bot_status(self, status)


def text_content(text: str) -> JSON:
    content: JSON = {"text": text}
    entities = find_entities(text)
    if entities:
        content["entities"] = entities
    return content
