"""Free-text questions get the right answer, measured on the reply text a person reads (the same
service the bot answers with): the development set and the frozen held-out set, whose questions
were written from the seed documents by someone who never saw this code."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bench.qa import NOW, Outcome, asker_of, load, next_webinar, run
from core.i18n import Catalog
from services.answers import Answers
from services.calendar import shipped_calendar
from services.qa import Intent, language_of


@pytest.fixture(scope="module")
def answers() -> Answers:
    return Answers(Catalog.load())


def _wrong(outcomes: list[Outcome]) -> str:
    return "\n".join(
        f"{o.item.get('id', '')} {o.item['q']!r}: {'; '.join(o.wrong)}" for o in outcomes if o.wrong
    )


def test_the_development_set_is_large_and_varied() -> None:
    questions = load("qa_questions.yaml")
    assert len(questions) >= 100
    targets = {
        k
        for q in questions
        for k in ([q["expect"]] if isinstance(q["expect"], str) else q["expect"])
    }
    keys = {s.key for s in shipped_calendar().steps()}
    assert len(targets & keys) >= 15


def test_development_set(answers: Answers) -> None:
    outcomes = asyncio.run(run(load("qa_questions.yaml"), answers))
    score = sum(not o.wrong for o in outcomes) / len(outcomes)
    assert score >= 0.95, _wrong(outcomes)


def test_held_out_set(answers: Answers) -> None:
    """Frozen: fix the bot, never the questions."""
    outcomes = asyncio.run(run(load("qa_heldout.yaml"), answers))
    assert len(outcomes) >= 150
    score = sum(not o.wrong for o in outcomes) / len(outcomes)
    assert score >= 0.95, _wrong(outcomes)


async def _ask(answers: Answers, text: str, region: str | None) -> tuple[str, str, tuple[str, ...]]:
    asker, people = asker_of(region)
    reply = await answers.reply(
        text, asker, NOW, shipped_calendar(), people, next_webinar=next_webinar
    )
    return reply.outcome, reply.text, reply.shown


async def test_several_windows_are_listed_with_the_current_one_marked(answers: Answers) -> None:
    outcome, text, shown = await _ask(answers, "когда опрос участников проекта?", "27")
    assert outcome == "list"
    assert set(shown) >= {"survey-1", "survey-2", "survey-3"}
    assert "с 10 марта по 24 марта" in text and "с 3 октября по 14 октября" in text
    # The clock is 3 October 2022: the autumn survey runs now.
    assert "Опрос участников проекта (осень)</b> — с 3 октября по 14 октября; ▶️ идёт сейчас" in text
    assert "⬅️ сейчас" in text


async def test_an_unknown_item_is_said_plainly(answers: Answers) -> None:
    outcome, text, _ = await _ask(answers, "когда олимпиада по робототехнике?", "24")
    assert outcome == "unknown"
    assert text.startswith("В календаре и справке проекта этого нет")


async def test_english_question_english_answer(answers: Answers) -> None:
    outcome, text, _ = await _ask(answers, "What is a school risk profile?", "67")
    assert outcome == "faq"
    assert "risk factors" in text and "Start diagnostics" in text
    assert language_of("how do we get into ИС МЭДК") == "en"
    assert language_of("что такое ИС МЭДК") == "ru"


@pytest.mark.parametrize(
    "text", ["asdfgh", "https://example.com/join", "javascript:alert(1)", "school5@mail.ru", "👍"]
)
def test_a_text_in_no_language_is_answered_in_the_askers(text: str) -> None:
    """A link, an address or a keyboard mash is not English: the reply keeps to the asker's."""
    assert language_of(text, "ru") == "ru"
    assert language_of(text, "en") == "en"


@pytest.mark.parametrize("text", ["deadline?", "when is the webinar", "send my report now please"])
def test_a_short_english_question_is_english(text: str) -> None:
    assert language_of(text, "ru") == "en"


async def test_regional_items_only_for_their_region(answers: Answers) -> None:
    _, _, shown = await _ask(answers, "мониторинг вовлеченности регионов когда", "27")
    assert "khv-engagement-1" in shown
    _, _, shown = await _ask(answers, "мониторинг вовлеченности регионов когда", "67")
    assert "khv-engagement-1" not in shown


async def test_who_is_my_curator_from_the_directory(answers: Answers) -> None:
    outcome, text, _ = await _ask(answers, "кто мой куратор?", "67")
    assert outcome == "personal"
    assert "Слободич Анжела Николаевна (@slobodich_g1)" in text
    outcome, text, _ = await _ask(answers, "кто куратор у сш № 10", "67")
    assert "Лобанова Елена Николаевна" in text


async def test_times_in_the_askers_zone(answers: Answers) -> None:
    _, text, _ = await _ask(answers, "во сколько вебинар по четвергам?", "24")
    assert "в 10:00 по московскому времени (14:00 по вашему времени)" in text


def test_intents() -> None:
    qa = Answers(Catalog.load()).index
    assert qa.answer("до какого числа обмен документами?", "67").intent is Intent.WHEN
    assert qa.answer("кто проводит экспертизу концептуальных документов", "24").intent is Intent.WHO
    assert qa.answer("что такое ИС МЭДК", "67").intent is Intent.WHAT
    assert qa.answer("привет, как погода?", "67").kind is None
    assert datetime(2022, 10, 3, 6, 0, tzinfo=UTC) == NOW
