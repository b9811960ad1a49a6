"""Photos, documents, albums and getFile."""

from __future__ import annotations

import json
from typing import Any

from emulator.api.context import (
    Backend,
    Handler,
    admit,
    check_writable,
    deliver,
    reply_markup,
    reply_target,
    target_chat,
    with_entities,
)
from emulator.errors import (
    FILE_TOO_BIG,
    INVALID_FILE_ID,
    JSON,
    MEDIA_COUNT,
    WRONG_FILE_ID,
    bad_request,
)
from emulator.files import MAX_DOWNLOAD, MAX_PHOTO_UPLOAD, MAX_UPLOAD, guess_mime_type, image_size
from emulator.formatting import caption_text
from emulator.params import Params, Upload

_MEDIA_ERROR = "Bad Request: can't parse InputMedia JSON object"
_MODELLED_MEDIA = ("photo", "document")
_ALBUM_MEDIA = ("photo", "video", "document", "audio")


def _check_upload(upload: Upload, limit: int) -> None:
    if not upload.data:
        raise bad_request("Bad Request: file must be non-empty")
    if len(upload.data) > limit:
        raise bad_request(FILE_TOO_BIG)


def _check_reference(reference: str) -> None:
    if reference.lower().startswith(("http://", "https://")):
        # The emulator has no Internet; Telegram's text for a URL it could not fetch.
        raise bad_request("Bad Request: failed to get HTTP URL content")


def resolve_photo(b: Backend, upload: Upload | None, reference: str | None) -> list[JSON]:
    if upload is not None:
        _check_upload(upload, MAX_PHOTO_UPLOAD)
        sniffed = image_size(upload.data)
        if sniffed is None:
            raise bad_request("Bad Request: IMAGE_PROCESS_FAILED")
        _, width, height = sniffed
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise bad_request("Bad Request: PHOTO_INVALID_DIMENSIONS")
        return b.files.add_photo(upload.data, width, height)
    if not reference:
        raise bad_request("Bad Request: there is no photo in the request")
    _check_reference(reference)
    sizes = b.files.photo(reference)
    if sizes is not None:
        return sizes
    if b.files.document(reference) is not None:
        raise bad_request("Bad Request: type of file mismatch")
    raise bad_request(WRONG_FILE_ID)


def resolve_document(b: Backend, upload: Upload | None, reference: str | None) -> JSON:
    if upload is not None:
        _check_upload(upload, MAX_UPLOAD)
        name = upload.filename or "document"
        return b.files.add_document(upload.data, name, guess_mime_type(name))
    if not reference:
        raise bad_request("Bad Request: there is no document in the request")
    _check_reference(reference)
    document = b.files.document(reference)
    if document is not None:
        return document
    if b.files.photo(reference) is not None:
        raise bad_request("Bad Request: type of file mismatch")
    raise bad_request(WRONG_FILE_ID)


def _caption(b: Backend, source: Params | JSON) -> JSON:
    """Caption fields of a send call, or of one InputMedia item of an album."""
    if isinstance(source, Params):
        raw = (source.get("caption"), source.get("parse_mode"), source.get("caption_entities"))
    else:
        entities = source.get("caption_entities")
        raw = (source.get("caption"), source.get("parse_mode"), _json_text(entities))
    caption, entities = caption_text(*raw, strict_html=b.options.strict_html)
    content: JSON = {"caption": caption} if caption else {}
    return with_entities(content, "caption_entities", entities)


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


async def _send_file(b: Backend, p: Params, kind: str) -> JSON:
    chat = target_chat(b, p)
    if kind == "photo":
        media: Any = resolve_photo(b, p.upload("photo"), p.get("photo"))
    else:
        media = resolve_document(b, p.upload("document"), p.get("document"))
    content = {kind: media, **_caption(b, p)}
    markup = reply_markup(p, chat)
    quoted = reply_target(p, chat)
    if quoted is not None:
        content["reply_to_message"] = quoted
    check_writable(b, chat)
    admit(b, chat)
    message = deliver(b, chat, content, p, markup)
    b.limiter.record(chat.id, chat.is_private)
    return message.data


async def send_photo(b: Backend, p: Params) -> JSON:
    return await _send_file(b, p, "photo")


async def send_document(b: Backend, p: Params) -> JSON:
    return await _send_file(b, p, "document")


def _album_items(p: Params) -> list[JSON]:
    items = p.json("media", _MEDIA_ERROR)
    if not isinstance(items, list):
        raise bad_request("Bad Request: expected an Array of InputMedia")
    if len(items) > 10:
        raise bad_request("Bad Request: too many messages to send as an album")
    if len(items) < 2:
        raise bad_request(MEDIA_COUNT)
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("media"), str):
            raise bad_request(_MEDIA_ERROR)
        kind = item.get("type")
        if kind not in _ALBUM_MEDIA:
            raise bad_request(
                f'Bad Request: can\'t parse InputMedia: unsupported media type "{kind}"'
            )
        if kind not in _MODELLED_MEDIA:
            raise bad_request(f"Bad Request: the emulator does not model {kind} in albums")
    kinds = {item["type"] for item in items}
    if "document" in kinds and len(kinds) > 1:
        raise bad_request("Bad Request: document can't be mixed with other media types")
    return items


def _album_content(b: Backend, p: Params, item: JSON) -> JSON:
    reference = str(item["media"])
    upload = p.attached(reference)
    if reference.startswith("attach://") and upload is None:
        raise bad_request("Bad Request: can't parse InputMedia: media not found")
    kind = str(item["type"])
    if kind == "photo":
        media: Any = resolve_photo(b, upload, None if upload else reference)
    else:
        media = resolve_document(b, upload, None if upload else reference)
    return {kind: media, **_caption(b, item)}


async def send_media_group(b: Backend, p: Params) -> list[JSON]:
    chat = target_chat(b, p)
    items = _album_items(p)
    contents = [_album_content(b, p, item) for item in items]  # all checked before any is sent
    quoted = reply_target(p, chat)
    check_writable(b, chat)
    admit(b, chat)
    group_id = str(next(b.album_ids))
    sent = []
    for content in contents:
        content = {"media_group_id": group_id, **content}
        if quoted is not None:
            content["reply_to_message"] = quoted
        sent.append(deliver(b, chat, content, p, None).data)
    b.limiter.record(chat.id, chat.is_private, len(sent))
    return sent


async def get_file(b: Backend, p: Params) -> JSON:
    stored = b.files.get(p.get("file_id") or "")
    if stored is None:
        raise bad_request(INVALID_FILE_ID)
    if stored.size > MAX_DOWNLOAD:
        raise bad_request(FILE_TOO_BIG)
    return stored.as_file()


METHODS: dict[str, Handler] = {
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendMediaGroup": send_media_group,
    "getFile": get_file,
}
