"""Entry point: `python -m bot` runs the bot; `migrate` applies migrations; `demo` runs the demo."""

from __future__ import annotations

import asyncio
import gc
import logging
import sys

from core.config import ConfigError, load_settings

USAGE = "usage: python -m bot [run | migrate | demo]"
EXIT_CONFIG = 2
EXIT_UNREACHABLE = 1
TOKEN_REFUSED = "BOT_TOKEN was refused by the Bot API at {api} (401 Unauthorized): check the token"
UNREACHABLE = "Cannot reach the Bot API at {api}: {reason} (check TELEGRAM_API_URL and the network)"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "run"
    if command in ("-h", "--help"):
        print(USAGE)
        return 0
    if command == "demo":
        from bot.demo import run_demo

        return run_demo(args[1:])
    if command not in ("run", "migrate"):
        print(f"unknown command {command!r}; {USAGE}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if logging.getLogger().level > logging.DEBUG:
        # aiogram logs a line per update at INFO: at hundreds of updates a second that is the
        # journal's bulk and 2% of the CPU; kept for DEBUG, the metrics count updates anyway.
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    from storage.migrate import upgrade, upgrade_if_behind

    if command == "migrate":
        upgrade(settings.database_url)
        return 0
    upgrade_if_behind(settings.database_url)  # a restart need not load Alembic
    from bot.app import build_app, run_polling

    app = build_app(settings)
    # Everything built so far (aiogram's hundreds of models, the calendar, the texts) lives as
    # long as the process: kept out of the collector's full passes, which otherwise walk it all
    # and hold every update up for a fraction of a second.
    gc.collect()
    gc.freeze()
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    try:
        if settings.webhook_url is not None:
            from bot.webhook import run_webhook

            asyncio.run(run_webhook(app))
        else:
            asyncio.run(run_polling(app))
    except TelegramUnauthorizedError:  # the token is well formed, but not a bot's
        print(f"Config error: {TOKEN_REFUSED.format(api=settings.api_base_url)}", file=sys.stderr)
        return EXIT_CONFIG
    except TelegramNetworkError as error:  # at start; once running, polling retries by itself
        print(UNREACHABLE.format(api=settings.api_base_url, reason=error.message), file=sys.stderr)
        return EXIT_UNREACHABLE
    return 0


if __name__ == "__main__":
    sys.exit(main())
