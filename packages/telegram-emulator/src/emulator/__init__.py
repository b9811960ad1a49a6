"""A local Telegram Bot API emulator, as strict as Telegram, for tests, benchmarks and the demo.

emu = BotAPIEmulator(token="123456:TEST", bot_username="assistant500_bot")
await emu.start()                      # emu.base_url -> "http://127.0.0.1:PORT"
anna = emu.add_user("Анна", username="anna")
await anna.send_text("/start")
reply, = await anna.wait_for_messages()
"""

from emulator.chats import CallbackQuery, Chat, ChatMessage, FakeChannel, FakeGroup, FakeUser
from emulator.errors import ApiError
from emulator.files import make_png
from emulator.limits import Limits, Stats
from emulator.server import BotAPIEmulator, Call

__all__ = [
    "ApiError",
    "BotAPIEmulator",
    "Call",
    "CallbackQuery",
    "Chat",
    "ChatMessage",
    "FakeChannel",
    "FakeGroup",
    "FakeUser",
    "Limits",
    "Stats",
    "make_png",
]
