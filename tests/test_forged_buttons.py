"""Every button the bot can draw, forged by everyone whose place it is not.

The matrix is generated: every CallbackData factory in ui.callbacks × every action of its enum
× every attacker role, the ids pointing at another place's objects (the Смоленский район's
school, submission, request, question, marathon, talk, broadcast and grant). For each press:
the button is answered, nothing raises, nothing Telegram refuses is sent, and afterwards none of
the other place's data has changed and nothing was queued for anyone but the attacker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, get_type_hints

import pytest
from aiogram.filters.callback_data import CallbackData
from emulator import BotAPIEmulator, FakeUser
from sqlalchemy import text

from bot.app import App
from storage.models import (
    Base,
    Broadcast,
    JoinRequest,
    Marathon,
    MarathonTalk,
    Question,
    User,
)
from tests.attack_world import ADMIN_ID, World, build_world, submitted
from ui import callbacks

ATTACKERS = ("school", "curator", "municipal", "regional_other", "school_other", "nobody")
OWNER_COLUMNS = (
    "user_id",
    "asker_id",
    "chat_id",
    "author_id",
    "proposed_by",
    "submitted_by",
    "changed_by",
)
# Forgetting oneself is no attack on anyone (tests/test_forget.py); pressed in the middle of the
# matrix it would only turn the attacker into a stranger for the presses after it.
SELF_ONLY = {("ProfCb", "forget_yes")}
SKIPPED_TABLES = {"users", "conversation_states", "sent_reminders", "album_replies"}
THURSDAY = int(datetime(2022, 10, 6, 7, 0, tzinfo=UTC).timestamp())


@dataclass(frozen=True)
class Victims:
    school: int
    municipality: int
    submission: int
    request: int
    question: int
    marathon: int
    proposed_talk: int
    accepted_talk: int
    broadcast: int
    grant: int


def factories() -> list[type[CallbackData]]:
    found = [
        value
        for value in vars(callbacks).values()
        if isinstance(value, type) and issubclass(value, CallbackData) and value is not CallbackData
    ]
    return sorted(found, key=lambda factory: factory.__name__)


def actions(factory: type[CallbackData]) -> list[tuple[str, StrEnum | str]]:
    """(field, value) for the field that says what the button does: every member of its enum."""
    hints = get_type_hints(factory)
    for field, kind in hints.items():
        if isinstance(kind, type) and issubclass(kind, StrEnum):
            return [(field, member) for member in kind]
    if factory is callbacks.LangCb:
        return [("code", code) for code in ("ru", "en", "xx")]
    raise AssertionError(f"{factory.__name__} has no action enum")


def forged(factory: type[CallbackData], field: str, action: Any, victims: Victims) -> str:
    """The button aimed at the other place: every id field filled with the victim's ids."""
    hints = get_type_hints(factory)
    values: dict[str, Any] = {field: action}
    ids = {
        "submission_id": victims.submission,
        "request_id": victims.request,
        "question_id": victims.question,
        "marathon": victims.marathon,
        "talk": victims.accepted_talk if action in ("talk", "withdraw") else victims.proposed_talk,
        "school": victims.school,
        "step": "expertise-2",
        "series": "weekly-exchange",
        "at": THURSDAY,
        "field": "topic",
        "municipality": victims.municipality,
    }
    for name in hints:
        if name != field and name in ids:
            values[name] = ids[name]
    if "value" in hints:
        values["value"] = _value(factory, str(action), victims)
    # Built without validation: a value the factory itself refuses is a forgery too.
    return factory.model_construct(**values).pack()


def _value(factory: type[CallbackData], action: str, victims: Victims) -> str:
    by_action = {
        "mun": str(victims.municipality),
        "school": str(victims.school),
        "region": "23",
        "role": "regional",
        "uses": "100000000",
        "stop": str(victims.broadcast),
        "leave": str(victims.grant),
        "missing": "expertise-2",
        "remind": "expertise-2",
        "zip": "all",
        "chart": "municipalities",
        "step": "expertise-2",
        "stage": "expertise",
        "new": "marathon",
    }
    return by_action.get(action, "")


MATRIX = [
    (factory.__name__, field, action)
    for factory in factories()
    for field, action in actions(factory)
    if (factory.__name__, str(action)) not in SELF_ONLY
]


async def victims_in_the_district(app: App, emu: BotAPIEmulator, world: World) -> Victims:
    district = world.place.district_id
    school = world.place.school_ids["edu671101"]
    owner = world["municipal_district"]
    applicant = emu.add_user("Заявитель")
    submission = await submitted(app, school, "expertise-2", world["school_district"].id)
    async with app.sessionmaker.begin() as session:
        session.add(User(id=applicant.id, first_name="Заявитель", language="ru"))
        await session.flush()
        request = JoinRequest(user_id=applicant.id, role="school", school_id=school)
        question = Question(
            asker_id=world["school_district"].id,
            text="Вопрос района",
            region_code="67",
            municipality_id=district,
            school_id=school,
        )
        marathon = Marathon(
            title="Марафон района",
            kind="marathon",
            level="municipal",
            region_code="67",
            municipality_id=district,
            created_by=owner.id,
        )
        broadcast = Broadcast(
            author_id=owner.id,
            text="Объявление района",
            audience='{"role": "schools", "municipality_id": null, "step_key": null}',
            send_at=datetime(2022, 10, 10, tzinfo=UTC),
            status="scheduled",
        )
        session.add_all([request, question, marathon, broadcast])
        await session.flush()
        proposed = MarathonTalk(
            marathon_id=marathon.id,
            school_id=school,
            proposed_by=world["school_district"].id,
            topic="Предложение",
            description="…",
            speaker="Докладчик",
        )
        accepted = MarathonTalk(
            marathon_id=marathon.id,
            school_id=school,
            proposed_by=world["school_district"].id,
            topic="В программе",
            description="…",
            speaker="Докладчица",
            status="accepted",
            starts_at=datetime(2022, 10, 12, 7, tzinfo=UTC),
        )
        session.add_all([proposed, accepted])
        await session.flush()
        grant = await session.scalar(
            text("SELECT id FROM role_grants WHERE user_id = :u"),
            {"u": world["school_district"].id},
        )
        return Victims(
            school,
            district,
            submission,
            request.id,
            question.id,
            marathon.id,
            proposed.id,
            accepted.id,
            broadcast.id,
            int(grant),
        )


async def others_data(app: App, attacker: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table that is not the attacker's own (their user row, subscriptions,
    conversation), in a stable order."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    async with app.sessionmaker() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            owned = [c for c in OWNER_COLUMNS if c in table.c]
            rows = []
            for row in await session.execute(table.select()):
                mapping = dict(row._mapping)
                if any(mapping[c] == attacker for c in owned):
                    continue
                mapping.pop("updated_at", None)
                rows.append(tuple(sorted((k, repr(v)) for k, v in mapping.items())))
            snapshot[table.name] = sorted(rows)
    return snapshot


@pytest.mark.app_settings(admin_ids=(ADMIN_ID,))
async def test_every_forged_button_is_refused_outside_its_place(
    emu: BotAPIEmulator, running_app: App, caplog: pytest.LogCaptureFixture
) -> None:
    world = await build_world(running_app, emu)
    victims = await victims_in_the_district(running_app, emu, world)
    caplog.set_level(logging.ERROR)
    pressed = 0
    for role in ATTACKERS:
        attacker: FakeUser = world[role]
        await attacker.send_text("/start")
        (screen,) = await attacker.wait_for_messages()
        before = await others_data(running_app, attacker.id)
        for name, field, action in MATRIX:
            factory = getattr(callbacks, name)
            data = forged(factory, field, action, victims)
            calls = len(emu.calls)
            query = await attacker.tap(screen, forged_data=data)
            await emu.wait_answered(query, timeout=10)
            pressed += 1
            refused = [
                f"{c.method}: {c.description}"
                for c in list(emu.calls)[calls:]
                if not c.ok and "not modified" not in (c.description or "")
            ]
            assert refused == [], f"{role} pressing {data}: Telegram refused {refused}"
            texts = [m.text for m in attacker.unread]
            assert not any("Что-то пошло не так" in t for t in texts), f"{role} pressing {data}"
            assert not caplog.records, f"{role} pressing {data}: {caplog.records[0].getMessage()}"
            attacker.chat.mark_read()
            if screen.deleted:
                await attacker.send_text("/start")
                (screen,) = await attacker.wait_for_messages()
        after = await others_data(running_app, attacker.id)
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert changed == {}, f"{role} changed another place's data: {changed}"
    assert pressed == len(MATRIX) * len(ATTACKERS)


async def test_the_matrix_covers_every_factory_and_can_see_a_change(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """The matrix is as wide as the callbacks module, and the snapshot does notice a change made
    by someone in their place (the district's own coordinator accepting its submission)."""
    assert {name for name, _, _ in MATRIX} == {f.__name__ for f in factories()}
    assert len(factories()) >= 16
    world = await build_world(running_app, emu)
    victims = await victims_in_the_district(running_app, emu, world)
    owner = world["municipal_district"]
    before = await others_data(running_app, world["school"].id)
    await owner.send_text("/start")
    (screen,) = await owner.wait_for_messages()
    data = callbacks.RevCb(action=callbacks.RevAction.ACCEPT, submission_id=victims.submission)
    await emu.wait_answered(await owner.tap(screen, forged_data=data.pack()))
    after = await others_data(running_app, world["school"].id)
    assert before["submissions"] != after["submissions"]


def test_callback_prefixes_are_unique_and_every_button_fits_in_64_bytes() -> None:
    prefixes = [f.__prefix__ for f in factories()]
    assert len(prefixes) == len(set(prefixes))
    victims = Victims(10**9, 10**9, 10**9, 10**9, 10**9, 10**9, 10**9, 10**9, 10**9, 10**9)
    for name, field, action in MATRIX:
        assert len(forged(getattr(callbacks, name), field, action, victims).encode()) <= 64
