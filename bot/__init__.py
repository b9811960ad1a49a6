"""The bot's app assembly and entry point."""

from bot.lazy_schemas import defer_aiogram_schemas

defer_aiogram_schemas()  # before anything imports aiogram: see bot/lazy_schemas.py
