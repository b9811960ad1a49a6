"""`python -m bot demo`: the bot and the Bot API emulator in one process, with a terminal chat.

The person at the keyboard types as a Telegram user; bot messages are printed with their inline
buttons numbered, and a number taps that button. The demo keeps its own database.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

import yaml
from emulator import BotAPIEmulator, ChatMessage, FakeUser

from bot.app import App, build_app
from bot.demo_board import DemoAccount, open_board
from core.config import load_settings
from core.i18n import Catalog, Texts
from services.directory_import import DirectoryImport, Parsed, SchoolRow
from services.file_types import HEAD, extension, sniff
from services.permissions import Scope
from services.regions import sync_regions
from storage.migrate import upgrade_async
from storage.models import RoleGrant
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import SubmissionRepository
from storage.repositories.users import TelegramProfile, UserRepository

# The seed calendar is 2022's: the demo lives on Monday 3 October 2022, 09:00 Moscow time, when
# mutual expertise is in full swing and webinars run on Thursdays.
DEMO_START = datetime(2022, 10, 3, 9, 0, tzinfo=timezone(timedelta(hours=3)))
DEMO_TOKEN = "555000:DEMO-assistant500"
DEMO_DATA = Path(__file__).resolve().parent.parent / "data" / "demo.yaml"
ROLE_KEYS = {
    "school": "demo-role-school",
    "curator": "demo-role-curator",
    "municipal": "demo-role-municipal-coordinator",
    "regional": "demo-role-regional-coordinator",
    "newcomer": "demo-role-newcomer",
}
SEEDED = "demo:seeded"  # a key recorded once the demo's people are registered (first start)
REPLY_WAIT_S = 20.0  # how long to wait for the bot's first reply (a chart takes a while)
ALBUM_MAX = 10
SETTLE_S = 0.3  # then how long the bot may stay quiet before the prompt returns


@dataclass(frozen=True, slots=True)
class DemoPerson:
    first_name: str
    last_name: str | None
    role: str
    username: str | None = None
    region: str | None = None
    municipality: str | None = None
    schools: tuple[str, ...] = ()


def load_people(path: Path = DEMO_DATA) -> list[DemoPerson]:
    """The demo's people: a school, a curator and coordinators from the seed documents."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    people = []
    for raw in data["people"]:
        role = str(raw["role"])
        if role in ROLE_KEYS:
            people.append(
                DemoPerson(
                    raw["first_name"],
                    raw.get("last_name"),
                    role,
                    raw.get("username"),
                    raw.get("region"),
                    raw.get("municipality"),
                    tuple(raw.get("schools", ())),
                )
            )
    return people


class TerminalChat:
    """Reads commands, acts as the chosen user, prints what the bot says to every demo user.
    Every photo and file the bot sends is saved under `out_dir` and printed as its path."""

    def __init__(
        self,
        users: list[tuple[DemoPerson, FakeUser]],
        t: Texts,
        out: TextIO,
        emu: BotAPIEmulator | None = None,
        out_dir: Path | None = None,
    ) -> None:
        self._users = users
        self._t = t
        self._out = out
        self._emu = emu
        self._out_dir = out_dir
        self._current = 0
        self._seen: dict[tuple[int, int], int] = {}  # (chat, message) -> edits already shown

    @property
    def person(self) -> DemoPerson:
        return self._users[self._current][0]

    @property
    def user(self) -> FakeUser:
        return self._users[self._current][1]

    def say(self, key: str, **args: str | int) -> None:
        print(html.unescape(self._t(key, **args)), file=self._out, flush=True)

    def prompt(self) -> str:
        return html.unescape(self._t("demo-prompt", name=self.user.full_name)).rstrip() + " "

    async def run(self, read_line: Callable[[str], Awaitable[str | None]]) -> None:
        self.say("demo-banner")
        self.show_users()
        while (line := await read_line(self.prompt())) is not None:
            if not await self.handle(line.strip()):
                break
        self.say("demo-bye")

    async def handle(self, line: str) -> bool:
        """Does what one input line asks; False to stop."""
        if not line:
            return True
        if line == ":quit":
            return False
        if line.isdigit():
            await self._act(self._tap(int(line)))
        elif line.startswith(":"):
            await self._command(line)
        else:
            await self._act(self.user.send_text(line))
        return True

    def show_users(self) -> None:
        for number, (person, user) in enumerate(self._users, start=1):
            role = self._t(ROLE_KEYS[person.role])
            self.say("demo-user-line", number=number, name=user.full_name, role=role)
        self.say(
            "demo-now-speaking", name=self.user.full_name, role=self._t(ROLE_KEYS[self.person.role])
        )

    async def _command(self, line: str) -> None:
        command, _, rest = line.partition(" ")
        rest = rest.strip()
        if command == ":help":
            self.say("demo-help")
        elif command == ":users":
            self.show_users()
        elif command == ":user" and rest.isdigit() and 1 <= int(rest) <= len(self._users):
            self._current = int(rest) - 1
            self.say(
                "demo-now-speaking",
                name=self.user.full_name,
                role=self._t(ROLE_KEYS[self.person.role]),
            )
        elif command == ":say" and rest:
            await self._act(self.user.send_text(rest))
        elif command == ":new" and self._emu is not None:
            number = sum(1 for person, _ in self._users if person.role == "newcomer") + 1
            name = self._t("demo-newcomer-name", number=number)
            self._users.append((DemoPerson(name, None, "newcomer"), self._emu.add_user(name)))
            self._current = len(self._users) - 1
            self.say(
                "demo-now-speaking", name=self.user.full_name, role=self._t(ROLE_KEYS["newcomer"])
            )
        elif command in (":photo", ":doc", ":album") and rest:
            await self._send_files(command, rest)
        else:
            self.say("demo-unknown-command", command=command)

    async def _send_files(self, command: str, rest: str) -> None:
        if command == ":album":
            paths = [Path(p) for p in rest.split()]
            if not 2 <= len(paths) <= ALBUM_MAX:  # Telegram's own bounds for an album
                self.say("demo-album-size", count=len(paths), most=ALBUM_MAX)
            elif self._all_exist(paths):
                await self._act(self.user.send_album(paths))
            return
        path_text, _, caption = rest.partition(" ")
        path = Path(path_text)
        if not self._all_exist([path]):
            return
        if command == ":photo":
            await self._act(self.user.send_photo(path, caption or None))
        else:
            await self._act(self.user.send_document(path, path.name, None, caption or None))

    def _all_exist(self, paths: list[Path]) -> bool:
        missing = [p for p in paths if not p.is_file()]
        for path in missing:
            self.say("demo-file-missing", path=str(path))
        return not missing

    async def _tap(self, number: int) -> None:
        message = next((m for m in reversed(self.user.inbox) if m.buttons), None)
        buttons = [b for row in message.buttons for b in row] if message else []
        if message is None or not 1 <= number <= len(buttons):
            self.say("demo-no-buttons", number=number)
            return
        await self.user.tap(message, callback_data=buttons[number - 1].get("callback_data"))

    async def _act(self, action: Awaitable[object]) -> None:
        """Performs an action, then prints the bot's answers once it has gone quiet."""
        await action
        loop = asyncio.get_running_loop()
        deadline = loop.time() + REPLY_WAIT_S
        quiet_since = None
        while loop.time() < deadline:
            if self.print_news():
                quiet_since = loop.time()
            elif quiet_since is not None and loop.time() - quiet_since >= SETTLE_S:
                return
            await asyncio.sleep(0.05)

    def print_news(self) -> bool:
        """Prints bot messages (new or edited) in any demo user's chat; True if there were any."""
        printed = False
        for _person, user in self._users:
            for message in user.inbox:
                key = (message.chat.id, message.message_id)
                if self._seen.get(key) == message.edits:
                    continue
                self._render(user, message, edited=key in self._seen)
                self._seen[key] = message.edits
                printed = True
        return printed

    def _render(self, user: FakeUser, message: ChatMessage, *, edited: bool) -> None:
        self.say("demo-bot-edited" if edited else "demo-bot-says", name=user.full_name)
        saved = self._save(message)
        if saved is not None:
            kind, path = saved
            self.say(f"demo-sent-{kind}", path=str(path), caption=message.text or "—")
        else:
            print(message.text, file=self._out)
        buttons = [b["text"] for row in message.buttons for b in row]
        if buttons:
            print("   ".join(f"[{i}] {text}" for i, text in enumerate(buttons, 1)), file=self._out)
        print(file=self._out, flush=True)

    def _save(self, message: ChatMessage) -> tuple[str, Path] | None:
        """A photo or document the bot sent, written under out_dir: ("photo"|"document", path)."""
        if self._emu is None or self._out_dir is None:
            return None
        if message.photo:
            kind, meta, default = "photo", message.photo[-1], "photo.jpg"
        elif message.document:
            kind, meta, default = "document", message.document, "file.bin"
        else:
            return None
        stored = self._emu.files.get(str(meta["file_id"]))
        if stored is None:
            return None
        data = stored.read()
        name = Path(str(meta.get("file_name") or default))
        if kind == "photo":  # named by what it is: the bot's charts are PNG
            name = name.with_suffix(extension(sniff(data[:HEAD])))
        path = self._out_dir / f"{message.chat.id}-{message.message_id}-{name.name}"
        self._out_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return kind, path


async def seed_demo(app: App, users: list[tuple[DemoPerson, FakeUser]]) -> None:
    """The seed documents' schools and people, registered in the demo's own database on its
    first start only: later starts keep what happened in the demo (a /forget stays forgotten)."""
    raw = yaml.safe_load(DEMO_DATA.read_text(encoding="utf-8"))
    async with app.sessionmaker.begin() as session:
        await sync_regions(session)
        if not await SubmissionRepository(session).claim_reminder(SEEDED):
            return
        for block in raw["directory"]:
            rows = [
                SchoolRow(n, block["municipality"], s["code"], s["name"])
                for n, s in enumerate(block["schools"], start=2)
            ]
            await DirectoryImport(session).seed(Scope(block["region"]), Parsed(schools=rows), 0)
        repository = DirectoryRepository(session)
        for person, fake in users:
            await UserRepository(session).touch(
                TelegramProfile(fake.id, person.first_name, person.last_name, person.username),
                "ru",
            )
        await session.flush()  # people first: their grants refer to them
        for person, fake in users:
            if await repository.grants_of(fake.id):
                continue  # a demo database from an earlier run
            for grant in await _demo_grants(repository, person):
                grant.user_id = fake.id
                session.add(grant)


async def _demo_grants(repository: DirectoryRepository, person: DemoPerson) -> list[RoleGrant]:
    if person.schools:
        grants = []
        for school in (await repository.schools_by_codes(person.schools)).values():
            place = await repository.school_place(school.id)
            if place is not None:
                grants.append(
                    RoleGrant(
                        role=person.role,
                        region_code=place[2].code,
                        municipality_id=place[1].id,
                        school_id=school.id,
                    )
                )
        return grants
    if person.region is None:
        return []
    municipality = (
        await repository.municipality_by_name(person.region, person.municipality)
        if person.municipality
        else None
    )
    return [
        RoleGrant(
            role=person.role,
            region_code=person.region,
            municipality_id=municipality.id if municipality else None,
        )
    ]


async def _read_stdin(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def _demo(db_path: Path, language: str, start: datetime, board_port: int) -> None:
    catalog = Catalog.load()
    emu = BotAPIEmulator(token=DEMO_TOKEN, bot_username="assistant500_demo_bot")
    await emu.start()
    people = load_people()
    users = [
        (p, emu.add_user(p.first_name, p.last_name, p.username, language_code=language))
        for p in people
    ]
    settings = load_settings(
        _env_file=None,
        bot_token=DEMO_TOKEN,
        telegram_api_url=emu.base_url,
        database_url=f"sqlite+aiosqlite:///{db_path}",
        files_dir=db_path.parent / "files",
        default_language=language,
        clock_start=start,
        webapp_listen=f"127.0.0.1:{board_port}",
    )
    await upgrade_async(settings.database_url)
    app = build_app(settings, catalog)
    await seed_demo(app, users)
    accounts = [DemoAccount(f.full_name, p.role, f.id, p.username) for p, f in users]
    board = await open_board(app, accounts, catalog.bind(language))
    polling = asyncio.create_task(
        app.dispatcher.start_polling(app.bot, handle_signals=False, close_bot_session=False)
    )
    try:
        chat = TerminalChat(users, catalog.bind(language), sys.stdout, emu, db_path.parent / "out")
        await chat.run(_read_stdin)
    finally:
        await app.dispatcher.stop_polling()
        await polling
        if board is not None:
            await board.cleanup()
        await app.close()
        await emu.stop()


def run_demo(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot demo")
    parser.add_argument("--db", type=Path, default=Path("data/demo/demo.db"))
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument(
        "--now",
        type=datetime.fromisoformat,
        default=DEMO_START,
        help="the demo's clock starts here (ISO 8601 with offset); default: inside the 2022 season",
    )
    parser.add_argument(
        "--board-port", type=int, default=8090, help="where the review board listens (127.0.0.1)"
    )
    parser.add_argument("--verbose", action="store_true", help="show the bot's log")
    options = parser.parse_args(args)
    logging.basicConfig(level=logging.INFO if options.verbose else logging.ERROR)
    options.db.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(_demo(options.db, options.lang, options.now, options.board_port))
    return 0
