"""What one file is: its real type, size, whether it is blank, its perceptual hashes and its text.

Runs in a worker of the screening pool (pure functions of a path, picklable results), never on
the event loop.
"""

from __future__ import annotations

import io
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from services.screening import ocr
from services.screening.expectations import readable_words
from services.screening.hashes import (
    WORK_WIDTH,
    dhash,
    edge_share,
    query_windows,
    to_work,
)

# A confirmation needs to be legible: smaller than this is a thumbnail or an icon.
MIN_WIDTH, MIN_HEIGHT = 200, 150
# Blank: at most this share of pixels differs visibly from the dominant tone.
BLANK_SHARE = 0.003
BLANK_DELTA = 24
MAX_PIXELS = 50_000_000  # a decompression bomb is refused, not decoded
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

MAGIC: list[tuple[bytes, int, str]] = [
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"GIF8", 0, "gif"),
    (b"WEBP", 8, "webp"),
    (b"BM", 0, "bmp"),
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"%PDF-", 0, "pdf"),
    (b"ftypheic", 4, "heic"),
    (b"ftypheix", 4, "heic"),
    (b"ftypmif1", 4, "heic"),
]
MIME_TYPES = {
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
    "image/pjpeg": "jpeg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/tiff": "tiff",
    "image/heic": "heic",
    "image/heif": "heic",
    "application/pdf": "pdf",
}


@dataclass(frozen=True, slots=True)
class FileFacts:
    """Everything the checks learned from the file itself (no database, no other file)."""

    detected: str | None  # jpeg, png, …, pdf; None when the bytes are none of these
    declared: str | None  # from the declared MIME type; None for a photo
    decodable: bool
    width: int = 0
    height: int = 0
    pages: int = 0
    blank: bool = False
    tiny: bool = False
    # Perceptual hashes of the whole picture (hex): dHash 16×16 and pHash 16×16, and the dHash
    # of its centre (8 % off each side), which a copy cropped a little still contains.
    dhash: str | None = None
    phash: str | None = None
    dhash_center: str | None = None
    windows: bytes = b""  # dHashes of sub-windows, for matching crops (not stored)
    edges: float = 0.0  # share of sharp steps between neighbouring pixels (text has many)
    text: str | None = None  # None: not read (no Tesseract, or nothing to read)
    text_source: str | None = None  # ocr | pdf
    words: int = 0  # words read with confidence (OCR) or in the text layer
    ocr_ms: float = 0.0
    total_ms: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def type_mismatch(self) -> bool:
        return (
            self.declared is not None
            and self.detected is not None
            and self.declared != self.detected
        )

    @property
    def needs_ocr(self) -> bool:
        """A picture with something on it and no text layer: its text is read by OCR."""
        return self.decodable and not (self.blank or self.tiny) and self.text is None

    @property
    def comparable(self) -> bool:
        """Worth matching against other files: a readable picture with something on it."""
        return self.decodable and not self.blank and not self.tiny and self.dhash is not None


def sniff(head: bytes) -> str | None:
    for magic, offset, kind in MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return kind
    return None


def inspect_file(path: Path, declared_mime: str | None, read_text: bool = False) -> FileFacts:
    """The facts of one stored file. `read_text`: run OCR where there is no text layer (the
    service instead runs `read_file_text` beside the search for copies)."""
    started = time.perf_counter()
    declared = MIME_TYPES.get(declared_mime.lower(), declared_mime) if declared_mime else None
    data = path.read_bytes()
    detected = sniff(data[:16])
    timings: dict[str, float] = {}
    words = 0
    text: str | None = None
    source: str | None = None
    pages = 0
    try:
        if detected == "pdf":
            image, text, pages = _pdf(data)
            source = "pdf" if text and text.strip() else None
            if source is None:
                text = None
            words = readable_words(text) if text else 0
        else:
            image = _image(data)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, UnidentifiedImageError):
        return FileFacts(detected, declared, decodable=False, total_ms=_ms(started))
    except Exception as error:  # pdfium raises its own errors for broken documents
        if type(error).__module__.startswith("pypdfium2"):
            return FileFacts(detected, declared, decodable=False, total_ms=_ms(started))
        raise
    timings["decode"] = _ms(started)
    width, height = image.size
    gray = image.convert("L")
    tiny = width < MIN_WIDTH or height < MIN_HEIGHT
    blank = is_blank(gray)
    mark = time.perf_counter()
    work = to_work(gray)
    edges = edge_share(work)
    hashes = {}
    windows = b""
    if not blank:
        import imagehash  # pulls in scipy: only the workers need it

        hashes = {
            "dhash": dhash(work).hex(),
            "phash": str(imagehash.phash(work, hash_size=16)),
            "dhash_center": dhash(_center(work)).hex(),
        }
        windows = query_windows(work).tobytes()
    timings["hashes"] = _ms(mark)
    ocr_ms = 0.0
    if text is None and read_text and not blank and not tiny:
        mark = time.perf_counter()
        reading = ocr.read_image(image)
        if reading is not None:  # else Tesseract ran out of time: the text stays unchecked
            text, words = reading.text, reading.confident
            source = "ocr"
        ocr_ms = _ms(mark)
        timings["ocr"] = ocr_ms
    return FileFacts(
        detected,
        declared,
        decodable=True,
        width=width,
        height=height,
        pages=pages,
        blank=blank,
        tiny=tiny,
        dhash=hashes.get("dhash"),
        phash=hashes.get("phash"),
        dhash_center=hashes.get("dhash_center"),
        windows=windows,
        edges=edges,
        text=text,
        text_source=source,
        words=words,
        ocr_ms=ocr_ms,
        total_ms=_ms(started),
        timings=timings,
    )


def read_file_text(path: Path) -> tuple[ocr.Reading | None, float]:
    """OCR of a stored file (a PDF's first page); the text and the milliseconds it took."""
    started = time.perf_counter()
    data = path.read_bytes()
    try:
        image = _pdf(data)[0] if sniff(data[:16]) == "pdf" else _image(data)
    except Exception:
        return None, _ms(started)
    return ocr.read_image(image), _ms(started)


def is_blank(gray: Image.Image) -> bool:
    """Near-uniform: almost every pixel within a few tones of the most common one."""
    small = gray.copy()
    small.thumbnail((512, 512), Image.Resampling.BOX)
    array = np.asarray(small, dtype=np.int16)
    histogram = np.bincount(array.ravel(), minlength=256)
    dominant = int(histogram.argmax())
    share = float((np.abs(array - dominant) > BLANK_DELTA).mean())
    return share < BLANK_SHARE


def load_work(path: Path) -> Image.Image | None:
    """The working grey copy of a stored file (first page of a PDF), for comparing two files."""
    data = path.read_bytes()
    try:
        if sniff(data[:16]) == "pdf":
            image = _pdf(data, WORK_WIDTH, text=False)[0]
        else:
            image = _image(data, WORK_WIDTH)
    except Exception:
        return None
    return to_work(image.convert("L"))


def _image(data: bytes, draft_width: int | None = None) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        opened = Image.open(io.BytesIO(data))
        if draft_width and opened.format == "JPEG" and opened.width > 2 * draft_width:
            opened.draft("L", (draft_width, round(draft_width * opened.height / opened.width)))
        opened.load()
    image: Image.Image = opened
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGBA") if "A" in image.getbands() else image.convert("RGB")
        if image.mode == "RGBA":  # transparent screenshots: on white, as a viewer shows them
            back = Image.new("RGB", image.size, (255, 255, 255))
            back.paste(image, mask=image.getchannel("A"))
            image = back
    return image


def _pdf(data: bytes, width: int = 1400, text: bool = True) -> tuple[Image.Image, str, int]:
    """The first page rendered at ~screen resolution and the text layer of the first pages."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = len(document)
        if pages == 0:
            raise ValueError("a PDF without pages")
        page = document[0]
        scale = min(3.0, width / max(page.get_width(), 1.0))
        image = page.render(scale=scale).to_pil().convert("RGB")
        parts = []
        for index in range(min(pages, 5) if text else 0):
            text_page = document[index].get_textpage()
            parts.append(text_page.get_text_range())
        return image, "\n".join(parts), pages
    finally:
        document.close()


def _center(work: Image.Image) -> Image.Image:
    w, h = work.size
    return work.crop((round(w * 0.08), round(h * 0.08), round(w * 0.92), round(h * 0.92)))


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
