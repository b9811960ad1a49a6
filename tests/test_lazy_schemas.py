"""bot/lazy_schemas.py: aiogram's types are built on first use, from aiogram's own namespace,
and work as if aiogram had built them at import. A fresh interpreter each, as the deferral only
applies before aiogram is first imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import bot  # defers the builds
    from aiogram.methods import SendMessage, SetMyCommands
    from aiogram.methods.base import Response
    from aiogram.types import BotCommand, BotCommandScopeChat, Message, Update

    assert not Message.__pydantic_complete__, "built at import"
    update = Update.model_validate({
        "update_id": 1,
        "message": {
            "message_id": 5, "date": 0, "text": "/start",
            "chat": {"id": 7, "type": "private"},
            "from": {"id": 7, "is_bot": False, "first_name": "A"},
        },
    })
    assert update.message is not None and update.message.chat.id == 7
    assert Message.model_validate(update.message.model_dump()).text == "/start"
    call = SetMyCommands(commands=[BotCommand(command="a", description="b")],
                         scope=BotCommandScopeChat(chat_id=7))
    assert call.scope.chat_id == 7
    reply = Response[Message].model_validate({"ok": True, "result": update.message.model_dump()})
    assert reply.result.chat.id == 7
    assert SendMessage(chat_id=7, text="x").text == "x"
    print("ok")
    """
)


def test_types_are_built_on_first_use_and_work() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
