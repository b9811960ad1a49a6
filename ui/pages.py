"""One picker for every long list (municipalities, schools): a page of PAGE_SIZE items sorted by
name, «‹ Назад · стр. 2/14 · Вперёд ›» below them, and — past FILTER_FROM items — typing part of
a name answers with the matching items as buttons.

Keyboards are built as plain rows: aiogram's InlineKeyboardBuilder deep-copies its whole markup
on every added button, so a list of n items cost O(n²) (3,000 municipalities: minutes a tap)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, TelegramObject

from core.i18n import Texts
from ui.callbacks import MAX_PAGE, PageCb, Picker

PAGE_SIZE = 10
FILTER_FROM = PAGE_SIZE * 3  # past three pages, typing is quicker than flipping
SHOWN_MATCHES = 10
LABEL = 60  # characters of a name on a button
QUERY = 60  # characters of a typed filter that count
PICKING = "picking"  # FSM data: the list the typed text filters


# (id, name): a row as the database gives it. Nothing is built per item of a long list but the
# sort's keys (strings, which the garbage collector does not track): a tap on a list of 3,000
# otherwise made thousands of objects, and full collections of a big heap are what stalls.
Item = tuple[int, str]
Button = tuple[str, CallbackData]


@dataclass(frozen=True)
class Listing:
    """A list to pick from: its items, the button each item becomes, the buttons around it."""

    picker: Picker
    items: Sequence[Item]
    choose: Callable[[int], CallbackData]
    ref: int = 0
    key: str = ""
    head: Sequence[Button] = field(default_factory=tuple)
    tail: Sequence[Button] = field(default_factory=tuple)
    typing: bool = True  # the flow filters the list by typed text

    @property
    def pages(self) -> int:
        return min(max(1, -(-len(self.items) // PAGE_SIZE)), MAX_PAGE + 1)

    @property
    def filterable(self) -> bool:
        return self.typing and len(self.items) > FILTER_FROM


def sorted_items(rows: Iterable[Item]) -> list[Item]:
    """Items by name as people read them (case and «ё» aside); ties keep the rows' order."""
    return sorted(rows, key=_name_key)


def _name_key(item: Item) -> str:
    return _fold(item[1])


def clamp(listing: Listing, page: int) -> int:
    """A page that exists: the list may have shrunk since the button was drawn."""
    return min(max(page, 0), listing.pages - 1)


def page_markup(t: Texts, listing: Listing, page: int) -> InlineKeyboardMarkup:
    page = clamp(listing, page)
    shown = listing.items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = _rows(listing.head)
    rows += [[_button(name, listing.choose(id_))] for id_, name in shown]
    if listing.pages > 1:
        rows.append(_navigation(t, listing, page))
    rows += _rows(listing.tail)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def page_text(t: Texts, title: str, listing: Listing, page: int) -> str:
    lines = [title]
    if listing.pages > 1:
        lines.append(t("pages-position", page=clamp(listing, page) + 1, pages=listing.pages))
    if listing.filterable:
        lines.append(t("pages-type-to-filter"))
    return "\n\n".join(lines)


def _navigation(t: Texts, listing: Listing, page: int) -> list[InlineKeyboardButton]:
    def to(number: int) -> str:
        return PageCb(picker=listing.picker, page=number, ref=listing.ref, key=listing.key).pack()

    row = []
    if page > 0:
        row.append(InlineKeyboardButton(text=t.label("pages-back"), callback_data=to(page - 1)))
    position = t.label("pages-position", page=page + 1, pages=listing.pages)
    row.append(InlineKeyboardButton(text=position, callback_data=to(page)))
    if page + 1 < listing.pages:
        row.append(InlineKeyboardButton(text=t.label("pages-forward"), callback_data=to(page + 1)))
    return row


# --- narrowing by typing ----------------------------------------------------------------------


def matches(items: Sequence[Item], query: str) -> list[Item]:
    """Items whose name holds every word typed (any case, «ё» as «е»), in list order."""
    words = _fold(query[:QUERY]).split()
    if not words:
        return []
    return [item for item in items if all(word in _fold(item[1]) for word in words)]


def matches_reply(t: Texts, listing: Listing, query: str) -> tuple[str, InlineKeyboardMarkup]:
    """The answer to typed text: up to SHOWN_MATCHES matching items and the list's own buttons."""
    found = matches(listing.items, query)
    shown = query[:QUERY]
    if not found:
        text = t("pages-nothing-found", query=shown)
    elif len(found) > SHOWN_MATCHES:
        text = t("pages-found-more", query=shown, count=len(found), shown=SHOWN_MATCHES)
    else:
        text = t("pages-found", query=shown, count=len(found))
    rows = _rows(listing.head)
    rows += [[_button(name, listing.choose(id_))] for id_, name in found[:SHOWN_MATCHES]]
    rows.append(
        [InlineKeyboardButton(text=t.label("pages-whole-list"), callback_data=_first(listing))]
    )
    rows += _rows(listing.tail)
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def _first(listing: Listing) -> str:
    return PageCb(picker=listing.picker, page=0, ref=listing.ref, key=listing.key).pack()


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


# --- which list typed text filters ------------------------------------------------------------


@dataclass(frozen=True)
class Picking:
    picker: Picker
    ref: int
    key: str


async def remember(state: FSMContext, listing: Listing) -> None:
    """Typed text now filters this list (when it is long enough to need it)."""
    value = [listing.picker.value, listing.ref, listing.key] if listing.filterable else None
    await state.update_data({PICKING: value})


async def forget(state: FSMContext) -> None:
    await state.update_data({PICKING: None})


class PickingFilter(Filter):
    """Passes a message on while the person is picking from `picker`'s list; the handler gets
    `picking` (its ref and key)."""

    def __init__(self, picker: Picker) -> None:
        self.picker = picker

    async def __call__(self, event: TelegramObject, state: FSMContext) -> bool | dict[str, Any]:
        value = (await state.get_data()).get(PICKING)
        if not isinstance(value, list) or len(value) != 3 or value[0] != self.picker.value:
            return False
        return {"picking": Picking(self.picker, int(value[1]), str(value[2]))}


# --- rows -------------------------------------------------------------------------------------


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text[:LABEL], callback_data=data.pack())


def _rows(buttons: Sequence[Button]) -> list[list[InlineKeyboardButton]]:
    return [[_button(text, data)] for text, data in buttons]
