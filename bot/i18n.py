"""Texts from `locales/<lang>/*.ftl` (Project Fluent). Every user-facing string is a key there.

String arguments are HTML-escaped on the way in, so a name typed by a user can never inject markup;
wrap already-safe markup in `Html` to pass it through untouched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

Arg = str | int | float | date | datetime


class Html(str):
    """Markup that is already safe (built from escaped parts); passed to texts unescaped."""

    __slots__ = ()


class LocaleError(Exception):
    """A locale file does not parse or a key is missing."""


@dataclass(frozen=True, slots=True)
class _Locale:
    bundle: FluentBundle
    keys: frozenset[str]


class Catalog:
    """All languages' texts, loaded once at start."""

    def __init__(self, locales: Mapping[str, _Locale], default: str = DEFAULT_LANGUAGE) -> None:
        self._locales = dict(locales)
        self.default = default

    @classmethod
    def load(cls, root: Path = LOCALES_DIR, languages: Iterable[str] = LANGUAGES) -> Catalog:
        return cls({lang: _load_locale(root / lang, lang) for lang in languages})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._locales)

    def keys(self, language: str) -> frozenset[str]:
        return self._locales[language].keys

    def bind(self, language: str | None) -> Texts:
        return Texts(self, language if language in self._locales else self.default)

    def format(self, language: str, key: str, args: Mapping[str, Arg]) -> str:
        locale = self._locales[language]
        if key not in locale.keys:
            if language != self.default:
                return self.format(self.default, key, args)
            raise LocaleError(f"missing text key {key!r}")
        message = locale.bundle.get_message(key)
        if message.value is None:
            raise LocaleError(f"text {key!r} in {language} has no value")
        text, errors = locale.bundle.format_pattern(message.value, _escaped(args))
        if errors:
            raise LocaleError(f"text {key!r} in {language}: {errors[0]}")
        return str(text)


class Texts:
    """The catalog bound to one user's language: `t("start-greeting", name=...)`."""

    __slots__ = ("_catalog", "language")

    def __init__(self, catalog: Catalog, language: str) -> None:
        self._catalog = catalog
        self.language = language

    def __call__(self, key: str, **args: Arg) -> str:
        return self._catalog.format(self.language, key, args)

    def label(self, key: str, **args: Arg) -> str:
        """A button label: Telegram shows it as plain text, so user text in it stays unescaped
        (a school «"Успех" & Co» must not read «&quot;Успех&quot; &amp; Co»)."""
        return html.unescape(self(key, **args))


def _escaped(args: Mapping[str, Arg]) -> dict[str, Arg]:
    return {
        name: value if isinstance(value, Html) or not isinstance(value, str) else html.escape(value)
        for name, value in args.items()
    }


def _load_locale(folder: Path, language: str) -> _Locale:
    files = sorted(folder.glob("*.ftl"))
    if not files:
        raise LocaleError(f"no .ftl files in {folder}")
    bundle = FluentBundle([language], use_isolating=False)
    keys: set[str] = set()
    for path in files:
        source = path.read_text(encoding="utf-8")
        keys |= _message_ids(source, path)
        bundle.add_resource(FluentResource(source))
    return _Locale(bundle, frozenset(keys))


def _message_ids(source: str, path: Path) -> set[str]:
    """Parse strictly: a syntax error in a locale file must fail loudly, not drop texts."""
    resource = FluentParser().parse(source)
    ids: set[str] = set()
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            raise LocaleError(f"{path}: cannot parse near {(entry.content or '')[:60]!r}")
        if isinstance(entry, ast.Message):
            if entry.id.name in ids:
                raise LocaleError(f"{path}: duplicate key {entry.id.name!r}")
            ids.add(entry.id.name)
    return ids
