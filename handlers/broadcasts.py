"""/broadcast: a coordinator writes an announcement (formatted text, optionally a photo or a
document), picks the audience in their scope with buttons, sees a preview with the number of
recipients, and sends it now or at a set time. The card that follows shows the progress live
(scheduler.broadcasts updates it) and can stop the sending; it ends as the delivery report."""

from __future__ import annotations

import csv
import html
import io
import logging
import re
from collections.abc import Sequence
from datetime import datetime
from typing import BinaryIO

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.keyboard import InlineKeyboardBuilder

from core.i18n import Html, Texts
from gateway.channel import channel_chat
from handlers.context import Context
from handlers.routing import Handler, inline, on_buttons, on_typed
from handlers.screens import menu_for, show, stale
from services import timefmt
from services.broadcasts import (
    Announce,
    Audience,
    Draft,
    launch,
    may_narrow,
    may_post_to_channel,
    municipality_choices,
    preview,
    readers,
    remember_card,
    scheduled_by,
    stop,
    too_long,
)
from services.calendar_io import calendar_for
from services.delivery import Buttons
from services.file_store import FileStore
from services.permissions import Action, Actor, ForbiddenError, Role
from services.submissions import reporting_steps
from ui import pages
from ui.broadcasts import report_text, stop_keyboard
from ui.callbacks import BcCb, PageCb, Picker, SubCb
from ui.keyboards import Choice, back_to_menu, main_menu, menu_column, plain
from ui.safe_html import safe_html

log = logging.getLogger(__name__)
HEADER_ROOM = 120  # the "announcement from …" line added above the author's text
ROLE_KEYS = {
    "schools": "bc-role-schools",
    "curators": "bc-role-curators",
    "coordinators": "bc-role-coordinators",
    "all": "bc-role-all",
}
WHO_KEYS = {
    "schools": "bc-who-schools",
    "curators": "bc-who-curators",
    "coordinators": "bc-who-coordinators",
    "all": "bc-who-all",
}
SHOWN_NAMES = 10  # recipients named in the preview; the rest are in the file


class Composing(StatesGroup):
    message = State()
    audience = State()
    when = State()


async def broadcast_command(
    message: Message, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    t = ctx.t
    if not actor.is_coordinator():
        await message.answer(t("bc-coordinators-only"), reply_markup=await menu_for(ctx))
        return
    await state.set_state(Composing.message)
    await state.set_data({})
    waiting = await scheduled_by(ctx.session, actor)
    builder = InlineKeyboardBuilder()
    if waiting:
        builder.button(
            text=t("bc-scheduled-button", count=len(waiting)),
            callback_data=BcCb(action="scheduled"),
        )
    builder.button(text=t("bc-cancel"), callback_data=BcCb(action="cancel"))
    builder.adjust(1)
    prompt = await message.answer(t("bc-write"), reply_markup=builder.as_markup())
    await state.update_data(prompt=prompt.message_id)


async def scheduled_button(
    callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """The author's own scheduled broadcasts, each with its time and a way to cancel it."""
    t = ctx.t
    await _not_the_prompt(callback, state)  # the prompt becomes this list: its buttons stay
    waiting = await scheduled_by(ctx.session, actor)
    zone = await ctx.zone()
    lines = [t("bc-scheduled-title")] if waiting else [t("bc-scheduled-none")]
    choices: list[Choice] = []
    for broadcast in waiting[:SHOWN_NAMES]:
        lines.append(
            t(
                "bc-scheduled-line",
                number=broadcast.id,
                when=timefmt.when(broadcast.send_at, zone, t.language),
                count=broadcast.recipients,
                text=_preview_of(broadcast.text),
            )
        )
        stop_it = BcCb(action="stop", value=str(broadcast.id))
        choices.append((t("bc-scheduled-cancel", number=broadcast.id), stop_it))
    await show(callback, "\n".join(lines), menu_column(t, choices))


def _preview_of(html_text: str, length: int = 60) -> str:
    """The announcement's first words as plain text."""
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", html_text)).split())
    return plain if len(plain) <= length else plain[: length - 1] + "…"


async def message_received(message: Message, ctx: Context, actor: Actor, state: FSMContext) -> None:
    t = ctx.t
    media_kind, file_id = _media(message)
    body = safe_html(message) if (message.text or message.caption) else ""
    visible = len(message.text or message.caption or "") + HEADER_ROOM
    limit = too_long(visible, media_kind is not None)
    if media_kind is None and not message.text:
        await message.answer(t("bc-unsupported"), reply_markup=_cancel(t))
        return
    if limit is not None:
        await message.answer(t("bc-too-long", limit=limit - HEADER_ROOM), reply_markup=_cancel(t))
        return  # still composing: the next message replaces nothing
    copy = await _keep_copy(ctx, file_id) if file_id else None
    prompt = (await state.get_data()).get("prompt")
    await state.set_state(Composing.audience)
    await state.set_data(
        {"text": body, "media_kind": media_kind, "file_id": file_id, "media_sha256": copy}
    )
    await message.answer(t("bc-choose-role"), reply_markup=_roles(t, actor))
    if prompt:  # its Cancel would outlive the composition; the next screens have their own
        await _drop_buttons(ctx.bot, message.chat.id, int(prompt))


async def _drop_buttons(bot: Bot, chat_id: int, message_id: int) -> None:
    try:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)
    except TelegramAPIError as error:  # deleted by the person, or too old
        log.info("the broadcast prompt %s kept its buttons: %s", message_id, error)


async def _not_the_prompt(callback: CallbackQuery, state: FSMContext) -> None:
    """The prompt `callback` was pressed on turns into another screen: its buttons are that
    screen's now, not the prompt's to drop."""
    data = await state.get_data()
    if callback.message is not None and data.get("prompt") == callback.message.message_id:
        await state.update_data(prompt=None)


async def _keep_copy(ctx: Context, file_id: str) -> str | None:
    """The bot's own copy of the photo or document: a scheduled broadcast may go out after
    Telegram (or a local Bot API server) no longer knows the file_id."""

    async def download(file_id: str, destination: BinaryIO) -> None:
        await ctx.bot.download(file_id, destination=destination)

    try:
        return (await FileStore(ctx.settings.files_dir).fetch(file_id, download)).sha256
    except (TelegramAPIError, OSError) as error:
        log.warning("broadcast file not kept (%s): it is sent by its id only", error)
        return None


def _media(message: Message) -> tuple[str | None, str | None]:
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.document:
        return "document", message.document.file_id
    return None, None


def _roles(t: Texts, actor: Actor) -> InlineKeyboardMarkup:
    """Whom to tell; coordinators only for those above them (a municipal coordinator's own
    municipality has no other coordinators to tell)."""
    above = actor.is_admin or Role.REGIONAL in actor.roles()
    builder = InlineKeyboardBuilder()
    for role, key in ROLE_KEYS.items():
        if role == "coordinators" and not above:
            continue
        builder.button(text=t(key), callback_data=BcCb(action="role", value=role))
    builder.button(text=t("bc-cancel"), callback_data=BcCb(action="cancel"))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


def _cancel(t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("bc-cancel"), callback_data=BcCb(action="cancel"))
    return builder.as_markup()


async def role_chosen(
    callback: CallbackQuery, callback_data: BcCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    t = ctx.t
    if callback_data.value not in ROLE_KEYS:
        await show(callback, t("error-stale-button"), back_to_menu(t))
        return
    await state.update_data(role=callback_data.value, municipality=None, step=None)
    names = await municipality_choices(ctx.session, actor)
    if names is not None:  # a regional coordinator may narrow to one municipality
        await _place_page(callback, t, state, names, 0)
        return
    await _after_place(callback, ctx, actor, state)


async def place_page(
    callback: CallbackQuery, callback_data: PageCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    t = ctx.t
    names = await municipality_choices(ctx.session, actor)
    if names is None:
        await show(callback, t("bc-not-yours"), back_to_menu(t))
        return
    await _place_page(callback, t, state, names, callback_data.page)


async def _place_page(
    callback: CallbackQuery,
    t: Texts,
    state: FSMContext,
    names: Sequence[tuple[int, str]],
    page: int,
) -> None:
    listing = _places(t, names)
    await pages.remember(state, listing)
    text = pages.page_text(t, t("bc-choose-place"), listing, page)
    await show(callback, text, pages.page_markup(t, listing, page))


async def place_typed(message: Message, ctx: Context, actor: Actor) -> None:
    t = ctx.t
    names = await municipality_choices(ctx.session, actor)
    if names is None:
        await message.answer(t("bc-not-yours"), reply_markup=back_to_menu(t))
        return
    listing = _places(t, names)
    text, markup = pages.matches_reply(t, listing, message.text or "")
    await message.answer(text, reply_markup=markup)


def _places(t: Texts, names: Sequence[tuple[int, str]]) -> pages.Listing:
    return pages.Listing(
        Picker.BC_MUNICIPALITY,
        pages.sorted_items(names),
        lambda i: BcCb(action="mun", value=str(i)),
        head=[(t.label("bc-whole-region"), BcCb(action="mun", value="0"))],
        tail=[(t.label("bc-cancel"), BcCb(action="cancel"))],
    )


async def place_chosen(
    callback: CallbackQuery, callback_data: BcCb, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    municipality_id = int(callback_data.value) or None
    if not await may_narrow(ctx.session, actor, municipality_id):
        await show(callback, ctx.t("bc-not-yours"), back_to_menu(ctx.t))
        return
    await state.update_data(municipality=municipality_id)
    await pages.forget(state)
    await _after_place(callback, ctx, actor, state)


async def _after_place(
    callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """Schools and curators can be narrowed to those that have not confirmed a step."""
    t = ctx.t
    data = await state.get_data()
    if data.get("role") == "coordinators":
        await _preview(callback, ctx, actor, state)
        return
    season = await calendar_for(ctx.session, None)
    builder = InlineKeyboardBuilder()
    builder.button(text=t("bc-everyone"), callback_data=BcCb(action="step", value=""))
    for step in reporting_steps(season):
        builder.button(
            text=t("bc-not-confirmed", number=step.number),
            callback_data=BcCb(action="step", value=step.key),
        )
    builder.button(text=t("bc-cancel"), callback_data=BcCb(action="cancel"))
    builder.adjust(1)
    await show(callback, t("bc-choose-filter"), builder.as_markup())


async def filter_chosen(
    callback: CallbackQuery,
    callback_data: BcCb,
    callback_answer: CallbackAnswer,
    ctx: Context,
    actor: Actor,
    state: FSMContext,
) -> None:
    step = callback_data.value or None
    if step is not None and (await calendar_for(ctx.session, None)).step(step) is None:
        callback_answer.text = ctx.t("error-stale-button")
        callback_answer.show_alert = True
        return  # a step no season has: the composition stays as it was
    await state.update_data(step=step)
    await _preview(callback, ctx, actor, state)


async def channel_toggled(
    callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    if not may_post_to_channel(actor):
        await show(callback, ctx.t("bc-channel-not-yours"), back_to_menu(ctx.t))
        return
    data = await state.get_data()
    await state.update_data(channel=not data.get("channel", False))
    await _preview(callback, ctx, actor, state)


def _audience(data: dict[str, object]) -> Audience:
    return Audience(
        str(data["role"]),
        int(str(data["municipality"])) if data.get("municipality") else None,
        str(data["step"]) if data.get("step") else None,
    )


async def _preview(callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext) -> None:
    t = ctx.t
    data = await state.get_data()
    audience = _audience(data)
    try:
        previewed = await preview(ctx.session, actor, audience)
    except ForbiddenError:
        await show(callback, t("bc-not-yours"), back_to_menu(t))
        return
    found, names = previewed.recipients, previewed.names
    lines = [t("bc-preview-title"), await _describe(ctx, audience, previewed.place)]
    lines.append(
        t(
            "bc-preview-counts",
            total=found.total,
            reachable=len(found.reachable),
            never_started=found.never_started,
            blocked=found.blocked,
        )
    )
    if names:
        shown = ", ".join(names[:SHOWN_NAMES])
        more = len(names) - SHOWN_NAMES
        key = "bc-recipients-more" if more > 0 else "bc-recipients-some"
        lines.append(t(key, names=shown, count=max(more, 0)))
    lines.append(t("bc-preview-text", text=Html(str(data.get("text") or ""))))
    builder = InlineKeyboardBuilder()
    if found.reachable:
        builder.button(text=t("bc-send-now"), callback_data=BcCb(action="now"))
        builder.button(text=t("bc-send-later"), callback_data=BcCb(action="later"))
    if len(names) > SHOWN_NAMES:
        builder.button(text=t("bc-recipients-file"), callback_data=BcCb(action="list"))
    if ctx.settings.channel_id and may_post_to_channel(actor):
        key = "bc-channel-on" if data.get("channel") else "bc-channel-off"
        builder.button(text=t(key), callback_data=BcCb(action="channel"))
    builder.button(text=t("bc-change-audience"), callback_data=BcCb(action="again"))
    builder.button(text=t("bc-cancel"), callback_data=BcCb(action="cancel"))
    builder.adjust(2, 1, 1, 1)
    await show(callback, "\n\n".join(lines), builder.as_markup())


async def _describe(ctx: Context, audience: Audience, place: str | None) -> str:
    """The audience as a sentence a coordinator would say: "To: the schools' curators in the
    municipality «…», who have not yet confirmed step 3 «…»."."""
    t = ctx.t
    where = t("bc-where-scope")
    if audience.municipality_id is not None and place is not None:
        where = t("bc-where-place", place=place)
    condition = ""
    if audience.step_key:
        step = (await calendar_for(ctx.session, None)).step(audience.step_key)
        condition = t(
            "bc-condition-step",
            number=step.number if step else audience.step_key,
            title=step.text("title", t.language) if step else "",
        )
    return t("bc-audience", who=t(WHO_KEYS[audience.role]), where=where, condition=condition)


async def list_button(
    callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext
) -> None:
    """Everyone the announcement would reach, as a CSV file (name, username, school)."""
    t = ctx.t
    data = await state.get_data()
    try:
        people = await readers(ctx.session, actor, _audience(data))
    except ForbiddenError:
        await show(callback, t("bc-not-yours"), back_to_menu(t))
        return
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([t("bc-csv-name"), t("bc-csv-username")])
    for person in people:
        writer.writerow([person.name, f"@{person.username}" if person.username else ""])
    await ctx.bot.send_document(
        callback.from_user.id,
        BufferedInputFile(out.getvalue().encode("utf-8-sig"), filename="recipients.csv"),
        caption=t("bc-recipients-caption", count=len(people)),
    )


async def again_button(callback: CallbackQuery, ctx: Context, actor: Actor) -> None:
    await show(callback, ctx.t("bc-choose-role"), _roles(ctx.t, actor))


# --- sending ---------------------------------------------------------------------------------


async def send_now(callback: CallbackQuery, ctx: Context, actor: Actor, state: FSMContext) -> None:
    await _launch(callback, ctx, actor, state, ctx.clock.now(), "sending")


async def send_later(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    await state.set_state(Composing.when)
    await show(callback, ctx.t("bc-ask-time"), _cancel(ctx.t))


async def time_received(message: Message, ctx: Context, actor: Actor, state: FSMContext) -> None:
    zone = await ctx.zone()
    now = ctx.clock.now()
    when = timefmt.parse_local(message.text or "", now, zone)
    if when is None or when <= now:
        await message.answer(ctx.t("bc-bad-time"), reply_markup=_cancel(ctx.t))
        return  # still waiting for a time
    await _launch(message, ctx, actor, state, when, "scheduled")


async def _launch(
    event: Message | CallbackQuery,
    ctx: Context,
    actor: Actor,
    state: FSMContext,
    send_at: datetime,
    status: str,
) -> None:
    t, session = ctx.t, ctx.session
    data = await state.get_data()
    if "role" not in data:
        await state.clear()
        await stale(event, t)
        return
    draft = Draft(
        text=str(data.get("text") or ""),
        media_kind=data.get("media_kind"),
        file_id=data.get("file_id"),
        media_sha256=data.get("media_sha256"),
        audience=_audience(data),
        to_channel=bool(data.get("channel")),
    )

    async def channel() -> int | None:
        return await channel_chat(ctx.bot, ctx.settings.channel_id)

    try:
        launched = await launch(
            session, ctx.catalog, actor, draft, send_at, status, _announcement(draft.text), channel
        )
    except ForbiddenError as refused:
        await state.clear()
        key = "bc-channel-not-yours" if refused.action is Action.POST_TO_CHANNEL else "bc-not-yours"
        await show(event, t(key), back_to_menu(t))
        return
    await state.clear()
    zone = await ctx.zone()
    count = launched.messages
    text = (
        t("bc-scheduled", when=timefmt.when(send_at, zone, t.language), count=count)
        if status == "scheduled"
        else t("bc-started", count=count)
    )
    chat_id, message_id = await _show_card(
        event, ctx.bot, text, stop_keyboard(t, launched.broadcast_id, status)
    )
    await remember_card(session, launched.broadcast_id, chat_id, message_id)


async def _show_card(
    event: Message | CallbackQuery, bot: Bot, text: str, markup: InlineKeyboardMarkup
) -> tuple[int, int]:
    if isinstance(event, CallbackQuery) and isinstance(event.message, Message):
        await event.message.edit_text(text, reply_markup=markup)
        return event.message.chat.id, event.message.message_id
    chat_id = event.chat.id if isinstance(event, Message) else event.from_user.id
    sent = await bot.send_message(chat_id, text, reply_markup=markup)
    return sent.chat.id, sent.message_id


def _announcement(html_text: str) -> Announce:
    """The announcement as one reader gets it; to those who have not confirmed a step, with
    a button to send the confirmation."""

    def render(t: Texts, author: str, step_key: str | None) -> tuple[str, Buttons]:
        text = t("bc-header", author=author, text=Html(html_text))
        markup = None
        if step_key:
            builder = InlineKeyboardBuilder()
            builder.button(
                text=t("submit-send-button-short"),
                callback_data=SubCb(action="pick", step=step_key),
            )
            markup = builder.as_markup()
        return text, plain(markup)

    return render


async def stop_button(
    callback: CallbackQuery, callback_data: BcCb, ctx: Context, actor: Actor
) -> None:
    t = ctx.t
    try:
        stopped = await stop(ctx.session, actor, int(callback_data.value), ctx.clock.now())
    except ForbiddenError:
        await show(callback, t("bc-not-yours"), back_to_menu(t))
        return
    text = report_text(t, stopped.broadcast, stopped.report)
    if stopped.broadcast.status == "done":  # it had all gone out: say so, with the counts
        text = t("bc-stop-already-sent") + "\n\n" + text
    await show(callback, text, main_menu(t))


async def cancel_button(callback: CallbackQuery, ctx: Context, state: FSMContext) -> None:
    """Ends the composition; pressed on a composer's screen after it ended (the announcement
    sent, or another conversation begun), it says there is nothing to cancel and leaves the
    conversation as it is."""
    t = ctx.t
    if await state.get_state() not in Composing.__all_states_names__:
        await show(callback, t("bc-nothing-to-cancel"), main_menu(t))
        return
    await state.clear()
    await show(callback, t("bc-cancelled"), main_menu(t))


def create_router() -> Router:
    router = Router(name="broadcasts")
    router.message.register(broadcast_command, Command("broadcast"))
    router.message.register(
        message_received, StateFilter(Composing.message), inline(~F.text.startswith("/"))
    )
    on_typed(router, time_received, Composing.when)
    # The composer's buttons act only while an announcement is being composed; pressed at any
    # other time (an old message, a forged button) they fall through to "this button is stale".
    composing = StateFilter(Composing.audience)
    composer: dict[str, Handler] = {
        "role": role_chosen,
        "mun": place_chosen,
        "step": filter_chosen,
        "channel": channel_toggled,
        "again": again_button,
        "now": send_now,
        "later": send_later,
        "list": list_button,
    }
    on_buttons(router, BcCb, composer, composing)
    router.callback_query.register(
        place_page, composing, PageCb.filter(F.picker == Picker.BC_MUNICIPALITY)
    )
    on_typed(router, place_typed, composing, pages.PickingFilter(Picker.BC_MUNICIPALITY))
    anytime: dict[str, Handler] = {
        "stop": stop_button,
        "scheduled": scheduled_button,
        "cancel": cancel_button,
    }
    on_buttons(router, BcCb, anytime)
    return router
