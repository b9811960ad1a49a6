"""Thumbnails of stored screenshots for the review board: made once with Pillow, kept beside the
copies under FILES_DIR/thumbs by the file's SHA-256 (the same picture sent twice has one)."""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageOps

from services.file_store import FileStore

log = logging.getLogger(__name__)
SIZE = (360, 360)
QUALITY = 78
# Pixels Pillow may decode for a thumbnail; a bigger image (a decompression bomb among them) gets
# no thumbnail and is shown as a file.
MAX_PIXELS = 60_000_000
DRAWABLE = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


class Thumbnails:
    def __init__(self, files_dir: Path) -> None:
        self._store = FileStore(files_dir)
        self._root = files_dir / "thumbs"

    def path_for(self, sha256: str) -> Path:
        return self._root / sha256[:2] / f"{sha256}.jpg"

    def get(self, sha256: str, content_type: str | None) -> Path | None:
        """The thumbnail's path, made now if it was not yet; None when the file is not a picture
        Pillow can draw, or its copy is not here (yet). Blocking: run it in a thread."""
        if content_type not in DRAWABLE:
            return None
        target = self.path_for(sha256)
        if target.exists():
            return target
        source = self._store.path_for(sha256)
        if not source.exists():
            return None
        try:
            return self._make(source, target)
        except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            log.warning("no thumbnail for %s: not a picture Pillow can draw", sha256[:12])
            return None

    def _make(self, source: Path, target: Path) -> Path:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValueError("too many pixels")
                image.draft("RGB", (SIZE[0] * 2, SIZE[1] * 2))  # JPEG: decode at a smaller scale
                picture = ImageOps.exif_transpose(image)
                picture.thumbnail(SIZE, Image.Resampling.LANCZOS, reducing_gap=3.0)
                if picture.mode not in ("RGB", "L"):
                    picture = _flatten(picture)
                target.parent.mkdir(parents=True, exist_ok=True)
                # Written under a temporary name and renamed: two requests at once never leave
                # a half-written thumbnail, and the second simply replaces the first.
                handle, name = tempfile.mkstemp(dir=target.parent, suffix=".part")
                try:
                    with os.fdopen(handle, "wb") as out:
                        picture.save(out, "JPEG", quality=QUALITY, optimize=True)
                    Path(name).replace(target)
                except BaseException:
                    Path(name).unlink(missing_ok=True)
                    raise
        return target


def _flatten(picture: Image.Image) -> Image.Image:
    """Transparency over white, as a screenshot reads on paper."""
    rgba = picture.convert("RGBA")
    canvas = Image.new("RGB", rgba.size, (255, 255, 255))
    canvas.paste(rgba, mask=rgba.getchannel("A"))
    return canvas
