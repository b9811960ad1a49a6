"""What handlers may know of the person on the other side, without the ORM model."""

from __future__ import annotations

from typing import Protocol


class Person(Protocol):
    """The update's person as the middleware hands it over (read-only for handlers)."""

    @property
    def id(self) -> int: ...

    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str | None: ...

    @property
    def username(self) -> str | None: ...

    @property
    def display_name(self) -> str | None: ...

    @property
    def language(self) -> str: ...
