"""Settings from the environment and `.env`, validated once at start."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AnyHttpUrl,
    AwareDatetime,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_DEFAULT = "https://api.telegram.org"
# aiogram's own check is the same shape: digits, a colon, then the secret.
_TOKEN_RE = re.compile(r"^\d+:[\w-]+$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
_DB_SCHEMES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr
    telegram_api_url: AnyHttpUrl = AnyHttpUrl(TELEGRAM_API_DEFAULT)
    database_url: str = "sqlite+aiosqlite:///data/bot.db"
    redis_url: str | None = None
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    channel_id: str | None = None
    files_dir: Path = Path("data/files")
    default_language: str = Field(default="ru", pattern="^(ru|en)$")
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    # Webhook mode (several replicas behind one URL); unset means long polling.
    webhook_url: AnyHttpUrl | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1:8080"  # behind a reverse proxy on the same host
    # The review board (a Telegram Mini App): where it listens in polling mode, and its public
    # HTTPS base behind the proxy (Telegram opens Web Apps only over HTTPS).
    webapp_listen: str = "127.0.0.1:8090"
    webapp_url: AnyHttpUrl | None = None
    # /metrics answers loopback clients; with a token, anyone who sends it as a Bearer header.
    metrics_token: SecretStr | None = None
    # Messages per second the delivery layer sends (Telegram allows about 30 overall).
    delivery_rate: float = Field(default=29.0, gt=0, le=30)
    # Per-person flood control: a burst of this many updates, then this many per second.
    throttle_burst: int = Field(default=20, ge=1)
    throttle_per_second: float = Field(default=1.0, gt=0)
    # Long polling: updates fetched and waiting (as plain JSON, ~1-2 KB each) before fetching
    # pauses, and how many are handled at once (each chat's one at a time, in order).
    polling_queue: int = Field(default=25_000, ge=100)
    polling_workers: int = Field(default=32, ge=1, le=512)
    # Worker processes that check downloaded screenshots (OCR, hashes, comparisons).
    screening_workers: int = Field(default=2, ge=1, le=16)
    # Processes keep the bot's own core free; threads start at once (the in-process tests).
    screening_pool: Literal["process", "thread"] = "process"
    # For demos and rehearsals only: the bot's clock starts at this instant (ISO 8601 with offset).
    clock_start: AwareDatetime | None = None

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN_RE.match(value.get_secret_value()):
            raise ValueError("must look like 123456789:AA…, as given by @BotFather")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_scheme(cls, value: str) -> str:
        if not value.startswith(_DB_SCHEMES):
            raise ValueError("must start with " + " or ".join(_DB_SCHEMES))
        return value

    @field_validator(
        "redis_url",
        "channel_id",
        "clock_start",
        "webhook_url",
        "webhook_secret",
        "webapp_url",
        "metrics_token",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// URL")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("webhook_listen", "webapp_listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must be HOST:PORT, e.g. 127.0.0.1:8080")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's rule for secret_token, plus a minimum length worth calling a secret.
        if value is not None and not _SECRET_RE.match(value.get_secret_value()):
            raise ValueError("must be 16-256 characters of A-Z a-z 0-9 _ -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET must be set when WEBHOOK_URL is")
        return self

    @property
    def listen_host_port(self) -> tuple[str, int]:
        host, _, port = self.webhook_listen.rpartition(":")
        return host, int(port)

    @property
    def webapp_host_port(self) -> tuple[str, int]:
        host, _, port = self.webapp_listen.rpartition(":")
        return host, int(port)

    @property
    def board_url(self) -> str:
        """The board's address people open: WEBAPP_URL, else where it listens (local use)."""
        base = str(self.webapp_url) if self.webapp_url else f"http://{self.webapp_listen}"
        return base.rstrip("/") + "/board/"

    @property
    def board_in_telegram(self) -> bool:
        """Telegram opens a Web App only from an HTTPS address."""
        return self.webapp_url is not None and self.webapp_url.scheme == "https"

    @property
    def api_base_url(self) -> str:
        return str(self.telegram_api_url).rstrip("/")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    reason = str(first["msg"]).removeprefix("Value error, ")
    if not first["loc"]:  # a rule across settings names them itself
        return f"Config error: {reason}"
    name = str(first["loc"][0]).upper()
    if first["type"] == "missing":
        return (
            f"Config error: {name} is not set (put it in the environment or .env, see .env.example)"
        )
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"Config error: {name} is invalid: {reason}{more}"
