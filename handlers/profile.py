"""/profile: roles and their places, language, time zone; rename, leave a role, /forget."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from handlers.context import Context
from handlers.registration import ROLE_KEYS, display_name
from handlers.routing import on_buttons, on_typed
from handlers.screens import show
from services import timefmt
from services.directory import GrantView
from services.profile import BadNameError, Profile
from ui.callbacks import MenuCb, ProfCb
from ui.keyboards import LANGUAGE_NAME_KEYS, keyboard, main_menu


class Renaming(StatesGroup):
    waiting = State()


async def profile(event: Message | CallbackQuery, ctx: Context, state: FSMContext) -> None:
    """/profile and the menu's button. The button leaves whatever flow waited for input; the
    command has left it already (bot.middlewares.CommandsEndConversations)."""
    if isinstance(event, CallbackQuery):
        await state.clear()
    text, markup = await _screen(ctx)
    await show(event, text, markup)


async def _screen(ctx: Context, renamed: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """`renamed`: the name just saved (the update's person was read before it)."""
    t, user = ctx.t, ctx.user
    views = await ctx.directory().views(user.id)
    zone = await ctx.zone()
    shift = timefmt.moscow_shift(zone, ctx.clock.now())
    lines = [t("profile-title"), t("profile-name", name=renamed or display_name(user))]
    lines.append(t("profile-roles") if views else t("profile-no-roles"))
    lines += [t("profile-role-line", role=t(ROLE_KEYS[v.role]), place=_place(v)) for v in views]
    if user.id in ctx.settings.admin_ids:
        lines.append(t("profile-admin"))
    lines.append(t("profile-language", language=t(LANGUAGE_NAME_KEYS[t.language])))
    lines.append(t("profile-zone", zone=zone.key, shift=shift or "±0"))
    builder = InlineKeyboardBuilder()
    builder.button(text=t("profile-rename"), callback_data=ProfCb(action="name"))
    for view in views[:6]:
        label = t.label("profile-leave", role=t(ROLE_KEYS[view.role]), place=_short_place(view))
        builder.button(text=label[:64], callback_data=ProfCb(action="leave", value=str(view.id)))
    builder.button(text=t("profile-forget"), callback_data=ProfCb(action="forget"))
    builder.button(text=t("nav-back-to-menu"), callback_data=MenuCb(item="home"))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def _place(view: GrantView) -> str:
    return ", ".join(p for p in (view.school_name, view.municipality, view.region) if p)


def _short_place(view: GrantView) -> str:
    return view.school_name or view.municipality or view.region


def _back_to_profile(t: Texts) -> InlineKeyboardMarkup:
    """Back to the profile, leaving the name as it was."""
    return keyboard([(t("nav-back"), MenuCb(item="profile"))])


async def rename_asked(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.set_state(Renaming.waiting)
    await show(callback, ctx.t("profile-rename-ask"), _back_to_profile(ctx.t))


async def rename_given(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    try:
        renamed = await Profile(ctx.session).rename(ctx.user.id, message.text or "")
    except BadNameError as error:
        # Still waiting for a good name; «« Назад» leaves it as it was.
        await message.answer(t(str(error)), reply_markup=_back_to_profile(t))
        return
    await state.clear()
    text, markup = await _screen(ctx, renamed)
    await message.answer(t("profile-renamed") + "\n\n" + text, reply_markup=markup)


async def leave_role(callback: CallbackQuery, callback_data: ProfCb, ctx: Context) -> None:
    if callback_data.value.isdigit():
        await Profile(ctx.session).leave(ctx.user.id, int(callback_data.value))
    text, markup = await _screen(ctx)
    await show(callback, text, markup)


async def forget_asked(event: Message | CallbackQuery, ctx: Context) -> None:
    """/forget and the profile's button: are you sure?"""
    await show(event, ctx.t("profile-forget-ask"), _forget_keyboard(ctx.t))


def _forget_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(
        [
            (t("profile-forget-yes"), ProfCb(action="forget_yes")),
            (t("nav-back"), MenuCb(item="profile")),
        ]
    )


async def forget_confirmed(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.clear()
    await Profile(ctx.session).forget(ctx.user.id, ctx.settings.files_dir)
    still_admin = ctx.user.id in ctx.settings.admin_ids  # no role now, unless an admin
    await show(callback, ctx.t("profile-forgotten"), main_menu(ctx.t, joined=still_admin))


def create_router() -> Router:
    router = Router(name="profile")
    router.message.register(profile, Command("profile"))
    router.message.register(forget_asked, Command("forget"))
    on_typed(router, rename_given, Renaming.waiting)
    router.callback_query.register(profile, MenuCb.filter(F.item == "profile"))
    on_buttons(
        router,
        ProfCb,
        {
            "name": rename_asked,
            "leave": leave_role,
            "forget": forget_asked,
            "forget_yes": forget_confirmed,
        },
    )
    return router
