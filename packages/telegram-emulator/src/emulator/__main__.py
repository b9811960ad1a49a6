"""`python -m emulator`: the emulator as a standalone server with two demo users."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from emulator.server import BotAPIEmulator, Call


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Local Telegram Bot API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--bot-username", default="assistant500_bot")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every Bot API call")
    return parser.parse_args()


def _print_call(call: Call) -> None:
    outcome = "ok" if call.ok else f"{call.status} {call.description}"
    print(f"{call.method} {outcome}", flush=True)


async def _serve(args: argparse.Namespace) -> None:
    emu = BotAPIEmulator(args.token, bot_username=args.bot_username)
    if args.verbose:
        emu.on_call.append(_print_call)
    base_url = await emu.start(port=args.port, host=args.host)
    anna = emu.add_user("Анна", "Петрова", username="anna", language_code="ru")
    john = emu.add_user("John", username="john", language_code="en")
    print(f"Bot API emulator at {base_url} (token {args.token})", flush=True)
    print(f"demo users: {anna.id} {anna.full_name}, {john.id} {john.full_name}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


def main() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(_parse_args()))


if __name__ == "__main__":
    main()
