"""URL checks in the spirit of TDLib's LinkManager::check_link, used for buttons and text links."""

from __future__ import annotations

import ipaddress
import re

_LABEL = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|xn--[A-Za-z0-9-]+|[^\x00-\x7f]+)$"
)
_TLD = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]+|[^\x00-\x7f]{2,})$")
_CUSTOM_SCHEMES = {"tg", "ton"}


class LinkError(ValueError):
    """`str(error)` is Telegram's reason, e.g. "Wrong HTTP URL"."""


def check_link(url: str) -> str:
    """Returns the link as Telegram keeps it, or raises LinkError with Telegram's reason."""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "http", url
        url = "http://" + url
    scheme = scheme.lower()
    if scheme in _CUSTOM_SCHEMES:
        if not rest:
            raise LinkError("Wrong URL")
        return url
    if scheme not in ("http", "https"):
        raise LinkError("Unsupported URL protocol")
    if not _valid_host(rest):
        raise LinkError("Wrong HTTP URL")
    return url


def _valid_host(rest: str) -> bool:
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    host, colon, port = host.partition(":")
    if colon and not (port.isdigit() and 0 < int(port) < 65536):
        return False
    try:
        ipaddress.IPv4Address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:  # "localhost" and other dot-less hosts are refused by Telegram
        return False
    return all(_LABEL.match(label) for label in labels) and bool(_TLD.match(labels[-1]))
