"""Links people type for others to open (a webinar's join or recording page)."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_LINK = 512


def is_web_link(value: str) -> bool:
    """An http(s) address with a real host name: `http://` alone, spaces, or a host without a
    dot would reach every reader as a dead button."""
    if len(value) > MAX_LINK or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return False
    labels = host.split(".")
    return (
        parts.scheme in ("http", "https") and len(labels) >= 2 and all(labels) and "@" not in host
    )
