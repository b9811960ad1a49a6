"""What a marathon looks like in the chat: its icon, its days and description, its programme,
and the notice that it opened (handlers.marathons)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from core.i18n import Texts
from services import timefmt
from services.delivery import Buttons
from services.fanout import Render
from services.marathons import TalkLine
from storage.models import Marathon, MarathonTalk
from ui.callbacks import MarCb, MenuCb
from ui.keyboards import plain


def icon(marathon: Marathon) -> str:
    return "🎙" if marathon.kind == "podcast" else "🏃"


def talk_when(talk: MarathonTalk, zone: ZoneInfo, t: Texts) -> str:
    return timefmt.when(talk.starts_at, zone, t.language) if talk.starts_at else "—"


def programme_lines(t: Texts, programme: list[TalkLine], zone: ZoneInfo) -> list[str]:
    if not programme:
        return [t("mar-programme-empty")]
    lines = [t("mar-programme")]
    for line in programme:
        lines.append(talk_text(t, "mar-talk-line", line, zone))
        if line.talk.join_url:
            lines.append(t("mar-talk-link", url=line.talk.join_url))
    return lines


def talk_text(t: Texts, key: str, line: TalkLine, zone: ZoneInfo) -> str:
    """A scheduled talk in the words of `key`: its time, topic, speaker and school."""
    talk = line.talk
    return t(
        key,
        when=talk_when(talk, zone, t),
        topic=talk.topic,
        speaker=talk.speaker,
        school=line.school or "—",
    )


def about_lines(t: Texts, marathon: Marathon, zone: ZoneInfo) -> list[str]:
    """The days, the proposal deadline and the description (older marathons have none)."""
    lines = []
    if marathon.starts_on and marathon.ends_on:
        lines.append(
            t(
                "mar-days",
                start=timefmt.day(marathon.starts_on, t.language),
                end=timefmt.day(marathon.ends_on, t.language),
            )
        )
    if marathon.proposals_until:
        last = (marathon.proposals_until.astimezone(zone) - timedelta(seconds=1)).date()
        lines.append(t("mar-deadline", day=timefmt.day(last, t.language)))
    if marathon.description:
        lines.append(t("mar-about", text=marathon.description))
    return lines


def opened_notice(zone: ZoneInfo) -> Callable[[Marathon], Render]:
    """The notice that a marathon opened, with the Propose button (dates in the author's zone,
    the one the deadline was typed in)."""

    def for_marathon(marathon: Marathon) -> Render:
        def render(t: Texts) -> tuple[str, Buttons]:
            lines = [t("mar-opened", icon=icon(marathon), title=marathon.title)]
            lines += about_lines(t, marathon, zone)
            propose = MarCb(action="propose", marathon=marathon.id).pack()
            home = MenuCb(item="home").pack()
            markup = InlineKeyboardMarkup(
                inline_keyboard=[
                    [InlineKeyboardButton(text=t("mar-propose"), callback_data=propose)],
                    [InlineKeyboardButton(text=t("nav-back-to-menu"), callback_data=home)],
                ]
            )
            return "\n".join(lines), plain(markup)

        return render

    return for_marathon
