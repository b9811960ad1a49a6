"""Renders the README's pictures of the /progress charts from the demo's data: the demo's directory,
people and confirmations (bot/demo.py, bot/demo_board.py), drawn by the same code as the bot's
chart buttons.

    uv run python docs/progress_chart.py   # writes docs/progress-chart.png, …-municipalities.png
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from emulator import BotAPIEmulator

from bot.app import build_app
from bot.demo import DEMO_START, DEMO_TOKEN, load_people, seed_demo
from bot.demo_board import seed_board_demo
from core.config import load_settings
from core.i18n import Catalog, Texts
from services.directory import Directory
from services.exports import STATUS_KEYS, municipality_bars
from services.missing import scope_progress
from services.reports import progress_chart
from services.submissions import STATUSES
from storage.migrate import upgrade_async

DOCS = Path(__file__).resolve().parent


def legend(t: Texts) -> list[str]:
    return [t.label(STATUS_KEYS[status]) for status in STATUSES]


async def main() -> None:
    catalog = Catalog.load()
    t = catalog.bind("ru")
    emu = BotAPIEmulator(token=DEMO_TOKEN, bot_username="assistant500_demo_bot")
    await emu.start()
    with tempfile.TemporaryDirectory() as folder:
        people = load_people()
        users = [(p, emu.add_user(p.first_name, p.last_name, p.username)) for p in people]
        settings = load_settings(
            _env_file=None,
            bot_token=DEMO_TOKEN,
            telegram_api_url=emu.base_url,
            database_url=f"sqlite+aiosqlite:///{folder}/demo.db",
            files_dir=Path(folder) / "files",
            clock_start=DEMO_START,
        )
        await upgrade_async(settings.database_url)
        app = build_app(settings, catalog, autostart_background=False)
        try:
            await seed_demo(app, users)
            await seed_board_demo(app, {p.username: f.id for p, f in users if p.username})
            municipal = next(f for p, f in users if p.role == "municipal")
            regional = next(f for p, f in users if p.role == "regional")
            async with app.sessionmaker() as session:
                directory = Directory(session, ())
                city = await scope_progress(session, await directory.actor(municipal.id))
                region = await scope_progress(session, await directory.actor(regional.id))
        finally:
            await app.close()
            await emu.stop()
    steps = progress_chart(
        t.label("progress-chart-title-steps"), city.bars_by_step("ru"), legend(t)
    )
    (DOCS / "progress-chart.png").write_bytes(steps)
    bars, _ = municipality_bars(region)
    title = t.label("progress-chart-title-municipalities")
    (DOCS / "progress-chart-municipalities.png").write_bytes(
        progress_chart(title, bars, legend(t), None, 3)
    )
    print(f"written: {DOCS / 'progress-chart.png'}, {DOCS / 'progress-chart-municipalities.png'}")


if __name__ == "__main__":
    asyncio.run(main())
