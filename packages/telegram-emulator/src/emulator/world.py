"""The scripted world: holds users and chats, stores messages, and turns user actions into the
updates the bot receives (privacy mode, blocking and membership included)."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from emulator.chats import (
    CallbackQuery,
    Chat,
    ChatMessage,
    FakeChannel,
    FakeGroup,
    FakeUser,
    FileData,
    text_content,
)
from emulator.errors import JSON
from emulator.files import FileStore, image_size
from emulator.text import find_entities
from emulator.updates import UpdateQueue

Clock = Callable[[], float]
_DEFAULT_PHOTO_SIZE = (1280, 960)  # for user "photos" that are not real images
# An edit replaces the content; the envelope, album and reply stay.
_KEPT_ON_EDIT = frozenset(
    ("message_id", "from", "sender_chat", "chat", "date", "media_group_id", "reply_to_message")
)


class World:
    """Holds every chat and user, stores messages, and turns user actions into updates."""

    def __init__(
        self,
        bot_user: JSON,
        updates: UpdateQueue,
        files: FileStore,
        clock: Clock,
        privacy_mode: bool = True,
    ) -> None:
        self.bot_user = bot_user
        self.updates = updates
        self.files = files
        self.clock = clock
        self.privacy_mode = privacy_mode
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, Chat] = {}
        self.callbacks: dict[str, CallbackQuery] = {}
        self.diagnostics: Callable[[], str] = lambda: ""
        self._changed = asyncio.Event()
        self._user_ids = itertools.count(100_000_001)
        self._group_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._album_ids = itertools.count(13_000_000_000_000_001)

    # --- time and waiting ---------------------------------------------------------------

    def now(self) -> int:
        return int(self.clock())

    def notify(self) -> None:
        """Wakes everyone waiting on the world (wait_for_messages, wait_until, ...)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(
        self, predicate: Callable[[], bool], seconds: float, describe: Callable[[], str]
    ) -> None:
        """Returns once `predicate()` holds; after `seconds`, TimeoutError saying what it was."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                hint = self.diagnostics()
                raise TimeoutError(
                    f"{describe()} within {seconds}s" + (f"; {hint}" if hint else "")
                )
            event = self._changed
            try:
                async with asyncio.timeout(remaining):
                    await event.wait()
            except TimeoutError:
                continue

    # --- population ---------------------------------------------------------------------

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
        user_id = user_id if user_id is not None else next(self._user_ids)
        user = FakeUser(self, user_id, first_name, last_name, username, language_code, started)
        self.users[user_id] = user
        self.chats[user_id] = user.chat
        return user

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
        number = next(self._group_ids)
        chat_id = -(1_001_000_000_000 + number) if supergroup else -(4_000_000_000 + number)
        kind = "supergroup" if supergroup else "group"
        group = FakeGroup(self, chat_id, kind, title=title, username=username)
        group.bot_status = "administrator" if bot_admin else "member"
        for user in members:
            group.members[user.id] = "member"
        for user in admins:
            group.members[user.id] = "administrator"
        self.chats[chat_id] = group
        return group

    def add_channel(
        self,
        title: str,
        username: str | None = None,
        *,
        subscribers: Iterable[FakeUser] = (),
        bot_admin: bool = True,
    ) -> FakeChannel:
        chat_id = -(1_002_000_000_000 + next(self._group_ids))
        channel = FakeChannel(self, chat_id, "channel", title=title, username=username)
        channel.bot_status = "administrator" if bot_admin else "member"
        for user in subscribers:
            channel.members[user.id] = "member"
        self.chats[chat_id] = channel
        return channel

    def resolve_chat(self, reference: str) -> Chat | None:
        """A chat by numeric id or by @username (public groups and channels only)."""
        if reference.startswith("@"):
            name = reference[1:].lower()
            return next(
                (
                    c
                    for c in self.chats.values()
                    if not c.is_private and c.username and c.username.lower() == name
                ),
                None,
            )
        try:
            return self.chats.get(int(reference))
        except ValueError:
            return None

    # --- messages -----------------------------------------------------------------------

    def chat_json(self, chat: Chat) -> JSON:
        user = self.users.get(chat.id) if chat.is_private else None
        return user.as_private_chat() if user else chat.as_chat()

    def store_bot_message(self, chat: Chat, content: JSON) -> ChatMessage:
        """Stores a message the bot sent; the caller has done every check."""
        sender: JSON = (
            {"sender_chat": chat.as_chat()} if chat.is_channel else {"from": self.bot_user}
        )
        data = {**sender, "chat": self.chat_json(chat), "date": self.now(), **content}
        message = chat._store(data, from_bot=True)
        self.notify()
        return message

    def store_service_message(self, chat: Chat, content: JSON) -> ChatMessage:
        message = chat._store(
            {"from": self.bot_user, "chat": self.chat_json(chat), "date": self.now(), **content},
            from_bot=False,
        )
        self.notify()
        return message

    def replace_content(self, message: ChatMessage, content: JSON) -> None:
        """An edit: keeps the old version, swaps the content, stamps edit_date."""
        message.versions.append(dict(message.data))
        kept: JSON = {k: v for k, v in message.data.items() if k in _KEPT_ON_EDIT}
        message.data = {**kept, **content, "edit_date": self.now()}
        message.edits += 1
        self.notify()

    def delete(self, message: ChatMessage) -> None:
        message.deleted = True
        self.notify()

    # --- user actions -------------------------------------------------------------------

    def _check_can_write(self, user: FakeUser, chat: Chat) -> None:
        if chat.is_private:
            if user.blocked:
                raise ValueError(f"{user!r} blocked the bot; call unblock_bot() first")
        elif chat.members.get(user.id, "left") in ("left", "kicked"):
            raise ValueError(f"{user!r} is not a member of {chat!r}")

    async def user_sends(
        self, user: FakeUser, chat: Chat, content: JSON, reply_to: ChatMessage | None
    ) -> ChatMessage:
        self._check_can_write(user, chat)
        if reply_to is not None:
            content = {**content, "reply_to_message": _quoted(reply_to)}
        message = self._store_user_message(user, chat, content)
        self._deliver(chat, {"message": message.data}, message, reply_to)
        await asyncio.sleep(0)  # let the server side run, as a real network hop would
        return message

    async def user_sends_album(
        self, user: FakeUser, chat: Chat, photos: Sequence[FileData], caption: str | None
    ) -> list[ChatMessage]:
        self._check_can_write(user, chat)
        if not 2 <= len(photos) <= 10:
            raise ValueError("an album holds 2 to 10 photos")
        group_id = str(next(self._album_ids))
        sent = []
        for index, photo in enumerate(photos):
            content = self.photo_content(photo, caption if index == 0 else None)
            message = self._store_user_message(user, chat, {"media_group_id": group_id, **content})
            self._deliver(chat, {"message": message.data}, message, None)
            sent.append(message)
        await asyncio.sleep(0)
        return sent

    async def user_sends_album_part(
        self, user: FakeUser, chat: Chat, photo: FileData, group_id: str, caption: str | None
    ) -> ChatMessage:
        """One part of an album on its own: parts are separate updates, and a bot may be down
        between two of them."""
        self._check_can_write(user, chat)
        content = self.photo_content(photo, caption)
        message = self._store_user_message(user, chat, {"media_group_id": group_id, **content})
        self._deliver(chat, {"message": message.data}, message, None)
        await asyncio.sleep(0)
        return message

    async def user_edits(self, user: FakeUser, message: ChatMessage, text: str) -> ChatMessage:
        if message.from_bot or message.data.get("from", {}).get("id") != user.id:
            raise ValueError("a user can edit only their own messages")
        self.replace_content(message, text_content(text))
        self._deliver(message.chat, {"edited_message": message.data}, message, None)
        await asyncio.sleep(0)
        return message

    def _store_user_message(self, user: FakeUser, chat: Chat, content: JSON) -> ChatMessage:
        data = {"from": user.as_user(), "chat": self.chat_json(chat), "date": self.now(), **content}
        message = chat._store(data, from_bot=False)
        if chat.is_private:
            user.started = True  # writing to a bot is what lets it write back
        self.notify()
        return message

    def _deliver(
        self, chat: Chat, update: JSON, message: ChatMessage, reply_to: ChatMessage | None
    ) -> None:
        if self._bot_sees(chat, message, reply_to):
            self.updates.push(update)

    def _bot_sees(self, chat: Chat, message: ChatMessage, reply_to: ChatMessage | None) -> bool:
        """Privacy mode: in groups a non-admin bot gets commands, mentions and replies only."""
        if chat.is_private:
            return True
        if chat.bot_status in ("left", "kicked"):
            return False
        if not self.privacy_mode or chat.bot_status == "administrator":
            return True
        text = message.text
        mention = f"@{self.bot_user.get('username', '')}".lower()
        replied_to_bot = reply_to is not None and reply_to.from_bot
        return text.startswith("/") or mention in text.lower() or replied_to_bot

    def channel_posts(self, channel: FakeChannel, content: JSON) -> ChatMessage:
        data = {"sender_chat": channel.as_chat(), "chat": channel.as_chat(), "date": self.now()}
        message = channel._store({**data, **content}, from_bot=False)
        self.notify()
        if channel.bot_status not in ("left", "kicked"):
            self.updates.push({"channel_post": message.data})
        return message

    def photo_content(self, photo: FileData, caption: str | None) -> JSON:
        data = photo.read_bytes() if isinstance(photo, Path) else photo
        sniffed = image_size(data)
        width, height = sniffed[1:] if sniffed else _DEFAULT_PHOTO_SIZE
        content: JSON = {"photo": self.files.add_photo(data, width, height)}
        return _with_caption(content, caption)

    def document_content(
        self,
        document: FileData,
        file_name: str | None,
        mime_type: str | None,
        caption: str | None,
    ) -> JSON:
        if isinstance(document, Path):
            file_name = file_name or document.name
            document = document.read_bytes()
        stored = self.files.add_document(document, file_name or "document.bin", mime_type)
        return _with_caption({"document": stored}, caption)

    # --- buttons, blocking, membership --------------------------------------------------

    async def tap(
        self,
        user: FakeUser,
        message: ChatMessage,
        text: str | None,
        callback_data: str | None,
        forged_data: str | None = None,
    ) -> str:
        """`forged_data` stands for a button from an older message or a modified client: the
        query carries data no current button of the message has."""
        if message.deleted or not message.from_bot:
            raise ValueError(f"{message!r} cannot be tapped")
        if not message.chat.is_private and message.chat.members.get(user.id) in (None, "left"):
            raise ValueError(f"{user!r} does not see {message.chat!r}")
        if forged_data is None:
            button = message.button(text, callback_data=callback_data)
            if "callback_data" not in button:
                raise ValueError(f"button {button['text']!r} is not a callback button: {button}")
            forged_data = str(button["callback_data"])
        query = CallbackQuery(
            id=str(4_000_000_000_000_000_000 + user.id * 1_000 + next(self._query_ids)),
            user=user,
            message=message,
            data=forged_data,
            created_at=self.clock(),
        )
        self.callbacks[query.id] = query
        payload: JSON = {
            "id": query.id,
            "from": user.as_user(),
            "message": message.data,
            "chat_instance": _chat_instance(message.chat.id),
            "data": query.data,
        }
        self.updates.push({"callback_query": payload})
        await asyncio.sleep(0)
        return query.id

    async def wait_answered(self, query_id: str, timeout: float = 30.0) -> CallbackQuery:  # noqa: ASYNC109 - tests call it with timeout=
        query = self.callbacks[query_id]
        await self.wait_for(
            lambda: query.answered, timeout, lambda: f"callback query {query_id} answered"
        )
        return query

    def set_blocked(self, user: FakeUser, blocked: bool) -> None:
        """The bot learns of it through a my_chat_member update, as on Telegram."""
        if user.blocked == blocked:
            return
        user.blocked = blocked
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        self._push_member_change(user.chat, user, old, new)

    def set_bot_status(self, chat: Chat, status: str) -> None:
        old, chat.bot_status = chat.bot_status, status
        if old != status:
            actor = next((self.users[i] for i, s in chat.members.items() if s == "creator"), None)
            self._push_member_change(chat, actor, old, status)

    def _push_member_change(self, chat: Chat, actor: FakeUser | None, old: str, new: str) -> None:
        sender = (
            actor.as_user() if actor else {"id": 777000, "is_bot": False, "first_name": "Telegram"}
        )
        change = {
            "chat": self.chat_json(chat),
            "from": sender,
            "date": self.now(),
            "old_chat_member": member_object(self.bot_user, old, chat),
            "new_chat_member": member_object(self.bot_user, new, chat),
        }
        self.updates.push({"my_chat_member": change})
        self.notify()


def _with_caption(content: JSON, caption: str | None) -> JSON:
    if caption:
        content["caption"] = caption
        entities = find_entities(caption)
        if entities:
            content["caption_entities"] = entities
    return content


def _quoted(message: ChatMessage) -> JSON:
    """A replied-to message as Telegram embeds it: without its own reply."""
    return {k: v for k, v in message.data.items() if k != "reply_to_message"}


def _chat_instance(chat_id: int) -> str:
    digest = hashlib.sha256(f"chat-instance:{chat_id}".encode()).digest()
    return str(int.from_bytes(digest[:8], "big") >> 1)


def member_object(user: JSON, status: str, chat: Chat) -> JSON:
    """A ChatMember of the given status with every field aiogram requires."""
    member: JSON = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_admin_rights(chat))
    elif status == "kicked":
        member["until_date"] = 0
    return member


def _admin_rights(chat: Chat) -> dict[str, Any]:
    rights = dict.fromkeys(
        (
            "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_change_info", "can_invite_users", "can_post_stories",
            "can_edit_stories", "can_delete_stories", "can_pin_messages",
        ),
        True,
    )  # fmt: skip
    rights.update(
        can_be_edited=False,
        is_anonymous=False,
        can_promote_members=False,
        can_send_welcome_messages=False,
    )
    if chat.is_channel:
        rights.update(can_post_messages=True, can_edit_messages=True)
    return rights
