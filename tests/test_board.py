"""The review board over HTTP, in-process, as each role: initData signed with the bot token lets a
coordinator in, a forged or stale one does not; a school is kept off coordinators' pages; the
matrix filters; three confirmations accepted in one action reach the curators through the outbox;
a return needs a comment; one-time links work once; files and thumbnails only for reviewers."""

from __future__ import annotations

import asyncio
import io
import time
import zipfile

import pytest
from emulator import BotAPIEmulator, FakeUser
from openpyxl import load_workbook
from sqlalchemy import event, select, update

from bot.app import App
from services.board import issue_login
from services.clock import SystemClock
from services.nudges import remind_missing
from services.permissions import ForbiddenError
from services.thumbnails import Thumbnails
from storage.models import BoardLogin, OutboxMessage, Submission, User
from tests.attack_world import World, build_world
from tests.board_helpers import (
    HTML,
    STEP,
    STEP_2,
    as_person,
    board_client,
    confirmation,
    copies_across_municipalities,
    init_data,
    noise_png,
    screened,
    signed_in,
)
from tests.directory_fixtures import make_coordinator
from tests.test_webinar_announcements import deliver
from ui.submissions import submit_step

DAY = 24 * 3600


async def curators(app: App, emu: BotAPIEmulator, world: World) -> dict[str, FakeUser]:
    """The curator of СШ 9 from the world, and one each for СШ 10 and СШ 21."""
    found = {"edu670009": world["curator"]}
    async with app.sessionmaker.begin() as session:
        for code, name in (("edu670010", "Куратор 10"), ("edu670021", "Куратор 21")):
            person = emu.add_user(name)
            await make_coordinator(session, person.id, name, "curator", world.place.school(code))
            found[code] = person
    return found


# --- who gets in ------------------------------------------------------------------------------


async def test_init_data_signed_with_the_token_opens_the_board(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    regional = world["regional"].id
    async with board_client(running_app) as client:
        # A Mini App request carries initData itself ...
        page = await client.get("/board/", headers={**as_person(regional), **HTML})
        assert page.status == 200
        text = await page.text()
        assert "МБОУ «Касплянская СШ»" in text and "МБОУ «СШ № 36" in text
        assert "СОШ № 1" not in text  # Krasnodar's school is not the Smolensk coordinator's
        # ... or trades it once for the board's session cookie.
        response = await client.post("/board/auth", json={"initData": init_data(regional)})
        assert response.status == 200
        assert "board_session" in response.cookies
        assert (await client.get("/board/review", headers=HTML)).status == 200


async def test_forged_or_expired_init_data_gets_401(emu: BotAPIEmulator, running_app: App) -> None:
    world = await build_world(running_app, emu)
    regional = world["regional"].id
    genuine = init_data(regional)
    forged = {
        "another bot's token": init_data(regional, token="654321:OTHER-token"),
        "someone else's id in signed data": genuine.replace(
            f"%22id%22%3A{regional}", "%22id%22%3A1"
        ),
        "no hash": genuine.split("&hash=")[0],
        "two days old": init_data(regional, auth_date=time.time() - 2 * DAY),
        "from the future": init_data(regional, auth_date=time.time() + DAY),
        "not initData at all": "hello",
    }
    async with board_client(running_app) as client:
        for what, data in forged.items():
            response = await client.post("/board/auth", json={"initData": data})
            assert response.status == 401, what
            assert "board_session" not in response.cookies, what
            page = await client.get("/board/", headers={"X-Telegram-Init-Data": data, **HTML})
            assert page.status == 401, what
            action = await client.post(
                "/board/review/accept", json={"ids": [1]}, headers={"X-Telegram-Init-Data": data}
            )
            assert action.status == 401, what
        # Nothing at all: the sign-in page (whose script tries Telegram's initData) or JSON.
        page = await client.get("/board/", headers=HTML)
        assert page.status == 401
        assert "data-signin" in await page.text()
        assert (await client.get("/board/missing")).status == 401
        # A session cookie made up, or signed with another token, is no session either.
        client.session.cookie_jar.update_cookies({"board_session": f"{regional}.1.forged"})
        assert (await client.get("/board/", headers=HTML)).status == 401


async def test_a_school_is_refused_coordinator_pages(emu: BotAPIEmulator, running_app: App) -> None:
    world = await build_world(running_app, emu)
    waiting, file_id = await confirmation(
        running_app, world.place.school_ids["edu670009"], world["curator"].id
    )
    school = as_person(world["school"].id)
    async with board_client(running_app) as client:
        for path in (
            "/board/review",
            f"/board/review/{waiting}",
            "/board/missing",
            "/board/export/progress.xlsx",
            "/board/export/evidence.zip",
            f"/board/file/{file_id}",
            f"/board/thumb/{file_id}",
        ):
            assert (await client.get(path, headers=school)).status == 403, path
        for path, body in (
            ("/board/review/accept", {"ids": [waiting]}),
            (f"/board/review/{waiting}", {"accept": True}),
            ("/board/missing/remind", {"step": STEP, "schools": [1]}),
        ):
            assert (await client.post(path, json=body, headers=school)).status == 403, path
        # The school's own progress is theirs to see, and only theirs.
        own = await client.get("/board/", headers={**school, **HTML})
        assert own.status == 200
        text = await own.text()
        assert "МБОУ «СШ № 9»" in text and "СШ № 10" not in text
        # Someone with no role at all sees nothing.
        nobody = as_person(world["nobody"].id)
        assert (await client.get("/board/", headers={**nobody, **HTML})).status == 403
    async with running_app.sessionmaker() as session:
        assert (await session.get(Submission, waiting)).status == "submitted"  # type: ignore[union-attr]


async def test_a_cookie_session_needs_the_pages_csrf_token_to_act(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    waiting, _ = await confirmation(
        running_app, world.place.school_ids["edu670009"], world["curator"].id
    )
    async with board_client(running_app) as client:
        csrf = await signed_in(client, world["regional"].id)
        refused = await client.post("/board/review/accept", json={"ids": [waiting]})
        assert refused.status == 403
        accepted = await client.post("/board/review/accept", json={"ids": [waiting]}, headers=csrf)
        assert accepted.status == 200
        assert (await accepted.json())["accepted"] == [waiting]


# --- the matrix -------------------------------------------------------------------------------


async def test_matrix_filters_by_municipality_step_status_curator_and_search(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    place = world.place
    people = await curators(running_app, emu, world)
    await confirmation(running_app, place.school_ids["edu670009"], people["edu670009"].id)
    await confirmation(
        running_app, place.school_ids["edu670010"], people["edu670010"].id, status="accepted"
    )
    await confirmation(
        running_app, place.school_ids["edu671101"], world["school_district"].id, step=STEP_2
    )
    regional = {**as_person(world["regional"].id), **HTML}

    async def names(client: object, query: str, who: dict[str, str] = regional) -> list[str]:
        page = await client.get("/board/" + query, headers=who)  # type: ignore[attr-defined]
        assert page.status == 200
        body = await page.text()
        table = body.split("data-matrix", 1)[1]
        return [
            row.split("<b>", 1)[1].split("</b>", 1)[0]
            for row in table.split('<tr><th scope="row">')[1:]
        ]

    async with board_client(running_app) as client:
        everyone = await names(client, "")
        assert len(everyone) == 5
        page = await (await client.get("/board/", headers=regional)).text()
        assert "По муниципалитетам" in page  # a regional coordinator's overview
        assert "5 школ" in page

        city = await names(client, f"?m={place.city_id}")
        assert len(city) == 4 and "МБОУ «Касплянская СШ»" not in city
        assert await names(client, f"?status=submitted&step={STEP}") == ["МБОУ «СШ № 9»"]
        assert await names(client, "?status=accepted") == ["МБОУ «СШ № 10»"]
        # Step 3 is due on 7 October, after the test clock's 3 October: not due yet, not missing.
        assert await names(client, f"?status=missing&step={STEP}") == []
        assert len(await names(client, f"?status=notdue&step={STEP}")) == 3
        # Step 2 has no date: a school without it is missing.
        assert len(await names(client, f"?status=missing&step={STEP_2}")) == 4
        curator = people["edu670021"].id
        assert await names(client, f"?curator=u{curator}") == ["МБОУ «СШ № 21 им. Н.И. Рыленкова»"]
        assert await names(client, "?q=edu67003") == ["МБОУ «СШ № 36 им. А.М. Городнянского»"]
        assert await names(client, "?q=касплян") == ["МБОУ «Касплянская СШ»"]
        one_step = await (await client.get(f"/board/?step={STEP}", headers=regional)).text()
        header = one_step.split("data-matrix", 1)[1].split("</thead>", 1)[0]
        assert header.count('class="step"') == 1
        assert 'title="на проверке">1</span>' in header  # counts per column
        assert 'title="принято">1</span>' in header
        # A municipal coordinator sees their schools only, without the regional overview.
        municipal = {**as_person(world["municipal_district"].id), **HTML}
        assert await names(client, "", municipal) == ["МБОУ «Касплянская СШ»"]
        district = await (await client.get("/board/", headers=municipal)).text()
        assert "По муниципалитетам" not in district
        # The XLSX is the filtered matrix.
        xlsx = await client.get(f"/board/export/progress.xlsx?m={place.city_id}", headers=regional)
        assert xlsx.status == 200
        sheet = load_workbook(io.BytesIO(await xlsx.read())).active
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 1 + 4
        assert "на проверке" in rows[1 + [r[3] for r in rows[1:]].index("МБОУ «СШ № 9»")]


async def test_user_text_is_escaped_on_the_board(emu: BotAPIEmulator, running_app: App) -> None:
    world = await build_world(running_app, emu)
    async with running_app.sessionmaker.begin() as session:
        from storage.models import School

        school = await session.get(School, world.place.school_ids["edu670010"])
        assert school is not None
        school.name = '<script>alert("x")</script>'
    sent, _ = await confirmation(
        running_app,
        world.place.school_ids["edu670010"],
        world["curator"].id,
        caption="<img src=x onerror=alert(1)>",
        comment="<b>bold</b>",
    )
    async with board_client(running_app) as client:
        headers = {**as_person(world["regional"].id), **HTML}
        for path in ("/board/", "/board/review", f"/board/review/{sent}"):
            page = await client.get(path, headers=headers)
            assert page.status == 200, path
            text = await page.text()
            assert (
                "<script>alert" not in text and "<img src=x" not in text and "<b>bold" not in text
            )
        detail = await (await client.get(f"/board/review/{sent}", headers=headers)).text()
        assert (
            "&lt;img src=x onerror=alert(1)&gt;" in detail and "&lt;b&gt;bold&lt;/b&gt;" in detail
        )


# --- reviewing --------------------------------------------------------------------------------


async def test_bulk_accept_of_three_tells_the_curators(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    people = await curators(running_app, emu, world)
    ids = [
        (await confirmation(running_app, world.place.school_ids[code], person.id))[0]
        for code, person in people.items()
    ]
    krasnodar, _ = await confirmation(
        running_app, world.krasnodar_school_id, world["school_other"].id
    )
    decided, _ = await confirmation(
        running_app, world.place.school_ids["edu670036"], world["school"].id, status="accepted"
    )
    async with board_client(running_app) as client:
        response = await client.post(
            "/board/review/accept",
            json={"ids": [*ids, krasnodar, decided]},
            headers=as_person(world["regional"].id),
        )
        assert response.status == 200
        outcome = await response.json()
    assert outcome["accepted"] == ids
    assert {(r["id"], r["reason"]) for r in outcome["refused"]} == {
        (krasnodar, "forbidden"),
        (decided, "decided"),
    }
    assert outcome["told"] == 4  # СШ 9: its account and its curator; СШ 10 and 21: a curator each
    assert outcome["message"].startswith("✅ Принято: 3.")
    await deliver(running_app)
    for code, person in people.items():
        (notice,) = await person.wait_for_messages()
        assert "принято координатором" in notice.text, code
        assert "«Обмен документацией проекта»" in notice.text
    (school_notice,) = await world["school"].wait_for_messages()  # СШ 9's own account too
    assert "принято" in school_notice.text
    async with running_app.sessionmaker() as session:
        statuses = {
            s.id: (s.status, s.reviewed_by)
            for s in await session.scalars(select(Submission).where(Submission.id.in_(ids)))
        }
    assert set(statuses.values()) == {("accepted", world["regional"].id)}
    assert world["school_other"].unread == []  # Krasnodar's stays unreviewed, unannounced


async def test_return_needs_a_comment_and_the_school_reads_it(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    school_id = world.place.school_ids["edu670009"]
    first, _ = await confirmation(running_app, school_id, world["curator"].id, status="returned")
    second, _ = await confirmation(running_app, school_id, world["curator"].id, version=2)
    municipal = as_person(world["municipal"].id)
    async with board_client(running_app) as client:
        detail = await (await client.get(f"/board/review/{second}", headers=municipal)).text()
        assert "Версия 2: на проверке" in detail and "Версия 1: возвращено" in detail
        empty = await client.post(
            f"/board/review/{second}", json={"accept": False}, headers=municipal
        )
        assert empty.status == 422
        long = {"accept": False, "comment": "x" * 1001}
        assert (
            await client.post(f"/board/review/{second}", json=long, headers=municipal)
        ).status == 422
        for forged in ({"accept": False, "comment": 123}, {"accept": "yes"}, {}):
            refused = await client.post(f"/board/review/{second}", json=forged, headers=municipal)
            assert refused.status == 400, forged  # not what the board's page sends
            assert "Обновите страницу" in (await refused.json())["message"]
        done = await client.post(
            f"/board/review/{second}",
            json={"accept": False, "comment": "Не видна дата <b>письма</b>\x00"},
            headers=municipal,
        )
        assert done.status == 200
        assert (await done.json())["status"] == "returned"
        again = await client.post(
            f"/board/review/{second}", json={"accept": True}, headers=municipal
        )
        assert again.status == 409
        assert (await again.json())["reason"] == "yours"  # the same reviewer, a second time
        assert "Вы уже рассмотрели" in (await again.json())["message"]
        other = await client.post(
            f"/board/review/{first}",
            json={"accept": True},
            headers=as_person(world["municipal_district"].id),
        )
        assert (await other.json())["reason"] == "forbidden"
    await deliver(running_app)
    (notice,) = await world["curator"].wait_for_messages()
    assert "возвращено" in notice.text and "Не видна дата <b>письма</b>" in notice.text
    assert "\x00" not in notice.text  # a control character never reaches the school
    assert any("Отправить" in text for text in notice.button_texts)


# --- reminding --------------------------------------------------------------------------------


async def test_remind_missing_reaches_the_schools_once_a_day(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    place = world.place
    await confirmation(running_app, place.school_ids["edu670010"], world["curator"].id)
    # СШ 9 has an account and a curator; СШ 10 has sent the step; nobody of СШ 21 uses the bot.
    schools = [place.school_ids[code] for code in ("edu670009", "edu670010", "edu670021")]
    regional = as_person(world["regional"].id)
    async with board_client(running_app) as client:
        page = await client.get(f"/board/missing?step={STEP}", headers={**regional, **HTML})
        text = await page.text()
        assert "МБОУ «СШ № 9»" in text and "МБОУ «СШ № 10»" not in text  # СШ 10 has sent it
        first = await client.post(
            "/board/missing/remind", json={"step": STEP, "schools": schools}, headers=regional
        )
        assert first.status == 200
        outcome = await first.json()
        assert (outcome["schools"], outcome["people"], outcome["sent"]) == (1, 2, 1)
        assert outcome["nobody"] == 1
        assert "никто не пользуется: 1" in outcome["message"]
        again = await client.post(
            "/board/missing/remind", json={"step": STEP, "schools": schools}, headers=regional
        )
        assert (await again.json())["already"] == 1
        outside = await client.post(
            "/board/missing/remind",
            json={"step": STEP, "schools": [world.krasnodar_school_id]},
            headers=regional,
        )
        assert outside.status == 403
    await deliver(running_app)
    for person in (world["school"], world["curator"]):
        (reminder,) = await person.wait_for_messages()
        assert "Напоминание координатора" in reminder.text and "МБОУ «СШ № 9»" in reminder.text
        assert reminder.button_texts == ["📎 Отправить подтверждение"]


async def test_remind_missing_checks_every_school_against_the_scope(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    from services.directory import Directory

    async with running_app.sessionmaker() as session:
        actor = await Directory(session, ()).actor(world["municipal"].id)
        with pytest.raises(ForbiddenError):
            await remind_missing(
                session,
                running_app.catalog,
                running_app.clock,
                actor,
                STEP,
                [world.place.school_ids["edu670009"], world.place.school_ids["edu671101"]],
                submit_step,
            )
        assert await session.scalar(select(OutboxMessage.id)) is None


# --- one-time links, files --------------------------------------------------------------------


async def test_the_board_command_gives_a_link_that_works_once(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    coordinator = world["municipal"]
    await coordinator.send_text("/board")
    (reply,) = await coordinator.wait_for_messages()
    assert "Доска проверки" in reply.text
    url = next(word for word in reply.text.split() if "/board/login?token=" in word)
    path = url.split("127.0.0.1:8090", 1)[1]
    async with board_client(running_app) as client:
        form = await client.get(path, headers=HTML)
        assert form.status == 200  # opening the link (a preview, a prefetch) does not use it
        token = path.split("token=", 1)[1]
        used = await client.post("/board/login", data={"token": token}, allow_redirects=False)
        assert used.status == 303 and "board_session" in used.cookies
        assert (await client.get("/board/review", headers=HTML)).status == 200
        client.session.cookie_jar.clear()
        twice = await client.post("/board/login", data={"token": token}, allow_redirects=False)
        assert twice.status == 401
        async with running_app.sessionmaker.begin() as session:
            stale = await issue_login(
                session, coordinator.id, SystemClock().now().replace(year=2020)
            )
        late = await client.post("/board/login", data={"token": stale}, allow_redirects=False)
        assert late.status == 401
    async with running_app.sessionmaker() as session:
        stored = list(await session.scalars(select(BoardLogin.token_hash)))
    assert token not in stored and stale not in stored  # only hashes are kept
    # A school has no board.
    await world["school"].send_text("/board")
    (refused,) = await world["school"].wait_for_messages()
    assert "для координаторов и кураторов" in refused.text


async def test_thumbnails_are_made_once_and_files_only_for_reviewers(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    _, file_id = await confirmation(
        running_app, world.place.school_ids["edu670009"], world["curator"].id
    )
    regional = as_person(world["regional"].id)
    async with board_client(running_app) as client:
        thumb = await client.get(f"/board/thumb/{file_id}", headers=regional)
        assert thumb.status == 200 and thumb.content_type == "image/jpeg"
        made = list((running_app.settings.files_dir / "thumbs").rglob("*.jpg"))
        assert len(made) == 1
        stamp = made[0].stat().st_mtime_ns
        assert (await client.get(f"/board/thumb/{file_id}", headers=regional)).status == 200
        assert made[0].stat().st_mtime_ns == stamp  # cached by the file's SHA-256
        full = await client.get(f"/board/file/{file_id}", headers=regional)
        assert full.status == 200 and full.content_type == "image/png"
        assert "sandbox" in full.headers["Content-Security-Policy"]
        for stranger in ("regional_other", "municipal_district"):
            response = await client.get(
                f"/board/file/{file_id}", headers=as_person(world[stranger].id)
            )
            assert response.status == 403, stranger
        archive = await client.get("/board/export/evidence.zip", headers=regional)
        assert archive.status == 200
        names = zipfile.ZipFile(io.BytesIO(await archive.read())).namelist()
        assert len(names) == 1 and names[0].endswith("/v1-1.png")
    assert Thumbnails(running_app.settings.files_dir).get("0" * 64, "image/png") is None


# --- inside Telegram, the webhook server, English ---------------------------------------------


@pytest.mark.app_settings(webapp_url="https://board.example.org")
async def test_with_an_https_address_the_board_opens_inside_telegram(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    coordinator = world["municipal"]
    await coordinator.send_text("/board")
    (reply,) = await coordinator.wait_for_messages()
    web_app = reply.buttons[0][0]
    assert web_app["web_app"] == {"url": "https://board.example.org/board/"}
    assert reply.buttons[1][0]["url"].startswith("https://board.example.org/board/login?token=")
    menu = emu.world.chats[coordinator.id].menu_button  # type: ignore[attr-defined]
    assert menu["type"] == "web_app" and menu["web_app"]["url"].endswith("/board/")
    # /progress and /review carry the board's button for coordinators and curators, not schools.
    for person, command in (
        (coordinator, "/progress"),
        (coordinator, "/review"),
        (world["curator"], "/progress"),
        (world["school"], "/progress"),
    ):
        await person.send_text(command)
        (screen,) = await person.wait_for_messages()
        first = screen.buttons[0][0] if screen.buttons else {}
        has_board = first.get("web_app") == {"url": "https://board.example.org/board/"}
        assert has_board is (person is not world["school"]), (person.first_name, command)


@pytest.mark.app_settings(
    webhook_url="https://bot.example.org/telegram/hook", webhook_secret="s" * 32
)
# bot/webhook.py keys its application with strings and routes a callable object (it runs as its
# own process in the e2e tests, where aiohttp's warnings about both are not errors)
@pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning")
@pytest.mark.filterwarnings("ignore:Bare functions are deprecated:DeprecationWarning")
async def test_in_webhook_mode_the_board_is_on_the_webhook_server(
    emu: BotAPIEmulator, running_app: App
) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from bot.webhook import build_web_app

    world = await build_world(running_app, emu)
    client = TestClient(TestServer(build_web_app(running_app, None)))
    await client.start_server()
    try:
        assert (await client.get("/board/", headers=HTML)).status == 401
        page = await client.get("/board/", headers={**as_person(world["regional"].id), **HTML})
        assert page.status == 200
        assert (await client.get("/healthz")).status == 200
    finally:
        await client.close()


async def test_the_board_speaks_the_persons_language(emu: BotAPIEmulator, running_app: App) -> None:
    world = await build_world(running_app, emu)
    async with running_app.sessionmaker.begin() as session:
        from storage.models import User

        person = await session.get(User, world["regional"].id)
        assert person is not None
        person.language = "en"
    async with board_client(running_app) as client:
        headers = {**as_person(world["regional"].id), **HTML}
        text = await (await client.get("/board/", headers=headers)).text()
        assert 'lang="en"' in text and "5 schools" in text and "not due yet" in text
        russian = await (
            await client.get("/board/", headers={**as_person(world["municipal"].id), **HTML})
        ).text()
        assert "Ход отчётности" in russian


async def test_numbers_no_row_can_have_are_refused_not_a_server_error(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Attacker's walk, F3: ids beyond SQLite's integers in an address or a body gave a 500."""
    world = await build_world(running_app, emu)
    huge = "9" * 30
    async with board_client(running_app) as client:
        csrf = await signed_in(client, world["regional"].id)
        for path in (f"/board/thumb/{huge}", f"/board/file/{huge}", f"/board/review/{huge}"):
            assert (await client.get(path)).status == 404, path
        assert (await client.get(f"/board/review?m={huge}&open={huge}")).status == 200
        decide = await client.post(f"/board/review/{huge}", json={"accept": True}, headers=csrf)
        assert decide.status == 404
        for ids in ([10**30], [-1], [True], ["1"]):
            bulk = await client.post("/board/review/accept", json={"ids": ids}, headers=csrf)
            assert bulk.status == 400, ids
        remind = await client.post(
            "/board/missing/remind", json={"step": STEP, "schools": [10**30]}, headers=csrf
        )
        assert remind.status == 400


async def test_a_board_decision_that_meets_another_writer_is_done_again(
    emu: BotAPIEmulator, running_app: App, backend: str
) -> None:
    """Attacker's walk, F13: the chat accepting while the board accepted many gave the board a
    500 "database is locked" (SQLite lets one writer at a time; a reader's snapshot that another
    writer moved past cannot write). The board does the request again on a fresh snapshot."""
    world = await build_world(running_app, emu)
    waiting, _ = await confirmation(
        running_app, world.place.school_ids["edu670009"], world["curator"].id
    )
    async with board_client(running_app) as client:
        csrf = await signed_in(client, world["regional"].id)
        async with running_app.sessionmaker() as other:  # another writer holds the lock a while
            await other.execute(
                update(User).where(User.id == world["curator"].id).values(language="ru")
            )
            bulk = asyncio.create_task(
                client.post("/board/review/accept", json={"ids": [waiting]}, headers=csrf)
            )
            await asyncio.sleep(6.0)  # longer than SQLite's busy timeout (5 s)
            await other.commit()
        response = await bulk
        assert response.status == 200, await response.text()
        assert (await response.json())["accepted"] == [waiting]


# --- the bot's checks -------------------------------------------------------------------------


def gallery_cards(page: str) -> list[tuple[int, str]]:
    """(submission id, verdict) of each card, in the page's order."""
    cards = page.split('<li class="card ')[1:]
    return [
        (
            int(card.split('data-id="', 1)[1].split('"', 1)[0]),
            card.split('data-verdict="', 1)[1].split('"', 1)[0],
        )
        for card in cards
    ]


async def test_the_gallery_shows_each_verdict_suspicious_first_and_filters_by_it(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    school = world.place.school_ids
    by = world["curator"].id
    unchecked, _ = await confirmation(running_app, school["edu670009"], by)
    unclear, _ = await confirmation(running_app, school["edu670010"], by, picture=noise_png(1))
    blank, _ = await confirmation(running_app, school["edu670021"], by)  # one colour: blank
    await screened(running_app, unclear, blank)  # the first stays unchecked
    regional = {**as_person(world["regional"].id), **HTML}
    async with board_client(running_app) as client:
        page = await (await client.get("/board/review", headers=regional)).text()
        assert gallery_cards(page) == [
            (blank, "suspicious"),
            (unclear, "unclear"),
            (unchecked, "unchecked"),
        ]
        for word in ("🔴 подозрительно", "🟡 стоит посмотреть", "⏳ ещё не проверено ботом"):
            assert f'<span class="verdict" title="Проверка бота">{word}</span>' in page
        # The filter offers each verdict with how many wait, and keeps only the one chosen.
        assert '<option value="suspicious" >🔴 подозрительно (1)</option>' in page
        assert '<option value="ok" >🟢 выглядит верно (0)</option>' in page
        only = await (await client.get("/board/review?verdict=unclear", headers=regional)).text()
        assert gallery_cards(only) == [(unclear, "unclear")]
        assert 'value="unclear" selected' in only
        none = await (await client.get("/board/review?verdict=ok", headers=regional)).text()
        assert gallery_cards(none) == []
        forged = await client.get("/board/review?verdict=<b>", headers=regional)
        assert forged.status == 200 and len(gallery_cards(await forged.text())) == 3
        # In English, the chat's English words.
        await running_app_language(running_app, world["regional"].id, "en")
        english = await (await client.get("/board/review", headers=regional)).text()
        assert "🔴 suspicious" in english and "⏳ not checked by the bot yet" in english


async def running_app_language(app: App, user_id: int, language: str) -> None:
    async with app.sessionmaker.begin() as session:
        await session.execute(update(User).where(User.id == user_id).values(language=language))


async def test_the_gallerys_verdicts_cost_no_query_per_card(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    school = world.place.school_ids
    by = world["curator"].id
    first = [
        (await confirmation(running_app, school[code], by, picture=noise_png(n)))[0]
        for n, code in enumerate(("edu670009", "edu670010"), start=10)
    ]
    await screened(running_app, *first)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    regional = {**as_person(world["regional"].id), **HTML}

    async def page_statements(client: object) -> int:
        statements.clear()
        page = await client.get("/board/review", headers=regional)  # type: ignore[attr-defined]
        assert page.status == 200
        return len(statements)

    engine = running_app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        async with board_client(running_app) as client:
            await page_statements(client)  # calendars and the like read once
            two = await page_statements(client)
            more = [
                (await confirmation(running_app, school[code], by, picture=noise_png(n)))[0]
                for n, code in enumerate(("edu670021", "edu670036", "edu671101"), start=20)
            ]
            await screened(running_app, *more)
            five = await page_statements(client)
            page = await (await client.get("/board/review", headers=regional)).text()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(gallery_cards(page)) == 5
    assert {verdict for _, verdict in gallery_cards(page)} == {"unclear"}
    assert five == two, statements


async def test_a_copy_links_to_the_other_submission_only_for_its_reviewers(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    ids = await copies_across_municipalities(running_app, world)
    regional = {**as_person(world["regional"].id), **HTML}
    city = {**as_person(world["municipal"].id), **HTML}
    async with board_client(running_app) as client:
        # The detail says the verdict and its reasons in the chat card's words.
        page = await (await client.get(f"/board/review/{ids['of_city']}", headers=city)).text()
        assert "🤖 Проверка бота: 🔴 подозрительно" in page
        assert "копия скриншота, который прислала МБОУ «СШ № 9» для шага 3" in page
        link = f'href="/board/review/{ids["city"]}?from={ids["of_city"]}"'
        assert link in page  # the city's coordinator reviews СШ 9 too
        other = await client.get(f"/board/review/{ids['city']}?from={ids['of_city']}", headers=city)
        assert other.status == 200
        other_page = await other.text()
        assert "МБОУ «СШ № 9»" in other_page
        assert f'href="/board/review/{ids["of_city"]}" data-goto="{ids["of_city"]}"' in other_page

        # A copy of the district's picture: named for the city's coordinator, no way to it.
        page = await (await client.get(f"/board/review/{ids['of_district']}", headers=city)).text()
        assert "копия скриншота, который прислала МБОУ «Касплянская СШ»" in page
        assert f"/board/review/{ids['district']}" not in page and "data-goto" not in page
        # ... and the address typed in is refused, whatever it says it came from.
        for path in (
            f"/board/review/{ids['district']}",
            f"/board/review/{ids['district']}?from={ids['of_district']}",
        ):
            refused = await client.get(path, headers=city)
            assert refused.status == 403, path
            assert "Эта страница не для вашей роли" in await refused.text()
        # The region's coordinator reviews both municipalities: the link is there for them.
        page = await (
            await client.get(f"/board/review/{ids['of_district']}", headers=regional)
        ).text()
        assert f'href="/board/review/{ids["district"]}?from={ids["of_district"]}"' in page
        assert (
            await client.get(f"/board/review/{ids['district']}", headers=regional)
        ).status == 200
    async with running_app.sessionmaker() as session:
        statuses = await session.scalars(
            select(Submission.status).where(Submission.id.in_(ids.values()))
        )
        assert set(statuses) == {"submitted"}


async def test_the_board_refuses_a_school_as_a_school_and_a_stranger_as_one(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """Newcomer's walk: a registered school was told to join the project (/start) and had no
    button. Now she is told whom the board is for, with the menu; only a stranger is sent to
    /start."""
    world = await build_world(running_app, emu)
    await world["school"].send_text("/board")
    (refused,) = await world["school"].wait_for_messages()
    assert refused.text.startswith("Доска проверки — для координаторов и кураторов.")
    assert "/start" not in refused.text and "Подключитесь" not in refused.text
    assert "📊 Отчётность" in refused.button_texts
    await world["nobody"].send_text("/board")
    (stranger,) = await world["nobody"].wait_for_messages()
    assert stranger.text.endswith("Подключитесь к проекту: /start")
