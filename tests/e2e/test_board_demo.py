"""The demo serves the review board beside its terminal chat and prints a one-time login for its
coordinator: the link opens the board in an ordinary browser (here, an HTTP client), once."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/board/login\?token=[\w-]+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.timeout(300)
async def test_the_demo_prints_a_board_login_that_works_once(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    demo = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "demo", "--db", str(tmp_path / "demo.db")),
        *("--board-port", str(port)),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=ROOT,
        env=env,
    )
    assert demo.stdout is not None

    async def until_the_link() -> tuple[str, str]:
        assert demo.stdout is not None
        while True:
            line = (await demo.stdout.readline()).decode()
            assert line, "the demo ended before printing the board's link"
            if found := LINK.search(line):
                return found.group(0), (await demo.stdout.readline()).decode()

    try:
        url, who = await asyncio.wait_for(until_the_link(), timeout=180)
        assert "Наталья Васинова" in who
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
            assert review.count('class="card verdict-') == 4  # the demo's confirmations to review
        async with aiohttp.ClientSession() as other:
            again = await other.post(f"{base}/board/login", data={"token": token})
            assert again.status == 401  # once
    finally:
        out, _ = await asyncio.wait_for(demo.communicate(b":quit\n"), timeout=60)
    assert demo.returncode == 0, out.decode()[-2000:]
    assert "Traceback" not in out.decode()
