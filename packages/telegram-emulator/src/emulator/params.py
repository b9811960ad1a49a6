"""Method parameters read the way the Bot API reads them: query string plus a multipart,
urlencoded or JSON body. Non-string JSON values are kept as JSON text, as in multipart."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, web

from emulator.errors import ApiError, bad_request

ATTACH = "attach://"


@dataclass(frozen=True)
class Upload:
    field: str
    filename: str
    content_type: str
    data: bytes


class Params:
    def __init__(
        self, values: Mapping[str, str] | None = None, uploads: Mapping[str, Upload] | None = None
    ) -> None:
        self.values: dict[str, str] = dict(values or {})
        self.uploads: dict[str, Upload] = dict(uploads or {})

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def has(self, name: str) -> bool:
        return bool(self.values.get(name)) or name in self.uploads

    def integer(self, name: str, error: str) -> int | None:
        """None when absent; `error` (a full description) when not an integer."""
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return int(raw)
        except ValueError:
            raise bad_request(error) from None

    def require_int(self, name: str, error: str) -> int:
        value = self.integer(name, error)
        if value is None:
            raise bad_request(error)
        return value

    def flag(self, name: str) -> bool:
        return (self.values.get(name) or "").strip().lower() in ("true", "1", "yes")

    def json(self, name: str, error: str) -> Any:
        """The decoded JSON value, None when absent, `error` when malformed."""
        raw = self.values.get(name)
        if raw is None or raw == "":
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise bad_request(error) from None

    def upload(self, name: str) -> Upload | None:
        """A file part named `name`, or the part `attach://<part>` points to (aiogram's way)."""
        value = self.values.get(name) or ""
        if value.startswith(ATTACH):
            return self.uploads.get(value[len(ATTACH) :])
        return self.uploads.get(name)

    def attached(self, reference: str) -> Upload | None:
        return self.uploads.get(reference[len(ATTACH) :]) if reference.startswith(ATTACH) else None

    def for_log(self) -> dict[str, str]:
        logged = dict(self.values)
        for name, upload in self.uploads.items():
            logged[name] = f"{upload.filename} ({len(upload.data)} bytes)"
        return logged


async def read_request(request: web.Request, max_size: int) -> Params:
    params = Params(request.query)
    if request.content_type.startswith("multipart/"):
        body = await read_multipart(await request.multipart(), max_size)
    elif request.content_type == "application/json":
        body = Params(_json_fields(await request.read()))
    else:
        form = await request.post() if request.body_exists else {}
        body = Params({k: v for k, v in form.items() if isinstance(v, str)})
    params.values.update(body.values)
    params.uploads.update(body.uploads)
    return params


def _json_fields(raw: bytes) -> dict[str, str]:
    try:
        value: Any = json.loads(raw) if raw.strip() else {}
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise bad_request("Bad Request: can't parse JSON object")
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in value.items()}


async def read_multipart(reader: MultipartReader, max_size: int) -> Params:
    params, total = Params(), 0
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue  # nested multipart: the Bot API does not use it
        data = bytearray()
        while chunk := await part.read_chunk():
            total += len(chunk)
            if total > max_size:
                raise ApiError(413, "Request Entity Too Large")
            data += chunk
        if part.filename is not None:
            content_type = part.headers.get("Content-Type", "application/octet-stream")
            params.uploads[part.name] = Upload(part.name, part.filename, content_type, bytes(data))
        else:
            params.values[part.name] = bytes(data).decode(part.get_charset("utf-8"), "replace")
    return params
