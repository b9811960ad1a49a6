"""Registration end to end through the real dispatcher and the emulator."""

from __future__ import annotations

from datetime import timedelta

from emulator import BotAPIEmulator
from sqlalchemy import delete, select

from bot.app import App
from services.clock import ManualClock
from services.directory import Directory
from services.invites import Invites
from services.permissions import Role, Scope
from storage.models import JoinRequest, RoleGrant
from tests.directory_fixtures import Place, add_person, make_coordinator, seed_smolensk


async def coordinators(app: App, emu: BotAPIEmulator) -> tuple[Place, object, object]:
    place = await seed_smolensk(app.sessionmaker)
    city = emu.add_user("Наталья", "Васинова", username="vasinova_cdo")
    district = emu.add_user("Пётр", "Иванов")
    async with app.sessionmaker.begin() as session:
        await make_coordinator(session, city.id, "Наталья", "municipal", Scope("67", place.city_id))
        await make_coordinator(
            session, district.id, "Пётр", "municipal", Scope("67", place.district_id)
        )
    return place, city, district


async def test_school_registers_and_its_municipal_coordinator_approves(
    emu: BotAPIEmulator, running_app: App
) -> None:
    place, city, district = await coordinators(running_app, emu)
    director = emu.add_user("<b>Вика</b>", "Кудельникова", username="kudelnikova")
    await director.send_text("/start")
    (hello,) = await director.wait_for_messages()
    await emu.wait_answered(await director.tap(hello, "🏫 Я представляю школу"))
    assert "код школы" in hello.text
    await director.send_text("сш 9 смоленск")
    (found,) = await director.wait_for_messages()
    await emu.wait_answered(await director.tap(found, "МБОУ «СШ № 9» — город Смоленск"))
    assert "вы — школа, МБОУ «СШ № 9», город Смоленск, Смоленская область" in found.text
    await emu.wait_answered(await director.tap(found, "✅ Отправить заявку"))
    assert found.text.startswith("Заявка отправлена координатору")

    (request,) = await city.wait_for_messages()
    assert "<b>Вика</b> Кудельникова (@kudelnikova) — школа" in request.text  # escaped name
    assert "МБОУ «СШ № 9» (edu670009)" in request.text
    assert district.inbox == []  # the other municipality's coordinator is not told

    await district.send_text("/requests")
    (queue,) = await district.wait_for_messages()
    assert queue.text == "Новых заявок нет."
    async with running_app.sessionmaker() as session:
        request_id = await session.scalar(select(JoinRequest.id))
    forged = await district.tap(queue, forged_data=f"req:approve:{request_id}")
    refused = await emu.wait_answered(forged)
    assert refused.answer is not None
    assert "не из вашей зоны" in refused.answer["text"]

    await emu.wait_answered(await city.tap(request, "✅ Одобрить"))
    assert request.text.startswith("✅ Одобрено: <b>Вика</b> Кудельникова")
    (news,) = await director.wait_for_messages()
    assert news.text.startswith("🎉 Координатор одобрил вашу заявку: МБОУ «СШ № 9»")
    async with running_app.sessionmaker() as session:
        actor = await Directory(session, ()).actor(director.id)
    assert [(g.role, g.scope.school_id) for g in actor.grants] == [
        (Role.SCHOOL, place.school_ids["edu670009"])
    ]


async def test_curator_joins_by_invite_for_two_schools_and_expired_invites_fail(
    emu: BotAPIEmulator, running_app: App, clock: ManualClock
) -> None:
    place, city, _district = await coordinators(running_app, emu)
    schools = [place.school_ids["edu670009"], place.school_ids["edu670010"]]
    async with running_app.sessionmaker.begin() as session:
        actor = await Directory(session, ()).actor(city.id)
        invites = Invites(session, (), clock)
        good = await invites.create(actor, Role.CURATOR, Scope("67", place.city_id), schools)
        late = await invites.create(
            actor,
            Role.CURATOR,
            Scope("67", place.city_id),
            schools[:1],
            lifetime=timedelta(hours=1),
        )
    curator = emu.add_user("Сергей", "Жойкин")
    await curator.send_text(f"/start {good.token}")
    (joined,) = await curator.wait_for_messages()
    assert joined.text.startswith("🎉 Готово: вы подключены как куратор.")
    assert "МБОУ «СШ № 9», город Смоленск" in joined.text
    assert "МБОУ «СШ № 10», город Смоленск" in joined.text

    clock.advance(hours=2)
    other = emu.add_user("Ирина")
    await other.send_text(f"/start {late.token}")
    (refused,) = await other.wait_for_messages()
    assert refused.text.startswith("Срок действия приглашения истёк")
    await other.send_text(f"/start {good.token}")  # single use, already taken
    (used,) = await other.wait_for_messages()
    assert used.text.startswith("Это приглашение уже использовано")
    assert used.button_texts[:2] == ["🏫 Я представляю школу", "🧑‍🏫 Я куратор школы"]
    assert "📊 Отчётность" not in used.button_texts
    async with running_app.sessionmaker() as session:
        grants = (
            await session.scalars(select(RoleGrant).where(RoleGrant.user_id == other.id))
        ).all()
    assert grants == []


async def test_coordinator_makes_a_curator_invite_for_two_schools_in_the_bot(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _place, city, _district = await coordinators(running_app, emu)
    await city.send_text("/invite")
    (menu,) = await city.wait_for_messages()
    assert menu.button_texts == ["школа", "куратор", "« В меню"]  # not coordinators
    await emu.wait_answered(await city.tap(menu, "куратор"))
    await city.send_text("сш 9")
    (found,) = await city.wait_for_messages()
    await emu.wait_answered(await city.tap(found, "МБОУ «СШ № 9» — город Смоленск"))
    await city.send_text("СШ 10")
    (more,) = await city.wait_for_messages()
    await emu.wait_answered(await city.tap(more, "МБОУ «СШ № 10» — город Смоленск"))
    assert "МБОУ «СШ № 9», МБОУ «СШ № 10»" in more.text
    await emu.wait_answered(await city.tap(more, "✅ Готово"))
    await emu.wait_answered(await city.tap(more, "1"))
    assert "🔗 Приглашение: куратор." in more.text
    link = more.text.rsplit(" ", 1)[-1]
    assert link.startswith("https://t.me/assistant500_bot?start=")

    curator = emu.add_user("Анжела", "Слободич")
    await curator.send_text("/start " + link.split("start=", 1)[1])
    (joined,) = await curator.wait_for_messages()
    assert "МБОУ «СШ № 9»" in joined.text
    assert "МБОУ «СШ № 10»" in joined.text


async def _a_request(app: App, emu: BotAPIEmulator) -> tuple[object, object, int]:
    """A school's request waiting for the city's coordinator: (city, director, request id)."""
    place, city, _district = await coordinators(app, emu)
    director = emu.add_user("Вика", "Кудельникова")
    async with app.sessionmaker.begin() as session:
        await add_person(session, director.id, "Вика")
        session.add(
            JoinRequest(user_id=director.id, role="school", school_id=place.school_ids["edu670009"])
        )
    async with app.sessionmaker() as session:
        request_id = await session.scalar(select(JoinRequest.id))
    assert request_id is not None
    return city, director, request_id


async def test_a_request_decided_already_says_so_and_by_whom(
    emu: BotAPIEmulator, running_app: App
) -> None:
    city, _director, _request_id = await _a_request(running_app, emu)
    region = emu.add_user("Олег")
    async with running_app.sessionmaker.begin() as session:
        await make_coordinator(session, region.id, "Олег", "regional", Scope("67"))
    await city.send_text("/requests")
    (first,) = await city.wait_for_messages()
    await city.send_text("/requests")
    (second,) = await city.wait_for_messages()  # the same request, shown twice
    await region.send_text("/requests")
    (regional,) = await region.wait_for_messages()
    await emu.wait_answered(await city.tap(first, "✅ Одобрить"))
    assert first.text.startswith("✅ Одобрено: Вика")

    again = await emu.wait_answered(await city.tap(second, "✅ Одобрить"), timeout=5)
    assert again.answer is not None
    assert again.answer["text"] == (
        "✅ Эта заявка уже одобрена (пн, 3 октября, 09:00). Кто решил: вы."
    )
    assert second.text == again.answer["text"]  # said where it was pressed, too
    assert second.button_texts == []
    await emu.wait_answered(await region.tap(regional, "❌ Отклонить"), timeout=5)
    (prompt,) = await region.wait_for_messages()
    await emu.wait_answered(await region.tap(prompt, "❌ Отклонить без причины"))
    assert prompt.text.startswith("✅ Эта заявка уже одобрена (пн, 3 октября, 09:00).")
    assert prompt.text.endswith("Кто решил: Наталья Васинова.")


async def test_the_invite_school_list_has_a_way_back_and_a_short_search_is_told_so(
    emu: BotAPIEmulator, running_app: App
) -> None:
    _place, city, _district = await coordinators(running_app, emu)
    await city.send_text("/invite")
    (menu,) = await city.wait_for_messages()
    await emu.wait_answered(await city.tap(menu, "школа"))
    await city.send_text("СШ")
    (short,) = await city.wait_for_messages()
    assert "Не нашёл" not in short.text
    assert short.text.startswith("Слишком короткий запрос")
    assert "3" in short.text
    assert short.button_texts == ["« В меню"]
    await city.send_text("СШ № 9")
    (found,) = await city.wait_for_messages()
    assert found.text == "Выберите школу:"
    assert found.button_texts == ["МБОУ «СШ № 9» — город Смоленск", "« В меню"]
    await emu.wait_answered(await city.tap(found, "« В меню"))
    assert found.text == "Главное меню. Выберите, что нужно:"


async def test_the_decline_reason_prompt_leads_back_to_the_request(
    emu: BotAPIEmulator, running_app: App
) -> None:
    city, director, _request_id = await _a_request(running_app, emu)
    await city.send_text("/requests")
    (card,) = await city.wait_for_messages()
    await emu.wait_answered(await city.tap(card, "❌ Отклонить"))
    (prompt,) = await city.wait_for_messages()
    assert prompt.text.startswith("Напишите причину отказа")
    assert prompt.button_texts == ["❌ Отклонить без причины", "« Назад"]
    await emu.wait_answered(await city.tap(prompt, "« Назад"))
    assert prompt.button_texts == ["✅ Одобрить", "❌ Отклонить"]
    assert "Вика" in prompt.text
    await city.send_text("нет места")  # no longer a reason: nothing is declined
    await city.wait_for_messages()
    assert director.unread == []
    await emu.wait_answered(await city.tap(prompt, "✅ Одобрить"))
    assert prompt.text.startswith("✅ Одобрено: Вика")


async def test_a_coordinators_command_refused_to_someone_with_no_role_offers_the_ways_to_join(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """The newcomer's walk (2026-11-30): the refusal came with the menu of a registered person,
    whose «📊 Отчётность» only said there were no schools."""
    newcomer = emu.add_user("Новичок")
    for command in ("/requests", "/questions", "/broadcast", "/invite", "/import"):
        await newcomer.send_text(command)
        (refused,) = await newcomer.wait_for_messages()
        assert refused.button_texts[:2] == ["🏫 Я представляю школу", "🧑‍🏫 Я куратор школы"], (
            command
        )
        assert "📊 Отчётность" not in refused.button_texts


async def test_a_coordinator_whose_role_was_taken_cannot_approve_from_an_old_card(
    emu: BotAPIEmulator, running_app: App
) -> None:
    """The roles are read afresh for every update (on SQLite outside the ORM session): a role
    taken away between showing the card and the tap must not approve anything."""
    city, _director, request_id = await _a_request(running_app, emu)
    await city.send_text("/requests")
    (card,) = await city.wait_for_messages()
    async with running_app.sessionmaker.begin() as session:
        await session.execute(delete(RoleGrant).where(RoleGrant.user_id == city.id))
    await emu.wait_answered(await city.tap(card, "✅ Одобрить"))
    async with running_app.sessionmaker() as session:
        request = await session.get(JoinRequest, request_id)
        granted = await session.scalar(select(RoleGrant).where(RoleGrant.role == "school"))
    assert request is not None and request.status == "pending"
    assert granted is None
