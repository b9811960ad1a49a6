"""The board's own server in polling mode, on WEBAPP_LISTEN beside polling. A port that cannot be
bound costs the board, never the bot: the error is logged and polling goes on."""

from __future__ import annotations

import gc
import logging

from aiohttp import web

from webapp.app import BoardHost, build_root_app

log = logging.getLogger(__name__)


def settle_memory() -> None:
    """Moves what start-up made (modules, texts, calendars, dictionaries) out of the garbage
    collector's sight. Without it every full collection walks all of it again, and a matrix page
    of thousands of rows, which allocates enough to trigger one, takes twice or thrice as long."""
    gc.collect()
    gc.freeze()


async def start_board(app: BoardHost) -> web.AppRunner | None:
    runner = web.AppRunner(build_root_app(app), access_log=None)
    await runner.setup()
    settle_memory()
    host, port = app.settings.webapp_host_port
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        log.error(
            "the review board cannot listen on %s:%s (%s); the bot runs without it",
            host,
            port,
            error,
        )
        await runner.cleanup()
        return None
    log.info("review board on http://%s:%s/board/ (public: %s)", host, port, app.settings.board_url)
    return runner
