"""/import: a coordinator uploads the directory of their scope (XLSX or CSV, template on request).
/invite: a coordinator or admin makes an invite link for a role in their scope."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from core.i18n import Texts
from handlers.context import Context
from handlers.registration import ROLE_KEYS
from handlers.routing import inline, on_buttons, on_typed
from handlers.screens import menu_for, show
from handlers.uploads import ask_for_file, on_document
from services import timefmt
from services.directory_import import (
    DirectoryImport,
    ImportFileError,
    ImportRefusedError,
    importer_scope,
    may_import,
    parse_upload,
    template_xlsx,
)
from services.invites import (
    InviteRefusedError,
    Invites,
    invitable_roles,
    invite_municipalities,
    invite_schools,
    invite_target,
)
from services.permissions import ForbiddenError, Role, Scope
from services.places import Places
from services.school_search import MIN_LETTERS, too_short
from ui import pages
from ui.callbacks import InvCb, MenuCb, PageCb, Picker
from ui.keyboards import back_to_menu, keyboard, main_menu, menu_column, school_matches

log = logging.getLogger(__name__)
MAX_FILE = 20 * 1024 * 1024  # what the Bot API lets a bot download
SHOWN_ERRORS = 40
INVITE_LIFETIME = timedelta(days=7)


class Importing(StatesGroup):
    waiting = State()


class Inviting(StatesGroup):
    schools = State()
    municipality = State()


# --- import ---------------------------------------------------------------------------------


async def import_command(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    if not may_import(await ctx.actor()):
        await message.answer(t("import-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    template = BufferedInputFile(template_xlsx(), filename="directory-template.xlsx")
    await ask_for_file(message, ctx, state, Importing.waiting, template, "import-instructions")


async def import_file(message: Message, data_bytes: bytes, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    if message.document is None:
        return
    progress = await message.answer(t("import-checking"))
    try:
        await _import(progress, message.document.file_name or "", data_bytes, ctx, state)
    except Exception:
        # The "checking…" message must never hang there: whatever failed, it says so.
        log.exception("import of %r failed", message.document.file_name)
        await ctx.session.rollback()
        await progress.edit_text(t("import-error-unexpected"), reply_markup=back_to_menu(t))


async def _import(
    progress: Message, file_name: str, data_bytes: bytes, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    try:
        parsed = await parse_upload(file_name, data_bytes)
    except ImportFileError as error:
        await progress.edit_text(t(str(error)), reply_markup=back_to_menu(t))
        return
    service = DirectoryImport(ctx.session)
    try:
        summary = await service.apply(await ctx.actor(), parsed)
    except ForbiddenError:
        await state.clear()
        await progress.edit_text(t("import-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    except ImportRefusedError as refused:
        errors = refused.errors
        lines = [t("import-refused", count=len(errors))]
        lines += [
            t("import-error-line", sheet=e.sheet, row=e.row, reason=t(e.reason), value=e.value)
            for e in errors[:SHOWN_ERRORS]
        ]
        if len(errors) > SHOWN_ERRORS:
            lines.append(t("import-more-errors", count=len(errors) - SHOWN_ERRORS))
        await progress.edit_text("\n".join(lines), reply_markup=back_to_menu(t))
        return  # nothing written; the next file is awaited
    await state.clear()
    await progress.edit_text(
        t(
            "import-done",
            schools=summary.schools_added,
            updated=summary.schools_updated,
            municipalities=summary.municipalities_added,
            curators=summary.curator_links,
        ),
        reply_markup=main_menu(t),
    )


async def import_not_a_file(message: Message, ctx: Context) -> None:
    await message.answer(ctx.t("import-send-file"), reply_markup=back_to_menu(ctx.t))


# --- invites --------------------------------------------------------------------------------


async def invite_command(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    await state.clear()
    roles = invitable_roles(await ctx.actor())
    if not roles:
        await message.answer(t("invite-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    choices = [(t(ROLE_KEYS[role]), InvCb(action="role", value=role)) for role in roles]
    await message.answer(t("invite-choose-role"), reply_markup=menu_column(t, choices))


async def invite_role(
    callback: CallbackQuery, callback_data: InvCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    role = Role(callback_data.value)
    await state.update_data(role=role.value, schools=[])
    if role in (Role.SCHOOL, Role.CURATOR):
        await state.set_state(Inviting.schools)
        await show(callback, t("invite-find-school"), back_to_menu(t))
        return
    if role is Role.MUNICIPAL and importer_scope(await ctx.actor()) is not None:
        await state.set_state(Inviting.municipality)
        await _municipality_page(callback, ctx, state, 0)
        return
    await state.set_state(Inviting.schools)
    await state.update_data(region_wanted=True)
    await show(callback, t("invite-type-region"), back_to_menu(t))


async def municipality_page(
    callback: CallbackQuery, callback_data: PageCb, ctx: Context, state: FSMContext
) -> None:
    await _municipality_page(callback, ctx, state, callback_data.page)


async def _municipality_page(
    callback: CallbackQuery, ctx: Context, state: FSMContext, page: int
) -> None:
    t = ctx.t
    listing = await _municipalities(ctx)
    if listing is None:
        await show(callback, t("invite-coordinators-only"), await menu_for(ctx))
        return
    await pages.remember(state, listing)
    text = pages.page_text(t, t("invite-choose-municipality"), listing, page)
    await show(callback, text, pages.page_markup(t, listing, page))


async def municipality_typed(message: Message, ctx: Context) -> None:
    t = ctx.t
    listing = await _municipalities(ctx)
    if listing is None:
        await message.answer(t("invite-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    text, markup = pages.matches_reply(t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


async def _municipalities(ctx: Context) -> pages.Listing | None:
    """The municipalities a coordinator may invite a municipal coordinator for: their region's."""
    names = await invite_municipalities(ctx.session, await ctx.actor())
    if names is None:
        return None
    return pages.Listing(
        Picker.INV_MUNICIPALITY,
        pages.sorted_items(names),
        lambda i: InvCb(action="mun", value=str(i)),
        tail=[(ctx.t.label("nav-back-to-menu"), MenuCb(item="home"))],
    )


async def invite_text(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    if data.get("region_wanted"):
        code = (message.text or "").strip().zfill(2)
        if await Places(ctx.session).region(code) is None:
            await message.answer(t("invite-unknown-region"), reply_markup=back_to_menu(t))
            return
        await state.update_data(region=code)
        await message.answer(t("invite-choose-uses"), reply_markup=_uses(t))
        return
    query = (message.text or "").strip()
    found = await invite_schools(ctx.session, await ctx.actor(), query)
    if not found:
        # «СШ» alone names every school and so finds none: it is too short, not unknown.
        text = (
            t("search-too-short", query=query, letters=MIN_LETTERS)
            if too_short(query)
            else t("invite-no-school")
        )
        await message.answer(text, reply_markup=back_to_menu(t))
        return
    schools = school_matches(found, lambda school: InvCb(action="school", value=str(school)))
    await message.answer(t("invite-pick-school"), reply_markup=menu_column(t, schools))


async def invite_school(
    callback: CallbackQuery, callback_data: InvCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    data = await state.get_data()
    schools = sorted({*data.get("schools", []), int(callback_data.value)})
    await state.update_data(schools=schools)
    if data.get("role") == Role.SCHOOL.value:
        await show(callback, t("invite-choose-uses"), _uses(t))
        return
    names = ", ".join(s.name for s in await Places(ctx.session).schools_by_ids(schools))
    more = [
        (t("invite-schools-done"), InvCb(action="done")),
        (t("nav-back-to-menu"), MenuCb(item="home")),
    ]
    await show(callback, t("invite-schools-so-far", schools=names), keyboard(more))


async def invite_municipality(
    callback: CallbackQuery, callback_data: InvCb, ctx: Context, state: FSMContext
) -> None:
    await state.update_data(municipality_id=int(callback_data.value))
    await show(callback, ctx.t("invite-choose-uses"), _uses(ctx.t))


async def invite_done(callback: CallbackQuery, ctx: Context) -> None:
    await show(callback, ctx.t("invite-choose-uses"), _uses(ctx.t))


def _uses(t: Texts) -> InlineKeyboardMarkup:
    counts = [(t("invite-uses", count=n), InvCb(action="uses", value=str(n))) for n in (1, 5, 30)]
    return keyboard([*counts, (t("nav-back-to-menu"), MenuCb(item="home"))], 3, 1)


async def invite_create(
    callback: CallbackQuery, callback_data: InvCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    data = await state.get_data()
    await state.clear()
    actor = await ctx.actor()
    role = Role(str(data.get("role", Role.SCHOOL.value)))
    schools = [int(s) for s in data.get("schools", [])]
    scope = await _invite_scope(ctx, data, schools)
    try:
        if scope is None:
            raise InviteRefusedError("no scope")
        invite = await Invites(ctx.session, ctx.settings.admin_ids, ctx.clock).issue(
            actor, role, scope, schools, int(callback_data.value), INVITE_LIFETIME
        )
    except InviteRefusedError:
        await show(callback, t("invite-refused"), main_menu(t))
        return
    me = await ctx.bot.me()
    zone = await ctx.zone()
    await show(
        callback,
        t(
            "invite-ready",
            role=t(ROLE_KEYS[role]),
            count=invite.max_uses,
            until=timefmt.when(invite.expires_at, zone, t.language),
            link=f"https://t.me/{me.username}?start={invite.token}",
        ),
        main_menu(t),
    )


async def _invite_scope(ctx: Context, data: dict[str, object], schools: list[int]) -> Scope | None:
    municipality = int(str(data["municipality_id"])) if "municipality_id" in data else None
    region = str(data["region"]) if "region" in data else None
    return await invite_target(ctx.session, await ctx.actor(), schools, municipality, region)


def create_router() -> Router:
    router = Router(name="directory")
    router.message.register(import_command, Command("import"))
    on_document(router, import_file, Importing.waiting, MAX_FILE, "import-too-big")
    router.message.register(
        import_not_a_file, StateFilter(Importing.waiting), inline(~F.text.startswith("/"))
    )
    router.message.register(invite_command, Command("invite"))
    on_typed(router, invite_text, Inviting.schools)
    on_typed(
        router,
        municipality_typed,
        Inviting.municipality,
        pages.PickingFilter(Picker.INV_MUNICIPALITY),
    )
    on_buttons(
        router,
        InvCb,
        {
            "role": invite_role,
            "school": invite_school,
            "mun": invite_municipality,
            "done": invite_done,
            "uses": invite_create,
        },
    )
    router.callback_query.register(
        municipality_page, PageCb.filter(F.picker == Picker.INV_MUNICIPALITY)
    )
    return router
