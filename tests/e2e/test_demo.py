"""The terminal demo (`python -m bot demo`), driven through its stdin like a person would."""

from __future__ import annotations

import os
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
        timeout=90,
        check=False,
    )


@pytest.mark.timeout(120)
def test_demo_chat_with_buttons_users_and_files(tmp_path: Path) -> None:
    photo = tmp_path / "screenshot.png"
    photo.write_bytes(make_png(64, 48))
    script = ["/start", "5", ":users", ":user 7", "/requests", "/help"]
    script += [f":photo {photo}", ":photo /no/such.png", ":user 1", "/deadlines", ":quit"]
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
    # The demo's clock is inside the 2022 season: live deadlines, not a calendar long over.
    assert "Обмен документацией проекта\nдо 7 октября — ⏳ осталось 4 дня" in out
    assert out.rstrip().endswith("До встречи!")
    assert "Traceback" not in out + result.stderr
    assert (tmp_path / "demo.db").exists()  # its own database, not the bot's
