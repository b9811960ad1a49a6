"""The demo serves the review board beside its terminal chat and prints a one-time login for its
coordinator: the link opens the board in an ordinary browser (here, an HTTP client), once."""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/board/login\?token=[\w-]+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.timeout(120)
async def test_the_demo_prints_a_board_login_that_works_once(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    demo = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--db", str(tmp_path / "demo.db")]
        + ["--board-port", str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert demo.stdout is not None
    stdout = demo.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        seen = []
        while not any(LINK.search(line) for line in seen):
            seen.append(lines.get(timeout=60))
        url = next(match.group(0) for line in seen if (match := LINK.search(line)))
        seen.append(lines.get(timeout=10))  # who it signs in
        assert any("Наталья Васинова" in line for line in seen)
        base = f"http://127.0.0.1:{port}"
        # unsafe: the jar keeps cookies of an IP address, as a browser does
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
            form = await browser.get(url)
            assert form.status == 200
            token = url.split("token=", 1)[1]
            entered = await browser.post(f"{base}/board/login", data={"token": token})
            assert entered.status == 200  # followed to the matrix
            matrix = await entered.text()
            assert "МБОУ «СШ № 9»" in matrix and "Балахтинская" not in matrix  # her city only
            review = await (await browser.get(f"{base}/board/review")).text()
            assert review.count('class="card"') == 4  # the demo's confirmations awaiting review
        async with aiohttp.ClientSession() as other:
            again = await other.post(f"{base}/board/login", data={"token": token})
            assert again.status == 401  # once
    finally:
        assert demo.stdin is not None
        demo.stdin.write(":quit\n")
        demo.stdin.flush()
        assert demo.wait(timeout=30) == 0
        stdout.close()
        demo.stdin.close()
