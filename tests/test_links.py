"""Links typed for others to open: only real web addresses (attacker's walk: `http://` alone was
accepted as a webinar link)."""

from __future__ import annotations

import pytest

from services.links import is_web_link


@pytest.mark.parametrize(
    "value",
    ["https://vk.com/video-1", "http://edu.ru/a?b=1&c=2", "https://сферум.рф/call/1"],
)
def test_real_addresses_pass(value: str) -> None:
    assert is_web_link(value)


@pytest.mark.parametrize(
    "value",
    [
        "http://",
        "https://",
        "https://localhost",
        "javascript:alert(1)",
        "ftp://edu.ru/x",
        "https://edu .ru",
        "https://a..ru",
        "https://[::1",
        "https://" + "a" * 600 + ".ru",
        "edu.ru",
    ],
)
def test_what_is_no_address_is_refused(value: str) -> None:
    assert not is_web_link(value)
