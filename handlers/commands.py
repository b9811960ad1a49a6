"""The bot's commands: one list used by /help and by setMyCommands."""

from __future__ import annotations

from aiogram.types import BotCommand

from bot.i18n import Catalog, Texts

# (command, text key of its description) in the order users see them.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "command-start"),
    ("deadlines", "command-deadlines"),
    ("stages", "command-stages"),
    ("calendar", "command-calendar"),
    ("submit", "command-submit"),
    ("progress", "command-progress"),
    ("review", "command-review"),
    ("board", "command-board"),
    ("broadcast", "command-broadcast"),
    ("webinars", "command-webinars"),
    ("marathons", "command-marathons"),
    ("profile", "command-profile"),
    ("requests", "command-requests"),
    ("questions", "command-questions"),
    ("invite", "command-invite"),
    ("import", "command-import"),
    ("region_calendar", "command-region-calendar"),
    ("season", "command-season"),
    ("help", "command-help"),
    ("lang", "command-lang"),
    ("forget", "command-forget"),
)


def command_descriptions(t: Texts) -> list[tuple[str, str]]:
    return [(f"/{name}", t(key)) for name, key in COMMANDS]


def bot_commands(catalog: Catalog, language: str) -> list[BotCommand]:
    t = catalog.bind(language)
    return [BotCommand(command=name, description=t(key)) for name, key in COMMANDS]
