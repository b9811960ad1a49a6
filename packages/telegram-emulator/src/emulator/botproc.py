"""The bot under test (`python -m <module>`) as a child process against an emulator (E2E tests,
benches). Its package must be importable: installed, or found on `pythonpath`."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path


class BotProcess:
    """The bot as a separate OS process; its output goes to a log file to never block on a pipe."""

    def __init__(
        self,
        env: Mapping[str, str],
        workdir: Path,
        args: tuple[str, ...] = (),
        module: str = "bot",
        pythonpath: Path | None = None,
    ) -> None:
        self._pythonpath = pythonpath
        self._env = env
        self._module = module
        self.workdir = workdir
        self._args = args
        self.log_path = workdir / "bot.log"
        self._process: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    async def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
        env.update({"PYTHONUNBUFFERED": "1", **self._env})
        if self._pythonpath is not None:
            env["PYTHONPATH"] = str(self._pythonpath)
        with self.log_path.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                self._module,
                *self._args,
                cwd=self.workdir,  # keeps a developer's own .env out of the test
                env=env,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def stop(self, grace: float = 10.0) -> int | None:
        """SIGTERM (a graceful stop), then SIGKILL if it hangs; returns the exit code."""
        if self._process is None or self._process.returncode is not None:
            return self._process.returncode if self._process else None
        self._process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self._process.wait(), grace)
        except TimeoutError:
            return await self.kill()

    async def kill(self) -> int | None:
        """SIGKILL: the crash the delivery layer must survive."""
        if self._process is None or self._process.returncode is not None:
            return None
        self._process.kill()
        return await self._process.wait()

    @property
    def returncode(self) -> int | None:
        return self._process.returncode if self._process else None

    def log(self) -> str:
        return (
            self.log_path.read_text(encoding="utf-8", errors="replace")
            if self.log_path.exists()
            else ""
        )
