"""/progress: per step, how many schools in the person's scope have submitted, been accepted,
been returned or are missing; who is missing; a chart; the XLSX table and the ZIP of screenshots
for coordinators. A school or a curator sees their own schools."""

from __future__ import annotations

import asyncio
import io
from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Texts
from gateway.files import downloader
from handlers.board import with_board_button
from handlers.context import Context
from handlers.routing import on_buttons
from handlers.screens import show
from handlers.submissions import STATUS_KEYS, due_text, step_line
from services.calendar_io import calendar_for
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
from ui.keyboards import Choice, back_and_menu, back_to_menu, menu_column
from ui.missing import missing_screen, reminded_screen
from ui.submissions import submit_step

ZIP_PART_BYTES = 45 * 1024 * 1024  # bots may send files up to 50 MB


async def _load(session: AsyncSession, actor: Actor) -> tuple[Progress, str | None]:
    """The progress of the person's scope, and its region when there is one (whose own
    deadlines then apply)."""
    report = await progress(session, viewer_area(actor), await calendar_for(session, None))
    regions = {school.region for school in report.schools}
    if len(regions) != 1:
        return report, None
    region = regions.pop()
    regional = reporting_steps(await calendar_for(session, region))
    return replace(report, steps=regional), region


async def progress_screen(event: Message | CallbackQuery, ctx: Context) -> None:
    """/progress and its buttons: the person's scope, step by step."""
    await show(event, *await _summary(ctx.t, ctx.user, ctx.session, ctx.settings))


async def _summary(
    t: Texts, user: Person, session: AsyncSession, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    report, region = await _load(session, actor)
    if not report.schools:
        return t("progress-nothing"), back_to_menu(t)
    if not actor.is_coordinator():
        text, markup = _own_schools(t, report, region)
        return text, with_board_button(markup, t, settings, actor)
    lines = [t("progress-title", schools=len(report.schools))]
    choices: list[Choice] = []
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
            missing = ProgCb(action="missing", value=step.key)
            choices.append((t("progress-missing-button", number=step.number), missing))
    waiting = sum(report.counts(step.key)["submitted"] for step in report.steps)
    if waiting:
        choices.append((t("progress-review-button", count=waiting), RevCb(action="open")))
    choices.append((t("progress-chart-steps"), ProgCb(action="chart", value="steps")))
    if len({school.municipality_id for school in report.schools}) > 1:
        by_place = ProgCb(action="chart", value="municipalities")
        choices.append((t("progress-chart-municipalities"), by_place))
    choices.append((t("progress-xlsx"), ProgCb(action="xlsx")))
    choices.append((t("progress-zip"), ProgCb(action="zip")))
    markup = menu_column(t, choices)
    return "\n\n".join(lines), with_board_button(markup, t, settings, actor)


def _own_schools(
    t: Texts, report: Progress, region: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    lines = []
    choices: list[Choice] = []
    for school in report.schools:
        lines.append(t("progress-school", school=school.name))
        for step in report.steps:
            status = report.status(school.id, step.key)
            lines.append(step_line(t, step, status, step.due(school.region)))
        own = SubCb(action="school", school=school.id)
        choices.append((t.label("progress-submit-for", school=school.name)[:60], own))
    return "\n".join(lines), menu_column(t, choices)


async def missing_button(
    callback: CallbackQuery, callback_data: ProgCb, ctx: Context, actor: Actor
) -> None:
    t = ctx.t
    try:
        listing = await missing_list(
            ctx.session, actor, callback_data.value, callback_data.municipality
        )
    except (ForbiddenError, UnknownStepError):
        await show(callback, t("missing-coordinators-only"), back_to_menu(t))
        return
    await show(callback, *missing_screen(t, listing, callback_data.page))


async def remind_button(
    callback: CallbackQuery, callback_data: ProgCb, ctx: Context, actor: Actor
) -> None:
    t, step, municipality = ctx.t, callback_data.value, callback_data.municipality
    try:
        outcome = await remind(
            ctx.session, ctx.catalog, ctx.clock, actor, step, municipality, submit=submit_step
        )
    except (ForbiddenError, LookupError):
        await show(callback, t("missing-coordinators-only"), back_to_menu(t))
        return
    await show(callback, *reminded_screen(t, step, municipality, outcome))


def _back(t: Texts) -> InlineKeyboardMarkup:
    return back_and_menu(t, ProgCb(action="show"))


async def answer_now(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Stops the spinner before slow work (a chart, a workbook, an archive): Telegram drops a
    query not answered within about 15 seconds."""
    await callback.answer()
    callback_answer.disable()


async def _slow_work_for_coordinators(
    callback: CallbackQuery, callback_answer: CallbackAnswer, t: Texts, actor: Actor
) -> bool:
    """True, the spinner stopped, for a coordinator; anyone else is refused in an alert."""
    if not actor.is_coordinator():
        callback_answer.text = t("review-coordinators-only")
        callback_answer.show_alert = True
        return False
    await answer_now(callback, callback_answer)
    return True


async def chart_button(
    callback: CallbackQuery, callback_data: ProgCb, callback_answer: CallbackAnswer, ctx: Context
) -> None:
    t = ctx.t
    await answer_now(callback, callback_answer)
    report, _ = await _load(ctx.session, await ctx.actor())
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
    await ctx.bot.send_photo(
        callback.from_user.id,
        BufferedInputFile(png, filename="progress.png"),
        caption=t(
            "progress-chart-title-steps" if by_step else "progress-chart-title-municipalities"
        ),
        reply_markup=_back(t),
    )


async def xlsx_button(
    callback: CallbackQuery, callback_answer: CallbackAnswer, ctx: Context, actor: Actor
) -> None:
    t, session = ctx.t, ctx.session
    if not await _slow_work_for_coordinators(callback, callback_answer, t, actor):
        return
    report, _ = await _load(session, actor)
    season = (await calendar_for(session, None)).season
    zone = await ctx.zone()
    data = await load_export(session, actor, report, season, zone)
    buffer = io.BytesIO()
    await asyncio.to_thread(write_workbook, buffer, workbook_sheets(data, t), fills(t))
    await ctx.bot.send_document(
        callback.from_user.id,
        BufferedInputFile(buffer.getvalue(), filename="progress.xlsx"),
        caption=t("progress-xlsx-caption", schools=len(report.schools)),
        reply_markup=_back(t),
    )


async def zip_button(
    callback: CallbackQuery,
    callback_data: ProgCb,
    callback_answer: CallbackAnswer,
    ctx: Context,
    actor: Actor,
) -> None:
    t, session, bot, files_dir = ctx.t, ctx.session, ctx.bot, ctx.settings.files_dir
    if not await _slow_work_for_coordinators(callback, callback_answer, t, actor):
        return
    every = callback_data.value == "all"
    status = await bot.send_message(callback.from_user.id, t("progress-zip-working"))
    await fetch_files(session, downloader(bot), files_dir)  # whatever the sweep has not got yet
    season = await calendar_for(session, None)
    evidence = await load_evidence(session, actor, season.season)
    files = evidence.files
    plan = archive_plan(files if every else latest_only(files), season, FileStore(files_dir), t)
    parts = list(split_by_size(plan.entries, ZIP_PART_BYTES))
    for number, part in enumerate(parts, start=1):
        name = "evidence.zip" if len(parts) == 1 else f"evidence-{number}-of-{len(parts)}.zip"
        await _send_zip_part(ctx, callback.from_user.id, with_manifest(part, plan), name)
    key = "progress-zip-done-all" if every else "progress-zip-done-latest"
    key = key if plan.entries else "progress-zip-empty"
    count = len(plan.entries)
    await status.edit_text(
        t(key, count=count, parts=len(parts), absent=evidence.absent),
        reply_markup=_zip_back(t, every),
    )


def _zip_back(t: Texts, every: bool) -> InlineKeyboardMarkup:
    back = _back(t)
    if every:
        return back
    everything = InlineKeyboardButton(
        text=t("zip-all-versions"), callback_data=ProgCb(action="zip", value="all").pack()
    )
    return InlineKeyboardMarkup(inline_keyboard=[[everything], *back.inline_keyboard])


async def _send_zip_part(
    ctx: Context, chat_id: int, entries: list[ArchiveEntry], filename: str
) -> None:
    path = await asyncio.to_thread(zip_to_spool, ctx.settings.files_dir / "exports", entries)
    try:
        await ctx.bot.send_document(chat_id, FSInputFile(path, filename=filename))
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def create_router() -> Router:
    router = Router(name="progress")
    router.message.register(progress_screen, Command("progress"))
    router.callback_query.register(progress_screen, MenuCb.filter(F.item == "progress"))
    on_buttons(
        router,
        ProgCb,
        {
            "show": progress_screen,
            "missing": missing_button,
            "remind": remind_button,
            "chart": chart_button,
            "xlsx": xlsx_button,
            "zip": zip_button,
        },
    )
    return router
