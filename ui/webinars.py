"""How a webinar reads: its series' name and its lines (the list, the editor, announcements)."""

from __future__ import annotations

from html import escape

from core.i18n import Html, Texts
from services.webinars import Occurrence, series_catalog


def series_name(t: Texts, occurrence: Occurrence) -> str:
    """The federal series' title, or "regional webinar" for a region's own."""
    if occurrence.region is not None:
        return t("webinars-regional-title")
    known = {one.key: one for one in series_catalog()}
    found = known.get(occurrence.series_key)
    return found.title_in(t.language) if found else occurrence.series_key


def describe_occurrence(t: Texts, occurrence: Occurrence, when: str, series_name: str) -> str:
    parts = [t("webinars-item", when=when, series=series_name)]
    if occurrence.cancelled:
        parts.append(t("webinars-cancelled"))
    if occurrence.note:
        parts.append(t("webinars-note", note=occurrence.note))
    if occurrence.topic:
        parts.append(t("webinars-topic", topic=occurrence.topic))
    if occurrence.speakers:
        parts.append(t("webinars-speakers", speakers=occurrence.speakers))
    if occurrence.join_url and not occurrence.cancelled:
        parts.append(t("webinars-join", link=Html(_link(occurrence.join_url))))
    if occurrence.recording_url:
        parts.append(t("webinars-recording", link=Html(_link(occurrence.recording_url))))
    return "\n".join(parts)


def _link(url: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
