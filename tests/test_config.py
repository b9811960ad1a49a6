"""Config: a bad or missing setting is one clear line and exit code 2, never a traceback."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from emulator import BotAPIEmulator

from core.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,  # no .env here
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_bot(tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Config error: BOT_TOKEN is not set (put it in the environment or .env, see .env.example)"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"BOT_TOKEN": "1:abc", "TELEGRAM_API_URL": "telegram please"}, "TELEGRAM_API_URL"),
        ({"BOT_TOKEN": "1:abc", "DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"BOT_TOKEN": "1:abc", "REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"BOT_TOKEN": "1:abc", "ADMIN_IDS": "12,abc"}, "ADMIN_IDS"),
    ],
)
def test_malformed_setting_names_the_setting(
    tmp_path: Path, env: dict[str, str], setting: str
) -> None:
    result = run_bot(tmp_path, **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Config error: {setting} is invalid")


def test_env_file_and_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_TOKEN", "ADMIN_IDS", "TELEGRAM_API_URL", "DATABASE_URL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text("BOT_TOKEN=42:secret\nADMIN_IDS=1, 2\nREDIS_URL=\n")
    settings = load_settings()
    assert settings.bot_token.get_secret_value() == "42:secret"
    assert settings.admin_ids == (1, 2)
    assert settings.redis_url is None
    assert settings.api_base_url == "https://api.telegram.org"
    assert settings.database_url == "sqlite+aiosqlite:///data/bot.db"


def test_token_is_not_echoed_in_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "leaky-secret-value")
    with pytest.raises(ConfigError) as caught:
        load_settings(_env_file=None)
    assert "leaky-secret-value" not in str(caught.value)


async def start_bot(tmp_path: Path, **env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}}
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot"),
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode or 0, stderr.decode()


async def test_a_token_telegram_refuses_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with BotAPIEmulator("123456:the-real-token") as emu:
        code, stderr = await start_bot(
            tmp_path, BOT_TOKEN="123456:a-wrong-token", TELEGRAM_API_URL=emu.base_url
        )
    assert code == 2
    lines = [line for line in stderr.splitlines() if "Config error" in line]
    assert lines == [
        f"Config error: BOT_TOKEN was refused by the Bot API at {emu.base_url} (401 "
        "Unauthorized): check the token"
    ]
    assert "Traceback" not in stderr


async def test_an_unreachable_bot_api_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    code, stderr = await start_bot(tmp_path, BOT_TOKEN="123456:token", TELEGRAM_API_URL=url)
    assert code == 1
    assert f"Cannot reach the Bot API at {url}: " in stderr
    assert "(check TELEGRAM_API_URL and the network)" in stderr
    assert "Traceback" not in stderr
