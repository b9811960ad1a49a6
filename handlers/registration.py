"""Onboarding: a new person says who they are, finds their school and asks to join; the school's
coordinator approves or declines with one tap. `/start <token>` redeems an invite instead."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Texts
from handlers.context import Context
from handlers.notify import tell_each
from handlers.routing import on_buttons, on_typed
from handlers.screens import answer_queue, menu_for, show, stale
from services import limits, timefmt
from services.invites import Invites, Redeemed
from services.permissions import Role
from services.person import Person
from services.places import Places
from services.registration import Outcome, Registration, RequestCard, Settled
from services.school_search import MIN_LETTERS, too_short
from ui import pages
from ui.callbacks import PageCb, Picker, RegCb, ReqCb
from ui.keyboards import Choice, keyboard, main_menu, school_matches

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


async def start(message: Message, command: CommandObject, ctx: Context, state: FSMContext) -> None:
    await state.clear()
    t, user = ctx.t, ctx.user
    await _registration(ctx).claim_imported(user.id, user.username)
    if command.args:
        await _redeem(message, command.args.strip(), ctx)
        return
    actor = await ctx.actor()
    greeting = t("start-greeting", name=user.display_name or user.first_name)
    if actor.grants or actor.is_admin:
        await message.answer(greeting, reply_markup=main_menu(t))
        return
    waiting = await waiting_screen(ctx)
    if waiting is not None:
        text, markup = waiting
        await message.answer(greeting + "\n\n" + text, reply_markup=markup)
        return
    await message.answer(greeting + "\n\n" + t("reg-who-are-you"), reply_markup=_roles(t))


def _registration(ctx: Context) -> Registration:
    return Registration(ctx.session, ctx.settings.admin_ids, ctx.clock)


async def waiting_screen(ctx: Context) -> tuple[str, InlineKeyboardMarkup] | None:
    """The person's requests still waiting, with who decides and since when, and a way to
    cancel each; None when nothing waits."""
    if not ctx.requests_may_wait():
        return None
    t = ctx.t
    registration = Registration(ctx.session, (), ctx.clock)
    waiting = await registration.waiting(ctx.user.id)
    if not waiting:
        return None
    zone = await ctx.zone()
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
    builder.attach(InlineKeyboardBuilder.from_markup(main_menu(t, joined=False)))
    return "\n\n".join(lines), builder.as_markup()


async def cancel_request(callback: CallbackQuery, callback_data: RegCb, ctx: Context) -> None:
    t = ctx.t
    if not callback_data.value.isdigit() or not await _registration(ctx).cancel(
        ctx.user.id, int(callback_data.value)
    ):
        await stale(callback, t)
        return
    await show(callback, t("reg-request-cancelled"), await menu_for(ctx))


async def _redeem(message: Message, token: str, ctx: Context) -> None:
    t, user = ctx.t, ctx.user
    redemption = await Invites(ctx.session, ctx.settings.admin_ids, ctx.clock).join(user.id, token)
    if redemption.result is not Redeemed.OK:
        refusal = t(INVITE_REFUSALS[redemption.result])
        await message.answer(refusal, reply_markup=await menu_for(ctx))
        return
    invite = redemption.invite
    assert invite is not None
    views = await ctx.directory().views(user.id)
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
    return main_menu(t, joined=False)


def _place_line(t: Texts, school: str | None, municipality: str | None, region: str) -> str:
    parts = [p for p in (school, municipality, region) if p]
    return t("reg-place-line", place=", ".join(parts))


# --- finding the school -------------------------------------------------------------------


async def role_chosen(
    callback: CallbackQuery, callback_data: RegCb, ctx: Context, state: FSMContext
) -> None:
    if callback_data.value not in (Role.SCHOOL.value, Role.CURATOR.value):
        return
    await state.set_state(Onboarding.searching)
    await state.update_data(role=callback_data.value)
    await pages.forget(state)
    await show(callback, ctx.t("reg-find-school"), _search_keyboard(ctx.t))


def _search_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return keyboard(_browse_or_back(t))


def _browse_or_back(t: Texts) -> list[Choice]:
    return [(t("reg-browse"), RegCb(action="list")), (t("nav-back"), RegCb(action="again"))]


async def school_query(message: Message, ctx: Context) -> None:
    t = ctx.t
    query = (message.text or "").strip()
    found = await Places(ctx.session).find_schools(query)
    if not found:
        # «СШ» alone names every school and so finds none: it is too short, not unknown.
        text = (
            t("search-too-short", query=query, letters=MIN_LETTERS)
            if too_short(query)
            else t("reg-not-found", query=query)
        )
        await message.answer(text, reply_markup=_search_keyboard(t))
        return
    schools = school_matches(found, lambda school: RegCb(action="school", value=str(school)))
    markup = keyboard([*schools, *_browse_or_back(t)])
    await message.answer(t("reg-found", query=query), reply_markup=markup)


async def browse_regions(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    regions = await Places(ctx.session).regions_with_schools()
    builder = InlineKeyboardBuilder()
    for region in regions:
        name = region.name if t.language == "ru" else region.name_en
        builder.button(text=name, callback_data=RegCb(action="region", value=region.code))
    builder.button(text=t("nav-back"), callback_data=RegCb(action="again"))
    builder.adjust(2)
    await pages.forget(state)
    await show(callback, t("reg-choose-region"), builder.as_markup())


async def browse_municipalities(
    callback: CallbackQuery, callback_data: RegCb, ctx: Context, state: FSMContext
) -> None:
    await _municipality_page(callback, ctx, state, callback_data.value[:8], 0)


async def _municipality_page(
    callback: CallbackQuery, ctx: Context, state: FSMContext, region_code: str, page: int
) -> None:
    t = ctx.t
    listing = await _municipalities(ctx, region_code)
    await pages.remember(state, listing)
    text = pages.page_text(t, t("reg-choose-municipality"), listing, page)
    await show(callback, text, pages.page_markup(t, listing, page))


async def municipality_typed(message: Message, ctx: Context, picking: pages.Picking) -> None:
    listing = await _municipalities(ctx, picking.key)
    text, markup = pages.matches_reply(ctx.t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


async def _municipalities(ctx: Context, region_code: str) -> pages.Listing:
    names = await Places(ctx.session).municipality_names(region_code)
    return pages.Listing(
        Picker.REG_MUNICIPALITY,
        pages.sorted_items(names),
        lambda i: RegCb(action="mun", value=str(i)),
        key=region_code,
        tail=[(ctx.t.label("nav-back"), RegCb(action="list"))],
    )


async def browse_schools(
    callback: CallbackQuery, callback_data: RegCb, ctx: Context, state: FSMContext
) -> None:
    if not callback_data.value.isdigit():
        await show(callback, ctx.t("error-stale-button"), _roles(ctx.t))
        return
    await _school_page(callback, ctx, state, int(callback_data.value), 0)


async def page_turned(
    callback: CallbackQuery, callback_data: PageCb, ctx: Context, state: FSMContext
) -> None:
    """Another page of the municipalities or of the schools (the two onboarding pickers)."""
    if callback_data.picker == Picker.REG_MUNICIPALITY:
        await _municipality_page(callback, ctx, state, callback_data.key, callback_data.page)
    else:
        await _school_page(callback, ctx, state, callback_data.ref, callback_data.page)


async def _school_page(
    callback: CallbackQuery, ctx: Context, state: FSMContext, municipality_id: int, page: int
) -> None:
    t = ctx.t
    places = Places(ctx.session)
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
    callback: CallbackQuery, callback_data: RegCb, ctx: Context, state: FSMContext
) -> None:
    t = ctx.t
    data = await state.get_data()
    role = data.get("role")
    place = await Places(ctx.session).school_place(int(callback_data.value))
    if role is None or place is None:
        await show(callback, t("reg-who-are-you"), _roles(t))
        return
    school, municipality, region = place
    await state.update_data(school_id=school.id)
    choices = [
        (t("reg-send"), RegCb(action="send")),
        (t("reg-other-school"), RegCb(action="role", value=role)),
    ]
    await show(
        callback,
        t(
            "reg-confirm",
            role=t(ROLE_KEYS[Role(role)]),
            place=", ".join((school.name, municipality.name, region.name)),
        ),
        keyboard(choices),
    )


async def start_over(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.clear()
    await show(callback, ctx.t("reg-who-are-you"), _roles(ctx.t))


# --- the request and the decision ---------------------------------------------------------


async def send_request(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    if "role" not in data or "school_id" not in data:
        await show(callback, t("reg-who-are-you"), _roles(t))
        return
    asked = await _registration(ctx).send(ctx.user.id, Role(data["role"]), int(data["school_id"]))
    await state.clear()
    if asked.outcome is Outcome.SENT and asked.card:
        await _tell_coordinators(ctx, asked.coordinators, asked.card)
    key = {
        Outcome.SENT: "reg-request-sent",
        Outcome.ALREADY_PENDING: "reg-request-pending",
        Outcome.ALREADY_GRANTED: "reg-request-granted",
    }.get(asked.outcome, "reg-request-failed")
    await show(callback, t(key), await menu_for(ctx))


async def _tell_coordinators(ctx: Context, coordinators: Sequence[int], card: RequestCard) -> None:
    def render(t: Texts) -> tuple[str, InlineKeyboardMarkup]:
        return request_text(t, card), decision_keyboard(t, card.request_id)

    await tell_each(ctx, coordinators, render)


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
    return keyboard(
        [
            (t("reg-approve"), ReqCb(action="approve", request_id=request_id)),
            (t("reg-decline"), ReqCb(action="decline", request_id=request_id)),
        ],
        2,
    )


class Declining(StatesGroup):
    reason = State()


async def decide(
    callback: CallbackQuery,
    callback_data: ReqCb,
    callback_answer: CallbackAnswer,
    ctx: Context,
    state: FSMContext,
) -> None:
    if callback_data.action == "decline":  # the reason first, then the decision
        await _ask_reason(callback, callback_data.request_id, callback_answer, ctx)
        await state.set_state(Declining.reason)
        await state.set_data({"request": callback_data.request_id})
        return
    if await state.get_state() == Declining.reason.state:
        await state.clear()  # no reason is awaited once the request is decided or gone back to
    if callback_data.action == "back":
        await _back_to_request(callback, callback_data.request_id, ctx)
        return
    approve = callback_data.action == "approve"
    await _settle(callback, ctx, callback_data.request_id, approve, answer=callback_answer)


async def _ask_reason(
    callback: CallbackQuery, request_id: int, callback_answer: CallbackAnswer, ctx: Context
) -> None:
    t = ctx.t
    if not await _registration(ctx).may_decide(await ctx.actor(), request_id):
        callback_answer.text = t("reg-not-yours")
        callback_answer.show_alert = True
        return
    bare = keyboard(
        [
            (t("reg-decline-bare"), ReqCb(action="decline_bare", request_id=request_id)),
            (t("nav-back"), ReqCb(action="back", request_id=request_id)),
        ]
    )
    if isinstance(callback.message, Message):
        await callback.message.answer(t("reg-decline-ask"), reply_markup=bare)


async def _back_to_request(callback: CallbackQuery, request_id: int, ctx: Context) -> None:
    """From the reason's prompt back to the request, to approve it after all."""
    t = ctx.t
    card = await _registration(ctx).pending_card(await ctx.actor(), request_id)
    if card is None:
        await stale(callback, t)
        return
    await show(callback, request_text(t, card), decision_keyboard(t, card.request_id))


async def reason_given(message: Message, ctx: Context, state: FSMContext) -> None:
    t = ctx.t
    reason = (message.text or "").strip()
    if len(reason) > limits.RETURN_COMMENT:
        await message.answer(t("reg-decline-too-long", limit=limits.RETURN_COMMENT))
        return  # still waiting for the reason
    request_id = int((await state.get_data()).get("request", 0))
    await state.clear()
    await _settle(message, ctx, request_id, False, reason=reason or None)


async def _settle(
    event: Message | CallbackQuery,
    ctx: Context,
    request_id: int,
    approve: bool,
    reason: str | None = None,
    answer: CallbackAnswer | None = None,
) -> None:
    """Approves or declines; a refusal is an alert on the button (`answer`) or a reply."""
    t = ctx.t
    decided = await _registration(ctx).settle(await ctx.actor(), request_id, approve, reason)
    if decided.outcome in (Outcome.FORBIDDEN, Outcome.NOT_FOUND):
        await _say(event, answer, t("reg-not-yours"))
        return
    request, school = decided.request, decided.school
    if request is None or school is None:
        return
    if decided.outcome is Outcome.ALREADY_DECIDED:
        already = await _already_decided(ctx, decided)
        if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
            await event.message.edit_text(already)  # said where it was pressed; no buttons left
        await _say(event, answer, already)
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
    await _tell_requester(ctx, decided, approved)


ALREADY_KEYS = {
    "approved": "reg-already-approved",
    "declined": "reg-already-declined",
    "cancelled": "reg-already-cancelled",
}


async def _already_decided(ctx: Context, decided: Settled) -> str:
    """What became of a request someone decided first: approved or declined, by whom, when."""
    t, request = ctx.t, decided.request
    assert request is not None
    key = ALREADY_KEYS.get(request.status)
    if key is None or request.decided_at is None:
        return t("reg-already-decided")
    if request.decided_by == ctx.user.id:
        who = t("reg-decided-by-you")
    else:
        who = display_name(decided.decider) if decided.decider else t("reg-decided-by-unknown")
    zone = await ctx.zone()
    return t(key, when=timefmt.when(request.decided_at, zone, t.language), name=who)


async def _say(event: Message | CallbackQuery, answer: CallbackAnswer | None, text: str) -> None:
    if answer is not None:
        answer.text = text
        answer.show_alert = True
    elif isinstance(event, Message):
        await event.answer(text)


async def _tell_requester(ctx: Context, decided: Settled, approved: bool) -> None:
    request, requester, place = decided.request, decided.requester, decided.place
    assert request is not None
    asker = ctx.texts(requester.language if requester else None)
    where = ", ".join(place) if place else "—"
    role = asker(ROLE_KEYS[Role(request.role)])
    if approved:
        text = asker("reg-you-approved", school=place[0] if place else "—")
    elif request.reason:
        text = asker("reg-you-declined-reason", role=role, place=where, reason=request.reason)
    else:
        text = asker("reg-you-declined-role", role=role, place=where)
    try:
        await ctx.bot.send_message(request.user_id, text, reply_markup=main_menu(asker))
    except TelegramAPIError as error:
        log.warning("request %s: requester not told: %s", request.id, error)


async def requests_command(message: Message, ctx: Context) -> None:
    """A coordinator's queue of open requests (only their scope's)."""
    t = ctx.t
    cards = await _registration(ctx).queue(await ctx.actor(), shown=20)

    def shown(card: RequestCard) -> tuple[str, InlineKeyboardMarkup]:
        return request_text(t, card), decision_keyboard(t, card.request_id)

    await answer_queue(message, ctx, cards, "reg-no-requests", shown)


def create_router() -> Router:
    router = Router(name="registration")
    router.message.register(start, CommandStart())
    router.message.register(requests_command, Command("requests"))
    picking = pages.PickingFilter(Picker.REG_MUNICIPALITY)
    on_typed(router, municipality_typed, Onboarding.searching, picking)
    on_typed(router, school_query, Onboarding.searching)
    on_buttons(
        router,
        RegCb,
        {
            "role": role_chosen,
            "list": browse_regions,
            "region": browse_municipalities,
            "mun": browse_schools,
            "school": school_chosen,
            "send": send_request,
            "again": start_over,
            "cancel": cancel_request,
        },
    )
    router.callback_query.register(
        page_turned, PageCb.filter(F.picker.in_({Picker.REG_MUNICIPALITY, Picker.REG_SCHOOL}))
    )
    router.callback_query.register(decide, ReqCb.filter())
    on_typed(router, reason_given, Declining.reason)
    return router
