"""Every place a person types or sends a file, fed what an attacker (or an unlucky paste) sends:
texts at and over each limit, HTML, Fluent's own syntax, right-to-left and zero-width marks,
emoji, whitespace; empty, mislabelled and crafted files. Through the real dispatcher. After each:
no unhandled error, nothing Telegram refused, and at the end other people's screens still open.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from emulator import BotAPIEmulator, FakeUser, make_png

from bot.app import App
from services import limits
from storage.models import Marathon, MarathonTalk, Question
from tests.attack_world import ADMIN_ID, World, build_world, submitted
from ui.callbacks import (
    BcCb,
    InvCb,
    MarCb,
    ProfCb,
    QuestionCb,
    RegCb,
    RevCb,
    SubCb,
    WebEditCb,
)

TEXTS = [
    " ",
    "x" * limits.COMMENT,
    "x" * (limits.COMMENT + 1),
    "я" * limits.QUESTION,
    "я" * 4096,
    '<b>жирный</b><script>alert(1)</script><a href="javascript:x">ссылка</a>',
    '"' * 2600,
    "&amp; &lt; &#0; &#x110000;",
    "{ $name } {{ }} { -term } [ *other ] \\u{0}",
    "\u202eоборот\u202c \u200b\u200d\ufeff\u2066",
    "👩‍👩‍👧‍👦" * 300,
    "/start_not_a_command\n\n\n",
    "10.10.2022 25:61",
    "01.01.0001 10:00",
]
THURSDAY = int(datetime(2022, 10, 6, 7, 0, tzinfo=UTC).timestamp())


@dataclass(frozen=True)
class Input:
    name: str
    who: str
    enter: Callable[[App, BotAPIEmulator, World, FakeUser], Awaitable[None]]


async def press(emu: BotAPIEmulator, user: FakeUser, data: str) -> None:
    await user.send_text("/help")
    (screen,) = await user.wait_for_messages()
    await emu.wait_answered(await user.tap(screen, forged_data=data))


async def nothing(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    pass


def command(name: str) -> Callable[[App, BotAPIEmulator, World, FakeUser], Awaitable[None]]:
    async def enter(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
        await user.send_text(name)
        await user.wait_for_messages()

    return enter


def by_button(data: str) -> Callable[[App, BotAPIEmulator, World, FakeUser], Awaitable[None]]:
    async def enter(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
        await press(emu, user, data)

    return enter


async def broadcast_time(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    await user.send_text("/broadcast")
    await user.wait_for_messages()
    await user.send_text("Объявление")
    (screen,) = await user.wait_for_messages()
    for data in ("bc:role:schools", "bc:mun:0", "bc:step:", BcCb(action="later").pack()):
        await emu.wait_answered(await user.tap(screen, forged_data=data))


async def comment(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    school = world.place.school_ids["edu670009"]
    await press(emu, user, SubCb(action="step", school=school, step="expertise-2").pack())
    await user.send_photo(make_png(rgb=(3, 4, 5)))
    await user.wait_for_messages()


_versions = iter(range(1, 10_000))


async def return_comment(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    school = world.place.school_ids["edu670010"]
    version = next(_versions)
    submission = await submitted(app, school, "expertise-2", world["school"].id, version)
    await press(emu, user, RevCb(action="return", submission_id=submission).pack())


async def answer(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    async with app.sessionmaker.begin() as session:
        question = Question(
            asker_id=world["school"].id,
            text="Когда?",
            region_code="67",
            municipality_id=world.place.city_id,
        )
        session.add(question)
        await session.flush()
        question_id = question.id
    await press(emu, user, QuestionCb(action="answer", question_id=question_id).pack())


async def marathon(app: App, world: World) -> tuple[int, int]:
    async with app.sessionmaker.begin() as session:
        found = Marathon(
            title="Марафон города",
            kind="marathon",
            level="municipal",
            region_code="67",
            municipality_id=world.place.city_id,
            created_by=world["municipal"].id,
        )
        session.add(found)
        await session.flush()
        talk = MarathonTalk(
            marathon_id=found.id,
            school_id=world.place.school_ids["edu670009"],
            proposed_by=world["school"].id,
            topic="Тема",
            description="Описание",
            speaker="Докладчик",
        )
        session.add(talk)
        await session.flush()
        return found.id, talk.id


def proposal(fields: int) -> Callable[[App, BotAPIEmulator, World, FakeUser], Awaitable[None]]:
    """Into the proposal form, with `fields` earlier fields already answered well."""

    async def enter(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
        marathon_id, _ = await marathon(app, world)
        await press(emu, user, MarCb(action="propose", marathon=marathon_id).pack())
        for value in ("Тема доклада", "Описание доклада")[:fields]:
            await user.send_text(value)
            await user.wait_for_messages()

    return enter


async def talk_time(app: App, emu: BotAPIEmulator, world: World, user: FakeUser) -> None:
    marathon_id, talk_id = await marathon(app, world)
    await press(emu, user, MarCb(action="accept", marathon=marathon_id, talk=talk_id).pack())


INPUTS = [
    Input("question", "school", nothing),
    Input("broadcast text", "regional", command("/broadcast")),
    Input("broadcast time", "regional", broadcast_time),
    Input("comment", "school", comment),
    Input("return comment", "municipal", return_comment),
    Input("profile name", "curator", by_button(ProfCb(action="name").pack())),
    Input("answer", "municipal", answer),
    Input("marathon title", "municipal", by_button(MarCb(action="new", value="marathon").pack())),
    Input("talk topic", "school", proposal(0)),
    Input("talk description", "school", proposal(1)),
    Input("talk speaker", "school", proposal(2)),
    Input("talk time", "municipal", talk_time),
    Input(
        "webinar topic",
        "admin",
        by_button(
            WebEditCb(action="field", series="weekly-exchange", at=THURSDAY, field="topic").pack()
        ),
    ),
    Input(
        "webinar link",
        "admin",
        by_button(
            WebEditCb(
                action="field", series="weekly-exchange", at=THURSDAY, field="join_url"
            ).pack()
        ),
    ),
    Input("webinar time", "admin", by_button(WebEditCb(action="add").pack())),
    Input("invite search", "regional", by_button(InvCb(action="role", value="school").pack())),
    Input("school search", "nobody", by_button(RegCb(action="role", value="school").pack())),
    Input("import (text)", "municipal", command("/import")),
    Input("calendar (text)", "regional", command("/region_calendar")),
]


def problems(
    emu: BotAPIEmulator, since: int, user: FakeUser, caplog: pytest.LogCaptureFixture
) -> list[str]:
    found = [
        f"{c.method}: {c.description}"
        for c in list(emu.calls)[since:]
        if not c.ok and "not modified" not in (c.description or "")
    ]
    found += [m.text[:80] for m in user.unread if "Что-то пошло не так" in m.text]
    found += [record.getMessage()[:200] for record in caplog.records]
    return found


@pytest.fixture
async def world(emu: BotAPIEmulator, running_app: App) -> World:
    return await build_world(running_app, emu)


@pytest.mark.app_settings(admin_ids=(ADMIN_ID,))
async def test_every_text_input_takes_anything(
    emu: BotAPIEmulator, running_app: App, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    failures = []
    for spec in INPUTS:
        user = world[spec.who]
        for payload in TEXTS:
            await spec.enter(running_app, emu, world, user)
            user.chat.mark_read()
            since = len(emu.calls)
            await user.send_text(payload)
            await user.wait_for_messages(timeout=10)
            found = problems(emu, since, user, caplog)
            if found:
                failures.append(f"{spec.name} ← {payload[:30]!r}: {found}")
            caplog.clear()
            user.chat.mark_read()
            await user.send_text("/start")  # leave whatever flow it was in
            await user.wait_for_messages()
    assert failures == []
    await others_still_work(emu, world)


async def others_still_work(emu: BotAPIEmulator, world: World) -> None:
    for role, command_text in (
        ("school_other", "/webinars"),
        ("municipal", "/review"),
        ("school", "/deadlines"),
        ("regional", "/progress"),
    ):
        person = world[role]
        person.chat.mark_read()
        await person.send_text(command_text)
        shown = await person.wait_for_messages(timeout=10)
        assert not any("Что-то пошло не так" in m.text for m in shown), role


FILES = [
    (b"", "пустой.pdf", "application/pdf"),
    (b"MZ\x90\x00\x03", "invoice.pdf.exe", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "../../etc/passwd", "image/png"),
    (make_png(rgb=(1, 1, 1)), "\u202egnp.exe", "image/png"),
    (make_png(rgb=(2, 2, 2)), "я" * 250 + ".png", "image/png"),
    (b"PK\x03\x04garbage", "schools.xlsx", "application/vnd.ms-excel"),
    (b"a: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" * 3, "calendar.yaml", "text/yaml"),
    ('Муниципалитет;Код школы\n"незакрытая кавычка;edu670009\n'.encode(), "s.csv", "text/csv"),
    (b"\xff\xfe\x00\x00" * 100, "s.csv", "text/csv"),
]
FILE_INPUTS = [
    Input("submission file", "school", comment),
    Input("import file", "municipal", command("/import")),
    Input("calendar file", "regional", command("/region_calendar")),
]


async def test_every_file_input_takes_anything(
    emu: BotAPIEmulator, running_app: App, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    failures = []
    for spec in FILE_INPUTS:
        user = world[spec.who]
        for data, name, mime in FILES:
            await spec.enter(running_app, emu, world, user)
            user.chat.mark_read()
            since = len(emu.calls)
            await user.send_document(data, name, mime)
            reply = (await user.wait_for_messages(timeout=20))[-1]
            if "Проверяю" in reply.text or "⏳" in reply.text:
                await user.wait_until(lambda r=reply: "⏳" not in r.text, timeout=30)
            if spec.name == "submission file" and reply.button_texts:
                sending = next((b for b in reply.button_texts if b.startswith("✅")), None)
                if sending:
                    await emu.wait_answered(await user.tap(reply, sending))
            found = problems(emu, since, user, caplog)
            if found:
                failures.append(f"{spec.name} ← {name[:30]!r}: {found}")
            caplog.clear()
            user.chat.mark_read()
            await user.send_text("/start")
            await user.wait_for_messages()
    assert failures == []
    await others_still_work(emu, world)
