"""The review board's aiohttp application: mounted under /board/ on the webhook server, or served
on WEBAPP_LISTEN beside polling (webapp.server). Pages are rendered here with Jinja2
(autoescaped); the little JavaScript they use is vendored under webapp/static."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import aiohttp_jinja2
import jinja2
from aiogram import Bot
from aiohttp import web
from markupsafe import Markup
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.i18n import Catalog, Texts
from services.board import STATUSES, Cell
from services.clock import Clock
from services.directory import Directory
from services.permissions import Actor, ForbiddenError
from storage.models import User
from storage.repositories.users import UserRepository
from webapp.auth import COOKIE, CSRF_HEADER, INIT_DATA_HEADER, NotAuthenticatedError, Signer


class BoardHost(Protocol):
    """What the board needs of the running bot (bot.app.App is one): named here, so the board is
    written against its own needs and not against the app assembly above it."""

    @property
    def settings(self) -> Settings: ...
    @property
    def bot(self) -> Bot: ...
    @property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def clock(self) -> Clock: ...


log = logging.getLogger(__name__)
PREFIX = "/board"
HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
APP_KEY: web.AppKey[BoardHost] = web.AppKey("bot_app")
SIGNER_KEY: web.AppKey[Signer] = web.AppKey("signer", Signer)
VERSION_KEY: web.AppKey[str] = web.AppKey("static_version", str)
# Pages anyone may open: signing in, and the static files.
BUSY_ATTEMPTS = 4  # a request that meets another writer on SQLite is done again, this often
PUBLIC = frozenset({"auth", "login", "login-form", "static"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
# Telegram's web clients embed Mini Apps in a frame; nobody else may.
FRAME_ANCESTORS = "'self' https://web.telegram.org https://*.telegram.org"
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    f"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {FRAME_ANCESTORS}"
)

# Texts the page's script shows by itself.
JS_TEXTS = ("board-js-error", "board-js-reopen", "board-js-confirm-bulk", "board-js-confirm-remind")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(slots=True)
class Board:
    """One request's context: its database session (committed when the handler succeeds), the
    person, what they may do, and their texts."""

    app: BoardHost
    session: AsyncSession
    user: User | None
    actor: Actor
    t: Texts
    session_cookie: str | None

    @property
    def csrf(self) -> str:
        return self.signer.csrf(self.session_cookie) if self.session_cookie else ""

    @property
    def signer(self) -> Signer:
        return Signer(self.app.settings.bot_token.get_secret_value())


BOARD_KEY: web.RequestKey[Board] = web.RequestKey("board", Board)


def board(request: web.Request) -> Board:
    return request[BOARD_KEY]


def texts_for(request: web.Request, user: User | None = None) -> Texts:
    """The person's language, or the browser's before they have signed in."""
    app = request.config_dict[APP_KEY]
    if user is not None:
        return app.catalog.bind(user.language)
    wanted = request.headers.get("Accept-Language", "")[:2].lower()
    return app.catalog.bind(
        wanted if wanted in app.catalog.languages else app.settings.default_language
    )


def wants_html(request: web.Request) -> bool:
    return request.method in SAFE_METHODS and "text/html" in request.headers.get("Accept", "")


def _authenticate(request: web.Request, signer: Signer) -> tuple[int, str | None]:
    """The person, and the session cookie when that is how they came."""
    init_data = request.headers.get(INIT_DATA_HEADER)
    if init_data is not None:
        return signer.init_data_user(init_data), None
    cookie = request.cookies.get(COOKIE)
    if cookie:
        user_id = signer.session_user(cookie)
        if request.method not in SAFE_METHODS and not signer.csrf_ok(
            cookie, request.headers.get(CSRF_HEADER, "")
        ):
            raise web.HTTPForbidden(text="CSRF token missing or wrong")
        return user_id, cookie
    raise NotAuthenticatedError("nothing to go by")


@web.middleware
async def headers_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@web.middleware
async def board_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Authenticates every request but the public ones and runs it in one unit of work."""
    route = request.match_info.route.name
    if route in PUBLIC or request.match_info.http_exception is not None:
        return await handler(request)
    app = request.config_dict[APP_KEY]
    try:
        user_id, cookie = _authenticate(request, request.config_dict[SIGNER_KEY])
    except NotAuthenticatedError as error:
        log.info("board: %s %s refused: %s", request.method, request.path, error)
        return _unauthenticated(request)
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        try:
            return await _in_one_transaction(request, handler, app, user_id, cookie)
        except OperationalError as error:
            # SQLite lets one writer at a time; a request that met another (the chat accepting
            # the same card) is done again on a fresh snapshot, its notices being rows too.
            if "locked" not in str(error) or attempt == BUSY_ATTEMPTS:
                if "locked" in str(error):
                    return _error(request, 503, "board-busy")
                raise
            log.info("board: %s %s met a writer, attempt %s", request.method, request.path, attempt)
            await asyncio.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


async def _in_one_transaction(
    request: web.Request, handler: Handler, app: BoardHost, user_id: int, cookie: str | None
) -> web.StreamResponse:
    async with app.sessionmaker() as session:
        user = await UserRepository(session).get(user_id)
        actor = await Directory(session, app.settings.admin_ids).actor(user_id)
        request[BOARD_KEY] = Board(app, session, user, actor, texts_for(request, user), cookie)
        # A refusal's page is rendered before the rollback: the rollback expires the person's
        # row, which the page's frame reads (a lazy load there cannot run).
        try:
            response = await handler(request)
        except ForbiddenError:
            refused = _error(request, 403, "board-forbidden")
            await session.rollback()
            return refused
        except LookupError:
            missing = _error(request, 404, "board-not-found")
            await session.rollback()
            return missing
        await session.commit()
        return response


def _unauthenticated(request: web.Request) -> web.StreamResponse:
    t = texts_for(request)
    if wants_html(request):
        response = aiohttp_jinja2.render_template(
            "signin.html", request, page_context(request, t, None, "signin"), status=401
        )
        response.del_cookie(COOKIE, path=PREFIX)
        return response
    return web.json_response({"error": "unauthorized", "message": t.label("board-401")}, status=401)


def _error(request: web.Request, status: int, key: str) -> web.StreamResponse:
    found = request.get(BOARD_KEY)
    t = found.t if isinstance(found, Board) else texts_for(request)
    if wants_html(request):
        context = page_context(request, t, found if isinstance(found, Board) else None, "error")
        context["message"] = t(key)
        return aiohttp_jinja2.render_template("error.html", request, context, status=status)
    return web.json_response({"error": key, "message": t.label(key)}, status=status)


def page_context(
    request: web.Request, t: Texts, current: Board | None, page: str
) -> dict[str, Any]:
    """What every page's frame reads: texts, the static files' version, the CSRF token."""

    def text(key: str, **args: Any) -> Markup:
        # The locale's texts are ours; the arguments in them are escaped by the catalog.
        return Markup(t(key, **args))

    return {
        "t": text,
        "language": t.language,
        "prefix": PREFIX,
        "version": request.config_dict[VERSION_KEY],
        "csrf": current.csrf if current else "",
        "page": page,
        "coordinator": bool(current and current.actor.is_coordinator()),
        "person": current.user if current else None,
        "js_texts": {key: t.label(key) for key in JS_TEXTS},
    }


def _day_month(value: date | None) -> str:
    return f"{value.day:02d}.{value.month:02d}" if value else ""


def _cells(cells: Sequence[Cell], coordinator: bool) -> Markup:
    """A matrix row's cells as HTML in one piece: thousands of them on a page, so not one
    template expression each. Every part is a status from a closed set, a date or a number."""
    parts = []
    for cell in cells:
        status = cell.status if cell.status in STATUSES else "missing"
        opener = (
            f' data-open="{int(cell.submission_id)}"'
            if coordinator and status == "submitted" and cell.submission_id
            else ""
        )
        parts.append(f'<td class="{status}"{opener}>{_day_month(cell.day)}</td>')
    return Markup("".join(parts))


def _static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def build_board_app(app: BoardHost) -> web.Application:
    """The board as an aiohttp application, to be mounted at PREFIX."""
    from webapp import views

    board_app = web.Application(middlewares=[headers_middleware, board_middleware])
    board_app[APP_KEY] = app
    board_app[SIGNER_KEY] = Signer(app.settings.bot_token.get_secret_value())
    board_app[VERSION_KEY] = _static_version()
    environment = aiohttp_jinja2.setup(
        board_app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["dm"] = _day_month
    environment.filters["cells"] = _cells
    views.add_routes(board_app)
    board_app.router.add_static("/static/", STATIC, name="static")
    return board_app


def build_root_app(app: BoardHost) -> web.Application:
    """A server of its own for the board (polling mode): the board under PREFIX, `/` sends there."""

    async def to_board(_: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(PREFIX + "/")

    root = web.Application()
    root.router.add_get("/", to_board)
    root.add_subapp(PREFIX, build_board_app(app))
    return root
