"""Texts from `locales/<lang>/*.ftl` (Project Fluent). Every user-facing string is a key there.

String arguments are HTML-escaped on the way in, so a name typed by a user can never inject markup;
wrap already-safe markup in `Html` to pass it through untouched. They are inserted after Fluent has
formatted the pattern: fluent.runtime refuses a placeable over 2,500 characters, and a long comment
or announcement must never make a screen fail for everyone who opens it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar, cast

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser, ast

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

Arg = str | int | float | date | datetime
# Stand-ins for string arguments while Fluent formats (private-use characters no text contains);
# our texts never select on a string argument, only on numbers, so the stand-in is never read.
_SLOT = "\ue000{}\ue001"
_SLOT_RE = re.compile("\ue000(\\d+)\ue001")
T = TypeVar("T")


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
        # Texts never change while the bot runs: a text without arguments is formatted once,
        # and so is whatever is built of one language's texts alone (a menu).
        self._plain: dict[tuple[str, str], str] = {}
        self._built: dict[tuple[str, Hashable], object] = {}

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
        if args:
            return self._format(language, key, args)
        plain = self._plain.get((language, key))
        if plain is None:
            plain = self._plain[(language, key)] = self._format(language, key, args)
        return plain

    def built(self, texts: Texts, key: Hashable, build: Callable[[Texts], T]) -> T:
        kept = self._built.get((texts.language, key))
        if kept is None:
            kept = self._built[(texts.language, key)] = build(texts)
        return cast(T, kept)

    def _format(self, language: str, key: str, args: Mapping[str, Arg]) -> str:
        locale = self._locales[language]
        if key not in locale.keys:
            if language != self.default:
                return self._format(self.default, key, args)
            raise LocaleError(f"missing text key {key!r}")
        message = locale.bundle.get_message(key)
        if message.value is None:
            raise LocaleError(f"text {key!r} in {language} has no value")
        values, inserts = _slotted(args)
        text, errors = locale.bundle.format_pattern(message.value, values)
        if errors:
            raise LocaleError(f"text {key!r} in {language}: {errors[0]}")
        return _SLOT_RE.sub(lambda slot: inserts[int(slot.group(1))], str(text))


class Texts:
    """The catalog bound to one user's language: `t("start-greeting", name=...)`."""

    __slots__ = ("_catalog", "language")

    def __init__(self, catalog: Catalog, language: str) -> None:
        self._catalog = catalog
        self.language = language

    def __call__(self, key: str, /, **args: Arg) -> str:
        return self._catalog.format(self.language, key, args)

    def once(self, key: Hashable, build: Callable[[Texts], T]) -> T:
        """What `build` makes of this language's texts alone, made on first use and then kept:
        the result is shared, so it must not be changed."""
        return self._catalog.built(self, key, build)

    def label(self, key: str, **args: Arg) -> str:
        """A button label: Telegram shows it as plain text, so user text in it stays unescaped
        (a school «"Успех" & Co» must not read «&quot;Успех&quot; &amp; Co»)."""
        return html.unescape(self(key, **args))


def _slotted(args: Mapping[str, Arg]) -> tuple[dict[str, Arg], list[str]]:
    """Arguments for Fluent with every string replaced by a numbered slot, and the escaped
    strings to put into the slots afterwards (in one pass, so a value is never read again)."""
    values: dict[str, Arg] = {}
    inserts: list[str] = []
    for name, value in args.items():
        if isinstance(value, str):
            values[name] = _SLOT.format(len(inserts))
            inserts.append(value if isinstance(value, Html) else html.escape(value))
        else:
            values[name] = value
    return values, inserts


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
