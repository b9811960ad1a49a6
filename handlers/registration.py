"""Onboarding: a new person says who they are, finds their school and asks to join; the school's
coordinator approves or declines with one tap. `/start <token>` redeems an invite instead."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder
from sqlalchemy.ext.asyncio import AsyncSession

from core.config import Settings
from core.i18n import Catalog, Texts
from handlers.notify import tell_each
from handlers.screens import show
from services import limits, timefmt
from services.clock import Clock
from services.directory import Directory
from services.invites import Invites, Redeemed
from services.permissions import Actor, Role
from services.person import Person
from services.places import Places
from services.registration import Outcome, Registration, RequestCard, Settled
from ui import pages
from ui.callbacks import PageCb, Picker, RegCb, ReqCb
from ui.keyboards import main_menu

log = logging.getLogger(__name__)
ROLE_KEYS = {
    Role.SCHOOL: "role-school",
    Role.CURATOR: "role-curator",
    Role.MUNICIPAL: "role-municipal",
    Role.REGIONAL: "role-regional",
}
INVITE_REFUSALS = {
    Redeemed.UNKNOWN: "reg-invite-unknown",
    Redeemed.EXPIRED: "reg-invite-expired",
    Redeemed.USED_UP: "reg-invite-used-up",
}


class Onboarding(StatesGroup):
    searching = State()


def display_name(user: Person) -> str:
    return user.display_name or " ".join(p for p in (user.first_name, user.last_name) if p)


# --- /start -------------------------------------------------------------------------------


async def start(
    message: Message,
    command: CommandObject,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    state: FSMContext,
) -> None:
    await state.clear()
    directory = Directory(session, settings.admin_ids)
    await Registration(session, settings.admin_ids, clock).claim_imported(user.id, user.username)
    if command.args:
        await _redeem(message, command.args.strip(), t, user, session, settings, clock)
        return
    actor = await directory.actor(user.id)
    greeting = t("start-greeting", name=user.display_name or user.first_name)
    if actor.grants or actor.is_admin:
        await message.answer(greeting, reply_markup=main_menu(t))
        return
    waiting = await waiting_screen(t, user, session, clock)
    if waiting is not None:
        text, markup = waiting
        await message.answer(greeting + "\n\n" + text, reply_markup=markup)
        return
    await message.answer(greeting + "\n\n" + t("reg-who-are-you"), reply_markup=_roles(t))


async def waiting_screen(
    t: Texts, user: Person, session: AsyncSession, clock: Clock
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The person's requests still waiting, with who decides and since when, and a way to
    cancel each; None when nothing waits."""
    registration = Registration(session, (), clock)
    waiting = await registration.waiting(user.id)
    if not waiting:
        return None
    zone = await Directory(session, ()).zone(user.id)
    lines = []
    builder = InlineKeyboardBuilder()
    for one in waiting:
        deciders = [display_name(p) for p in await registration.waiting_deciders(one)]
        lines.append(
            t(
                "reg-waiting",
                role=t(ROLE_KEYS[Role(one.request.role)]),
                place=", ".join((one.school.name, one.municipality, one.region)),
                deciders=", ".join(deciders) or t("reg-waiting-deciders-none"),
                since=timefmt.when(one.request.created_at, zone, t.language),
            )
        )
        builder.button(
            text=t.label("reg-cancel-request", school=one.school.name[:40]),
            callback_data=RegCb(action="cancel", value=str(one.request.id)),
        )
    lines.append(t("reg-waiting-hint"))
    builder.adjust(1)
    builder.attach(InlineKeyboardBuilder.from_markup(main_menu(t)))
    return "\n\n".join(lines), builder.as_markup()


async def cancel_request(
    callback: CallbackQuery,
    callback_data: RegCb,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    registration = Registration(session, settings.admin_ids, clock)
    if not callback_data.value.isdigit() or not await registration.cancel(
        user.id, int(callback_data.value)
    ):
        await show(callback, t("error-stale-button"), main_menu(t))
        return
    await show(callback, t("reg-request-cancelled"), main_menu(t))


async def _redeem(
    message: Message,
    token: str,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    redemption = await Invites(session, settings.admin_ids, clock).join(user.id, token)
    if redemption.result is not Redeemed.OK:
        await message.answer(t(INVITE_REFUSALS[redemption.result]), reply_markup=main_menu(t))
        return
    invite = redemption.invite
    assert invite is not None
    views = await Directory(session, settings.admin_ids).views(user.id)
    places = "\n".join(
        _place_line(t, v.school_name, v.municipality, v.region)
        for v in views
        if v.role.value == invite.role
    )
    await message.answer(
        t("reg-invite-ok", role=t(ROLE_KEYS[Role(invite.role)]), places=places),
        reply_markup=main_menu(t),
    )


def _roles(t: Texts) -> InlineKeyboardMarkup:
    """Who are you? — above the usual menu, so nobody is forced to register to look around."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("reg-i-am-school"), callback_data=RegCb(action="role", value="school"))
    builder.button(text=t("reg-i-am-curator"), callback_data=RegCb(action="role", value="curator"))
    builder.adjust(1)
    builder.attach(InlineKeyboardBuilder.from_markup(main_menu(t)))
    return builder.as_markup()


def _place_line(t: Texts, school: str | None, municipality: str | None, region: str) -> str:
    parts = [p for p in (school, municipality, region) if p]
    return t("reg-place-line", place=", ".join(parts))


# --- finding the school -------------------------------------------------------------------


async def role_chosen(
    callback: CallbackQuery, callback_data: RegCb, t: Texts, state: FSMContext
) -> None:
    if callback_data.value not in (Role.SCHOOL.value, Role.CURATOR.value):
        return
    await state.set_state(Onboarding.searching)
    await state.update_data(role=callback_data.value)
    await pages.forget(state)
    await show(callback, t("reg-find-school"), _search_keyboard(t))


def _search_keyboard(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("reg-browse"), callback_data=RegCb(action="list"))
    builder.button(text=t("nav-back"), callback_data=RegCb(action="again"))
    builder.adjust(1)
    return builder.as_markup()


async def school_query(
    message: Message, t: Texts, session: AsyncSession, settings: Settings
) -> None:
    query = (message.text or "").strip()
    found = await Places(session).find_schools(query)
    if not found:
        await message.answer(t("reg-not-found", query=query), reply_markup=_search_keyboard(t))
        return
    builder = InlineKeyboardBuilder()
    for match in found:
        label = f"{match.candidate.name} — {match.candidate.municipality}"
        builder.button(
            text=label[:60],
            callback_data=RegCb(action="school", value=str(match.candidate.school_id)),
        )
    builder.button(text=t("reg-browse"), callback_data=RegCb(action="list"))
    builder.button(text=t("nav-back"), callback_data=RegCb(action="again"))
    builder.adjust(1)
    await message.answer(t("reg-found", query=query), reply_markup=builder.as_markup())


async def browse_regions(
    callback: CallbackQuery, t: Texts, session: AsyncSession, settings: Settings, state: FSMContext
) -> None:
    regions = await Places(session).regions_with_schools()
    builder = InlineKeyboardBuilder()
    for region in regions:
        name = region.name if t.language == "ru" else region.name_en
        builder.button(text=name, callback_data=RegCb(action="region", value=region.code))
    builder.button(text=t("nav-back"), callback_data=RegCb(action="again"))
    builder.adjust(2)
    await pages.forget(state)
    await show(callback, t("reg-choose-region"), builder.as_markup())


async def browse_municipalities(
    callback: CallbackQuery,
    callback_data: RegCb,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await _municipality_page(callback, t, session, state, callback_data.value[:8], 0)


async def municipality_page(
    callback: CallbackQuery,
    callback_data: PageCb,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await _municipality_page(callback, t, session, state, callback_data.key, callback_data.page)


async def _municipality_page(
    callback: CallbackQuery,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
    region_code: str,
    page: int,
) -> None:
    listing = await _municipalities(t, session, region_code)
    await pages.remember(state, listing)
    text = pages.page_text(t, t("reg-choose-municipality"), listing, page)
    await show(callback, text, pages.page_markup(t, listing, page))


async def municipality_typed(
    message: Message, t: Texts, session: AsyncSession, picking: pages.Picking
) -> None:
    listing = await _municipalities(t, session, picking.key)
    text, markup = pages.matches_reply(t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


async def _municipalities(t: Texts, session: AsyncSession, region_code: str) -> pages.Listing:
    names = await Places(session).municipality_names(region_code)
    return pages.Listing(
        Picker.REG_MUNICIPALITY,
        pages.sorted_items(names),
        lambda i: RegCb(action="mun", value=str(i)),
        key=region_code,
        tail=[(t.label("nav-back"), RegCb(action="list"))],
    )


async def browse_schools(
    callback: CallbackQuery,
    callback_data: RegCb,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    if not callback_data.value.isdigit():
        await show(callback, t("error-stale-button"), _roles(t))
        return
    await _school_page(callback, t, session, state, int(callback_data.value), 0)


async def school_page(
    callback: CallbackQuery,
    callback_data: PageCb,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await _school_page(callback, t, session, state, callback_data.ref, callback_data.page)


async def _school_page(
    callback: CallbackQuery,
    t: Texts,
    session: AsyncSession,
    state: FSMContext,
    municipality_id: int,
    page: int,
) -> None:
    places = Places(session)
    municipality = await places.municipality(municipality_id)
    if municipality is None:
        await show(callback, t("error-stale-button"), _roles(t))
        return
    listing = pages.Listing(
        Picker.REG_SCHOOL,
        pages.sorted_items(await places.school_names_in(municipality.id)),
        lambda i: RegCb(action="school", value=str(i)),
        ref=municipality.id,
        tail=[(t.label("nav-back"), RegCb(action="region", value=municipality.region_code))],
    )
    await pages.forget(state)  # typed text finds schools again
    title = t("reg-choose-school", municipality=municipality.name)
    await show(
        callback, pages.page_text(t, title, listing, page), pages.page_markup(t, listing, page)
    )


async def school_chosen(
    callback: CallbackQuery,
    callback_data: RegCb,
    t: Texts,
    session: AsyncSession,
    settings: Settings,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    role = data.get("role")
    place = await Places(session).school_place(int(callback_data.value))
    if role is None or place is None:
        await show(callback, t("reg-who-are-you"), _roles(t))
        return
    school, municipality, region = place
    await state.update_data(school_id=school.id)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("reg-send"), callback_data=RegCb(action="send"))
    builder.button(text=t("reg-other-school"), callback_data=RegCb(action="role", value=role))
    builder.adjust(1)
    await show(
        callback,
        t(
            "reg-confirm",
            role=t(ROLE_KEYS[Role(role)]),
            place=", ".join((school.name, municipality.name, region.name)),
        ),
        builder.as_markup(),
    )


async def start_over(callback: CallbackQuery, t: Texts, state: FSMContext) -> None:
    await state.clear()
    await show(callback, t("reg-who-are-you"), _roles(t))


# --- the request and the decision ---------------------------------------------------------


async def send_request(
    callback: CallbackQuery,
    bot: Bot,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    if "role" not in data or "school_id" not in data:
        await show(callback, t("reg-who-are-you"), _roles(t))
        return
    asked = await Registration(session, settings.admin_ids, clock).send(
        user.id, Role(data["role"]), int(data["school_id"])
    )
    await state.clear()
    if asked.outcome is Outcome.SENT and asked.card:
        await _tell_coordinators(bot, catalog, session, asked.coordinators, asked.card)
    key = {
        Outcome.SENT: "reg-request-sent",
        Outcome.ALREADY_PENDING: "reg-request-pending",
        Outcome.ALREADY_GRANTED: "reg-request-granted",
    }.get(asked.outcome, "reg-request-failed")
    await show(callback, t(key), main_menu(t))


async def _tell_coordinators(
    bot: Bot,
    catalog: Catalog,
    session: AsyncSession,
    coordinators: Sequence[int],
    card: RequestCard,
) -> None:
    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup]:
        return request_text(t, card), decision_keyboard(t, card.request_id)

    await tell_each(bot, catalog, session, coordinators, render)


def request_text(t: Texts, card: RequestCard) -> str:
    """A join request as its coordinator reads it (in the notice and in /requests alike)."""
    requester, school = card.requester, card.school
    return t(
        "reg-new-request",
        name=display_name(requester) if requester else str(card.user_id),
        username=f"@{requester.username}" if requester and requester.username else "—",
        role=t(ROLE_KEYS[Role(card.role)]),
        school=f"{school.name} ({school.code})" if school else "—",
    )


def decision_keyboard(t: Texts, request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("reg-approve"), callback_data=ReqCb(action="approve", request_id=request_id)
    )
    builder.button(
        text=t("reg-decline"), callback_data=ReqCb(action="decline", request_id=request_id)
    )
    builder.adjust(2)
    return builder.as_markup()


class Declining(StatesGroup):
    reason = State()


async def decide(
    callback: CallbackQuery,
    callback_data: ReqCb,
    callback_answer: CallbackAnswer,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    if callback_data.action == "decline":  # the reason first, then the decision
        await _ask_reason(
            callback, callback_data, callback_answer, t, actor, session, settings, clock
        )
        await state.set_state(Declining.reason)
        await state.set_data({"request": callback_data.request_id})
        return
    approve = callback_data.action == "approve"
    await _settle(
        callback,
        callback_answer,
        callback_data.request_id,
        approve,
        None,
        bot,
        t,
        actor,
        session,
        settings,
        clock,
        catalog,
    )


async def _ask_reason(
    callback: CallbackQuery,
    callback_data: ReqCb,
    callback_answer: CallbackAnswer,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    registration = Registration(session, settings.admin_ids, clock)
    if not await registration.may_decide(actor, callback_data.request_id):
        callback_answer.text = t("reg-not-yours")
        callback_answer.show_alert = True
        return
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("reg-decline-bare"),
        callback_data=ReqCb(action="decline_bare", request_id=callback_data.request_id),
    )
    if isinstance(callback.message, Message):
        await callback.message.answer(t("reg-decline-ask"), reply_markup=builder.as_markup())


async def reason_given(
    message: Message,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
    state: FSMContext,
) -> None:
    reason = (message.text or "").strip()
    if len(reason) > limits.RETURN_COMMENT:
        await message.answer(t("reg-decline-too-long", limit=limits.RETURN_COMMENT))
        return  # still waiting for the reason
    request_id = int((await state.get_data()).get("request", 0))
    await state.clear()
    await _settle(
        message,
        None,
        request_id,
        False,
        reason or None,
        bot,
        t,
        actor,
        session,
        settings,
        clock,
        catalog,
    )


async def _settle(
    event: Message | CallbackQuery,
    callback_answer: CallbackAnswer | None,
    request_id: int,
    approve: bool,
    reason: str | None,
    bot: Bot,
    t: Texts,
    actor: Actor,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    catalog: Catalog,
) -> None:
    decided = await Registration(session, settings.admin_ids, clock).settle(
        actor, request_id, approve, reason
    )
    if decided.outcome in (Outcome.FORBIDDEN, Outcome.NOT_FOUND):
        await _say(event, callback_answer, t("reg-not-yours"))
        return
    request, school = decided.request, decided.school
    if request is None or school is None:
        return
    if decided.outcome is Outcome.ALREADY_DECIDED:
        await _say(event, callback_answer, t("reg-already-decided"))
        return
    approved = decided.outcome is Outcome.APPROVED
    requester = decided.requester
    name = display_name(requester) if requester else str(request.user_id)
    verdict = t(
        "reg-approved-by-you" if approved else "reg-declined-by-you", name=name, school=school.name
    )
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        await event.message.edit_text(verdict)
    else:
        await show(event, verdict, main_menu(t))
    await _tell_requester(bot, catalog, decided, approved)


async def _say(event: Message | CallbackQuery, answer: CallbackAnswer | None, text: str) -> None:
    if answer is not None:
        answer.text = text
        answer.show_alert = True
    elif isinstance(event, Message):
        await event.answer(text)


async def _tell_requester(bot: Bot, catalog: Catalog, decided: Settled, approved: bool) -> None:
    request, requester, place = decided.request, decided.requester, decided.place
    assert request is not None
    asker = catalog.bind(requester.language if requester else None)
    where = ", ".join(place) if place else "—"
    role = asker(ROLE_KEYS[Role(request.role)])
    if approved:
        text = asker("reg-you-approved", school=place[0] if place else "—")
    elif request.reason:
        text = asker("reg-you-declined-reason", role=role, place=where, reason=request.reason)
    else:
        text = asker("reg-you-declined-role", role=role, place=where)
    try:
        await bot.send_message(request.user_id, text, reply_markup=main_menu(asker))
    except TelegramAPIError as error:
        log.warning("request %s: requester not told: %s", request.id, error)


async def requests_command(
    message: Message,
    t: Texts,
    user: Person,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    """A coordinator's queue of open requests (only their scope's)."""
    actor = await Directory(session, settings.admin_ids).actor(user.id)
    cards = await Registration(session, settings.admin_ids, clock).queue(actor, shown=20)
    if cards is None:
        await message.answer(t("reg-coordinators-only"), reply_markup=main_menu(t))
        return
    if not cards:
        await message.answer(t("reg-no-requests"), reply_markup=main_menu(t))
        return
    for card in cards:
        await message.answer(
            request_text(t, card), reply_markup=decision_keyboard(t, card.request_id)
        )


def create_router() -> Router:
    router = Router(name="registration")
    router.message.register(start, CommandStart())
    router.message.register(requests_command, Command("requests"))
    typed = (StateFilter(Onboarding.searching), F.text, ~F.text.startswith("/"))
    router.message.register(
        municipality_typed, *typed, pages.PickingFilter(Picker.REG_MUNICIPALITY)
    )
    router.message.register(school_query, *typed)
    router.callback_query.register(role_chosen, RegCb.filter(F.action == "role"))
    router.callback_query.register(browse_regions, RegCb.filter(F.action == "list"))
    router.callback_query.register(browse_municipalities, RegCb.filter(F.action == "region"))
    router.callback_query.register(browse_schools, RegCb.filter(F.action == "mun"))
    router.callback_query.register(school_chosen, RegCb.filter(F.action == "school"))
    router.callback_query.register(
        municipality_page, PageCb.filter(F.picker == Picker.REG_MUNICIPALITY)
    )
    router.callback_query.register(school_page, PageCb.filter(F.picker == Picker.REG_SCHOOL))
    router.callback_query.register(send_request, RegCb.filter(F.action == "send"))
    router.callback_query.register(start_over, RegCb.filter(F.action == "again"))
    router.callback_query.register(cancel_request, RegCb.filter(F.action == "cancel"))
    router.callback_query.register(decide, ReqCb.filter())
    router.message.register(
        reason_given, StateFilter(Declining.reason), F.text, ~F.text.startswith("/")
    )
    return router
