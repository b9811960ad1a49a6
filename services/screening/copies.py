"""The in-memory index of earlier files' hashes: which earlier files a new one may copy.

It holds two 32-byte hashes per checked file (~70 bytes with its ids: 100,000 files ≈ 7 MB) and
is brought up to date from the database before each check, so files checked by another replica
count too. The few nearest are then compared pixel by pixel (services/screening/hashes.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from services.screening.hashes import HASH_BYTES, U8, as_words, from_hex, nearest
from storage.repositories.screening import IndexedFile

# A candidate is at most this many bits (of 256) from the new file's nearest window. The true
# original of every copy in the generated set was within 27 (bench/screenshot_checks.py); a
# copy both cropped and shrunk in the first held-out set lay at 34. The pixel comparison, not
# this distance, decides what is a copy, and at most MAX_COMPARED are compared.
MAX_DISTANCE = 40
# How many of the nearest candidates are compared pixel by pixel.
MAX_COMPARED = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    file: IndexedFile
    distance: int


class CopyIndex:
    def __init__(self) -> None:
        self._files: list[IndexedFile] = []
        self._whole = np.zeros((0, HASH_BYTES // 8), dtype=np.uint64)
        self._center = np.zeros((0, HASH_BYTES // 8), dtype=np.uint64)
        self._ids: set[int] = set()
        self.last_id = 0

    def __len__(self) -> int:
        return len(self._files)

    def add(self, files: Iterable[IndexedFile]) -> None:
        fresh = [f for f in files if f.id not in self._ids]
        if not fresh:
            return
        self._files += fresh
        self._ids.update(f.id for f in fresh)
        whole = as_words(np.array([from_hex(f.dhash) for f in fresh]))
        center = as_words(np.array([from_hex(f.dhash_center) for f in fresh]))
        self._whole = np.vstack([self._whole, whole])
        self._center = np.vstack([self._center, center])
        self.last_id = max(self.last_id, max(f.id for f in fresh))

    def forget(self, submission_id: int) -> None:
        """Drops a submission's files (before it is checked again)."""
        keep = [i for i, f in enumerate(self._files) if f.submission_id != submission_id]
        if len(keep) == len(self._files):
            return
        self._files = [self._files[i] for i in keep]
        self._ids = {f.id for f in self._files}
        self._whole = self._whole[keep]
        self._center = self._center[keep]

    def candidates(
        self,
        windows: U8,
        submission_id: int,
        school_id: int,
        step_key: str,
        season: int,
    ) -> list[Candidate]:
        """Earlier files that may be the same picture, nearest first. A school's own earlier
        versions of the same step are not copies (a resubmission may repeat a file)."""
        if not self._files:
            return []
        queries = as_words(windows)
        near = np.minimum(nearest(queries, self._whole), nearest(queries, self._center))
        found: list[Candidate] = []
        for index in np.argsort(near, kind="stable"):
            distance = int(near[index])
            if distance > MAX_DISTANCE or len(found) >= MAX_COMPARED:
                break
            file = self._files[int(index)]
            if file.submission_id == submission_id or (
                file.school_id == school_id and file.step_key == step_key and file.season == season
            ):
                continue
            found.append(Candidate(file, distance))
        return found
