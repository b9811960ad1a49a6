"""/progress: per step, how many schools in the person's scope have submitted, been accepted,
been returned or are missing; who is missing; a chart; the XLSX table and the ZIP of screenshots
for coordinators. A school or a curator sees their own schools."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from pathlib import Path

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    FSInputFile,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Texts
from handlers.board import with_board_button
from handlers.screens import show
from handlers.submissions import STATUS_ICONS, STATUS_KEYS, due_text
from services.calendar_io import calendar_for
from services.directory import Directory
from services.evidence import archive_entries, fetch_files, split_by_size, zip_to_spool
from services.file_store import FileStore
from services.permissions import Actor
from services.reports import (
    ArchiveEntry,
    StatusRow,
    progress_chart,
    write_status_xlsx,
)
from services.submissions import Progress, progress, reporting_steps, viewer_area
from storage.models import User
from storage.repositories.submissions import SubmissionRepository
from ui.callbacks import MenuCb, ProgCb, RevCb, SubCb
from ui.keyboards import back_to_menu

MISSING_SHOWN = 40
ZIP_PART_BYTES = 45 * 1024 * 1024  # bots may send files up to 50 MB
FILLS = {"accepted": "C6EFCE", "submitted": "DDEBF7", "returned": "FFEB9C", "missing": "FFC7CE"}


async def _load(
    session: AsyncSession, settings: Settings, user: User
) -> tuple[Actor, Progress, str | None]:
    """The person's actor, the progress of their scope, and its region when there is one
    (whose own deadlines then apply)."""
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    report = await progress(session, viewer_area(actor), await calendar_for(session, None))
    regions = {school.region for school in report.schools}
    if len(regions) != 1:
        return actor, report, None
    region = regions.pop()
    regional = reporting_steps(await calendar_for(session, region))
    return actor, replace(report, steps=regional), region


async def progress_command(
    message: Message, t: Texts, user: User, session: AsyncSession, settings: Settings
) -> None:
    text, markup = await _summary(t, user, session, settings)
    await show(message, text, markup)


async def progress_button(
    callback: CallbackQuery, t: Texts, user: User, session: AsyncSession, settings: Settings
) -> None:
    text, markup = await _summary(t, user, session, settings)
    await show(callback, text, markup)


async def _summary(
    t: Texts, user: User, session: AsyncSession, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    actor, report, region = await _load(session, settings, user)
    if not report.schools:
        return t("progress-nothing"), back_to_menu(t)
    if not actor.is_coordinator():
        text, markup = _own_schools(t, report, region)
        return text, with_board_button(markup, t, settings, actor)
    lines = [t("progress-title", schools=len(report.schools))]
    builder = InlineKeyboardBuilder()
    for step in report.steps:
        counts = report.counts(step.key)
        due = step.due(region)
        lines.append(
            t(
                "progress-step",
                number=step.number,
                title=step.text("title", t.language),
                due=due_text(t, due),
                accepted=counts["accepted"],
                submitted=counts["submitted"],
                returned=counts["returned"],
                missing=counts["missing"],
            )
        )
        if counts["missing"] + counts["returned"]:
            builder.button(
                text=t("progress-missing-button", number=step.number),
                callback_data=ProgCb(action="missing", value=step.key),
            )
    waiting = sum(report.counts(step.key)["submitted"] for step in report.steps)
    if waiting:
        builder.button(
            text=t("progress-review-button", count=waiting), callback_data=RevCb(action="open")
        )
    builder.button(
        text=t("progress-chart-steps"), callback_data=ProgCb(action="chart", value="steps")
    )
    if len({school.municipality_id for school in report.schools}) > 1:
        builder.button(
            text=t("progress-chart-municipalities"),
            callback_data=ProgCb(action="chart", value="municipalities"),
        )
    builder.button(text=t("progress-xlsx"), callback_data=ProgCb(action="xlsx"))
    builder.button(text=t("progress-zip"), callback_data=ProgCb(action="zip"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n\n".join(lines), with_board_button(builder.as_markup(), t, settings, actor)


def _own_schools(
    t: Texts, report: Progress, region: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    lines = []
    builder = InlineKeyboardBuilder()
    for school in report.schools:
        lines.append(t("progress-school", school=school.name))
        for step in report.steps:
            status = report.status(school.id, step.key)
            due = step.due(school.region)
            lines.append(
                t(
                    "submit-step-line",
                    icon=STATUS_ICONS[status],
                    number=step.number,
                    title=step.text("title", t.language),
                    due=due_text(t, due),
                    status=t(STATUS_KEYS[status]),
                )
            )
        builder.button(
            text=t.label("progress-submit-for", school=school.name)[:60],
            callback_data=SubCb(action="school", school=school.id),
        )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


async def missing_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    _, report, _ = await _load(session, settings, user)
    step = next((s for s in report.steps if s.key == callback_data.value), None)
    if step is None:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    missing = report.missing(step.key)
    lines = [t("progress-missing-title", number=step.number, count=len(missing))]
    for school in missing[:MISSING_SHOWN]:
        status = report.status(school.id, step.key)
        lines.append(
            t(
                "progress-missing-line",
                icon=STATUS_ICONS[status],
                school=school.name,
                municipality=school.municipality,
            )
        )
    if len(missing) > MISSING_SHOWN:
        lines.append(t("progress-missing-more", count=len(missing) - MISSING_SHOWN))
    await show(callback, "\n".join(lines), _back(t))


def _back(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2)
    return builder.as_markup()


async def chart_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    _, report, _ = await _load(session, settings, user)
    by_step = callback_data.value == "steps"
    bars = report.bars_by_step(t.language) if by_step else report.bars_by_municipality()
    legend = [t(STATUS_KEYS[status]) for status in ("accepted", "submitted", "returned", "missing")]
    title = t("progress-chart-title-steps" if by_step else "progress-chart-title-municipalities")
    png = await asyncio.to_thread(progress_chart, title, bars, legend)
    await bot.send_photo(
        callback.from_user.id,
        BufferedInputFile(png, filename="progress.png"),
        caption=title,
        reply_markup=_back(t),
    )


async def xlsx_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    actor, report, _ = await _load(session, settings, user)
    if not actor.is_coordinator():
        callback_answer.text = t("review-coordinators-only")
        callback_answer.show_alert = True
        return
    headers = [t("xlsx-region"), t("xlsx-municipality"), t("xlsx-code"), t("xlsx-school")]
    headers += [f"{s.number}. {s.text('title', t.language)}" for s in report.steps]
    words = {status: t(STATUS_KEYS[status]) for status in FILLS}
    rows = (
        StatusRow(
            school.region,
            school.municipality,
            school.code,
            school.name,
            [words[report.status(school.id, step.key)] for step in report.steps],
        )
        for school in report.schools
    )
    buffer = io.BytesIO()
    fills = {words[status]: colour for status, colour in FILLS.items()}
    await asyncio.to_thread(write_status_xlsx, buffer, t("xlsx-sheet"), headers, rows, fills)
    await bot.send_document(
        callback.from_user.id,
        BufferedInputFile(buffer.getvalue(), filename="progress.xlsx"),
        caption=t("progress-xlsx-caption", schools=len(report.schools)),
        reply_markup=_back(t),
    )


async def zip_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
) -> None:
    actor, _, _ = await _load(session, settings, user)
    if not actor.is_coordinator():
        callback_answer.text = t("review-coordinators-only")
        callback_answer.show_alert = True
        return
    status = await bot.send_message(callback.from_user.id, t("progress-zip-working"))
    await fetch_files(session, bot, settings.files_dir)  # whatever the sweep has not got yet
    season = await calendar_for(session, None)
    area = viewer_area(actor)
    repository = SubmissionRepository(session)
    files = await repository.evidence(area, season.season)
    absent = await repository.count_undownloaded(area, season.season)
    store = FileStore(settings.files_dir)
    entries = list(archive_entries(files, season, store, t("zip-step-folder")))
    parts = list(split_by_size(entries, ZIP_PART_BYTES))
    for number, part in enumerate(parts, start=1):
        await _send_zip_part(
            bot, callback.from_user.id, settings.files_dir, part, number, len(parts), t
        )
    key = "progress-zip-done" if entries else "progress-zip-empty"
    await status.edit_text(
        t(key, count=len(entries), parts=len(parts), absent=absent), reply_markup=_back(t)
    )


async def _send_zip_part(
    bot: Bot,
    chat_id: int,
    files_dir: Path,
    entries: list[ArchiveEntry],
    number: int,
    total: int,
    t: Texts,
) -> None:
    path = await asyncio.to_thread(zip_to_spool, files_dir / "exports", entries)
    try:
        filename = "evidence.zip" if total == 1 else f"evidence-{number}-of-{total}.zip"
        await bot.send_document(chat_id, FSInputFile(path, filename=filename))
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def create_router() -> Router:
    router = Router(name="progress")
    router.message.register(progress_command, Command("progress"))
    router.callback_query.register(progress_button, ProgCb.filter(F.action == "show"))
    router.callback_query.register(progress_button, MenuCb.filter(F.item == "progress"))
    router.callback_query.register(missing_button, ProgCb.filter(F.action == "missing"))
    router.callback_query.register(chart_button, ProgCb.filter(F.action == "chart"))
    router.callback_query.register(xlsx_button, ProgCb.filter(F.action == "xlsx"))
    router.callback_query.register(zip_button, ProgCb.filter(F.action == "zip"))
    return router
