"""Telegram's files, fetched for the bot's own store."""

from __future__ import annotations

from typing import BinaryIO

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError

from services.file_store import Downloader, DownloadError


def downloader(bot: Bot) -> Downloader:
    """`bot.download` with Telegram's and the network's errors as DownloadError, which the
    services (services.evidence.fetch_files) know to retry later."""

    async def download(file_id: str, destination: BinaryIO) -> None:
        try:
            await bot.download(file_id, destination=destination)
        except (TelegramAPIError, TelegramNetworkError) as error:
            raise DownloadError(str(error)) from error

    return download
