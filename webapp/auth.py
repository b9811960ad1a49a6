"""Who is asking: Telegram's signed initData (a Mini App), or the board's own session cookie, set
after initData was checked once or a one-time login link was used.

- initData is checked as Telegram specifies (HMAC-SHA256 keyed with the bot token, through
  aiogram's web-app utilities); one older than INIT_DATA_MAX_AGE is refused like a forged one.
- The session cookie names the person and when it was issued, signed with a key derived from the
  bot token (a new token ends every session). The person's roles are read again on every request,
  so a revoked role takes effect at once.
- A request authenticated by the cookie and changing something must carry the CSRF token of its
  session (pages hold it); a request carrying initData needs none (no other site can send that
  header without a CORS preflight, which the board never allows).

Times here are the wall clock's: Telegram's auth_date is real time, whatever the bot's clock says
(the demo's clock lives in 2022).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

from aiogram.utils.web_app import WebAppInitData, safe_parse_webapp_init_data

INIT_DATA_HEADER = "X-Telegram-Init-Data"
CSRF_HEADER = "X-Board-CSRF"
COOKIE = "board_session"
INIT_DATA_MAX_AGE = 3600  # seconds: the board trades it for a session when it opens
SESSION_MAX_AGE = 12 * 3600
CLOCK_SKEW = 60


class NotAuthenticatedError(Exception):
    """No valid initData or session: 401."""


@dataclass(frozen=True, slots=True)
class Signer:
    """Everything keyed by the bot token."""

    token: str

    @property
    def _key(self) -> bytes:
        return hmac.new(b"review-board-session", self.token.encode(), hashlib.sha256).digest()

    def _mac(self, message: str) -> str:
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    # --- initData -----------------------------------------------------------------------------

    def init_data_user(self, init_data: str, now: float | None = None) -> int:
        """The Telegram id of a person whose initData is genuine and fresh."""
        if not init_data or len(init_data) > 8192:
            raise NotAuthenticatedError("no initData")
        try:
            data: WebAppInitData = safe_parse_webapp_init_data(self.token, init_data)
        except ValueError:  # a bad signature, or fields that are not what Telegram sends
            raise NotAuthenticatedError("initData signature") from None
        age = (time.time() if now is None else now) - data.auth_date.timestamp()
        if not -CLOCK_SKEW <= age <= INIT_DATA_MAX_AGE:
            raise NotAuthenticatedError("initData expired")
        if data.user is None:
            raise NotAuthenticatedError("initData without a user")
        return data.user.id

    # --- the session cookie -------------------------------------------------------------------

    def session(self, user_id: int, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        body = f"{user_id}.{issued}"
        return f"{body}.{self._mac('session.' + body)}"

    def session_user(self, value: str, now: float | None = None) -> int:
        user, _, rest = value.partition(".")
        issued, _, mac = rest.partition(".")
        if not (user.isdigit() and issued.isdigit() and mac):
            raise NotAuthenticatedError("malformed session")
        expected = self._mac(f"session.{user}.{issued}")
        if not hmac.compare_digest(mac.encode(), expected.encode()):
            raise NotAuthenticatedError("session signature")
        age = (time.time() if now is None else now) - int(issued)
        if not -CLOCK_SKEW <= age <= SESSION_MAX_AGE:
            raise NotAuthenticatedError("session expired")
        return int(user)

    def csrf(self, session: str) -> str:
        return self._mac("csrf." + session)[:32]

    def csrf_ok(self, session: str, given: str) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.csrf(session).encode())
