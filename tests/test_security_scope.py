"""Findings of the attacker's walk about scope: each forged or crafted input that used to act on
another person's place, reproduced through the real dispatcher and the emulator."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from emulator import BotAPIEmulator, FakeUser
from sqlalchemy import func, select

from bot.app import App
from storage.models import Invite, Marathon, OutboxMessage, School
from tests.attack_world import World, build_world
from ui.callbacks import BcCb, InvCb, MarCb

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
async def world(emu: BotAPIEmulator, running_app: App) -> World:
    return await build_world(running_app, emu)


async def import_verdict(user: FakeUser, csv_text: str) -> str:
    await user.send_text("/import")
    await user.wait_for_messages()  # the template and the instructions
    await user.send_document(csv_text.encode("utf-8"), "schools.csv", "text/csv")
    (progress,) = await user.wait_for_messages()
    await user.wait_until(lambda: "Проверяю" not in progress.text, 60, "the import verdict")
    return progress.text


async def test_an_import_row_cannot_take_over_another_municipalitys_school(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    """Finding 1: `<own municipality>;<other's school code>;<name>` moved the school."""
    crafted = "Муниципалитет;Код школы;Название школы\nгород Смоленск;edu671101;Захвачено\n"
    verdict = await import_verdict(world["municipal"], crafted)
    assert verdict.startswith("❌ В файле 1 ошибка")
    assert "школа вне вашей территории" in verdict
    async with running_app.sessionmaker() as session:
        school = await session.scalar(select(School).where(School.code == "edu671101"))
    assert school is not None
    assert (school.name, school.municipality_id) == (
        "МБОУ «Касплянская СШ»",
        world.place.district_id,
    )


async def test_own_schools_are_still_updated_by_import(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    rows = "Муниципалитет;Код школы;Название школы\nгород Смоленск;edu670009;СШ № 9 (новое имя)\n"
    verdict = await import_verdict(world["municipal"], rows)
    assert "обновлено — 1" in verdict
    async with running_app.sessionmaker() as session:
        school = await session.scalar(select(School).where(School.code == "edu670009"))
    assert school is not None and school.name == "СШ № 9 (новое имя)"


@pytest.mark.app_settings(channel_id="@project500")
async def test_a_municipal_coordinator_cannot_post_to_the_channel_by_forging_buttons(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    """Finding 2: `channel` and `now` checked no role; the post went to the channel, pinned."""
    emu.add_channel("Проект 500+", username="project500")
    city = world["municipal"]
    await city.send_text("/broadcast")
    await city.wait_for_messages()
    await city.send_text("Объявление муниципалитета")
    (screen,) = await city.wait_for_messages()
    await emu.wait_answered(await city.tap(screen, "🏫 Школам"))
    await emu.wait_answered(await city.tap(screen, "Всем"))
    assert "📣" not in " ".join(screen.button_texts)  # the toggle is not offered
    await emu.wait_answered(await city.tap(screen, forged_data=BcCb(action="channel").pack()))
    assert "Публиковать в канале проекта могут" in screen.text
    await emu.wait_answered(await city.tap(screen, forged_data=BcCb(action="now").pack()))
    async with running_app.sessionmaker() as session:
        channel_rows = await session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.chat_id < 0)
        )
    assert channel_rows == 0


async def test_an_invite_cannot_be_made_for_a_hundred_million_uses(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    """Finding 14: a forged `uses` made an invite good for 100,000,000 people."""
    regional = world["regional"]
    await regional.send_text("/invite")
    (screen,) = await regional.wait_for_messages()
    await emu.wait_answered(await regional.tap(screen, screen.button_texts[0]))  # schools
    await regional.send_text("СШ № 9")
    (found,) = await regional.wait_for_messages()
    await emu.wait_answered(await regional.tap(found, found.button_texts[0]))
    forged = InvCb(action="uses", value="100000000").pack()
    await emu.wait_answered(await regional.tap(found, forged_data=forged))
    async with running_app.sessionmaker() as session:
        invites = list(await session.scalars(select(Invite)))
    assert invites == []
    assert found.text == "Такое приглашение вне ваших полномочий."


async def test_a_school_cannot_open_another_municipalitys_marathon(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    """Finding 15: a forged `open` showed another municipality's marathon."""
    async with running_app.sessionmaker.begin() as session:
        marathon = Marathon(
            title="Марафон района",
            kind="marathon",
            level="municipal",
            region_code="67",
            municipality_id=world.place.district_id,
            created_by=world["municipal_district"].id,
        )
        session.add(marathon)
        await session.flush()
        marathon_id = marathon.id
    school = world["school"]  # in the city
    await school.send_text("/marathons")
    (screen,) = await school.wait_for_messages()
    assert "Марафон района" not in " ".join(screen.button_texts)
    forged = MarCb(action="open", marathon=marathon_id).pack()
    await emu.wait_answered(await school.tap(screen, forged_data=forged))
    assert "Марафон района" not in screen.text
    district_school = world["school_district"]
    await district_school.send_text("/marathons")
    (own,) = await district_school.wait_for_messages()
    await emu.wait_answered(await district_school.tap(own, "🏃 Марафон района"))
    assert "Марафон района" in own.text


def xlsx_bomb(rows: int) -> bytes:
    """A tiny XLSX whose one sheet unpacks into `rows` rows."""
    row = '<row><c t="inlineStr"><is><t>город Смоленск</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{row * rows}</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Школы" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


async def test_an_xlsx_bomb_is_refused_without_stalling_anyone(
    emu: BotAPIEmulator, running_app: App, world: World
) -> None:
    """Finding 4: an 84 KB file with 200k rows delayed a bystander's /start by 36 s."""
    bomb = xlsx_bomb(200_000)
    assert len(bomb) < 200_000
    city, bystander = world["municipal"], world["nobody"]
    await city.send_text("/import")
    await city.wait_for_messages()
    await city.send_document(bomb, "schools.xlsx", XLSX)
    (progress,) = await city.wait_for_messages(timeout=10)
    started = time.monotonic()
    await bystander.send_text("/help")
    await bystander.wait_for_messages(timeout=10)
    assert time.monotonic() - started < 1.5
    await city.wait_until(lambda: "Проверяю" not in progress.text, timeout=60)
    assert progress.text.startswith("В файле больше 20 000 строк")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("просто текст без столбцов\nи ещё строка\n".encode(), "не нашлось разделителя"),
        (b"\xd0\xea\xee\xeb\xe0;\x98\x98;x\n", "кодировку CSV"),
    ],
)
async def test_a_broken_csv_gets_a_reason(
    emu: BotAPIEmulator, running_app: App, world: World, content: bytes, reason: str
) -> None:
    """Finding 16: a CSV with no delimiter or bytes invalid in cp1251 said "something went
    wrong"."""
    city = world["municipal"]
    await city.send_text("/import")
    await city.wait_for_messages()
    await city.send_document(content, "schools.csv", "text/csv")
    (progress,) = await city.wait_for_messages()
    await city.wait_until(lambda: "Проверяю" not in progress.text, 60)
    assert reason in progress.text
