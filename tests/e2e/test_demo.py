"""The terminal demo (`python -m bot demo`), driven through its stdin like a person would."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from emulator import make_png

ROOT = Path(__file__).resolve().parents[2]


def run_demo(tmp_path: Path, lines: list[str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--db", str(tmp_path / "demo.db")],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=240,  # a loaded machine starts the demo slowly
        check=False,
    )


@pytest.mark.timeout(300)
def test_demo_chat_with_buttons_users_and_files(tmp_path: Path) -> None:
    photo = tmp_path / "screenshot.png"
    photo.write_bytes(make_png(64, 48))
    script = ["/start", "5", ":users", ":user 7", "/requests", "/help"]
    script += [f":photo {photo}", ":photo /no/such.png", f":album {photo}"]
    script += [":user 1", "/deadlines", ":quit"]
    result = run_demo(tmp_path, script)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Здравствуйте, Виктория!" in out  # the seed's director of СШ № 9 speaks first
    assert "[1] 📅 Мои сроки" in out  # buttons are numbered; she is registered already
    assert "[5] ❓ Помощь" in out
    assert "🤖 бот изменил сообщение" in out  # tapping 5 opened the help in place
    assert "7. Наталья Васинова — муниципальный координатор" in out
    assert "Теперь вы — Наталья Васинова" in out
    assert "Наталья Васинова> 🤖 бот → Наталья Васинова\nНовых заявок нет." in out  # a coordinator
    assert "Файл не найден: /no/such.png" in out
    assert "В альбоме от 2 до 10 файлов, а указано 1" in out  # not a crash of the demo
    # The demo's clock is inside the 2022 season: live deadlines, not a calendar long over.
    assert "Обмен документацией проекта\nдо 7 октября — ⏳ осталось 4 дня" in out
    assert out.rstrip().endswith("До встречи!")
    assert "Traceback" not in out + result.stderr
    assert (tmp_path / "demo.db").exists()  # its own database, not the bot's


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Demo:
    """The demo as a person uses it: a line typed, the answer read, the next line chosen."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.output = ""

    @classmethod
    async def start(cls, db: Path) -> Demo:
        env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "demo", "--db", str(db), "--board-port", str(free_port()),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, cwd=ROOT, env=env,
        )  # fmt: skip
        demo = cls(process)
        await demo.read_until("> ")
        return demo

    async def read_until(self, marker: str, within: float = 60) -> str:
        assert self.process.stdout is not None
        start = len(self.output)
        async with asyncio.timeout(within):
            while marker not in self.output[start:]:
                chunk = await self.process.stdout.read(4096)
                if not chunk:
                    break
                self.output += chunk.decode("utf-8", "replace")
        return self.output[start:]

    async def type(self, line: str) -> str:
        """Sends a line; returns what the demo printed until its next prompt."""
        assert self.process.stdin is not None
        self.process.stdin.write((line + "\n").encode())
        await self.process.stdin.drain()
        return await self.read_until("> ")

    async def quit(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(b":quit\n")
        await self.process.stdin.drain()
        await self.read_until("До встречи!")
        return await self.process.wait()


def number_of(screen: str, label: str) -> str:
    match = re.search(r"\[(\d+)\] " + re.escape(label), screen)
    assert match, (label, screen[-1500:])
    return match.group(1)


@pytest.mark.timeout(360)
async def test_the_demo_saves_what_the_bot_sends_and_a_restart_keeps_what_happened(
    tmp_path: Path,
) -> None:
    """Issue 20, item 1: files the bot sends are saved and printed as paths; `:new` is a fresh
    person; a restart keeps the demo's state (a /forget stays forgotten)."""
    demo = await Demo.start(tmp_path / "demo.db")
    await demo.type(":user 7")
    await asyncio.sleep(5)  # the sweeps at start may send her a notice: let it come first
    shown = await demo.type(":users")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 120  # a chart is slow on a busy machine
    asked_at = -60.0
    while True:  # the demo prints what arrived when the next line is typed
        charts = [path for path in (tmp_path / "out").glob("*") if path.suffix == ".png"]
        if charts or loop.time() > deadline:
            break
        if loop.time() - asked_at > 40:  # (again, if a notice took the number's place)
            progress = await demo.type("/progress")
            shown += progress + await demo.type(number_of(progress, "📈 График по шагам"))
            asked_at = loop.time()
        await asyncio.sleep(1)
        shown += await demo.type(":users")
    assert charts, shown[-6000:]
    for chart in charts:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # the chart, as the bot drew it
    shown += await demo.type(":users")
    assert any(f"[фото: {chart} — " in shown for chart in charts)
    newcomer = await demo.type(":new")
    assert "Теперь вы — Новичок 1 (ещё не зарегистрирован)" in newcomer
    assert "расскажите, кто вы" in await demo.type("/start")
    await demo.type(":user 1")
    asked = await demo.type("/forget")
    assert "Готово: ваши данные удалены" in await demo.type(number_of(asked, "🗑 Да, удалить"))
    assert await demo.quit() == 0

    again = await Demo.start(tmp_path / "demo.db")
    assert "расскажите, кто вы" in await again.type("/start")  # Виктория stays forgotten
    assert await again.quit() == 0
    assert "Traceback" not in demo.output + again.output
