"""The shipped calendar and FAQ hold every dated item of the seed documents, whole and in both
languages; the independent list tests/seed_items.yaml (written from the seeds alone) checks it."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.answers import faq_entries
from services.calendar import Step, shipped_calendar
from services.regions import region_info

ROOT = Path(__file__).resolve().parent.parent
SEED_ITEMS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "seed_items.yaml").read_text(encoding="utf-8")
)["items"]
REGION_CODES = {"Краснодарский край": "23", "Смоленская область": "67",
                "Красноярский край": "24", "Хабаровский край": "27"}  # fmt: skip
NEAR = 4  # lines: a calendar item may cite the row a few lines before or after the list's line
SEEDS = ("000", "001", "003", "004")


def _dates(step: Step, region: str | None) -> tuple[date | None, date | None]:
    return step.window_start, step.due(region)


def _matches(step: Step, item: dict[str, Any]) -> bool:
    region = REGION_CODES.get(item["region"])
    if item["region"] != "federal" and not step.applies(region):
        return False
    if item["region"] == "federal" and step.regions:
        return False
    if not any(
        s.seed == item["seed"] and abs(s.line - int(item["line"])) <= NEAR for s in step.sources
    ):
        return False
    start, end = _dates(step, region)
    if "date" in item:
        return item["date"] in (start, end)
    return (start, end) == (item["start"], item["end"])


def _missing() -> list[str]:
    steps = list(shipped_calendar().steps())
    return [
        f"{i['seed']}:{i['line']} {i['title']} ({i.get('date') or (i['start'], i['end'])})"
        for i in SEED_ITEMS
        if not any(_matches(step, i) for step in steps)
    ]


def test_every_dated_seed_item_is_in_the_calendar_with_its_dates() -> None:
    assert len(SEED_ITEMS) == 108
    missing = _missing()
    per_seed = Counter(i["seed"] for i in SEED_ITEMS)
    assert not missing, f"{len(missing)} of {per_seed} missing:\n" + "\n".join(missing)


def test_the_count_per_seed() -> None:
    """The list's items per seed (all matched by the test above): 000 → 22, 001 → 15, 003 → 26,
    004 → 45."""
    per_seed = Counter(i["seed"] for i in SEED_ITEMS)
    assert dict(per_seed) == {"000": 22, "001": 15, "003": 26, "004": 45}


def _texts() -> list[tuple[str, str, dict[str, str]]]:
    found: list[tuple[str, str, dict[str, str]]] = []
    for stage in shipped_calendar().stages:
        found.append((stage.key, "title", dict(stage.title)))
        for step in stage.steps:
            for name in ("title", "todo", "who", "result", "report", "period"):
                value = dict(getattr(step, name))
                if value or name in ("title", "todo"):
                    found.append((step.key, name, value))
            for region, fields in step.local.items():
                for name, value in fields.items():
                    found.append((f"{step.key}@{region}", name, dict(value)))
    for entry in faq_entries():
        found.append((entry["key"], "title", dict(entry["title"])))
        found.append((entry["key"], "answer", dict(entry["answer"])))
        for region, value in (entry.get("local") or {}).items():
            found.append((f"{entry['key']}@{region}", "answer", dict(value)))
    return found


def test_every_text_is_in_both_languages() -> None:
    gaps = [f"{key}.{name}" for key, name, value in _texts() if set(value) != {"ru", "en"}]
    assert not gaps, gaps


def test_no_text_is_cut_short() -> None:
    """An unquoted comma in YAML's flow style cuts a value: such a value ends mid-sentence (with
    a preposition or a conjunction) or is suspiciously short for a to-do."""
    dangling = re.compile(
        r"(?:\b(?:и|в|на|по|с|для|от|до|к|о|а|но|или|the|and|or|of|to|for|in|on|with|a|an))$",
        re.IGNORECASE,
    )
    cut = []
    for key, name, value in _texts():
        for language, text in value.items():
            stripped = text.strip()
            if not stripped or dangling.search(stripped):
                cut.append(f"{key}.{name}.{language}: {text!r}")
            if name in ("todo", "answer") and not stripped.endswith((".", "»", ")", "/")):
                cut.append(f"{key}.{name}.{language} does not end a sentence: {text!r}")
    assert not cut, "\n".join(cut)


def test_titles_are_unique_per_language() -> None:
    for language in ("ru", "en"):
        titles = Counter(s.text("title", language) for s in shipped_calendar().steps())
        assert [t for t, n in titles.items() if n > 1] == []


def test_every_item_has_a_source_kind_and_known_regions() -> None:
    for step in shipped_calendar().steps():
        assert step.sources, step.key
        assert all(s.seed in SEEDS and s.line > 0 for s in step.sources), step.key
        assert all(region_info(r) is not None for r in (*step.regions, *step.regional)), step.key
        assert step.responsible, step.key
        undated = step.due(None) is None and not step.regional
        assert undated == (step.kind == "ongoing"), step.key


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_line_cited_exists(seed: str) -> None:
    (found,) = (ROOT / "data" / "seeds").glob(f"{seed}_*.txt")  # a copy kept in the repository
    lines = found.read_text(encoding="utf-8").splitlines()
    for step in shipped_calendar().steps():
        for source in step.sources:
            if source.seed == seed:
                assert source.line <= len(lines), (step.key, source.line)
