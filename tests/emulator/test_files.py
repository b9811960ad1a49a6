"""Photos, documents, albums, getFile and downloads."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto
from emulator import BotAPIEmulator, make_png


async def test_user_photo_has_a_size_ladder_and_downloads(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    picture = make_png(1600, 1200)
    sent = await anna.send_photo(picture, caption="Скриншот подтверждения")
    sizes = sent.photo or []
    assert [(s["width"], s["height"]) for s in sizes] == [
        (90, 68),
        (320, 240),
        (800, 600),
        (1280, 960),
        (1600, 1200),
    ]
    assert len({s["file_id"] for s in sizes}) == len({s["file_unique_id"] for s in sizes}) == 5
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.photo is not None
    assert update.message.caption == "Скриншот подтверждения"
    file = await bot.get_file(update.message.photo[-1].file_id)
    assert file.file_path is not None and file.file_size == len(picture)
    downloaded = await bot.download(file)
    assert downloaded is not None and downloaded.read() == picture


async def test_same_content_keeps_its_file_unique_id(emu: BotAPIEmulator) -> None:
    anna = emu.add_user("Анна")
    first = await anna.send_document(b"%PDF-1.4 report", file_name="report.pdf")
    second = await anna.send_document(b"%PDF-1.4 report", file_name="copy.pdf")
    assert first.document and second.document
    assert first.document["file_unique_id"] == second.document["file_unique_id"]
    assert first.document["file_id"] != second.document["file_id"]
    assert first.document["mime_type"] == "application/pdf"


async def test_get_file_refuses_files_over_20_mb(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    big = await anna.send_document(b"\0" * (20 * 1024 * 1024 + 1), file_name="scan.tiff")
    assert big.document is not None
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.get_file(big.document["file_id"])
    assert refused.value.message == "Bad Request: file is too big"
    with pytest.raises(TelegramBadRequest, match=r"Bad Request: invalid file_id$"):
        await bot.get_file("AgACAgIAAxkBAAInvalid")


async def test_bot_photo_upload_must_be_an_image(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(anna.id, BufferedInputFile(b"not an image", "x.png"))
    sent = await bot.send_photo(anna.id, BufferedInputFile(make_png(), "x.png"))
    assert sent.photo is not None
    again = await bot.send_photo(anna.id, sent.photo[-1].file_id)  # by file_id
    assert again.photo == sent.photo
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_document(anna.id, sent.photo[-1].file_id)


async def test_send_media_group_of_three_photos(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    uploaded = await bot.send_photo(anna.id, BufferedInputFile(make_png(10, 10), "a.png"))
    assert uploaded.photo is not None
    media = [
        InputMediaPhoto(
            media=BufferedInputFile(make_png(40, 30), "1.png"),
            caption="<b>Итоги</b>",
            parse_mode="HTML",
        ),
        InputMediaPhoto(media=BufferedInputFile(make_png(30, 40), "2.png")),
        InputMediaPhoto(media=uploaded.photo[-1].file_id),  # by file_id
    ]
    messages = await bot.send_media_group(anna.id, media)
    assert len(messages) == 3
    assert len({m.media_group_id for m in messages}) == 1
    assert messages[0].caption == "Итоги"
    assert [m.message_id for m in anna.inbox[-3:]] == [m.message_id for m in messages]


async def test_media_group_rules(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")

    def photo() -> InputMediaPhoto:
        return InputMediaPhoto(media=BufferedInputFile(make_png(), "p.png"))

    document = InputMediaDocument(media=BufferedInputFile(b"%PDF", "a.pdf"))
    with pytest.raises(TelegramBadRequest) as refused:
        await bot.send_media_group(anna.id, [photo(), document])
    assert refused.value.message == "Bad Request: document can't be mixed with other media types"
    with pytest.raises(TelegramBadRequest, match="must contain 2-10 items"):
        await bot.send_media_group(anna.id, [photo()])
    with pytest.raises(TelegramBadRequest, match="too many messages to send as an album"):
        await bot.send_media_group(anna.id, [photo() for _ in range(11)])
    docs = [document, InputMediaDocument(media=BufferedInputFile(b"%PDF-2", "b.pdf"))]
    assert len(await bot.send_media_group(anna.id, docs)) == 2
    assert len(anna.inbox) == 2


async def test_user_album_shares_a_media_group_id(emu: BotAPIEmulator, bot: Bot) -> None:
    anna = emu.add_user("Анна")
    album = await anna.send_album(
        [make_png(), make_png(20, 20), make_png(30, 30)], caption="3 фото"
    )
    updates = await bot.get_updates()
    assert [u.message.media_group_id for u in updates if u.message] == [
        album[0].data["media_group_id"]
    ] * 3
    assert updates[0].message is not None and updates[0].message.caption == "3 фото"
