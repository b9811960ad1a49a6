"""aiogram routers, one per feature; `build_router` fixes the order they are tried in."""

from __future__ import annotations

from aiogram import F, Router

from handlers import (
    autoaccept,
    board,
    broadcasts,
    calendar,
    calendar_edit,
    directory,
    errors,
    fallback,
    groups,
    help,
    language,
    marathons,
    profile,
    progress,
    questions,
    registration,
    review,
    start,
    submissions,
    webinar_edit,
    webinars,
)
from handlers.routing import inline


def build_router() -> Router:
    root = Router(name="root")
    root.include_router(errors.create_router())
    private = Router(name="private")
    private.message.filter(inline(F.chat.type == "private"))
    private.include_routers(
        registration.create_router(),
        start.create_router(),
        help.create_router(),
        language.create_router(),
        webinars.create_router(),
        profile.create_router(),
        directory.create_router(),
        calendar.create_router(),
        calendar_edit.create_router(),
        questions.create_router(),
        submissions.create_router(),
        review.create_router(),
        autoaccept.create_router(),
        progress.create_router(),
        board.create_router(),
        broadcasts.create_router(),
        webinar_edit.create_router(),
        marathons.create_router(),
    )
    # Free text is a question, once no feature waits for typed input; the fallback stays last.
    private.include_router(calendar.create_question_router())
    private.include_router(fallback.create_router())
    root.include_router(private)
    root.include_router(groups.create_router())
    return root
