"""Perceptual hashes and the pixel comparison that confirms a copy.

Finding a copy takes two steps. Hashes pick the few earlier files that could be the same picture:
the dHash of the whole picture, of its centre, and of 256 sub-windows of the new one (each side
cut by 0, 3, 6 or 9 %), so a copy cropped a little still lands near its original whatever was cut.
Screenshots of one web page by two schools hash alike too (same layout, other names and dates),
so a candidate is then compared pixel by pixel: the two are aligned (scale and shift found by
phase correlation) and compared in small cells; a copy differs in no cell except, at most, one
repainted corner, while two schools' screenshots differ in the lines that name them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

WORK_WIDTH = 1024  # the grey working copy both hashing and comparing use
HASH_WIDTH = 256
HASH_SIZE = 16  # 16×16 bits = 32 bytes
HASH_BYTES = HASH_SIZE * HASH_SIZE // 8
WINDOW_CUTS = (0.0, 0.03, 0.06, 0.09)
BLOCK = 4000
EDGE_STEP = 48

# The comparison: 8-px cells of the working copy; a cell differs when its mean absolute
# difference is above CELL_DELTA grey levels; a copy may differ in one corner patch of at most
# CORNER_W × CORNER_H of the picture, and elsewhere in at most STRAY_SHARE of the cells that
# show something (or STRAY_CELLS cells).
CELL = 8
CELL_DELTA = 20.0
# …or when some pixel differs by more than CELL_PEAK and the cell's mean by CELL_PEAK_MEAN: a
# digit changed in a line of small text (two forms that differ only in a school's number).
CELL_PEAK, CELL_PEAK_MEAN = 120.0, 8.0
CORNER_W, CORNER_H = 0.30, 0.25
STRAY_SHARE = 0.006  # of the textured cells (a 1–4 % crop re-encoded as JPEG: 0.0046)
STRAY_CELLS = 1
CONTENT_STD, CORNER_CONTENT = 3.0, 0.4  # a corner with 40 % of the textured cells is no corner
MIN_OVERLAP = 0.6
GAIN_RANGE = (0.6, 1.6)  # contrast changes a copy's tones are matched back over
SCALES = np.geomspace(0.8, 1.25, 10)
PATCH, PATCH_GRID, REFINE_ROUNDS = 128, 4, 2
COARSE_WIDTH = 320
BLUR = 0.6

U8 = NDArray[np.uint8]
F32 = NDArray[np.float32]


def edge_share(work: Image.Image) -> float:
    """The share of pixels with a sharp step to their right neighbour: text makes many (1-6 %
    on a screenshot, still ~0.3 % on a blurred photo of a screen); a drawing or a smooth photo
    few (under 0.25 % in the generated set)."""
    array = np.asarray(work, dtype=np.int16)
    return float((np.abs(np.diff(array, axis=1)) > EDGE_STEP).mean())


def to_work(gray: Image.Image) -> Image.Image:
    if gray.width <= WORK_WIDTH:
        return gray.copy()
    height = max(1, round(gray.height * WORK_WIDTH / gray.width))
    return gray.resize((WORK_WIDTH, height), Image.Resampling.BOX)


def dhash(image: Image.Image) -> bytes:
    """Difference hash: is each pixel of a 17×16 thumbnail brighter than its left neighbour."""
    small = np.asarray(
        image.resize((HASH_SIZE + 1, HASH_SIZE), Image.Resampling.BOX), dtype=np.int16
    )
    return bytes(np.packbits((small[:, 1:] > small[:, :-1]).ravel()))


def query_windows(work: Image.Image) -> U8:
    """dHashes of the picture with each side cut by each of WINDOW_CUTS: (256, 32) bytes."""
    base = work.resize(
        (HASH_WIDTH, max(1, round(work.height * HASH_WIDTH / work.width))), Image.Resampling.BOX
    )
    w, h = base.size
    rows = []
    for left in WINDOW_CUTS:
        for top in WINDOW_CUTS:
            for right in WINDOW_CUTS:
                for bottom in WINDOW_CUTS:
                    box = (w * left, h * top, w * (1 - right), h * (1 - bottom))
                    thumb = base.resize((HASH_SIZE + 1, HASH_SIZE), Image.Resampling.BOX, box=box)
                    small = np.asarray(thumb, dtype=np.int16)
                    rows.append(np.packbits((small[:, 1:] > small[:, :-1]).ravel()))
    return np.array(rows, dtype=np.uint8)


def from_hex(value: str) -> U8:
    return np.frombuffer(bytes.fromhex(value), dtype=np.uint8)


def as_words(hashes: U8) -> NDArray[np.uint64]:
    """(n, 32) bytes as (n, 4) 64-bit words, for fast Hamming distances."""
    return np.ascontiguousarray(hashes).view(np.uint64).reshape(len(hashes), HASH_BYTES // 8)


def nearest(queries: NDArray[np.uint64], stored: NDArray[np.uint64]) -> NDArray[np.int32]:
    """For each stored hash, its Hamming distance to the nearest query hash. In blocks, so
    256 queries against 100,000 stored hashes take ~1 s and ~30 MB, with the GIL released."""
    out = np.empty(len(stored), dtype=np.int32)
    for start in range(0, len(stored), BLOCK):
        block = stored[start : start + BLOCK]
        bits = np.bitwise_count(queries[:, None, :] ^ block[None, :, :])
        out[start : start + len(block)] = bits.sum(axis=2, dtype=np.int32).min(axis=0)
    return out


# --- the pixel comparison -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    same: bool
    scale: float  # other's pixels per new pixel
    overlap: float  # share of the new picture the other covers
    stray: float  # share of cells that differ outside an allowed corner
    corner: bool  # one corner patch differs
    peak: float


def compare(new: Image.Image, other: Image.Image) -> Comparison:
    """Whether `new` is `other` (or a part of it, or it a part of `new`) rescaled, recompressed
    or with one corner changed."""
    if other.width != new.width:  # the same width first: an uncropped copy is then at scale 1
        height = max(1, round(other.height * new.width / other.width))
        other = other.resize((new.width, height), Image.Resampling.BILINEAR)
    a = _float(new)
    b = _float(other)
    if abs(a.shape[0] - b.shape[0]) <= 2:  # same shape: try "a rescaled copy" first (cheap)
        direct = _judge(a, b, (0, 0), 1.0, 1.0)
        if direct.same:
            return direct
    factor = max(1, a.shape[1] // COARSE_WIDTH)
    small = _Reference(_downsample(a, factor))
    small_b = _downsample(b, factor)
    peak, scale = max((small.phase(_rescale(small_b, s))[0], float(s)) for s in SCALES)
    half_a = _Reference(_downsample(a, 2))
    half_b = _downsample(b, 2)
    for _ in range(REFINE_ROUNDS):
        scale = _refine(a, b, scale, half_a, half_b)
    rescaled = _rescale(b, scale)
    peak, shift = _Reference(a).phase(rescaled)
    return _judge(a, rescaled, shift, scale, peak)


def _float(image: Image.Image) -> F32:
    if BLUR:
        image = image.filter(ImageFilter.GaussianBlur(BLUR))
    return np.asarray(image, dtype=np.float32)


def _rescale(array: F32, scale: float) -> F32:
    """The other picture brought to the new one's scale (scale = other px per new px)."""
    h, w = array.shape
    size = (max(1, round(w / scale)), max(1, round(h / scale)))
    image = Image.fromarray(array, mode="F").resize(size, Image.Resampling.BILINEAR)
    return np.asarray(image, dtype=np.float32)


def _downsample(array: F32, factor: int) -> F32:
    if factor == 1:
        return array
    h, w = array.shape
    size = (max(1, w // factor), max(1, h // factor))
    image = Image.fromarray(array, mode="F").resize(size, Image.Resampling.BOX)
    return np.asarray(image, dtype=np.float32)


class _Reference:
    """Phase correlation against one fixed picture: its spectrum is computed once, at a padded
    size that any candidate (up to 1.3 times larger) fits in."""

    def __init__(self, a: F32, pad: float = 1.3) -> None:
        from scipy import fft  # the workers need it, the bot's own process does not

        self._fft = fft
        h, w = a.shape
        if pad == 1.0:
            self.shape = (h, w)
        else:
            self.shape = (fft.next_fast_len(int(h * pad)), fft.next_fast_len(int(w * pad)))
        self.spectrum = fft.rfft2(a - a.mean(), s=self.shape)

    def phase(self, b: F32) -> tuple[float, tuple[int, int]]:
        """Peak height and the shift (dy, dx) at which b lies in a's frame."""
        h, w = self.shape
        b = b[:h, :w]
        cross = self.spectrum * np.conj(self._fft.rfft2(b - b.mean(), s=self.shape))
        cross /= np.abs(cross) + 1e-6
        surface = self._fft.irfft2(cross, s=self.shape)
        index = int(np.argmax(surface))
        dy, dx = divmod(index, w)
        if dy > h // 2:
            dy -= h
        if dx > w // 2:
            dx -= w
        return float(surface.flat[index]), (dy, dx)


def _phase(a: F32, b: F32) -> tuple[float, tuple[int, int]]:
    """Phase correlation of two pictures of the same size (patches), unpadded."""
    return _Reference(a, pad=1.0).phase(b)


def _refine(a: F32, b: F32, scale: float, half_a: _Reference, half_b: F32) -> float:
    """Corrects the scale from local shifts: patches of `a` found in the rescaled `b` drift
    apart in proportion to their distance when the scale is off (shift(p) = t·r + p·(1 − r))."""
    bb = _rescale(b, scale)
    _, (dy, dx) = half_a.phase(_rescale(half_b, scale))
    dy, dx = dy * 2, dx * 2
    half = PATCH // 2
    positions: list[float] = []
    shifts: list[float] = []
    axes: list[int] = []
    h, w = a.shape
    for cy in np.linspace(half, h - half, PATCH_GRID).astype(int):
        for cx in np.linspace(half, w - half, PATCH_GRID).astype(int):
            y0, x0 = cy - half - dy, cx - half - dx
            if y0 < 0 or x0 < 0 or y0 + PATCH > bb.shape[0] or x0 + PATCH > bb.shape[1]:
                continue
            pa = a[cy - half : cy + half, cx - half : cx + half]
            if pa.std() < 4:
                continue  # nothing to lock onto
            peak, (ey, ex) = _phase(pa, bb[y0 : y0 + PATCH, x0 : x0 + PATCH])
            if peak < 0.2 or abs(ey) > half // 3 or abs(ex) > half // 3:
                continue
            positions += [float(cy), float(cx)]
            shifts += [float(dy + ey), float(dx + ex)]
            axes += [0, 1]
    if len(shifts) < 6:
        return scale
    # Theil-Sen per axis (repeated text lines can lock a patch onto the neighbouring line).
    slopes: list[float] = []
    for axis in (0, 1):
        pos = np.array([q for q, k in zip(positions, axes, strict=True) if k == axis])
        sh = np.array([q for q, k in zip(shifts, axes, strict=True) if k == axis])
        i, j = np.triu_indices(len(pos), 1)
        apart = pos[j] - pos[i]
        keep = np.abs(apart) > PATCH
        slopes += list((sh[j] - sh[i])[keep] / apart[keep])
    if not slopes:
        return scale
    slope = float(np.median(slopes))
    return scale * (1 - slope) if abs(slope) < 0.05 else scale


def _matched_tones(b: F32, a: F32) -> F32:
    """`b` with its brightness and contrast brought to `a`'s by a least-squares line: a copy
    made lighter or more contrasty differs everywhere by a few grey levels, which is not a
    different picture. Only a plausible edit is undone (gain within GAIN_RANGE), never an
    inversion: a dark theme of the same page stays another picture."""
    x, y = b.ravel().astype(np.float64), a.ravel().astype(np.float64)
    spread = x.var()
    if spread < 1.0:
        return b
    gain = float(((x - x.mean()) * (y - y.mean())).mean() / spread)
    if not GAIN_RANGE[0] <= gain <= GAIN_RANGE[1]:
        return b
    offset = float(y.mean() - gain * x.mean())
    return (b * gain + offset).astype(np.float32)


def _judge(a: F32, b: F32, shift: tuple[int, int], scale: float, peak: float) -> Comparison:
    dy, dx = shift
    # b placed at (dy, dx) in a's frame: the overlap in a's coordinates.
    top, left = max(0, dy), max(0, dx)
    bottom = min(a.shape[0], dy + b.shape[0])
    right = min(a.shape[1], dx + b.shape[1])
    if bottom - top < CELL * 4 or right - left < CELL * 4:
        return Comparison(False, scale, 0.0, 1.0, False, peak)
    overlap = (bottom - top) * (right - left) / (a.shape[0] * a.shape[1])
    other_overlap = (bottom - top) * (right - left) / (b.shape[0] * b.shape[1])
    if min(overlap, other_overlap) < MIN_OVERLAP:
        return Comparison(False, scale, overlap, 1.0, False, peak)
    part_a = a[top:bottom, left:right]
    part_b = _matched_tones(b[top - dy : bottom - dy, left - dx : right - dx], part_a)
    # A pixel off is not a change: each pixel is compared with b's nearest match within 1 px.
    padded = np.pad(part_b, 1, mode="edge")
    h, w = part_a.shape
    diff = np.min(
        [np.abs(part_a - padded[y : y + h, x : x + w]) for y in range(3) for x in range(3)], axis=0
    )
    rows, cols = diff.shape[0] // CELL, diff.shape[1] // CELL
    blocks = diff[: rows * CELL, : cols * CELL].reshape(rows, CELL, cols, CELL)
    cells = blocks.mean(axis=(1, 3))
    changed = (cells > CELL_DELTA) | (
        (blocks.max(axis=(1, 3)) > CELL_PEAK) & (cells > CELL_PEAK_MEAN)
    )
    # One corner may have been repainted (the clock, a sticker): what differs inside the
    # corner area where most differs is forgiven, unless that corner holds much of what the
    # picture shows at all (a sparse page whose text sits in one corner).
    texture = part_a[: rows * CELL, : cols * CELL].reshape(rows, CELL, cols, CELL)
    content = texture.std(axis=(1, 3)) > CONTENT_STD
    corner_rows = max(1, round(CORNER_H * rows))
    corner_cols = max(1, round(CORNER_W * cols))
    inside = 0
    for top_side in (True, False):
        for left_side in (True, False):
            ys = slice(0, corner_rows) if top_side else slice(rows - corner_rows, rows)
            xs = slice(0, corner_cols) if left_side else slice(cols - corner_cols, cols)
            if content[ys, xs].sum() > CORNER_CONTENT * max(1, content.sum()):
                continue
            inside = max(inside, int(changed[ys, xs].sum()))
    # Measured against what the picture shows, not its size: on a sparse page a few changed
    # digits are a large part of what there is to compare.
    textured = max(1, int(content.sum()))
    outside = int(changed.sum()) - inside
    stray = outside / textured
    same = outside <= max(STRAY_CELLS, STRAY_SHARE * textured)
    return Comparison(same, scale, overlap, stray, inside > 0, peak)
