"""The bot's commands: one list used by /help (each person sees those of their roles) and by
setMyCommands (the menu everyone sees holds the commands of everyone, schools and curators)."""

from __future__ import annotations

from enum import Enum

from aiogram.types import BotCommand

from core.i18n import Catalog, Texts
from services.permissions import Actor, Role


class Audience(Enum):
    EVERYONE = "everyone"
    SUBMITTERS = "submitters"  # schools and curators
    REPORTING = "reporting"  # schools, curators and coordinators
    COORDINATORS = "coordinators"
    BOARD = "board"  # curators and coordinators: the review board
    REGIONAL = "regional"
    ADMINS = "admins"


# (command, text key of its description, who it is for) in the order users see them.
COMMANDS: tuple[tuple[str, str, Audience], ...] = (
    ("start", "command-start", Audience.EVERYONE),
    ("deadlines", "command-deadlines", Audience.EVERYONE),
    ("stages", "command-stages", Audience.EVERYONE),
    ("calendar", "command-calendar", Audience.EVERYONE),
    ("submit", "command-submit", Audience.SUBMITTERS),
    ("progress", "command-progress", Audience.REPORTING),
    ("review", "command-review", Audience.COORDINATORS),
    ("board", "command-board", Audience.BOARD),
    ("broadcast", "command-broadcast", Audience.COORDINATORS),
    ("webinars", "command-webinars", Audience.EVERYONE),
    ("marathons", "command-marathons", Audience.EVERYONE),
    ("profile", "command-profile", Audience.EVERYONE),
    ("requests", "command-requests", Audience.COORDINATORS),
    ("questions", "command-questions", Audience.COORDINATORS),
    ("invite", "command-invite", Audience.COORDINATORS),
    ("import", "command-import", Audience.COORDINATORS),
    ("region_calendar", "command-region-calendar", Audience.REGIONAL),
    ("season", "command-season", Audience.ADMINS),
    ("help", "command-help", Audience.EVERYONE),
    ("lang", "command-lang", Audience.EVERYONE),
    ("forget", "command-forget", Audience.EVERYONE),
)
MENU = (Audience.EVERYONE, Audience.SUBMITTERS, Audience.REPORTING)


def audiences_of(actor: Actor) -> set[Audience]:
    roles = actor.roles()
    found = {Audience.EVERYONE}
    if roles & {Role.SCHOOL, Role.CURATOR}:
        found |= {Audience.SUBMITTERS, Audience.REPORTING}
    if actor.is_coordinator():
        found |= {Audience.COORDINATORS, Audience.REPORTING, Audience.BOARD}
    if Role.CURATOR in roles:
        found.add(Audience.BOARD)
    if actor.is_admin or Role.REGIONAL in roles:
        found.add(Audience.REGIONAL)
    if actor.is_admin:
        found.add(Audience.ADMINS)
    return found


def command_descriptions(t: Texts, actor: Actor) -> list[tuple[str, str]]:
    """The commands this person can use, in menu order."""
    theirs = audiences_of(actor)
    return [(f"/{name}", t(key)) for name, key, audience in COMMANDS if audience in theirs]


def bot_commands(catalog: Catalog, language: str) -> list[BotCommand]:
    t = catalog.bind(language)
    return [
        BotCommand(command=name, description=t(key))
        for name, key, audience in COMMANDS
        if audience in MENU
    ]
