"""Issue 19 in the chat: a review card whose files copy another submission's picture offers a
button to that submission (its files and card, and a way back) only to a reviewer of its school;
others read whose it is without a way to it, and a forged button is refused, changing nothing."""

from __future__ import annotations

from emulator import BotAPIEmulator, ChatMessage, FakeUser
from sqlalchemy import select

from bot.app import App
from storage.models import Submission
from tests.attack_world import build_world
from tests.board_helpers import copies_across_municipalities
from ui.callbacks import CopyAction, CopyCb

CARD = "📝 Подтверждение на проверку"
COPY_CARD = "🔗 Подтверждение, с которого сделана копия"


async def card(person: FakeUser, heading: str = CARD) -> ChatMessage:
    """The card among the messages just sent (the files come first), all of them read."""
    await person.wait_until(lambda: any(heading in m.text for m in person.unread), 15, heading)
    found = next(m for m in person.unread if heading in m.text)
    person.chat.mark_read()
    return found


async def test_a_copy_of_a_school_in_the_reviewers_area_opens_and_leads_back(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    ids = await copies_across_municipalities(running_app, world)
    city = world["municipal"]
    await city.send_text("/review")
    # Suspicious first: СШ 10's copy of the district's picture. Whose it is, but no way there.
    first = await card(city)
    assert "МБОУ «СШ № 10»" in first.text
    assert "копия скриншота, который прислала МБОУ «Касплянская СШ»" in first.text
    assert not any(text.startswith("🔗") for text in first.button_texts)
    await emu.wait_answered(await city.tap(first, "⏭ Следующее"))
    # СШ 21's copy of СШ 9's picture: СШ 9 is the city's too.
    second = await card(city)
    assert "МБОУ «СШ № 21" in second.text
    assert "копия скриншота, который прислала МБОУ «СШ № 9»" in second.text
    button = second.button("🔗 Открыть присланное: МБОУ «СШ № 9»")
    opens = CopyCb(action=CopyAction.OPEN, submission_id=ids["city"], back=ids["of_city"])
    assert button["callback_data"] == opens.pack()
    await emu.wait_answered(await city.tap(second, "🔗 Открыть присланное: МБОУ «СШ № 9»"))
    sent = await city.wait_for_messages(2)
    assert sent[0].photo is not None  # its file, then its card
    other = sent[-1]
    assert COPY_CARD in other.text and "Школа: МБОУ «СШ № 9»" in other.text
    assert "Статус: ждёт проверки" in other.text and "🤖 Проверка бота:" in other.text
    assert "« Назад к карточке" in other.button_texts
    city.chat.mark_read()
    await emu.wait_answered(await city.tap(other, "« Назад к карточке"))
    again = await card(city)
    assert "МБОУ «СШ № 21" in again.text  # the card it came from, its button still there
    assert "🔗 Открыть присланное: МБОУ «СШ № 9»" in again.button_texts

    # The region's coordinator reviews the district too: the district's copy has its button.
    regional = world["regional"]
    await regional.send_text("/review")
    theirs = await card(regional)
    assert "МБОУ «СШ № 10»" in theirs.text
    await emu.wait_answered(
        await regional.tap(theirs, "🔗 Открыть присланное: МБОУ «Касплянская СШ»")
    )
    district = await card(regional, COPY_CARD)
    assert "Школа: МБОУ «Касплянская СШ»" in district.text


async def test_a_forged_button_to_a_copy_outside_the_area_is_refused(
    emu: BotAPIEmulator, running_app: App
) -> None:
    world = await build_world(running_app, emu)
    ids = await copies_across_municipalities(running_app, world)
    city = world["municipal"]
    await city.send_text("/review")
    first = await card(city)
    calls = len(emu.calls)
    forged = CopyCb(
        action=CopyAction.OPEN, submission_id=ids["district"], back=ids["of_district"]
    ).pack()
    pressed = await emu.wait_answered(await city.tap(first, forged_data=forged))
    assert pressed.answer is not None and pressed.answer.get("show_alert") is True
    assert "вне вашей зоны ответственности" in pressed.answer["text"]
    sent = [c.method for c in list(emu.calls)[calls:] if c.method.startswith(("send", "edit"))]
    assert sent == []  # no file, no card, the card pressed on left as it was
    assert city.unread == [] and not first.deleted
    missing = CopyCb(action=CopyAction.OPEN, submission_id=10**6, back=ids["of_district"]).pack()
    gone = await emu.wait_answered(await city.tap(first, forged_data=missing))
    assert gone.answer is not None and "больше нет" in gone.answer["text"]
    async with running_app.sessionmaker() as session:
        statuses = await session.scalars(
            select(Submission.status).where(Submission.id.in_(ids.values()))
        )
        assert set(statuses) == {"submitted"}
