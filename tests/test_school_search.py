"""School search: by code, by name with typos and any word order, narrowed by place."""

from __future__ import annotations

from services.school_search import Candidate, search, too_short

SCHOOLS = [
    Candidate(1, "edu670009", "МБОУ «СШ № 9»", "город Смоленск"),
    Candidate(2, "edu670010", "МБОУ «СШ № 10»", "город Смоленск"),
    Candidate(3, "edu670021", "МБОУ «СШ № 21 им. Н.И. Рыленкова»", "город Смоленск"),
    Candidate(4, "edu670036", "МБОУ «СШ № 36 им. А.М. Городнянского»", "город Смоленск"),
    Candidate(5, "edu240101", "МБОУ «Балахтинская СШ № 1»", "Балахтинский район"),
    Candidate(6, "edu240103", "МБОУ «Балахтинская СШ № 2»", "Балахтинский район"),
    Candidate(7, "edu230019", "СОШ № 19", "Красноармейский район"),
]


def top(query: str) -> int:
    found = search(query, SCHOOLS)
    assert found, query
    return found[0].candidate.school_id


def test_by_exact_code_in_any_case() -> None:
    assert [m.candidate.school_id for m in search("EDU670021", SCHOOLS)] == [3]
    assert search("edu999999", SCHOOLS) == []


def test_by_name_with_typos_and_word_order() -> None:
    assert top("рыленкова") == 3
    assert top("школа 36 городнянского") == 4
    assert top("городнянского 36") == 4
    assert top("балахтинская 2") == 6
    assert top("Рыленкава") == 3  # a typo
    assert top("сош 19 красноармейский") == 7


def test_nonsense_finds_nothing() -> None:
    assert search("qwertyuiop", SCHOOLS) == []
    assert search("   ", SCHOOLS) == []


def test_numbers_and_abbreviations_as_people_type_them() -> None:
    """Issue 14, defect 12: «СШ 21» and «сш21» found nothing while «СШ № 21» did."""
    for query in ("СШ 21", "сш21", "СШ №21", "школа 21", "сош 21", "МБОУ СШ 21", "21"):
        assert [m.candidate.school_id for m in search(query, SCHOOLS)] == [3], query
    assert [m.candidate.school_id for m in search("сш 1", SCHOOLS)] == [5]
    assert top("балахтинская сш2") == 6


def test_a_query_of_only_the_words_every_school_has_is_too_short() -> None:
    for short in ("СШ", "мбоу сош", "  ", "Ба", "школа №"):
        assert too_short(short), short
    assert search("СШ", SCHOOLS) == []  # it names every school, so it finds none
    for enough in ("СШ № 9", "9", "edu670009", "Бал", "Рыленкова"):
        assert not too_short(enough), enough
