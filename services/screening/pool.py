"""The bounded worker pool the checks run in, off the event loop.

Decoding, hashing and comparing pictures is CPU work in Python and numpy, and OCR is a Tesseract
subprocess per file. They run in worker *processes* (spawned, so nothing of the bot's event loop
is inherited) at a lower CPU priority, at most `workers` at a time: the bot's own process keeps
its core and a user's /start is not kept waiting behind a pile of screenshots.
bench/screenshot_checks.py measures the event loop's delay while 50 files are checked, with
processes and with threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from PIL import Image

from services.screening.copies import CopyIndex
from services.screening.facts import FileFacts, inspect_file, load_work, read_file_text
from services.screening.hashes import Comparison, compare
from services.screening.ocr import Reading, ocr_available

log = logging.getLogger(__name__)
T = TypeVar("T")
WORKER_NICENESS = 10
CACHE_SIZE = 48  # working copies of earlier files a worker keeps (~0.6 MB each)


class Screener:
    """Runs file checks in the pool and keeps the copy index. One per process, built by the
    app's factory and closed with it."""

    def __init__(
        self,
        workers: int = 1,
        kind: Literal["process", "thread"] = "process",
        ocr: bool | None = None,
    ) -> None:
        self.workers = max(1, workers)
        self.kind = kind
        # None: read text when Tesseract with Russian and English is installed.
        self.ocr = ocr_available() if ocr is None else ocr
        self.index = CopyIndex()
        self.index_lock = asyncio.Lock()
        self._executor: Executor | None = None
        self._slots: asyncio.Semaphore | None = None

    def announce(self) -> None:
        """Logs once, at start, what the checks can do here."""
        if self.ocr:
            log.info("screenshot checks: %d %s worker(s), OCR on", self.workers, self.kind)
        else:
            log.warning(
                "screenshot checks: Tesseract with rus+eng is not installed, so the text on "
                "screenshots is not checked (apt-get install tesseract-ocr tesseract-ocr-rus)"
            )

    def _pool(self) -> tuple[Executor, asyncio.Semaphore]:
        if self._executor is None or self._slots is None:
            if self.kind == "process":
                self._executor = ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                )
            else:
                self._executor = ThreadPoolExecutor(self.workers, "screening")
            # Bounded: callers wait here rather than piling work into the executor's queue.
            self._slots = asyncio.Semaphore(self.workers * 2)
        return self._executor, self._slots

    async def _run(self, function: partial[T]) -> T:
        executor, slots = self._pool()
        async with slots:
            return await asyncio.get_running_loop().run_in_executor(executor, function)

    async def inspect(self, path: Path, declared_mime: str | None) -> FileFacts:
        """Type, size, blankness, hashes, a PDF's text layer (no OCR)."""
        return await self._run(partial(inspect_file, path, declared_mime))

    async def read_text(self, path: Path) -> tuple[Reading | None, float]:
        """OCR of the file: what Tesseract read and how long it took (ms)."""
        return await self._run(partial(read_file_text, path))

    async def compare(self, new: Path, other: Path) -> Comparison | None:
        return await self._run(partial(compare_files, str(new), str(other)))

    async def warm_up(self) -> None:
        """Starts the workers (spawning and importing takes ~1 s each) before real work."""
        executor, _ = self._pool()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(executor, _ping) for _ in range(self.workers)))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            self._slots = None


def _start_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # Tesseract: one thread per worker
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)  # the bot's own process comes first; Tesseract inherits this


def _ping() -> int:
    return os.getpid()


_cache: OrderedDict[tuple[str, float], Image.Image | None] = OrderedDict()


def _work(path: str) -> Image.Image | None:
    """A worker's recently used working copies (the same originals are compared often)."""
    key = (path, os.stat(path).st_mtime)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    image = load_work(Path(path))
    _cache[key] = image
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return image


def compare_files(new: str, other: str) -> Comparison | None:
    """Whether two stored files show the same picture; None when one cannot be opened."""
    first = _work(new)
    second = _work(other)
    if first is None or second is None:
        return None
    return compare(first, second)
