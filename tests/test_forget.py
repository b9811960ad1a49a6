"""/forget: after it, no table holds the person's id, name or anything they wrote (finding 7);
what their school had accepted stays as the school's record, without them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from emulator import BotAPIEmulator, FakeUser, make_png
from sqlalchemy import select, text

from bot.app import App
from services.file_store import FileStore
from storage.models import (
    Base,
    Broadcast,
    Invite,
    MarathonTalk,
    OutboxMessage,
    Submission,
    SubmissionFile,
    WebinarSubscription,
)
from tests.attack_world import World, build_world


async def everything(app: App) -> list[tuple[str, dict[str, Any]]]:
    """Every row of every table, as (table, row)."""
    rows = []
    async with app.sessionmaker() as session:
        for table in Base.metadata.sorted_tables:
            for row in await session.execute(text(f'SELECT * FROM "{table.name}"')):
                rows.append((table.name, dict(row._mapping)))
    return rows


def traces(rows: list[tuple[str, dict[str, Any]]], marks: list[str], user_id: int) -> list[str]:
    found = []
    for table, row in rows:
        for column, value in row.items():
            if value == user_id or (
                isinstance(value, str) and any(mark in value for mark in [*marks, str(user_id)])
            ):
                found.append(f"{table}.{column} = {value!r}")
    return found


async def store_file(app: App, data: bytes) -> str:
    stored = await FileStore(app.settings.files_dir).fetch("x", lambda _id, out: _write(out, data))
    return stored.sha256


async def _write(out: Any, data: bytes) -> None:
    out.write(data)


async def curator_with_a_history(app: App, world: World, curator: FakeUser) -> dict[str, str]:
    """Everything a curator leaves behind in a season; returns the file digests by kind."""
    school = world.place.school_ids["edu670009"]
    accepted_png, returned_png = make_png(rgb=(9, 9, 9)), make_png(rgb=(8, 8, 8))
    digests = {
        "accepted": await store_file(app, accepted_png),
        "returned": await store_file(app, returned_png),
    }
    now = datetime(2022, 10, 3, 7, tzinfo=UTC)
    async with app.sessionmaker.begin() as session:
        for version, (status, comment, kind) in enumerate(
            [
                ("returned", "Комментарий Куратора-секрет", "returned"),
                ("accepted", "Второй комментарий Куратора-секрет", "accepted"),
            ],
            start=1,
        ):
            submission = Submission(
                school_id=school,
                step_key="expertise-2",
                season=2022,
                version=version,
                status=status,
                comment=comment,
                submitted_by=curator.id,
                submitted_at=now,
            )
            session.add(submission)
            await session.flush()
            session.add(
                SubmissionFile(
                    submission_id=submission.id,
                    kind="document",
                    file_id=f"file-{version}",
                    file_unique_id=f"unique-{version}",
                    file_name="скан_Куратора-секрет.png",
                    sha256=digests[kind],
                    content_type="image/png",
                )
            )
        session.add(
            Submission(
                school_id=school,
                step_key="expertise-3",
                season=2022,
                status="draft",
                submitted_by=curator.id,
                comment="черновик Куратора-секрет",
            )
        )
        session.add(
            MarathonTalk(
                marathon_id=await _marathon(session, world),
                school_id=school,
                proposed_by=curator.id,
                topic="Тема школы",
                description="Описание Куратора-секрет",
                speaker="Докладчик Куратора-секрет",
                status="accepted",
            )
        )
        session.add(
            WebinarSubscription(user_id=curator.id, series_key="federal-thursday", subscribed=True)
        )
    return digests


async def _marathon(session: Any, world: World) -> int:
    from storage.models import Marathon

    marathon = Marathon(
        title="Марафон", kind="marathon", level="regional", region_code="67", created_by=0
    )
    session.add(marathon)
    await session.flush()
    return marathon.id


async def test_a_curator_is_forgotten_everywhere_and_the_school_keeps_its_record(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    curator = world["curator"]
    digests = await curator_with_a_history(running_app, world, curator)
    await curator.send_text("/forget")
    (ask,) = await curator.wait_for_messages()
    await emu.wait_answered(await curator.tap(ask, "🗑 Да, удалить"))
    assert "удалил" in ask.text.lower() or "удалены" in ask.text.lower()

    rows = await everything(running_app)
    assert traces(rows, ["Куратор 9", "Куратора-секрет"], curator.id) == []
    async with running_app.sessionmaker() as session:
        kept = (await session.scalars(select(Submission))).all()
        files = (await session.scalars(select(SubmissionFile))).all()
    assert [(s.status, s.submitted_by, s.comment) for s in kept] == [("accepted", 0, None)]
    assert [(f.sha256, f.file_name) for f in files] == [(digests["accepted"], None)]
    store = FileStore(running_app.settings.files_dir)
    assert store.path_for(digests["accepted"]).exists()
    assert not store.path_for(digests["returned"]).exists()


async def test_a_coordinator_is_forgotten_and_their_acts_stay_without_them(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    coordinator = world["municipal"]
    school = world.place.school_ids["edu670009"]
    async with running_app.sessionmaker.begin() as session:
        session.add(
            Submission(
                school_id=school,
                step_key="expertise-2",
                season=2022,
                version=1,
                status="returned",
                submitted_by=world["school"].id,
                reviewed_by=coordinator.id,
                review_comment="Переделайте скриншот",
            )
        )
        session.add(
            Broadcast(
                author_id=coordinator.id,
                text="Объявление Координатора-секрет",
                audience="{}",
                send_at=datetime(2022, 10, 3, tzinfo=UTC),
                status="done",
            )
        )
        session.add(
            Invite(
                token="tok",
                role="school",
                region_code="67",
                school_ids=[school],
                max_uses=1,
                expires_at=datetime(2022, 10, 10, tzinfo=UTC),
                created_by=coordinator.id,
            )
        )
        session.add(OutboxMessage(campaign="c", chat_id=coordinator.id, text="Вам письмо"))
    await coordinator.send_text("/forget")
    (ask,) = await coordinator.wait_for_messages()
    await emu.wait_answered(await coordinator.tap(ask, "🗑 Да, удалить"))

    rows = await everything(running_app)
    assert traces(rows, ["Муниципальный город", "Координатора-секрет"], coordinator.id) == []
    async with running_app.sessionmaker() as session:
        returned = await session.scalar(select(Submission))
    assert returned is not None
    assert (returned.reviewed_by, returned.review_comment) == (None, "Переделайте скриншот")
