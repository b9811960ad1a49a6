"""Pickers at scale (F6, F7, F9): a region of `--municipalities` municipalities (3,000 by
default) and a curator of 150 schools, on SQLite, through the real dispatcher polling the Bot
API emulator in this process.

Times each tap from the press to the bot's answer (the screen is edited by then): the region's
first page in registration, `--taps` presses of «Вперёд ›» there, the same in /broadcast's «Где?»
picker, and in /submit's school picker; a typed filter from sending to the reply. Then the cause
of the old freeze: aiogram's InlineKeyboardBuilder, one button per item as the pickers used to
build them, for `--old` sizes (it deep-copies the whole keyboard on every button added).

Last line: {"municipalities": 3000, "tap_ms_median": …, "tap_ms_p95": …, "tap_ms_max": …,
"menu_tap_ms_median": … (a tap on the help screen, for scale), "slowest": […],
"typed_ms_median": …, "buttons_max": …, "callback_bytes_max": …, "full_gc_count": …,
"full_gc_ms_max": … (a full collection of this process — emulator, bot and all — stalls whatever
tap it falls in), "heap_objects": …, "old_builder_s": {"250": …}}; target: taps well under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from aiogram.utils.keyboard import InlineKeyboardBuilder
from emulator import BotAPIEmulator, FakeUser
from emulator.chats import ChatMessage

from bot.app import App, build_app
from core.config import load_settings
from core.i18n import Catalog
from services.clock import ManualClock
from storage.migrate import upgrade_async
from tests.picker_world import REGION_NAME, seed_big_region
from ui.callbacks import RegCb

TOKEN = "123456:BENCH-token"


async def start(folder: Path) -> tuple[BotAPIEmulator, App, asyncio.Task[None]]:
    url = f"sqlite+aiosqlite:///{folder / 'bot.db'}"
    await upgrade_async(url)
    emu = BotAPIEmulator(TOKEN, bot_username="assistant500_bot")
    await emu.start()
    settings = load_settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=url,
        files_dir=folder / "files",
        throttle_burst=10_000,
        screening_pool="thread",
    )
    clock = ManualClock(datetime(2022, 10, 3, 6, 0, tzinfo=UTC))
    app = build_app(settings, Catalog.load(), clock, autostart_background=False)
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, close_bot_session=False)
    )
    await emu.wait_for_call("getMe", timeout=120)
    return emu, app, polling


class Taps:
    def __init__(self, emu: BotAPIEmulator) -> None:
        self.emu = emu
        self.ms: list[float] = []
        self.labels: list[str] = []
        self.typed_ms: list[float] = []
        self.buttons: list[int] = []
        self.callback_bytes: list[int] = []

    async def tap(self, user: FakeUser, message: ChatMessage, text: str, where: str) -> None:
        started = time.perf_counter()
        await self.emu.wait_answered(await user.tap(message, text), timeout=60)
        self.ms.append((time.perf_counter() - started) * 1000)
        self.labels.append(f"{where}: {text}")
        self.measure(message)

    def slowest(self, count: int = 3) -> list[str]:
        ranked = sorted(zip(self.ms, self.labels, strict=True), reverse=True)[:count]
        return [f"{label} {ms:.0f} ms" for ms, label in ranked]

    async def type(self, user: FakeUser, text: str) -> ChatMessage:
        started = time.perf_counter()
        await user.send_text(text)
        (reply,) = await user.wait_for_messages(timeout=60)
        self.typed_ms.append((time.perf_counter() - started) * 1000)
        self.measure(reply)
        return reply

    def measure(self, message: ChatMessage) -> None:
        buttons = [button for row in message.buttons for button in row]
        self.buttons.append(len(buttons))
        self.callback_bytes += [len(b.get("callback_data", "").encode()) for b in buttons]


async def menu_baseline(emu: BotAPIEmulator, count: int = 10) -> float:
    """A tap on a screen with no list (the help): what any tap costs on this machine."""
    person = emu.add_user("Посетитель")
    await person.send_text("/start")
    (screen,) = await person.wait_for_messages()
    spent = []
    for _ in range(count):
        started = time.perf_counter()
        await emu.wait_answered(await person.tap(screen, callback_data="m:help"), timeout=60)
        spent.append((time.perf_counter() - started) * 1000)
        await emu.wait_answered(await person.tap(screen, callback_data="m:home"), timeout=60)
    return round(statistics.median(spent), 1)


async def registration(taps: Taps, emu: BotAPIEmulator, count: int) -> None:
    person = emu.add_user("Директор")
    await person.send_text("/start")
    (screen,) = await person.wait_for_messages()
    await emu.wait_answered(await person.tap(screen, "🏫 Я представляю школу"))
    await emu.wait_answered(await person.tap(screen, "🗺 Выбрать по списку"))
    await taps.tap(person, screen, REGION_NAME, "registration")
    for _ in range(count):
        await taps.tap(person, screen, "Вперёд ›", "registration")
    await taps.type(person, "елкин")
    await taps.type(person, "округ 12")


async def broadcast(taps: Taps, emu: BotAPIEmulator, regional: FakeUser, count: int) -> None:
    await regional.send_text("/broadcast")
    await regional.wait_for_messages()
    await regional.send_text("Коллеги, добрый день!")
    (screen,) = await regional.wait_for_messages()
    await taps.tap(regional, screen, "🏫 Школам", "broadcast")
    for _ in range(count):
        await taps.tap(regional, screen, "Вперёд ›", "broadcast")
    await taps.type(regional, "округ 2999")


async def submit(taps: Taps, curator: FakeUser) -> None:
    await curator.send_text("/submit")
    (screen,) = await curator.wait_for_messages()
    taps.measure(screen)
    for _ in range(14):  # 150 schools: 15 pages
        await taps.tap(curator, screen, "Вперёд ›", "submit")
    await taps.type(curator, "школа 42")


async def run(municipalities: int, count: int, folder: Path) -> dict[str, object]:
    emu, app, polling = await start(folder)
    try:
        regional, curator = emu.add_user("Регина"), emu.add_user("Куратор")
        await seed_big_region(app.sessionmaker, regional.id, curator.id, municipalities)
        taps = Taps(emu)
        baseline = await menu_baseline(emu)
        await registration(taps, emu, count)
        await broadcast(taps, emu, regional, count)
        await submit(taps, curator)
        refused = [c.description for c in emu.calls if not c.ok]
    finally:
        await app.dispatcher.stop_polling()
        await polling
        await app.background.stop()
        await app.close()
        await emu.stop()
    ordered = sorted(taps.ms)
    return {
        "municipalities": municipalities,
        "taps": len(taps.ms),
        "tap_ms_median": round(statistics.median(ordered), 1),
        "tap_ms_p95": round(ordered[int(len(ordered) * 0.95) - 1], 1),
        "tap_ms_max": round(ordered[-1], 1),
        "menu_tap_ms_median": baseline,
        "slowest": taps.slowest(),
        "typed_ms_median": round(statistics.median(taps.typed_ms), 1),
        "buttons_max": max(taps.buttons),
        "callback_bytes_max": max(taps.callback_bytes),
        "refused_by_telegram": len(refused),
    }


class Collections:
    """Full garbage collections while the taps run: what stalls a tap now and then."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __enter__(self) -> Collections:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._started) * 1000)


def old_builder_seconds(size: int) -> float:
    """One keyboard of `size` municipalities built as the pickers used to build it."""
    started = time.perf_counter()
    builder = InlineKeyboardBuilder()
    for number in range(size):
        builder.button(
            text=f"Муниципалитет {number}", callback_data=RegCb(action="mun", value=str(number))
        )
    builder.adjust(1)
    builder.as_markup()
    return round(time.perf_counter() - started, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=3000)
    parser.add_argument("--taps", type=int, default=20, help="«Вперёд ›» presses per picker")
    parser.add_argument("--old", type=int, nargs="*", default=[250, 500])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Collections() as collections:
        figures = asyncio.run(run(options.municipalities, options.taps, Path(folder)))
    figures["full_gc_count"] = len(collections.pauses)
    figures["full_gc_ms_max"] = round(max(collections.pauses, default=0.0), 1)
    figures["heap_objects"] = len(gc.get_objects())
    print(f"taps: {figures['taps']}, median {figures['tap_ms_median']} ms")
    print(f"slowest tap: {figures['tap_ms_max']} ms")
    old = {}
    for size in options.old:
        old[str(size)] = old_builder_seconds(size)
        print(f"InlineKeyboardBuilder, {size} buttons: {old[str(size)]} s")
    figures["old_builder_s"] = old
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
