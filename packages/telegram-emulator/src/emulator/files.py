"""Files sent by users and by the bot: realistic opaque ids, photo size sets, getFile paths."""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from emulator.errors import JSON

MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files
MAX_PHOTO_UPLOAD = 10 * 1024 * 1024
MAX_UPLOAD = 50 * 1024 * 1024
_THUMB_BOXES = (("s", 90), ("m", 320), ("x", 800), ("y", 1280))
_FULL_BOX = 2560
_ID_PREFIX = {"photo": "AgACAgIAAxkBAAI", "document": "BQACAgIAAxkBAAI"}
_UNIQUE_PREFIX = {"photo": "AQAD", "document": "AgAD"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    file_path: str
    size: int
    blob: bytes | Path

    def read(self) -> bytes:
        return self.blob if isinstance(self.blob, bytes) else self.blob.read_bytes()

    def as_file(self) -> JSON:
        """The Bot API `File` object getFile answers with."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


class FileStore:
    """Keeps bytes in memory, or under `files_dir` when given (for big benches)."""

    def __init__(self, files_dir: Path | None = None, seed: str = "") -> None:
        self.files_dir = files_dir
        self._seed = seed
        self._counter = 0
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._photos: dict[str, list[JSON]] = {}  # any size's file_id -> the whole size list
        self._documents: dict[str, JSON] = {}

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def forget(self) -> None:
        """Every file_id issued so far stops working, as after a local Bot API server lost its
        files: sending or downloading by one answers "wrong file identifier"."""
        self._by_id.clear()
        self._by_path.clear()
        self._photos.clear()
        self._documents.clear()

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def photo(self, file_id: str) -> list[JSON] | None:
        return self._photos.get(file_id)

    def document(self, file_id: str) -> JSON | None:
        return self._documents.get(file_id)

    def add_photo(self, data: bytes, width: int, height: int) -> list[JSON]:
        """The PhotoSize list Telegram makes of one upload: thumbnails first, largest last.

        Every size downloads the same bytes (the emulator does not resize), so every size
        reports that byte count."""
        digest = hashlib.sha256(data).digest()
        blob, number = self._store_blob(data, digest, "jpg"), self._next()
        sizes: list[JSON] = []
        for label, (w, h) in _photo_dimensions(width, height):
            stored = self._register(
                "photo",
                f"photos/file_{number}_{label}.jpg",
                blob,
                len(data),
                digest + label.encode(),
            )
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(data),
                    "width": w,
                    "height": h,
                }
            )
        for size in sizes:
            self._photos[size["file_id"]] = sizes
        return sizes

    def add_document(self, data: bytes, file_name: str, mime_type: str | None = None) -> JSON:
        digest = hashlib.sha256(data).digest()
        suffix = Path(file_name).suffix.lstrip(".") or "bin"
        number = self._next()
        blob = self._store_blob(data, digest, suffix)
        stored = self._register(
            "document", f"documents/file_{number}.{suffix}", blob, len(data), digest
        )
        document: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type or guess_mime_type(file_name),
            "file_size": len(data),
        }
        self._documents[stored.file_id] = document
        return document

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    def _store_blob(self, data: bytes, digest: bytes, suffix: str) -> bytes | Path:
        if self.files_dir is None:
            return data
        path = self.files_dir / f"{digest.hex()}.{suffix}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    def _register(
        self, kind: str, file_path: str, blob: bytes | Path, size: int, content_key: bytes
    ) -> StoredFile:
        id_seed = f"{self._seed}:{file_path}".encode()
        file_id = _ID_PREFIX[kind] + _b64(hashlib.sha256(id_seed).digest()[:39])
        unique = _UNIQUE_PREFIX[kind] + _b64(hashlib.sha256(content_key).digest()[:9])
        stored = StoredFile(file_id, unique, kind, file_path, size, blob)
        self._by_id[file_id] = stored
        self._by_path[file_path] = stored
        return stored


def _photo_dimensions(width: int, height: int) -> list[tuple[str, tuple[int, int]]]:
    """Telegram's ladder: an 's' thumbnail always, then each box smaller than the photo, then
    the photo itself (capped at 2560 px)."""
    longest = max(width, height)

    def fit(box: int) -> tuple[int, int]:
        scale = min(1.0, box / longest)
        return max(1, round(width * scale)), max(1, round(height * scale))

    sizes = [("s", fit(90))]
    sizes += [(label, fit(box)) for label, box in _THUMB_BOXES[1:] if box < longest]
    full_label = "w" if longest > 1280 else ("y" if longest > 800 else "x")
    sizes.append((full_label if longest > 320 else "m", fit(_FULL_BOX)))
    return sizes


def guess_mime_type(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of a PNG, GIF, JPEG or WebP image; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[str, int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return "jpeg", width, height
        i += 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
    return None


def _webp_size(data: bytes) -> tuple[str, int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return "webp", width, height
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return "webp", width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def make_png(
    width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (52, 120, 246)
) -> bytes:
    """A valid solid-colour PNG, handy wherever a test needs a real photo."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
