"""The review board in a real browser: a regional coordinator opens it as Telegram opens a Mini
App (initData and theme in the address's fragment, signed here with the bot token), sees the
matrix and filters it, accepts one confirmation by keyboard and three more in one action, and
the curators receive their notices through the emulator. Screenshots land in the test's folder."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from aiohttp.test_utils import TestServer
from emulator import BotAPIEmulator

from bot.app import App
from tests.attack_world import build_world
from tests.board_helpers import confirmation, copies_across_municipalities, init_data
from tests.browser import chromium, require_chromium
from tests.directory_fixtures import make_coordinator
from tests.test_webinar_announcements import deliver
from webapp.app import build_root_app

# Telegram's dark theme, as its clients pass it (one colour left out: the page mixes its own).
THEME = {
    "bg_color": "#1e2a36",
    "text_color": "#f5f5f5",
    "hint_color": "#7d8b99",
    "link_color": "#5eb5f7",
    "button_color": "#50a8eb",
    "button_text_color": "#ffffff",
}
WAIT = 15


def wait(driver: Any, css: str, count: int | None = None) -> list[Any]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d: Any) -> list[Any] | bool:
        elements = d.find_elements(By.CSS_SELECTOR, css)
        if count is None:
            return elements or False
        return (elements or True) if len(elements) == count else False

    result = WebDriverWait(driver, WAIT).until(found)
    return result if isinstance(result, list) else []


def wait_text(driver: Any, css: str, text: str) -> Any:
    """The displayed element with the text; one replaced while being read (the detail panel
    is refilled on each opening) is looked for again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    stale = (StaleElementReferenceException,)
    return WebDriverWait(driver, WAIT, ignored_exceptions=stale).until(
        lambda d: next(
            (
                e
                for e in d.find_elements(By.CSS_SELECTOR, css)
                if text in e.text and e.is_displayed()
            ),
            False,
        )
    )


def school_names(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "table.matrix tbody th b")]


def scenario(driver: Any, base: str, data: str, city_id: int, folder: Path) -> dict[str, Any]:
    """What the coordinator does, in the browser (a thread of its own: the board's server runs
    on the test's event loop meanwhile)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    seen: dict[str, Any] = {}
    theme = json.dumps(THEME)
    driver.get(f"{base}/board/#tgWebAppData={quote(data)}&tgWebAppThemeParams={quote(theme)}")
    # Signed in by the page's script with initData; then the matrix.
    wait(driver, "table.matrix tbody tr", 5)
    seen["all"] = school_names(driver)
    seen["background"] = driver.execute_script(
        "return getComputedStyle(document.body).backgroundColor"
    )
    seen["address"] = driver.current_url

    Select(driver.find_element(By.NAME, "m")).select_by_value(str(city_id))  # submits itself
    wait(driver, "table.matrix tbody tr", 4)
    seen["city"] = school_names(driver)
    driver.get(f"{base}/board/")
    wait(driver, "table.matrix tbody tr", 5)
    search = driver.find_element(By.NAME, "q")
    search.send_keys("касплян", Keys.ENTER)
    wait(driver, "table.matrix tbody tr", 1)
    seen["search"] = school_names(driver)
    driver.get(f"{base}/board/")
    wait(driver, "table.matrix tbody tr", 5)
    driver.save_screenshot(str(folder / "board-matrix.png"))

    # The gallery: the oldest (Каспля) first. Keyboard: focus, Enter opens, A accepts.
    driver.find_element(By.CSS_SELECTOR, "nav.tabs a[href$='/review']").click()
    cards = wait(driver, "li.card", 4)
    seen["first_card"] = cards[0].text
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_text(driver, "#detail h2", "Касплянская")
    image = wait(driver, "#detail [data-zoom] img")[0]
    image.click()
    wait(driver, "#detail [data-zoom].zoomed")
    driver.save_screenshot(str(folder / "board-review.png"))
    driver.find_element(By.TAG_NAME, "body").send_keys("a")
    seen["keyboard_toast"] = wait_text(driver, "#toast", "Принято").text
    wait(driver, "li.card", 3)
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)

    # Three at once: select all, press, press again to confirm.
    driver.find_element(By.CSS_SELECTOR, "[data-select-all]").click()
    accept = driver.find_element(By.CSS_SELECTOR, "[data-bulk-accept]")
    seen["selected"] = accept.text
    accept.click()
    wait(driver, "[data-bulk-accept].armed")
    accept.click()
    seen["bulk_toast"] = wait_text(driver, "#toast", "Принято: 3").text
    wait(driver, "li.card", 0)
    driver.save_screenshot(str(folder / "board-after.png"))

    driver.get(f"{base}/board/?status=accepted")
    wait(driver, "table.matrix tbody tr", 4)
    seen["accepted"] = school_names(driver)
    return seen


@pytest.mark.timeout(180)
async def test_a_coordinator_filters_and_accepts_three_in_the_browser(
    emu: BotAPIEmulator, running_app: App, tmp_path: Path
) -> None:
    require_chromium()
    world = await build_world(running_app, emu)
    place = world.place
    extra = {}
    async with running_app.sessionmaker.begin() as session:
        for code, name in (("edu670010", "Куратор 10"), ("edu670021", "Куратор 21")):
            person = emu.add_user(name)
            await make_coordinator(session, person.id, name, "curator", place.school(code))
            extra[code] = person
    await confirmation(running_app, place.school_ids["edu671101"], world["school_district"].id)
    for code, person in (("edu670009", world["curator"]), *extra.items()):
        running_app.clock.advance(minutes=5)  # type: ignore[attr-defined]
        await confirmation(running_app, place.school_ids[code], person.id)

    server = TestServer(build_root_app(running_app), host="127.0.0.1")
    await server.start_server()
    try:
        base = f"http://127.0.0.1:{server.port}"
        data = init_data(world["regional"].id)

        def run() -> dict[str, Any]:
            with chromium() as driver:
                return scenario(driver, base, data, place.city_id, tmp_path)

        seen = await asyncio.to_thread(run)
    finally:
        await server.close()

    assert len(seen["all"]) == 5
    assert "tgWebAppData" not in seen["address"]  # the fragment is not kept in the history
    assert seen["background"] == "rgb(30, 42, 54)"  # Telegram's theme colour
    assert "МБОУ «Касплянская СШ»" not in seen["city"] and len(seen["city"]) == 4
    assert seen["search"] == ["МБОУ «Касплянская СШ»"]
    assert "Касплянская" in seen["first_card"]
    assert seen["keyboard_toast"].startswith("✅ Принято.")
    assert "(3)" in seen["selected"]
    assert seen["bulk_toast"].startswith("✅ Принято: 3.")
    assert len(seen["accepted"]) == 4
    for name in ("board-matrix.png", "board-review.png", "board-after.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name

    await deliver(running_app)
    for person in (world["curator"], *extra.values()):
        (notice,) = await person.wait_for_messages()
        assert "принято координатором" in notice.text
    (district,) = await world["school_district"].wait_for_messages()
    assert "МБОУ «Касплянская СШ»" in district.text and "принято" in district.text


def copies_scenario(driver: Any, base: str, data: str, folder: Path) -> dict[str, Any]:
    """The gallery narrowed to suspicious ones; a copy's link opens the other submission in
    the same panel, and its way back returns to the card it came from."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    seen: dict[str, Any] = {}
    driver.get(f"{base}/board/review#tgWebAppData={quote(data)}")
    cards = wait(driver, "li.card", 4)
    seen["verdicts"] = [card.find_element(By.CSS_SELECTOR, ".verdict").text for card in cards]
    Select(driver.find_element(By.NAME, "verdict")).select_by_value("suspicious")
    cards = wait(driver, "li.card", 2)
    seen["address"] = driver.current_url
    cards[0].find_element(By.CSS_SELECTOR, "button.open").click()
    wait_text(driver, "#detail h2", "СШ № 10")
    seen["checks"] = wait(driver, "#detail .checks")[0].text
    driver.find_element(By.CSS_SELECTOR, "#detail .checks a[data-goto]").click()
    wait_text(driver, "#detail h2", "Касплянская")
    seen["other_address"] = driver.current_url  # the page itself stays
    driver.save_screenshot(str(folder / "board-copy.png"))
    driver.find_element(By.CSS_SELECTOR, "#detail .back a[data-goto]").click()
    seen["back"] = wait_text(driver, "#detail h2", "СШ № 10").text
    return seen


@pytest.mark.timeout(180)
async def test_a_copy_on_the_board_leads_to_the_other_submission_and_back(
    emu: BotAPIEmulator, running_app: App, tmp_path: Path
) -> None:
    require_chromium()
    world = await build_world(running_app, emu)
    await copies_across_municipalities(running_app, world)
    server = TestServer(build_root_app(running_app), host="127.0.0.1")
    await server.start_server()
    try:
        base = f"http://127.0.0.1:{server.port}"
        data = init_data(world["regional"].id)

        def run() -> dict[str, Any]:
            with chromium() as driver:
                return copies_scenario(driver, base, data, tmp_path)

        seen = await asyncio.to_thread(run)
    finally:
        await server.close()

    assert seen["verdicts"] == ["🔴 подозрительно"] * 2 + ["🟡 стоит посмотреть"] * 2
    assert seen["address"].endswith("verdict=suspicious")
    assert "копия скриншота, который прислала МБОУ «Касплянская СШ»" in seen["checks"]
    assert seen["other_address"] == seen["address"]
    assert "СШ № 10" in seen["back"]
    assert (tmp_path / "board-copy.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
