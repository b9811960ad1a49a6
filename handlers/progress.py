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

from core.config import Settings
from core.i18n import Catalog, Texts
from gateway.files import downloader
from handlers.board import with_board_button
from handlers.screens import show
from handlers.submissions import STATUS_ICONS, STATUS_KEYS, due_text
from services.calendar_io import calendar_for
from services.clock import Clock
from services.directory import Directory
from services.evidence import fetch_files, split_by_size, zip_to_spool
from services.exports import (
    archive_plan,
    fills,
    latest_only,
    load_evidence,
    load_export,
    municipality_bars,
    with_manifest,
    workbook_sheets,
)
from services.file_store import FileStore
from services.missing import missing_list, remind
from services.nudges import UnknownStepError
from services.permissions import Actor, ForbiddenError
from services.person import Person
from services.reports import ArchiveEntry, progress_chart, write_workbook
from services.submissions import Progress, progress, reporting_steps, viewer_area
from ui.callbacks import MenuCb, ProgCb, RevCb, SubCb
from ui.keyboards import back_to_menu
from ui.missing import missing_screen, reminded_screen
from ui.submissions import submit_step

ZIP_PART_BYTES = 45 * 1024 * 1024  # bots may send files up to 50 MB


async def _load(
    session: AsyncSession, settings: Settings, user: Person
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
    message: Message, t: Texts, user: Person, session: AsyncSession, settings: Settings
) -> None:
    text, markup = await _summary(t, user, session, settings)
    await show(message, text, markup)


async def progress_button(
    callback: CallbackQuery, t: Texts, user: Person, session: AsyncSession, settings: Settings
) -> None:
    text, markup = await _summary(t, user, session, settings)
    await show(callback, text, markup)


async def _summary(
    t: Texts, user: Person, session: AsyncSession, settings: Settings
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
    actor: Actor,
    session: AsyncSession,
) -> None:
    try:
        listing = await missing_list(
            session, actor, callback_data.value, callback_data.municipality
        )
    except (ForbiddenError, UnknownStepError):
        await show(callback, t("missing-coordinators-only"), back_to_menu(t))
        return
    await show(callback, *missing_screen(t, listing, callback_data.page))


async def remind_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    catalog: Catalog,
    clock: Clock,
) -> None:
    step, municipality = callback_data.value, callback_data.municipality
    try:
        outcome = await remind(
            session, catalog, clock, actor, step, municipality, submit=submit_step
        )
    except (ForbiddenError, LookupError):
        await show(callback, t("missing-coordinators-only"), back_to_menu(t))
        return
    await show(callback, *reminded_screen(t, step, municipality, outcome))


def _back(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2)
    return builder.as_markup()


async def answer_now(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Stops the spinner before slow work (a chart, a workbook, an archive): Telegram drops a
    query not answered within about 15 seconds."""
    await callback.answer()
    callback_answer.disable()


async def chart_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
) -> None:
    await answer_now(callback, callback_answer)
    _, report, _ = await _load(session, settings, user)
    by_step = callback_data.value == "steps"
    note = None
    if by_step:
        bars = report.bars_by_step(t.language)
    else:
        bars, rest = municipality_bars(report)
        if rest is not None:
            note = t.label(
                "chart-others-note",
                shown=len(bars),
                rest=int(rest.label),
                accepted=rest.accepted,
                submitted=rest.submitted,
                returned=rest.returned,
                missing=rest.missing,
            )
    legend = [t.label(STATUS_KEYS[s]) for s in ("accepted", "submitted", "returned", "missing")]
    title = t.label(
        "progress-chart-title-steps" if by_step else "progress-chart-title-municipalities"
    )
    png = await asyncio.to_thread(progress_chart, title, bars, legend, note, None if by_step else 3)
    await bot.send_photo(
        callback.from_user.id,
        BufferedInputFile(png, filename="progress.png"),
        caption=t(
            "progress-chart-title-steps" if by_step else "progress-chart-title-municipalities"
        ),
        reply_markup=_back(t),
    )


async def xlsx_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    user: Person,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
) -> None:
    if not actor.is_coordinator():
        callback_answer.text = t("review-coordinators-only")
        callback_answer.show_alert = True
        return
    await answer_now(callback, callback_answer)
    _, report, _ = await _load(session, settings, user)
    season = (await calendar_for(session, None)).season
    zone = await Directory(session, settings.admin_ids).zone(user.id)
    data = await load_export(session, actor, report, season, zone)
    buffer = io.BytesIO()
    await asyncio.to_thread(write_workbook, buffer, workbook_sheets(data, t), fills(t))
    await bot.send_document(
        callback.from_user.id,
        BufferedInputFile(buffer.getvalue(), filename="progress.xlsx"),
        caption=t("progress-xlsx-caption", schools=len(report.schools)),
        reply_markup=_back(t),
    )


async def zip_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
) -> None:
    if not actor.is_coordinator():
        callback_answer.text = t("review-coordinators-only")
        callback_answer.show_alert = True
        return
    every = callback_data.value == "all"
    await answer_now(callback, callback_answer)
    status = await bot.send_message(callback.from_user.id, t("progress-zip-working"))
    await fetch_files(
        session, downloader(bot), settings.files_dir
    )  # whatever the sweep has not got yet
    season = await calendar_for(session, None)
    evidence = await load_evidence(session, actor, season.season)
    files = evidence.files
    plan = archive_plan(
        files if every else latest_only(files), season, FileStore(settings.files_dir), t
    )
    parts = list(split_by_size(plan.entries, ZIP_PART_BYTES))
    for number, part in enumerate(parts, start=1):
        entries = with_manifest(part, plan)
        await _send_zip_part(
            bot, callback.from_user.id, settings.files_dir, entries, number, len(parts), t
        )
    key = "progress-zip-done-all" if every else "progress-zip-done-latest"
    key = key if plan.entries else "progress-zip-empty"
    count = len(plan.entries)
    await status.edit_text(
        t(key, count=count, parts=len(parts), absent=evidence.absent),
        reply_markup=_zip_back(t, every),
    )


def _zip_back(t: Texts, every: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if not every:
        builder.button(text=t("zip-all-versions"), callback_data=ProgCb(action="zip", value="all"))
    builder.button(text=t("nav-back"), callback_data=ProgCb(action="show"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(*([1] if not every else []), 2)
    return builder.as_markup()


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
    router.callback_query.register(remind_button, ProgCb.filter(F.action == "remind"))
    router.callback_query.register(chart_button, ProgCb.filter(F.action == "chart"))
    router.callback_query.register(xlsx_button, ProgCb.filter(F.action == "xlsx"))
    router.callback_query.register(zip_button, ProgCb.filter(F.action == "zip"))
    return router
