"""Every text key used in code exists in Russian and English, and every text renders."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as ast_ftl

from core.i18n import LANGUAGES, Catalog, Html

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = (
    "bot",
    "core",
    "gateway",
    "handlers",
    "services",
    "scheduler",
    "storage",
    "ui",
    "webapp",
)
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9-]+)["']""")
KEY_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
TEXT_CALLS = {"t"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def python_files() -> Iterator[Path]:
    for folder in CODE_DIRS:
        yield from (ROOT / folder).rglob("*.py")


def string_literals(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line, value, is the first argument of a t(...) call) for each string literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    first_args: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and _callee(node.func) in TEXT_CALLS:
            first_args.add(id(node.args[0]))
            # Keys built from pieces cannot be checked; keys held in names or mappings can,
            # since their literal values are checked below by shape.
            if isinstance(node.args[0], ast.JoinedStr | ast.BinOp):
                yield node.lineno, "<dynamic key>", True
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value, id(node) in first_args


def _callee(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def test_languages_have_the_same_keys(catalog: Catalog) -> None:
    ru, en = (catalog.keys(lang) for lang in LANGUAGES)
    assert sorted(ru - en) == [], "keys missing in English"
    assert sorted(en - ru) == [], "keys missing in Russian"


def test_every_key_used_in_code_exists(catalog: Catalog) -> None:
    known = set(catalog.keys("ru")) & set(catalog.keys("en"))
    namespaces = {key.split("-", 1)[0] for key in known}
    problems = []
    for path in python_files():
        for line, value, is_text_call in string_literals(path):
            looks_like_key = KEY_RE.match(value) and value.split("-", 1)[0] in namespaces
            if (is_text_call or looks_like_key) and value not in known:
                problems.append(f"{path.relative_to(ROOT)}:{line}: {value}")
    assert problems == []


def test_every_key_in_the_boards_templates_exists(catalog: Catalog) -> None:
    known = set(catalog.keys("ru")) & set(catalog.keys("en"))
    used = {
        (path.name, key)
        for path in (ROOT / "webapp" / "templates").glob("*.html")
        for key in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 50
    assert sorted(f"{name}: {key}" for name, key in used if key not in known) == []


NUMBER_ARGS = re.compile(
    r"^(count|n|total|days|hours|minutes|number|done|late|row|line|version|schools|updated|municipalities|stages|steps|accepted|submitted|returned|missing|parts|absent|reachable|never_started|blocked|delivered|failed|cancelled|pending|limit"
    r"|curators)$|_count$"
)
TIME_ARGS = re.compile(r"^(when|deadline|time)$|_(at|time)$")


def sample_value(name: str) -> str | int | datetime:
    """Arguments are typed by name, the convention the locale files follow."""
    if NUMBER_ARGS.search(name):
        return 3
    if TIME_ARGS.search(name):
        return datetime(2022, 10, 21, 7, 0, tzinfo=UTC)
    return "<b>x</b>"


def variables_by_key(language: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "locales" / language).glob("*.ftl"):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast_ftl.Message):
                names: set[str] = set()
                _collect_variables(entry, names)
                found[entry.id.name] = names
    return found


def _collect_variables(node: object, names: set[str]) -> None:
    if isinstance(node, ast_ftl.VariableReference):
        names.add(node.id.name)
    if isinstance(node, ast_ftl.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                _collect_variables(child, names)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_renders(catalog: Catalog, language: str) -> None:
    t = catalog.bind(language)
    variables = variables_by_key(language)
    for key in catalog.keys(language):
        sample = {name: sample_value(name) for name in variables.get(key, set())}
        assert t(key, **sample).strip(), key


def test_user_text_is_escaped_and_markup_passes(catalog: Catalog) -> None:
    t = catalog.bind("ru")
    assert "&lt;b&gt;x&lt;/b&gt;" in t("start-greeting", name="<b>x</b>")
    assert "<i>ok</i>" in t("help-line", command=Html("<i>ok</i>"), description="")
    school = 'МБОУ "Успех" & партнёры'
    assert "&quot;Успех&quot; &amp;" in t("progress-submit-for", school=school)
    assert t.label("progress-submit-for", school=school).endswith(school)  # buttons: plain text


def test_long_user_text_never_breaks_a_text(catalog: Catalog) -> None:
    """fluent.runtime refuses a placeable over 2,500 characters; user text is inserted after
    Fluent formats, so a long comment (after escaping: `"` is six characters) still renders."""
    t = catalog.bind("ru")
    comment = '"<&' * 3000
    text = t("review-card-comment", comment=comment)
    assert "&quot;&lt;&amp;" * 3000 in text
    assert t("review-card-comment", comment=Html("<b>" + "x" * 5000 + "</b>")).count("x") == 5000


def test_a_value_that_looks_like_a_slot_stays_as_typed(catalog: Catalog) -> None:
    t = catalog.bind("ru")
    assert "\ue0000\ue001" in t("review-card-comment", comment="\ue0000\ue001")


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "1 сообщение снято"), (3, "3 сообщения сняты"), (5, "5 сообщений снято")],
)
def test_counts_agree_with_their_nouns(catalog: Catalog, count: int, words: str) -> None:
    text = catalog.bind("ru")("bc-report-cancelled", number=7, cancelled=count)
    assert words in text, text
