"""Downloaded files are kept once per content, under their SHA-256, never half-written."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

import pytest
from aiogram import Bot
from aiogram.types import BufferedInputFile
from emulator import BotAPIEmulator, make_png

from services.file_store import FileStore


async def test_same_content_is_stored_once(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    contents = {"a": b"screenshot-1", "b": b"screenshot-1", "c": b"other"}

    async def download(file_id: str, destination: BinaryIO) -> None:
        destination.write(contents[file_id])

    first = await store.fetch("a", download)
    again = await store.fetch("b", download)
    other = await store.fetch("c", download)
    assert first == again
    assert first.sha256 == hashlib.sha256(b"screenshot-1").hexdigest()
    assert first.path.read_bytes() == b"screenshot-1"
    assert other.path != first.path
    assert list((tmp_path / "incoming").iterdir()) == []  # no temporary files left


async def test_a_failed_download_leaves_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path)

    async def broken(file_id: str, destination: BinaryIO) -> None:
        destination.write(b"half")
        raise ConnectionError("network went away")

    with pytest.raises(ConnectionError):
        await store.fetch("x", broken)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


async def test_fetches_a_photo_through_the_bot_api(emu: BotAPIEmulator, tmp_path: Path) -> None:
    anna = emu.add_user("Анна")
    png = make_png(32, 24)
    async with emu.make_bot() as bot:
        sent = await bot.send_photo(anna.id, BufferedInputFile(png, "s.png"))
        assert sent.photo is not None
        stored = await FileStore(tmp_path).fetch(sent.photo[-1].file_id, _downloader(bot))
    assert stored.path.read_bytes() == png
    assert stored.size == len(png)


def _downloader(bot: Bot):  # matches services.file_store.Downloader
    async def download(file_id: str, destination: BinaryIO) -> None:
        await bot.download(file_id, destination=destination)

    return download
