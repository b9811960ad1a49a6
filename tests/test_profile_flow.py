"""/profile and /forget through the real dispatcher."""

from __future__ import annotations

from emulator import BotAPIEmulator
from sqlalchemy import select

from bot.app import App
from storage.models import RoleGrant, User
from tests.directory_fixtures import make_coordinator, seed_smolensk


async def test_profile_rename_leave_and_forget(emu: BotAPIEmulator, running_app: App) -> None:
    place = await seed_smolensk(running_app.sessionmaker)
    sergey = emu.add_user("Сергей", username="zhoykin")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, sergey.id, "Сергей", "curator", place.school("edu670009"))
        await make_coordinator(session, sergey.id, "Сергей", "curator", place.school("edu670010"))
    await sergey.send_text("/profile")
    (card,) = await sergey.wait_for_messages()
    assert "• куратор — МБОУ «СШ № 9», город Смоленск, Смоленская область" in card.text
    assert "Часовой пояс: Europe/Moscow (МСК±0)" in card.text

    await emu.wait_answered(await sergey.tap(card, "✏️ Изменить имя"))
    await sergey.send_text("   ")
    (empty,) = await sergey.wait_for_messages()
    assert empty.text.startswith("Имя не может быть пустым")
    await sergey.send_text("<i>Сергей Александрович</i>")
    (renamed,) = await sergey.wait_for_messages()
    assert "Имя: <i>Сергей Александрович</i>" in renamed.text  # shown as typed, not as markup

    await emu.wait_answered(await sergey.tap(renamed, "🚪 Отказаться: куратор, МБОУ «СШ № 10»"))
    assert "СШ № 10" not in renamed.text
    assert "СШ № 9" in renamed.text

    await emu.wait_answered(await sergey.tap(renamed, "🗑 Удалить мои данные"))
    await emu.wait_answered(await sergey.tap(renamed, "🗑 Да, удалить"))
    assert renamed.text.startswith("Готово: ваши данные удалены.")
    async with running_app.sessionmaker() as session:
        user = await session.get(User, sergey.id)
        grants = (await session.scalars(select(RoleGrant))).all()
    assert user is None  # the person is gone, not just renamed (see tests/test_forget.py)
    assert grants == []


async def test_a_name_too_long_keeps_the_way_back_and_waits_for_a_shorter_one(
    emu: BotAPIEmulator, running_app: App
) -> None:
    sergey = emu.add_user("Сергей")
    await sergey.send_text("/profile")
    (card,) = await sergey.wait_for_messages()
    await emu.wait_answered(await sergey.tap(card, "✏️ Изменить имя"))
    await sergey.send_text("С" * 200)
    (too_long,) = await sergey.wait_for_messages()
    assert too_long.text.startswith("Слишком длинное имя")
    assert too_long.button_texts == ["« Назад"]
    await sergey.send_text("Сергей Жойкин")  # still waiting for a name
    (renamed,) = await sergey.wait_for_messages()
    assert "Имя: Сергей Жойкин" in renamed.text
    await emu.wait_answered(await sergey.tap(renamed, "✏️ Изменить имя"))
    await sergey.send_text("С" * 200)
    (too_long,) = await sergey.wait_for_messages()
    await emu.wait_answered(await sergey.tap(too_long, "« Назад"))
    assert too_long.text.startswith("<b>👤 Профиль</b>") or "Имя: Сергей Жойкин" in too_long.text
    await sergey.send_text("Другое имя")  # no longer renaming: taken as a question
    await sergey.wait_for_messages()
    async with running_app.sessionmaker() as session:
        user = await session.get(User, sergey.id)
    assert user is not None and user.display_name == "Сергей Жойкин"
