"""The board's pages and actions. Each reads the request, calls a service as the person it runs
for (services.board, services.review, services.nudges) and renders the outcome; the rules and the
scope checks are the services'."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web
from markupsafe import Markup
from multidict import MultiMapping

from core.i18n import Texts
from gateway.files import downloader
from services import limits, timefmt
from services.board import (
    STATUSES,
    Filters,
    accept_many,
    decide,
    detail,
    file_for,
    gallery,
    matrix,
    may_open,
    require_coordinator,
    use_login,
)
from services.calendar_io import calendar_for
from services.clock import SystemClock
from services.evidence import archive_entries, fetch_files, zip_to_spool
from services.file_store import FileStore
from services.file_types import extension
from services.nudges import remind_missing
from services.permissions import Action, ForbiddenError
from services.reports import StatusRow, write_status_xlsx
from services.review import Refusal, Review, ReviewRefusedError, return_comment
from services.screening import review_lines
from services.screening.verdict import VERDICT_FILTERS, verdict_key
from services.submissions import reporting_steps, viewer_area
from services.thumbnails import Thumbnails
from storage.repositories.submissions import SubmissionRepository
from ui.review import decision_notice
from ui.submissions import submit_step
from webapp.app import (
    APP_KEY,
    PREFIX,
    SIGNER_KEY,
    Board,
    board,
    page_context,
    texts_for,
)
from webapp.auth import COOKIE, INIT_DATA_HEADER, SESSION_MAX_AGE, NotAuthenticatedError

GALLERY_PAGE = 50
MAX_BULK = 500  # versions accepted in one action
MAX_REMIND = 5000  # schools reminded in one action
NOT_SENT = ("missing", "notdue", "returned")
REFUSAL_KEYS = {
    Refusal.FORBIDDEN: "board-refused-forbidden",
    Refusal.MISSING: "board-refused-missing",
    Refusal.DECIDED: "board-refused-decided",
    Refusal.YOURS: "board-refused-yours",
    Refusal.NOT_REVIEWER: "board-refused-forbidden",
    Refusal.SUPERSEDED: "board-refused-superseded",
}
XLSX_FILLS = {
    "accepted": "C6EFCE",
    "submitted": "DDEBF7",
    "returned": "FFEB9C",
    "missing": "FFC7CE",
    "notdue": "EDEDED",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_routes(app: web.Application) -> None:
    router = app.router
    router.add_get("/", matrix_page, name="matrix")
    router.add_post("/auth", sign_in, name="auth")
    router.add_get("/login", login_form, name="login-form")
    router.add_post("/login", login, name="login")
    router.add_get("/review", review_page, name="review")
    router.add_get(r"/review/{id:\d+}", review_detail, name="detail")
    router.add_post(r"/review/{id:\d+}", review_decide, name="decide")
    router.add_post("/review/accept", bulk_accept, name="bulk")
    router.add_get("/missing", missing_page, name="missing")
    router.add_post("/missing/remind", remind, name="remind")
    router.add_get("/export/progress.xlsx", export_xlsx, name="xlsx")
    router.add_get("/export/evidence.zip", export_zip, name="zip")
    router.add_get(r"/file/{id:\d+}", file, name="file")
    router.add_get(r"/thumb/{id:\d+}", thumb, name="thumb")


# --- signing in -------------------------------------------------------------------------------


def _set_session(request: web.Request, response: web.StreamResponse, user_id: int) -> None:
    settings = request.config_dict[APP_KEY].settings
    cookie = request.config_dict[SIGNER_KEY].session(user_id)
    # Telegram's web clients show the board in a frame of another site: the cookie must cross.
    secure = settings.board_in_telegram
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=SESSION_MAX_AGE,
        path=PREFIX,
        httponly=True,
        secure=secure,
        samesite="None" if secure else "Lax",
    )


async def sign_in(request: web.Request) -> web.StreamResponse:
    """The Mini App trades Telegram's initData for a session (header, form or JSON body)."""
    init_data = request.headers.get(INIT_DATA_HEADER)
    if init_data is None:
        if request.content_type == "application/json":
            body = await _json(request)
            init_data = str(body.get("initData", ""))
        else:
            init_data = str((await request.post()).get("initData", ""))
    t = texts_for(request)
    try:
        user_id = request.config_dict[SIGNER_KEY].init_data_user(init_data)
    except NotAuthenticatedError:
        return web.json_response(
            {"error": "unauthorized", "message": t.label("board-401")}, status=401
        )
    response = web.json_response({"ok": True})
    _set_session(request, response, user_id)
    return response


async def login_form(request: web.Request) -> web.StreamResponse:
    """A link's first stop: a button that uses it. Opening the link alone (a link preview, a
    prefetch) never uses it up."""
    t = texts_for(request)
    context = page_context(request, t, None, "login")
    context["token"] = request.query.get("token", "")[:128]
    return aiohttp_jinja2.render_template("login.html", request, context)


async def login(request: web.Request) -> web.StreamResponse:
    token = str((await request.post()).get("token", ""))
    app = request.config_dict[APP_KEY]
    async with app.sessionmaker.begin() as session:
        # Real time, whatever the bot's clock says: the link's life is the person's minutes.
        user_id = await use_login(session, token, SystemClock().now())
    if user_id is None:
        t = texts_for(request)
        context = page_context(request, t, None, "login")
        context["token"] = ""
        context["message"] = t("board-login-used")
        return aiohttp_jinja2.render_template("login.html", request, context, status=401)
    response = _see_other(PREFIX + "/")
    _set_session(request, response, user_id)
    return response


def _see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


# --- the matrix -------------------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    """A row id or a page from an address; anything else is no value (never an overflow)."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if number <= limits.ROW_ID else None


def _row_id(request: web.Request) -> int:
    """The id in the path; a number no row can have is simply not found."""
    number = _int(request.match_info["id"])
    if number is None:
        raise web.HTTPNotFound
    return number


def _ids(raw: object) -> list[int] | None:
    if not isinstance(raw, list):
        return None
    valid = all(type(n) is int and 0 <= n <= limits.ROW_ID for n in raw)
    return raw if valid else None


def _filters(query: MultiMapping[str]) -> Filters:
    status = query.get("status") or None
    return Filters(
        municipality=_int(query.get("m")),
        step=(query.get("step") or "")[:64] or None,
        status=status if status in STATUSES else None,
        curator=(query.get("curator") or "")[:300] or None,
        query=(query.get("q") or "")[: limits.SEARCH],
        page=_int(query.get("page")) or 1,
    )


def _status_words(t: Texts) -> dict[str, str]:
    return {status: t.label(f"board-status-{status}") for status in STATUSES}


async def matrix_page(request: web.Request) -> web.StreamResponse:
    current = board(request)
    if not may_open(current.actor):
        raise ForbiddenError(Action.VIEW_PROGRESS)
    filters = _filters(request.query)
    found = await matrix(
        current.session, current.actor, current.app.clock, current.t.language, filters
    )
    context = page_context(request, current.t, current, "matrix")
    context.update(m=found, f=filters, statuses=STATUSES, words=_status_words(current.t))
    context["all_steps"] = await _steps(current)
    context["link"] = _linker(request.query)
    return aiohttp_jinja2.render_template("matrix.html", request, context)


def _linker(query: Mapping[str, str]) -> Any:
    """`link(step="3", page=None)`: this page's address with some filters changed."""
    kept = {k: v for k, v in query.items() if k in ("m", "step", "status", "curator", "q") and v}

    def link(**changes: object) -> str:
        merged: dict[str, object] = {**kept, **changes}
        pairs = {k: str(v) for k, v in merged.items() if v not in (None, "")}
        return "?" + urlencode(pairs) if pairs else "?"

    return link


# --- the gallery ------------------------------------------------------------------------------


async def review_page(request: web.Request) -> web.StreamResponse:
    current = board(request)
    require_coordinator(current.actor)
    found = await gallery(
        current.session,
        current.actor,
        current.app.clock,
        current.t.language,
        municipality=_int(request.query.get("m")),
        step_key=(request.query.get("step") or "")[:64] or None,
        limit=GALLERY_PAGE,
        verdict=_verdict(request.query.get("verdict")),
    )
    context = page_context(request, current.t, current, "review")
    context.update(
        g=found,
        selected_m=_int(request.query.get("m")),
        selected_step=request.query.get("step") or "",
        selected_verdict=_verdict(request.query.get("verdict")) or "",
        verdicts=VERDICT_FILTERS,
        verdict_words=_verdict_words(current.t),
        open_id=_int(request.query.get("open")),
        drawable=_drawable,
        comment_limit=limits.RETURN_COMMENT,
    )
    return aiohttp_jinja2.render_template("review.html", request, context)


def _verdict(value: str | None) -> str | None:
    return value if value in VERDICT_FILTERS else None


def _verdict_words(t: Texts) -> dict[str, str]:
    """The bot's verdicts as the chat's card says them («🔴 подозрительно», …)."""
    return {verdict: t.label(verdict_key(verdict)) for verdict in VERDICT_FILTERS}


def _drawable(content_type: str | None) -> bool:
    return (content_type or "").startswith("image/") and content_type != "image/heic"


async def review_detail(request: web.Request) -> web.StreamResponse:
    current = board(request)
    require_coordinator(current.actor)
    found = await detail(current.session, current.actor, _row_id(request))
    calendar = await calendar_for(current.session, found.school.region)

    def number(step_key: str) -> str:
        step = calendar.step(step_key)
        return step.number if step else step_key

    # The same words as the chat's card; the catalog has escaped what went into them.
    checks = await review_lines(current.session, found.submission.id, current.t, number)
    review = Review(current.session, current.app.clock)
    context = page_context(request, current.t, current, "detail")
    context.update(
        d=found,
        verdict=checks[0],
        reasons=[Markup(line) for line in checks[1:]],
        copies=[
            c for c in await review.copy_sources(current.actor, found.submission.id) if c.may_open
        ],
        came_from=_int(request.query.get("from")),
        drawable=_drawable,
        when=lambda moment: timefmt.when(moment, found.zone, current.t.language),
        words=_status_words(current.t),
        comment_limit=limits.RETURN_COMMENT,
    )
    return aiohttp_jinja2.render_template("detail.html", request, context)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text="not JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="not a JSON object")
    return body


def _refusal(t: Texts, refused: ReviewRefusedError | tuple[Refusal, int | None]) -> str:
    reason, newer = (
        (refused.reason, refused.newer_version)
        if isinstance(refused, ReviewRefusedError)
        else refused
    )
    return t.label(REFUSAL_KEYS[reason], version=newer or 0)


async def review_decide(request: web.Request) -> web.StreamResponse:
    """Accept, or return with a comment: what the chat's buttons do."""
    current = board(request)
    require_coordinator(current.actor)
    body = await _json(request)
    t = current.t
    accept, typed = body.get("accept"), body.get("comment")
    if not isinstance(accept, bool) or not isinstance(typed, str | None):
        # The board's page sends a flag and a text; anything else was not sent by it.
        return web.json_response({"ok": False, "message": t.label("board-bad-request")}, status=400)
    comment = return_comment(typed)
    if not accept and (comment is None or len(comment) > limits.RETURN_COMMENT):
        message = t.label("board-comment-needed", limit=limits.RETURN_COMMENT)
        return web.json_response({"ok": False, "message": message}, status=422)
    try:
        decided = await decide(
            current.session,
            current.app.clock,
            current.app.catalog,
            current.actor,
            _row_id(request),
            accept,
            None if accept else comment,
            decision_notice,
        )
    except ReviewRefusedError as refused:
        return web.json_response(
            {"ok": False, "reason": refused.reason.value, "message": _refusal(t, refused)},
            status=409,
        )
    key = "board-accepted-one" if accept else "board-returned-one"
    return web.json_response(
        {
            "ok": True,
            "status": decided.decision.submission.status,
            "told": len(decided.told),
            "message": t.label(key, told=len(decided.told)),
        }
    )


async def bulk_accept(request: web.Request) -> web.StreamResponse:
    """Accepts many in one transaction; each refusal is reported with its reason."""
    current = board(request)
    require_coordinator(current.actor)
    body = await _json(request)
    raw = _ids(body.get("ids"))
    if raw is None:
        raise web.HTTPBadRequest(text="ids: a list of numbers")
    if len(raw) > MAX_BULK:
        raise web.HTTPRequestEntityTooLarge(MAX_BULK, len(raw))
    t = current.t
    outcome = await accept_many(
        current.session,
        current.app.clock,
        current.app.catalog,
        current.actor,
        raw,
        decision_notice,
    )
    return web.json_response(
        {
            "accepted": outcome.accepted,
            "refused": [
                {"id": n, "reason": reason.value, "message": _refusal(t, (reason, newer))}
                for n, reason, newer in outcome.refused
            ],
            "told": outcome.told,
            "message": t.label(
                "board-bulk-done",
                count=len(outcome.accepted),
                refused_count=len(outcome.refused),
                told=outcome.told,
            ),
        }
    )


# --- the missing list -------------------------------------------------------------------------


async def missing_page(request: web.Request) -> web.StreamResponse:
    """Schools that have not sent a step (or had it returned), to remind."""
    current = board(request)
    require_coordinator(current.actor)
    base = _filters(request.query)
    steps = await _steps(current)
    step = base.step if base.step in {key for key, _ in steps} else (steps[0][0] if steps else None)
    found = await matrix(
        current.session,
        current.actor,
        current.app.clock,
        current.t.language,
        Filters(municipality=base.municipality, step=step, query=base.query),
        page_size=10**6,
    )
    rows = [row for row in found.rows if row.cells and row.cells[0].status in NOT_SENT]
    context = page_context(request, current.t, current, "missing")
    context.update(
        m=found,
        rows=rows,
        column=found.columns[0] if found.columns else None,
        f=base,
        step=step,
        words=_status_words(current.t),
        steps=steps,
    )
    return aiohttp_jinja2.render_template("missing.html", request, context)


async def _steps(current: Board) -> list[tuple[str, str]]:
    federal = await calendar_for(current.session, None)
    return [
        (step.key, f"{step.number}. {step.text('title', current.t.language)}")
        for step in reporting_steps(federal)
    ]


async def remind(request: web.Request) -> web.StreamResponse:
    current = board(request)
    require_coordinator(current.actor)
    body = await _json(request)
    step = body.get("step")
    schools = body.get("schools")
    if not isinstance(step, str) or not isinstance(schools, list):
        raise web.HTTPBadRequest(text="step and schools expected")
    if _ids(schools) is None or len(schools) > MAX_REMIND:
        raise web.HTTPBadRequest(text="schools: a list of numbers")
    outcome = await remind_missing(
        current.session,
        current.app.catalog,
        current.app.clock,
        current.actor,
        step,
        schools,
        submit_step,
    )
    return web.json_response(
        {
            "schools": outcome.schools,
            "people": outcome.people,
            "already": outcome.already,
            "sent": outcome.sent,
            "nobody": outcome.nobody,
            "message": current.t.label(
                "board-reminded",
                count=outcome.schools,
                people=outcome.people,
                already=outcome.already,
                sent_count=outcome.sent,
                nobody=outcome.nobody,
            ),
        }
    )


# --- downloads --------------------------------------------------------------------------------


async def export_xlsx(request: web.Request) -> web.StreamResponse:
    """The matrix as the chat's XLSX, with the filters of the page it was asked from."""
    current = board(request)
    require_coordinator(current.actor)
    t = current.t
    filters = _filters(request.query)
    found = await matrix(
        current.session,
        current.actor,
        current.app.clock,
        t.language,
        Filters(filters.municipality, filters.step, filters.status, filters.curator, filters.query),
        page_size=10**6,
    )
    words = _status_words(t)
    headers = [t.label("xlsx-region"), t.label("xlsx-municipality"), t.label("xlsx-code")]
    headers += [t.label("xlsx-school"), *(f"{c.number}. {c.title}" for c in found.columns)]
    rows = [
        StatusRow(
            row.school.region,
            row.school.municipality,
            row.school.code,
            row.school.name,
            [words[cell.status] for cell in row.cells],
        )
        for row in found.rows
    ]
    fills = {words[status]: colour for status, colour in XLSX_FILLS.items()}
    buffer = io.BytesIO()
    await asyncio.to_thread(write_status_xlsx, buffer, t.label("xlsx-sheet"), headers, rows, fills)
    return web.Response(
        body=buffer.getvalue(),
        content_type=XLSX_TYPE,
        headers={"Content-Disposition": 'attachment; filename="progress.xlsx"'},
    )


async def export_zip(request: web.Request) -> web.StreamResponse:
    """The screenshots of the person's area by step and school, as in the chat's ZIP."""
    current = board(request)
    require_coordinator(current.actor)
    app = current.app
    settings = app.settings
    await fetch_files(
        current.session, downloader(app.bot), settings.files_dir
    )  # what the sweep has not got
    season = await calendar_for(current.session, None)
    files = await SubmissionRepository(current.session).evidence(
        viewer_area(current.actor), season.season
    )
    store = FileStore(settings.files_dir)
    entries = list(archive_entries(files, season, store, current.t.label("zip-step-folder")))
    entries = [entry for entry in entries if entry.source and entry.source.exists()]
    path = await asyncio.to_thread(zip_to_spool, settings.files_dir / "exports", entries)
    try:
        response = web.StreamResponse(
            headers={
                "Content-Type": "application/zip",
                "Content-Disposition": 'attachment; filename="evidence.zip"',
                "Content-Length": str(path.stat().st_size),
            }
        )
        await response.prepare(request)
        with path.open("rb") as archive:
            while chunk := await asyncio.to_thread(archive.read, 256 * 1024):
                await response.write(chunk)
        await response.write_eof()
        return response
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


async def file(request: web.Request) -> web.StreamResponse:
    """A stored copy, shown as itself: only types the bytes say it is, never HTML."""
    current = board(request)
    found, _ = await file_for(current.session, current.actor, _row_id(request))
    if found.sha256 is None or found.rejected or found.content_type is None:
        raise LookupError(found.id)
    path = FileStore(current.app.settings.files_dir).path_for(found.sha256)
    if not path.exists():
        raise LookupError(found.id)
    name = f"screenshot-{found.id}{extension(found.content_type)}"
    return web.FileResponse(
        path,
        headers={
            "Content-Type": found.content_type,
            "Content-Disposition": f'inline; filename="{name}"',
            "Cache-Control": "private, max-age=86400, immutable",
            "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'",
        },
    )


async def thumb(request: web.Request) -> web.StreamResponse:
    current = board(request)
    found, _ = await file_for(current.session, current.actor, _row_id(request))
    if found.sha256 is None or found.rejected:
        raise LookupError(found.id)
    thumbnails = Thumbnails(current.app.settings.files_dir)
    path = await asyncio.to_thread(thumbnails.get, found.sha256, found.content_type)
    if path is None:
        raise LookupError(found.id)
    return web.FileResponse(
        path,
        headers={
            "Content-Type": "image/jpeg",
            "Cache-Control": "private, max-age=86400, immutable",
        },
    )
