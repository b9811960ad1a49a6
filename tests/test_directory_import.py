"""Directory import: all-or-nothing validation with every bad row reported, idempotent upserts,
curators bound when they start the bot; through the dispatcher as a coordinator does it."""

from __future__ import annotations

import io

import pytest
from emulator import BotAPIEmulator
from openpyxl import Workbook
from sqlalchemy import func, select

from bot.app import App
from services.directory_import import (
    CURATORS_SHEET,
    SCHOOLS_SHEET,
    ImportFileError,
    parse_upload,
)
from services.permissions import Scope
from storage.models import RoleGrant, School
from tests.directory_fixtures import make_coordinator, seed_smolensk

GOOD_SCHOOLS = [
    ("город Смоленск", "edu670033", "МБОУ «СШ № 33»"),
    ("город Смоленск", "edu670040", "МБОУ «СШ № 40»"),
    ("Гагаринский район", "edu670501", "МБОУ «Гагаринская СШ № 1»"),
]
GOOD_CURATORS = [("Новикова Ирина Владимировна", "@novikova_sh40", "edu670036, edu670040")]


def xlsx(schools: list[tuple[str, ...]], curators: list[tuple[str, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SCHOOLS_SHEET
    sheet.append(("Муниципалитет", "Код школы", "Название школы"))
    for row in schools:
        sheet.append(row)
    other = book.create_sheet(CURATORS_SHEET)
    other.append(("ФИО куратора", "Telegram @username или телефон", "Коды школ через запятую"))
    for row in curators:
        other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_every_bad_row_is_reported_by_parsing() -> None:
    csv_text = (
        "Муниципалитет;Код школы;Название школы\n"
        "город Смоленск;edu670033;МБОУ «СШ № 33»\n"
        ";edu670034;Без муниципалитета\n"
        "город Смоленск;школа;Плохой код\n"
        "город Смоленск;edu670033;Повтор\n"
    )
    parsed = await parse_upload("schools.csv", csv_text.encode("cp1251"))
    assert [(e.row, e.reason) for e in parsed.errors] == [
        (3, "import-reason-no-municipality"),
        (4, "import-reason-bad-code"),
        (5, "import-reason-duplicate"),
    ]
    assert [s.code for s in parsed.schools] == ["edu670033"]


async def test_import_through_the_bot(emu: BotAPIEmulator, running_app: App) -> None:
    await seed_smolensk(running_app.sessionmaker)
    natalya = emu.add_user("Наталья", username="vasinova_cdo")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, natalya.id, "Наталья", "regional", Scope("67"))
    async with running_app.sessionmaker() as session:
        before = await session.scalar(select(func.count(School.id)))

    await natalya.send_text("/import")
    (template,) = await natalya.wait_for_messages()
    assert template.document is not None
    assert template.document["file_name"] == "directory-template.xlsx"

    bad = xlsx(
        [*GOOD_SCHOOLS, ("город Смоленск", "edu230019", "Чужой регион")],
        [("Кто-то", "не контакт", "edu670040"), ("Ещё", "@someone_else", "edu679999")],
    )
    await natalya.send_document(bad, "schools.xlsx", "application/octet-stream")
    (report,) = await natalya.wait_for_messages(timeout=10)
    await natalya.wait_until(lambda: "Ничего не записано" in report.text, timeout=60)
    assert "3 ошибки" in report.text
    assert "Школы, строка 5: код школы из другого региона edu230019" in report.text
    assert "Кураторы, строка 2: нужен Telegram @username или телефон" in report.text
    assert "Кураторы, строка 3: нет такой школы ни в файле, ни в справочнике edu679999" in (
        report.text
    )
    async with running_app.sessionmaker() as session:
        assert await session.scalar(select(func.count(School.id))) == before  # nothing written

    good = xlsx(GOOD_SCHOOLS, GOOD_CURATORS)
    await natalya.send_document(good, "schools.xlsx", "application/octet-stream")
    (done,) = await natalya.wait_for_messages(timeout=10)
    await natalya.wait_until(lambda: "загружен" in done.text, timeout=60)
    assert "новых школ — 3" in done.text
    assert "привязок кураторов — 2" in done.text

    await natalya.send_text("/import")  # the same file again: updates, never duplicates
    await natalya.wait_for_messages()
    await natalya.send_document(good, "schools.xlsx", "application/octet-stream")
    (again,) = await natalya.wait_for_messages(timeout=10)
    await natalya.wait_until(lambda: "загружен" in again.text, timeout=60)
    assert "новых школ — 0" in again.text
    assert "привязок кураторов — 0" in again.text
    async with running_app.sessionmaker() as session:
        assert await session.scalar(select(func.count(School.id))) == before + 3

    irina = emu.add_user("Ирина", username="Novikova_SH40")  # case does not matter
    await irina.send_text("/start")
    (hello,) = await irina.wait_for_messages()
    assert "расскажите, кто вы" not in hello.text  # her imported roles are already hers
    async with running_app.sessionmaker() as session:
        schools = (
            await session.scalars(
                select(School.code)
                .join(RoleGrant, RoleGrant.school_id == School.id)
                .where(RoleGrant.user_id == irina.id)
            )
        ).all()
    assert sorted(schools) == ["edu670036", "edu670040"]


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("МО;код ОО;Наименование\nгород Смоленск;edu670033;МБОУ «СШ № 33»\n", "utf-8-sig"),
        ("Район,Код,Школа\nгород Смоленск,edu670033,МБОУ «СШ № 33»\n", "cp1251"),
        ("Район;Код;Школа\nгород Смоленск;edu670033;МБОУ «СШ № 33»\n", "utf-16"),
        (
            "  муниципалитет ; КОД ШКОЛЫ ; название школы \nгород Смоленск;edu670033;СШ 33\n",
            "utf-8",
        ),
    ],
)
async def test_headers_are_matched_by_meaning_in_excels_encodings(
    content: str, encoding: str
) -> None:
    """Issue 20, item 4: a CSV from Russian Excel (cp1251, `;` or `,`, its own headers)."""
    parsed = await parse_upload("schools.csv", content.encode(encoding))
    assert parsed.errors == []
    assert [(s.municipality, s.code) for s in parsed.schools] == [("город Смоленск", "edu670033")]


async def test_curators_by_short_headers_and_unknown_headers_listed() -> None:
    curators = "ФИО;Телефон;Школы\nИванова Мария;+7 900 123-45-67;edu670033, edu670034\n"
    parsed = await parse_upload("curators.csv", curators.encode("cp1251"))
    assert [(c.name, c.contact, c.school_codes) for c in parsed.curators] == [
        ("Иванова Мария", "+79001234567", ("edu670033", "edu670034"))
    ]
    with pytest.raises(ImportFileError, match="import-error-no-sheets"):
        await parse_upload("x.csv", "Столбец1;Столбец2\nа;б\n".encode())


async def test_invisible_characters_are_dropped_from_names() -> None:
    """Attacker's walk: a NUL in an imported school name broke every XLSX export (XML cannot
    hold it), and a right-to-left override made a name read backwards for everyone."""
    csv_text = (
        "Муниципалитет;Код школы;Название школы\n"
        "город Смоленск;edu670033;МБОУ \x00«СШ\u202e № 33»\u200b\n"
    )
    parsed = await parse_upload("schools.csv", csv_text.encode("utf-8"))
    assert parsed.errors == []
    assert [s.name for s in parsed.schools] == ["МБОУ «СШ № 33»"]
