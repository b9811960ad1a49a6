"""The checks of one file, on pictures made for the purpose: type, size, blankness, copies found
by hash and confirmed pixel by pixel, text against a step's expectations, verdict rules."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from core.i18n import LANGUAGES, Catalog
from services.screening.copies import CopyIndex
from services.screening.expectations import (
    Partner,
    dates_in,
    evaluate,
    load_expectations,
    matching_steps,
    names_partner,
    normalize,
    overlaps,
    shipped_expectations,
)
from services.screening.facts import inspect_file, load_work, read_file_text
from services.screening.hashes import HASH_BYTES, compare, to_work
from services.screening.verdict import (
    EXPECTATION_KEYS,
    REASON_KEYS,
    Code,
    Verdict,
    describe,
    finding,
    verdict_of,
    worst,
)
from storage.repositories.screening import IndexedFile
from tests.screening import generate as g
from tests.screening.conftest import need_tesseract

Write = Callable[[str, bytes], Path]


# --- the file itself ------------------------------------------------------------------------


def test_a_screenshot_is_decoded_hashed_and_not_blank(write: Write, medk: Image.Image) -> None:
    facts = inspect_file(write("page.png", g.png(medk)), "image/png")
    assert facts.decodable and facts.detected == "png" and not facts.type_mismatch
    assert (facts.width, facts.height) == (1366, 768)
    assert not facts.blank and not facts.tiny and facts.comparable
    assert facts.dhash and len(facts.dhash) == 64 and facts.phash and facts.dhash_center
    assert len(facts.windows) == 256 * HASH_BYTES
    assert facts.text is None  # no OCR unless asked


@pytest.mark.parametrize("level", [255, 0, 128])
def test_a_near_uniform_image_is_blank(write: Write, rng: random.Random, level: int) -> None:
    noise = np.random.default_rng(1).normal(0, 2.0, (768, 1366, 1))
    image = Image.fromarray(np.clip(level + noise, 0, 255).astype(np.uint8).repeat(3, axis=2))
    ImageDraw.Draw(image).rectangle((600, 300, 603, 314), fill=(90, 90, 90))  # a cursor
    facts = inspect_file(write("blank.jpg", g.jpeg(image, 85)), None)
    assert facts.decodable and facts.blank and not facts.comparable


def test_a_sparse_page_is_not_blank(write: Write, rng: random.Random) -> None:
    page = g.browser(rng, "https://example.ru/", (1366, 768))
    page.y = 300
    page.text("Письмо отправлено", 15)
    assert not inspect_file(write("sparse.png", g.png(page.image)), None).blank


def test_a_thumbnail_is_tiny(write: Write, medk: Image.Image) -> None:
    facts = inspect_file(write("tiny.jpg", g.jpeg(medk.resize((90, 51)), 85)), None)
    assert facts.decodable and facts.tiny and not facts.comparable


def test_broken_and_mislabelled_files(write: Write, medk: Image.Image) -> None:
    truncated = g.jpeg(medk, 85)[:2000]
    assert not inspect_file(write("cut.jpg", truncated), "image/jpeg").decodable
    html = b"<html><body>404</body></html>" * 20
    facts = inspect_file(write("page.jpg", html), "image/jpeg")
    assert not facts.decodable and facts.detected is None
    png_as_pdf = inspect_file(write("x.pdf", g.png(medk)), "application/pdf")
    assert png_as_pdf.decodable and png_as_pdf.type_mismatch
    assert (png_as_pdf.declared, png_as_pdf.detected) == ("pdf", "png")


def test_a_pdf_is_rendered_and_its_text_layer_read(write: Write) -> None:
    data = g.text_pdf(g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 10, 3))
    facts = inspect_file(write("forms.pdf", data), "application/pdf")
    assert facts.decodable and facts.detected == "pdf" and facts.pages == 1
    assert facts.text_source == "pdf" and facts.text is not None
    assert "Форма рекомендаций" in facts.text and g.SCHOOLS[1].code in facts.text
    assert facts.comparable and not facts.needs_ocr
    scan = inspect_file(write("scan.pdf", g.image_pdf(Image.new("RGB", (800, 600)))), None)
    assert scan.decodable and scan.text is None  # no text layer: OCR would read it


# --- copies ---------------------------------------------------------------------------------


def _work(image: Image.Image) -> Image.Image:
    return to_work(image.convert("L"))


@pytest.mark.parametrize("way", [name for name, _ in g.COPY_WAYS])
def test_a_copy_is_the_same_picture(medk: Image.Image, way: str) -> None:
    change = dict(g.COPY_WAYS)[way]
    copy = change(medk, random.Random(way))
    recompressed = Image.open(__import__("io").BytesIO(g.jpeg(copy, 40)))
    result = compare(_work(recompressed), _work(medk))
    assert result.same, result
    # …and either way round: the original sent after its copy is the same picture too.
    assert compare(_work(medk), _work(recompressed)).same


@pytest.mark.parametrize(("brightness", "contrast"), [(1.25, 1.0), (0.8, 1.0), (1.0, 1.3)])
def test_a_copy_made_lighter_darker_or_more_contrasty_is_the_same_picture(
    medk: Image.Image, brightness: float, contrast: float
) -> None:
    from PIL import ImageEnhance

    edited = ImageEnhance.Contrast(ImageEnhance.Brightness(medk).enhance(brightness))
    copy = edited.enhance(contrast)
    assert compare(_work(copy), _work(medk)).same
    inverted = Image.eval(medk.convert("L"), lambda value: 255 - value)  # a dark theme
    assert not compare(_work(inverted), _work(medk)).same


def test_the_same_page_of_other_schools_is_not_a_copy(
    medk: Image.Image, other_medk: Image.Image
) -> None:
    assert medk.size == other_medk.size
    result = compare(_work(other_medk), _work(medk))
    assert not result.same and result.stray > 0.003


def test_the_index_proposes_the_original_and_skips_a_schools_own_resubmission(
    write: Write, medk: Image.Image, other_medk: Image.Image
) -> None:
    original = inspect_file(write("a.png", g.png(medk)), None)
    alike = inspect_file(write("b.png", g.png(other_medk)), None)
    copy = g.cropped(medk, random.Random(3))
    query = inspect_file(write("c.jpg", g.jpeg(copy, 60)), None)
    index = CopyIndex()
    index.add(
        [
            IndexedFile(
                1,
                10,
                100,
                "expertise-5",
                2022,
                "a",
                str(original.dhash),
                str(original.dhash_center),
            ),
            IndexedFile(
                2, 11, 101, "expertise-5", 2022, "b", str(alike.dhash), str(alike.dhash_center)
            ),
        ]
    )
    windows = np.frombuffer(query.windows, dtype=np.uint8).reshape(-1, HASH_BYTES)
    found = index.candidates(windows, 12, 102, "expertise-5", 2022)
    assert found and found[0].file.id == 1
    # The school that sent the original, sending it again for the same step: not a copy.
    own = index.candidates(windows, 12, 100, "expertise-5", 2022)
    assert all(c.file.id != 1 for c in own)
    # …but for another step, or in another season, it is.
    assert index.candidates(windows, 12, 100, "expertise-4", 2022)[0].file.id == 1
    assert index.candidates(windows, 12, 100, "expertise-5", 2023)[0].file.id == 1
    index.forget(10)
    assert len(index) == 1


def test_working_copies_load_from_the_store(write: Write, medk: Image.Image) -> None:
    work = load_work(write("a.jpg", g.jpeg(medk, 90)))
    assert work is not None and work.mode == "L" and work.width == 1024
    assert load_work(write("b.bin", b"nothing")) is None


# --- what the text shows --------------------------------------------------------------------

PARTNERS = [Partner(s.name, s.code) for s in g.SCHOOLS[1:]]


def test_text_is_normalised_as_ocr_misreads_it() -> None:
    assert normalize("ИС MЭДK  Ne 12, Ёлка") == "ис мэдк № 12, елка"


def test_dates_in_three_spellings() -> None:
    text = normalize("Дата: 17 сентября 2022, 8:49 · 03.10.2022 · 2022-10-05 · 31.02.2022")
    assert dates_in(text) == [date(2022, 10, 3), date(2022, 10, 5), date(2022, 9, 17)]


def test_a_partner_is_named_by_email_code_or_name_but_not_by_a_near_number() -> None:
    assert names_partner(normalize("Кому: school28@krd.kubannet.ru"), [])
    school = g.SCHOOLS[1]
    assert names_partner(normalize(f"Рекомендации_{school.code}.pdf"), PARTNERS)
    assert names_partner(normalize(f"Встреча: {school.name}"), PARTNERS)
    number = int(school.name.split("№ ")[1].split()[0].rstrip("»"))
    near = school.name.replace(f"№ {number}", f"№ {number + 100}")
    assert not names_partner(normalize(near), [Partner(school.name, "")])


EXPECT = load_expectations()


def test_every_expectation_has_a_name_on_the_card() -> None:
    ids = {e.id for items in EXPECT.values() for e in items}
    assert ids <= set(EXPECTATION_KEYS)


def test_every_step_with_expectations_is_in_the_calendar() -> None:
    from services.calendar import shipped_calendar

    assert set(EXPECT) <= set(shipped_calendar().by_key)
    assert shipped_expectations().keys() == EXPECT.keys()


def test_a_letter_to_the_partner_meets_the_contact_step() -> None:
    text = normalize(
        "Взаимоэкспертиза — знакомство и связь. Кому: school5@kanev.kubannet.ru "
        "Дата: 17 сентября 2022. Предлагаем связаться и договориться о взаимодействии."
    )
    outcomes = evaluate(EXPECT["expertise-2"], text, PARTNERS, date(2022, 9, 23))
    assert all(o.found for o in outcomes)
    late = evaluate(EXPECT["expertise-2"], text, PARTNERS, date(2022, 9, 10))
    assert [o.late for o in late if o.id == "date"] == [date(2022, 9, 17)]


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("expertise-4", "Подтверждаем встречу сегодня в 14:00, ссылка telemost.yandex.ru/j/55"),
        ("expertise-4", "Спасибо за встречу! Подключаемся всей командой"),
        ("expertise-2", "Направляем письма с контактами ответственных, договорились созвониться"),
    ],
)
def test_a_step_is_met_in_any_case_of_its_words(step: str, said: str) -> None:
    """Russian inflects: «встречу», «письма» are the words «встреча», «письмо»; the data gives
    stems, and a confirmation that says them in another case is not taken for another step's."""
    text = normalize(f"{said}. {g.SCHOOLS[1].name}, 4 октября 2022")
    own = evaluate(EXPECT[step], text, PARTNERS, None)
    assert all(o.found for o in own if o.required), [o for o in own if not o.found]


def test_an_upload_page_sent_for_the_contact_step_is_another_steps() -> None:
    text = normalize(
        "ИС МЭДК · Личный кабинет образовательной организации. Загружено 12.10.2022. "
        f"Рекомендации_школе-партнёру_{g.SCHOOLS[1].code}.pdf"
    )
    own = evaluate(EXPECT["expertise-2"], text, PARTNERS, None)
    assert not all(o.found for o in own if o.required)
    assert "expertise-5" in matching_steps(EXPECT, text, PARTNERS, "expertise-2")


def test_the_final_file_shows_the_recommendation_forms_and_is_not_another_steps() -> None:
    """Step 5 uploads the recommendation forms (step 3.2's material) and the meeting's link
    (step 4's): a file showing them for step 5 is worth a look, not another step's."""
    text = normalize(
        f"ФОРМА ЭКСПЕРТИЗЫ. Рекомендации школе-партнёру {g.SCHOOLS[1].name}. Критерий. "
        "Запись встречи: telemost.yandex.ru/j/55. Дата заполнения: 19.10.2022"
    )
    assert "expertise-3-forms" in matching_steps(EXPECT, text, PARTNERS, "expertise-2")
    assert matching_steps(EXPECT, text, PARTNERS, "expertise-5") == []


def test_overlapping_steps_are_steps() -> None:
    known = set(EXPECT)
    assert overlaps(), "data/screening.yaml lists no overlaps"
    for step, others in overlaps().items():
        assert step in known and others <= known, (step, others)


# --- verdicts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "verdict"),
    [
        ([], Verdict.OK),
        ([Code.FOUND], Verdict.OK),
        ([Code.FOUND, Code.DATE_LATE], Verdict.UNCLEAR),
        ([Code.TEXT_UNCHECKED], Verdict.UNCLEAR),
        ([Code.NO_TEXT], Verdict.UNCLEAR),
        ([Code.MISSING, Code.TYPE_MISMATCH], Verdict.UNCLEAR),
        ([Code.BLANK], Verdict.SUSPICIOUS),
        ([Code.FOUND, Code.COPY], Verdict.SUSPICIOUS),
        ([Code.TEXT_UNCHECKED, Code.OFF_TOPIC], Verdict.SUSPICIOUS),
        ([Code.PICTURE], Verdict.SUSPICIOUS),
        ([Code.OTHER_STEP], Verdict.SUSPICIOUS),
    ],
)
def test_the_heaviest_finding_decides(codes: list[Code], verdict: Verdict) -> None:
    assert verdict_of(finding(code) for code in codes) is verdict


def test_a_submission_is_as_bad_as_its_worst_file() -> None:
    assert worst([Verdict.OK, Verdict.UNCLEAR]) is Verdict.UNCLEAR
    assert worst([Verdict.SUSPICIOUS, Verdict.OK]) is Verdict.SUSPICIOUS
    assert worst([]) is Verdict.OK


def test_what_was_found_is_listed_after_the_reasons(catalog: Catalog) -> None:
    """Under «🔴 подозрительно» a found item read first looks like a reason for suspicion."""
    found = finding(Code.FOUND, found=["partner"], missing=["correspondence"])
    texts = describe([found, finding(Code.OFF_TOPIC)], catalog.bind("ru"))
    assert len(texts) == 2 and texts[1].startswith("на скриншоте есть:"), texts


def test_every_reason_reads_in_both_languages(catalog: Catalog) -> None:
    findings = [
        finding(
            Code.COPY,
            school="МБОУ «СОШ № 5»",
            step_key="expertise-2",
            season=2022,
            version=1,
            same_school=False,
            submission_id=3,
        ),
        finding(
            Code.COPY,
            school="x",
            step_key="expertise-3",
            season=2021,
            version=2,
            same_school=True,
            submission_id=4,
        ),
        finding(Code.TINY, width=90, height=51),
        finding(Code.TYPE_MISMATCH, declared="pdf", detected="png"),
        finding(Code.UNSUPPORTED, detected="heic"),
        finding(Code.FOUND, found=["partner", "date"], missing=["correspondence"]),
        finding(Code.MISSING, missing=["correspondence"]),
        finding(Code.OTHER_STEP, step_key="expertise-5"),
        finding(Code.DATE_LATE, date="2022-09-30", deadline="2022-09-23"),
        finding(Code.DATE_OLD, date="2021-09-30"),
        *(
            finding(code)
            for code in Code
            if code
            not in {
                Code.COPY,
                Code.TINY,
                Code.TYPE_MISMATCH,
                Code.UNSUPPORTED,
                Code.FOUND,
                Code.MISSING,
                Code.OTHER_STEP,
                Code.DATE_LATE,
                Code.DATE_OLD,
            }
        ),
    ]
    assert {Code(f["code"]) for f in findings} == set(REASON_KEYS)
    for language in LANGUAGES:
        t = catalog.bind(language)
        texts = describe(findings, t, step_number=lambda key: key.split("-")[1], file_number=2)
        assert len(texts) == len(findings)
        assert all(text.strip() and "{" not in text for text in texts)
    ru = describe(findings[:1], catalog.bind("ru"), step_number=lambda key: "2")
    assert ru == [
        "копия скриншота, который прислала МБОУ «СОШ № 5» для шага 2 (сезон 2022, версия 1)"
    ]
    blank = describe([finding(Code.BLANK)], catalog.bind("ru"))
    assert blank == ["пустое изображение"]


# --- OCR ------------------------------------------------------------------------------------


def test_ocr_reads_a_russian_screenshot(write: Write, rng: random.Random) -> None:
    need_tesseract()
    page = g.email_page(rng, g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 9, 17), "expertise-2")
    reading, ms = read_file_text(write("letter.jpg", g.jpeg(page.image, 88)))
    assert reading is not None and ms > 0 and reading.confident >= 20
    normal = normalize(reading.text)
    assert "отправлено" in normal or "взаимодейств" in normal
    outcomes = evaluate(EXPECT["expertise-2"], normal, PARTNERS, date(2022, 9, 23))
    assert {o.id for o in outcomes if o.found} >= {"partner", "correspondence"}


# --- without Tesseract ----------------------------------------------------------------------


def test_without_tesseract_the_text_check_is_off_and_said_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from services.screening import ocr
    from services.screening.pool import Screener

    ocr.tesseract_languages.cache_clear()
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    try:
        assert ocr.tesseract_languages() == frozenset() and not ocr.ocr_available()
        screener = Screener(workers=1, kind="thread")
        assert screener.ocr is False
        with caplog.at_level("WARNING", logger="services.screening.pool"):
            screener.announce()
        (record,) = caplog.records
        assert "Tesseract" in record.getMessage() and "not checked" in record.getMessage()
    finally:
        ocr.tesseract_languages.cache_clear()


def test_tesseract_running_out_of_time_leaves_the_text_unchecked(
    write: Write, rng: random.Random, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Audit of issue 19: a 30 s Tesseract timeout raised out of the whole check (the sweep then
    tried the submission again and again); now the text is simply not checked."""
    import pytesseract

    def too_slow(*_: object, **__: object) -> None:
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(pytesseract, "image_to_data", too_slow)
    page = g.email_page(rng, g.SCHOOLS[0], g.SCHOOLS[1], date(2022, 9, 17), "expertise-2")
    facts = inspect_file(write("letter.png", g.png(page.image)), "image/png", read_text=True)
    assert facts.decodable and facts.text is None and facts.text_source is None
