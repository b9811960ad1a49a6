"""Setting the calendar: /season (federal admins) uploads a whole season's calendar;
/region_calendar lets a regional coordinator download the region's dates, edit and upload them.
Every upload is checked, previewed, and applied only on confirmation as a new version."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from handlers.context import Context
from handlers.routing import inline, on_buttons
from handlers.screens import menu_for, show, stale
from handlers.uploads import ask_for_file, on_document
from services import timefmt
from services.calendar import CALENDAR_FILE, CalendarError
from services.calendar_io import TooDeepError, federal_calendar, parse_season, publish_season
from services.permissions import ForbiddenError
from services.region_calendar import Preview, RegionCalendar, change_lines
from ui.callbacks import CalEditAction, CalEditCb, MenuCb
from ui.keyboards import back_and_menu, back_to_menu, deadlines_buttons, main_menu

MAX_FILE = 512 * 1024  # a region's dates are a few kilobytes (their spreadsheet a dozen)
SEASON_MAX = 1024 * 1024  # a whole season's calendar (the shipped one is 175 KB)


class EditingCalendar(StatesGroup):
    waiting = State()
    confirming = State()


class NewSeason(StatesGroup):
    waiting = State()
    confirming = State()


# --- a new season (federal admins): the whole calendar in the shipped file's format ----------


async def season_command(message: Message, ctx: Context, state: FSMContext) -> None:
    if not (await ctx.actor()).is_admin:  # as services.calendar_io.publish_season checks
        await message.answer(ctx.t("season-admins-only"), reply_markup=await menu_for(ctx))
        return
    template = BufferedInputFile(CALENDAR_FILE.read_bytes(), filename=CALENDAR_FILE.name)
    await ask_for_file(message, ctx, state, NewSeason.waiting, template, "season-instructions")


async def season_uploaded(message: Message, data: bytes, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    text = data.decode("utf-8-sig", errors="replace")
    try:
        season = parse_season(text)
    except TooDeepError as error:
        await message.answer(t("caltools-too-deep", line=error.line), reply_markup=back_to_menu(t))
        return
    except CalendarError as error:
        await message.answer(t("season-refused", reason=str(error)), reply_markup=back_to_menu(t))
        return  # the season in force stays
    current = await federal_calendar(ctx.session)
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


async def season_applied(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    if "content" not in data:
        await stale(callback, t)
        return
    season, content = int(data["season"]), str(data["content"])
    try:
        version = await publish_season(ctx.session, await ctx.actor(), season, content)
    except ForbiddenError:
        await show(callback, t("season-admins-only"), await menu_for(ctx))
        return
    await state.clear()
    await show(
        callback,
        t("season-applied", season=str(data["season"]), version=version),
        main_menu(t),
    )


async def _regional(ctx: Context) -> tuple[RegionCalendar, str | None]:
    """The region calendar's service, and the region whose dates this person sets (None: they
    set none)."""
    service = RegionCalendar(ctx.session, ctx.settings.admin_ids)
    return service, await service.region_of(ctx.user.id)


async def calendar_screen(event: Message | CallbackQuery, ctx: Context, state: FSMContext) -> None:
    """/region_calendar and the way back to it: the region's dates to download, and versions."""
    t = ctx.t
    service, region = await _regional(ctx)
    if region is None:
        await show(event, t("calupload-regional-only"), await menu_for(ctx))
        return
    _, version = await service.current(region)
    await state.set_state(EditingCalendar.waiting)
    await state.set_data({"region": region})
    builder = InlineKeyboardBuilder()
    builder.button(text=t("caltools-get-xlsx"), callback_data=CalEditCb(action=CalEditAction.XLSX))
    builder.button(text=t("caltools-get-yaml"), callback_data=CalEditCb(action=CalEditAction.YAML))
    builder.button(
        text=t("caltools-versions"), callback_data=CalEditCb(action=CalEditAction.VERSIONS)
    )
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(2, 1, 1)
    await show(event, t("caltools-screen", version=version), builder.as_markup())


def _back_to_calendar(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("nav-back"), callback_data=CalEditCb(action=CalEditAction.MENU))
    return builder.as_markup()


async def download_button(
    callback: CallbackQuery, callback_data: CalEditCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    service, region = await _regional(ctx)
    if region is None or not isinstance(callback.message, Message):
        await show(callback, t("calupload-regional-only"), await menu_for(ctx))
        return
    file = await service.download(region, str(callback_data.action))
    await state.set_state(EditingCalendar.waiting)
    await state.set_data({"region": region})
    xlsx = callback_data.action is CalEditAction.XLSX
    key = "caltools-instructions-xlsx" if xlsx else "calupload-instructions"
    await callback.message.answer_document(
        BufferedInputFile(file.data, filename=file.filename),
        caption=t(key, version=file.version),
        reply_markup=_back_to_calendar(t),
    )


async def calendar_uploaded(message: Message, data: bytes, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    service, region = await _regional(ctx)
    if region is None:
        await state.clear()
        await message.answer(t("calupload-regional-only"), reply_markup=await menu_for(ctx))
        return
    if len(data) > MAX_FILE:  # the size Telegram declared was not the size it sent
        await message.answer(t("caltools-too-big"), reply_markup=_back_to_calendar(t))
        return
    preview = await service.preview_file(region, data)
    await _show_preview(message, t, state, region, preview, _back_to_calendar(t))


async def _show_preview(
    event: Message | CallbackQuery,
    t: Texts,
    state: FSMContext,
    region: str,
    preview: Preview,
    back: InlineKeyboardMarkup,
) -> None:
    if preview.errors:
        lines = [t("calupload-refused", count=len(preview.errors))]
        lines += [
            t("calupload-error-line", line=e.line, reason=t(e.reason), value=e.value)
            for e in preview.errors[:30]
        ]
        await show(event, "\n".join(lines), back)
        return  # the calendar in force stays; the next file is awaited
    if not preview.changes:
        await show(event, t("calupload-no-changes"), back)
        return
    lines = []
    if preview.stale:
        lines.append(t("caltools-stale", based=preview.based_on or 0, current=preview.current))
    lines.append(t("calupload-preview", count=len(preview.changes)))
    lines += change_lines(t, preview.calendar, preview.changes)
    await state.set_state(EditingCalendar.confirming)
    await state.set_data({"region": region, "content": preview.content})
    builder = InlineKeyboardBuilder()
    builder.button(text=t("calupload-apply"), callback_data=CalEditCb(action=CalEditAction.APPLY))
    builder.button(text=t("calupload-cancel"), callback_data=CalEditCb(action=CalEditAction.MENU))
    builder.adjust(1)
    await show(event, "\n".join(lines), builder.as_markup())


async def versions_button(callback: CallbackQuery, ctx: Context) -> None:
    t = ctx.t
    service, region = await _regional(ctx)
    if region is None:
        await show(callback, t("calupload-regional-only"), await menu_for(ctx))
        return
    versions = await service.versions(region)
    zone = await ctx.zone()
    builder = InlineKeyboardBuilder()
    for found in versions[1:]:  # the first is the one in force
        builder.button(
            text=t.label(
                "caltools-version-button",
                version=found.version,
                when=timefmt.when(found.created_at, zone, t.language),
            ),
            callback_data=CalEditCb(action=CalEditAction.VERSION, version=found.version),
        )
    builder.button(text=t("nav-back"), callback_data=CalEditCb(action=CalEditAction.MENU))
    builder.adjust(1)
    text = t("caltools-versions-title", current=versions[0].version if versions else 0)
    if len(versions) < 2:
        text += "\n" + t("caltools-no-versions")
    await show(callback, text, builder.as_markup())


async def version_button(
    callback: CallbackQuery, callback_data: CalEditCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    service, region = await _regional(ctx)
    preview = await service.preview_version(region, callback_data.version) if region else None
    if region is None or preview is None:
        await show(callback, t("calupload-regional-only"), await menu_for(ctx))
        return
    await state.set_data({"region": region})
    back = InlineKeyboardBuilder()
    back.button(text=t("nav-back"), callback_data=CalEditCb(action=CalEditAction.VERSIONS))
    await _show_preview(callback, t, state, region, preview, back.as_markup())


async def calendar_applied(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    if "content" not in data or "region" not in data:
        await stale(callback, t)
        return
    applied = await RegionCalendar(ctx.session, ctx.settings.admin_ids).apply(
        ctx.user.id,
        str(data["region"]),
        str(data["content"]),
        ctx.catalog,
        ctx.clock.now(),
        deadlines_buttons,
    )
    await state.clear()
    if applied is None:
        await show(callback, t("calupload-regional-only"), await menu_for(ctx))
        return
    # The next edit may follow at once (the same file, or one downloaded before): it is awaited.
    await state.set_state(EditingCalendar.waiting)
    await state.set_data({"region": str(data["region"])})
    text = t("calupload-applied", version=applied.version)
    text += "\n" + t("caltools-told", count=applied.told)
    await show(callback, text, back_and_menu(t, CalEditCb(action=CalEditAction.MENU)))


async def not_a_file(message: Message, ctx: Context) -> None:
    await message.answer(ctx.t("caltools-send-file"), reply_markup=back_to_menu(ctx.t))


def create_router() -> Router:
    router = Router(name="calendar-edit")
    router.message.register(calendar_screen, Command("region_calendar"))
    on_buttons(
        router,
        CalEditCb,
        {
            CalEditAction.MENU: calendar_screen,
            CalEditAction.XLSX: download_button,
            CalEditAction.YAML: download_button,
            CalEditAction.VERSIONS: versions_button,
            CalEditAction.VERSION: version_button,
        },
    )
    on_document(router, calendar_uploaded, EditingCalendar.waiting, MAX_FILE, "caltools-too-big")
    router.message.register(
        not_a_file, StateFilter(EditingCalendar.waiting), inline(~F.text.startswith("/"))
    )
    router.message.register(season_command, Command("season"))
    on_document(router, season_uploaded, NewSeason.waiting, SEASON_MAX, "calupload-too-big")
    router.message.register(
        not_a_file, StateFilter(NewSeason.waiting), inline(~F.text.startswith("/"))
    )
    router.callback_query.register(
        season_applied, StateFilter(NewSeason.confirming), CalEditCb.filter(F.action == "season")
    )
    router.callback_query.register(
        calendar_applied,
        StateFilter(EditingCalendar.confirming),
        CalEditCb.filter(F.action == "apply"),
    )
    return router
