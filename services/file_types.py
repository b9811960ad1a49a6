"""What a file really is, by its first bytes, not by the name or type its sender claimed: an
`invoice.pdf.exe` sent as `application/pdf` is not a PDF, and an empty file is no evidence."""

from __future__ import annotations

HEAD = 16  # bytes enough for every signature below

EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
}
_PREFIXES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1")


def sniff(head: bytes) -> str | None:
    """The content type of a file that starts with `head`, if it is one that confirms a step."""
    for prefix, content_type in _PREFIXES:
        if head.startswith(prefix):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None


def refusal(size: int, head: bytes) -> str | None:
    """Why the content cannot confirm a step (a locale key), or None when it can."""
    if size == 0:
        return "submit-refused-empty"
    if sniff(head) is None:
        return "submit-refused-not-image"
    return None


def extension(content_type: str | None) -> str:
    return EXTENSIONS.get(content_type or "", ".bin")
