"""Setting the calendar: /season (federal admins) uploads a whole season's calendar;
/region_calendar lets a regional coordinator download the region's dates, edit and upload them.
Every upload is checked, previewed, and applied only on confirmation as a new version."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import Texts
from handlers.screens import show
from handlers.uploads import fetch_document
from services import timefmt
from services.calendar import CALENDAR_FILE, CalendarError
from services.calendar_io import (
    calendar_for,
    diff,
    export_region,
    federal_calendar,
    latest_version,
    parse_season,
    parse_upload,
    save_version,
)
from services.directory import Directory
from services.permissions import Action, Role, Scope, can
from services.regions import region_info, shipped_regions
from storage.models import User
from ui.callbacks import CalEditCb, MenuCb
from ui.keyboards import back_to_menu, main_menu

MAX_FILE = 1024 * 1024  # a calendar is a few kilobytes


class EditingCalendar(StatesGroup):
    waiting = State()
    confirming = State()


class NewSeason(StatesGroup):
    waiting = State()
    confirming = State()


# --- a new season (federal admins): the whole calendar in the shipped file's format ----------


async def season_command(
    message: Message, t: Texts, user: User, settings: Settings, state: FSMContext
) -> None:
    if user.id not in settings.admin_ids:
        await message.answer(t("season-admins-only"), reply_markup=main_menu(t))
        return
    await state.set_state(NewSeason.waiting)
    await message.answer_document(
        BufferedInputFile(CALENDAR_FILE.read_bytes(), filename=CALENDAR_FILE.name),
        caption=t("season-instructions"),
        reply_markup=back_to_menu(t),
    )


async def season_uploaded(
    message: Message, bot: Bot, t: Texts, session: AsyncSession, state: FSMContext
) -> None:
    data = await fetch_document(message, bot, t, MAX_FILE, "calupload-too-big")
    if data is None:
        return
    text = data.decode("utf-8-sig", errors="replace")
    try:
        season = parse_season(text)
    except CalendarError as error:
        await message.answer(t("season-refused", reason=str(error)), reply_markup=back_to_menu(t))
        return  # the season in force stays
    current = await federal_calendar(session)
    steps = sum(len(stage.steps) for stage in season.stages)
    await state.set_state(NewSeason.confirming)
    await state.update_data(content=text, season=season.season)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("calupload-apply"), callback_data=CalEditCb(action="season"))
    builder.button(text=t("calupload-cancel"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    await message.answer(
        t(
            "season-preview",
            season=str(season.season),
            stages=len(season.stages),
            steps=steps,
            current=str(current.season),
        ),
        reply_markup=builder.as_markup(),
    )


async def season_applied(
    callback: CallbackQuery, t: Texts, user: User, session: AsyncSession, state: FSMContext
) -> None:
    data = await state.get_data()
    if "content" not in data:
        await show(callback, t("error-stale-button"), main_menu(t))
        return
    version = await save_version(session, None, int(data["season"]), str(data["content"]), user.id)
    await session.commit()
    await state.clear()
    await show(
        callback,
        t("season-applied", season=str(data["season"]), version=version.version),
        main_menu(t),
    )


async def region_calendar_command(
    message: Message,
    t: Texts,
    user: User,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    region = next((g.scope.region for g in actor.grants if g.role is Role.REGIONAL), None)
    if region is None or not can(actor, Action.EDIT_CALENDAR, Scope(region)):
        await message.answer(t("calupload-regional-only"), reply_markup=main_menu(t))
        return
    calendar = await calendar_for(session, region)
    info = region_info(region)
    text = export_region(calendar, region, info.name if info else region)
    await state.set_state(EditingCalendar.waiting)
    await state.update_data(region=region)
    latest = await latest_version(session, region, calendar.season)
    await message.answer_document(
        BufferedInputFile(
            text.encode("utf-8"), filename=f"calendar-{calendar.season}-{region}.yaml"
        ),
        caption=t("calupload-instructions", version=latest.version if latest else 0),
        reply_markup=back_to_menu(t),
    )


async def calendar_uploaded(
    message: Message, bot: Bot, t: Texts, session: AsyncSession, state: FSMContext
) -> None:
    data = await fetch_document(message, bot, t, MAX_FILE, "calupload-too-big")
    if data is None:
        return
    region = str((await state.get_data())["region"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        await message.answer(t("calupload-not-text"), reply_markup=back_to_menu(t))
        return
    calendar = await calendar_for(session, region)
    known = {r.code for r in shipped_regions()}
    overrides, errors = parse_upload(text, calendar, region, known)
    if errors:
        lines = [t("calupload-refused", count=len(errors))]
        lines += [
            t("calupload-error-line", line=e.line, reason=t(e.reason), value=e.value)
            for e in errors[:30]
        ]
        await message.answer("\n".join(lines), reply_markup=back_to_menu(t))
        return  # the calendar in force stays; the next file is awaited
    changes = diff(calendar, region, overrides)
    if not changes:
        await message.answer(t("calupload-no-changes"), reply_markup=back_to_menu(t))
        return
    lines = [t("calupload-preview", count=len(changes))]
    for change in changes:
        step = calendar.step(change.key)
        lines.append(
            t(
                "calupload-change-line",
                title=step.text("title", t.language) if step else change.key,
                before=timefmt.day(change.before, t.language)
                if change.before
                else t("calupload-federal"),
                after=timefmt.day(change.after, t.language)
                if change.after
                else t("calupload-federal"),
            )
        )
    await state.set_state(EditingCalendar.confirming)
    await state.update_data(content=text)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("calupload-apply"), callback_data=CalEditCb(action="apply"))
    builder.button(text=t("calupload-cancel"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    await message.answer("\n".join(lines), reply_markup=builder.as_markup())


async def calendar_applied(
    callback: CallbackQuery, t: Texts, user: User, session: AsyncSession, state: FSMContext
) -> None:
    data = await state.get_data()
    if "content" not in data or "region" not in data:
        await show(callback, t("error-stale-button"), main_menu(t))
        return
    calendar = await calendar_for(session, str(data["region"]))
    version = await save_version(
        session, str(data["region"]), calendar.season, str(data["content"]), user.id
    )
    await session.commit()
    await state.clear()
    await show(callback, t("calupload-applied", version=version.version), main_menu(t))


async def not_a_file(message: Message, t: Texts) -> None:
    await message.answer(t("calupload-send-file"), reply_markup=back_to_menu(t))


def create_router() -> Router:
    router = Router(name="calendar-edit")
    router.message.register(region_calendar_command, Command("region_calendar"))
    router.message.register(calendar_uploaded, StateFilter(EditingCalendar.waiting), F.document)
    router.message.register(
        not_a_file, StateFilter(EditingCalendar.waiting), ~F.text.startswith("/")
    )
    router.message.register(season_command, Command("season"))
    router.message.register(season_uploaded, StateFilter(NewSeason.waiting), F.document)
    router.message.register(not_a_file, StateFilter(NewSeason.waiting), ~F.text.startswith("/"))
    router.callback_query.register(
        season_applied, StateFilter(NewSeason.confirming), CalEditCb.filter(F.action == "season")
    )
    router.callback_query.register(
        calendar_applied,
        StateFilter(EditingCalendar.confirming),
        CalEditCb.filter(F.action == "apply"),
    )
    return router
