"""The shared picker's pages, navigation and typed filter, without a bot."""

from __future__ import annotations

import time

from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Catalog
from ui import pages
from ui.callbacks import MAX_PAGE, PageCb, Picker, RegCb

ROWS = [(i, f"Округ {n:04d}") for i, n in enumerate(reversed(range(3000)), start=1)]


def listing(rows: list[tuple[int, str]] = ROWS) -> pages.Listing:
    return pages.Listing(
        Picker.REG_MUNICIPALITY,
        pages.sorted_items(rows),
        lambda i: RegCb(action="mun", value=str(i)),
        key="50",
        tail=[("back", RegCb(action="list"))],
    )


def test_pages_are_sorted_bounded_and_clamped(catalog: Catalog) -> None:
    t = catalog.bind("ru")
    whole = listing()
    assert whole.pages == 300
    assert [name for _, name in whole.items[:2]] == ["Округ 0000", "Округ 0001"]
    for page in (0, 150, 299, 9999):
        markup = pages.page_markup(t, whole, page)
        buttons = [b for row in markup.inline_keyboard for b in row]
        assert len(buttons) <= 100
        assert all(len((b.callback_data or "").encode()) <= 64 for b in buttons)
    last = pages.page_markup(t, whole, MAX_PAGE).inline_keyboard
    assert [b.text for b in last[-2]] == ["‹ Назад", "стр. 300/300"]  # no page after the last
    first = pages.page_markup(t, whole, 0).inline_keyboard
    assert [b.text for b in first[-2]] == ["стр. 1/300", "Вперёд ›"]
    assert first[-2][1].callback_data == PageCb(picker="rm", page=1, key="50").pack()
    assert "стр. 300/300" in pages.page_text(t, "x", whole, 5000)


def test_a_short_list_has_no_navigation_and_no_filter(catalog: Catalog) -> None:
    t = catalog.bind("ru")
    short = listing(ROWS[:7])
    assert not short.filterable
    assert [b.text for row in pages.page_markup(t, short, 3).inline_keyboard for b in row] == [
        *(name for _, name in sorted(ROWS[:7], key=lambda r: r[1])),
        "back",
    ]
    assert pages.page_text(t, "x", short, 0) == "x"


def test_typed_words_narrow_the_list() -> None:
    items = pages.sorted_items([(1, "Ёлкинский район"), (2, "город Ёлкино"), (3, "Берёзовский")])
    assert pages.matches(items, "ЕЛКИН") == [(2, "город Ёлкино"), (1, "Ёлкинский район")]
    assert pages.matches(items, "елкин район") == [(1, "Ёлкинский район")]
    assert pages.matches(items, "   ") == []


def test_a_page_of_3000_costs_milliseconds_where_the_builder_cost_seconds(
    catalog: Catalog,
) -> None:
    t = catalog.bind("ru")
    started = time.perf_counter()
    pages.page_markup(t, listing(), 7)
    paged = time.perf_counter() - started
    started = time.perf_counter()
    builder = InlineKeyboardBuilder()
    for number in range(200):  # the old way, on a fifteenth of the list
        builder.button(text=str(number), callback_data=RegCb(action="mun", value=str(number)))
    old = time.perf_counter() - started
    print(f"a page of 3,000: {paged * 1000:.1f} ms; the builder with 200 buttons: {old:.2f} s")
    assert paged < old
