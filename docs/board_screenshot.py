"""Renders the README's pictures of the review board from the demo's data: the demo's directory
and people, its confirmations (bot/demo_board.py), its clock; the board opened with a one-time
login as the demo's coordinator in headless Chromium.

    uv run python docs/board_screenshot.py   # writes docs/review-board.png, review-board-matrix.png
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
from pathlib import Path
from typing import Any

from emulator import BotAPIEmulator

from bot.app import build_app
from bot.demo import DEMO_START, DEMO_TOKEN, load_people, seed_demo
from bot.demo_board import board_login, seed_board_demo
from core.config import load_settings
from core.i18n import Catalog
from storage.migrate import upgrade_async
from tests.browser import chromium, require_chromium
from webapp.server import start_board

DOCS = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shoot(login: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with chromium(1280, 800) as driver:
        browser: Any = driver
        browser.get(login)
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(browser, 15).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")
        )
        browser.save_screenshot(str(DOCS / "review-board-matrix.png"))
        base = login.split("/board/", 1)[0]
        browser.get(f"{base}/board/review")
        WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.card"))
        browser.find_elements(By.CSS_SELECTOR, "li.card input.pick")[1].click()
        browser.find_elements(By.CSS_SELECTOR, "li.card input.pick")[2].click()
        browser.find_element(By.CSS_SELECTOR, "li.card button.open").click()
        WebDriverWait(browser, 15).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#detail .history li")
        )
        browser.execute_script("document.querySelector('#detail img').scrollIntoView()")
        browser.execute_script("document.querySelector('#detail').scrollTop = 0")
        WebDriverWait(browser, 15).until(
            lambda d: d.execute_script(
                "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
            )
        )
        browser.save_screenshot(str(DOCS / "review-board.png"))


async def main() -> None:
    require_chromium()
    catalog = Catalog.load()
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
            webapp_listen=f"127.0.0.1:{free_port()}",
        )
        await upgrade_async(settings.database_url)
        app = build_app(settings, catalog, autostart_background=False)
        try:
            await seed_demo(app, users)
            await seed_board_demo(app, {p.username: f.id for p, f in users if p.username})
            runner = await start_board(app)
            assert runner is not None
            coordinator = next(f for p, f in users if p.role == "municipal")
            login = await board_login(app, coordinator.id)
            await asyncio.to_thread(shoot, login)
            await runner.cleanup()
        finally:
            await app.close()
            await emu.stop()
    print(f"written: {DOCS / 'review-board.png'}, {DOCS / 'review-board-matrix.png'}")


if __name__ == "__main__":
    asyncio.run(main())
