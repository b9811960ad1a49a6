"""The missing list as a screen: a page of schools that have not sent a step, each with its
curators and how to reach them; one button reminds them all."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from services.missing import MissingList, MissingSchool
from services.nudges import NudgeOutcome
from services.xlsx import clean
from ui.callbacks import MenuCb, ProgCb

PAGE = 8  # schools per page: with the caps below a page stays far under 4,096 characters
NAME_CHARS = 120
CURATOR_CHARS = 60
CURATORS_SHOWN = 2
ICONS = {"returned": "↩️", "missing": "▫️"}


def pages(listing: MissingList) -> int:
    return max(1, -(-len(listing.schools) // PAGE))


def missing_screen(t: Texts, listing: MissingList, page: int) -> tuple[str, InlineKeyboardMarkup]:
    page = min(max(page, 0), pages(listing) - 1)
    shown = listing.schools[page * PAGE : (page + 1) * PAGE]
    lines = [t("progress-missing-title", number=listing.step.number, count=len(listing.schools))]
    for entry in shown:
        lines += _school_lines(t, entry)
    if pages(listing) > 1:
        lines.append(t("missing-page", page=page + 1, pages=pages(listing)))
    return "\n".join(lines), _keyboard(t, listing, page)


def _cut(text: str, limit: int) -> str:
    """Control characters dropped (an imported name may hold a NUL), long text shortened."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _school_lines(t: Texts, entry: MissingSchool) -> list[str]:
    school = entry.school
    lines = [
        t(
            "progress-missing-line",
            icon=ICONS.get(entry.status, "▫️"),
            school=_cut(school.name, NAME_CHARS),
            municipality=_cut(school.municipality, NAME_CHARS // 2),
        )
    ]
    if not entry.curators:
        return [*lines, t("missing-no-curator")]
    for curator in entry.curators[:CURATORS_SHOWN]:
        name = _cut(curator.name, CURATOR_CHARS) or "—"
        if curator.contact:
            lines.append(t("missing-curator", name=name, contact=_cut(curator.contact, 64)))
        else:
            lines.append(t("missing-curator-no-contact", name=name))
    if len(entry.curators) > CURATORS_SHOWN:
        lines.append(t("missing-curators-more", count=len(entry.curators) - CURATORS_SHOWN))
    return lines


def _scope_of(listing: MissingList) -> int:
    """The municipality the list is in, when it is one: the button then names it, and the
    service checks it against the presser's grants."""
    if listing.municipality:
        return listing.municipality
    found = {entry.school.municipality_id for entry in listing.schools}
    return found.pop() if len(found) == 1 else 0


def _keyboard(t: Texts, listing: MissingList, page: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    step, municipality = listing.step.key, _scope_of(listing)
    sizes = []
    if listing.schools:
        builder.button(
            text=t("missing-remind-button", count=len(listing.schools)),
            callback_data=ProgCb(action="remind", value=step, municipality=municipality),
        )
        sizes.append(1)
    turns = [(page - 1, "missing-previous"), (page + 1, "missing-next")]
    turns = [(n, key) for n, key in turns if 0 <= n < pages(listing)]
    for number, key in turns:
        builder.button(
            text=t(key),
            callback_data=ProgCb(
                action="missing", value=step, municipality=listing.municipality, page=number
            ),
        )
    if turns:
        sizes.append(len(turns))
    builder.button(text=t("nav-back"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(*sizes, 2)
    return builder.as_markup()


def reminded_screen(
    t: Texts, listing_step: str, municipality: int, outcome: NudgeOutcome
) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "missing-reminded",
        people=outcome.people,
        schools=outcome.schools,
        nobody=outcome.nobody,
        already=outcome.already,
        sent=outcome.sent,
    )
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("nav-back"),
        callback_data=ProgCb(action="missing", value=listing_step, municipality=municipality),
    )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2)
    return text, builder.as_markup()
