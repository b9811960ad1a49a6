"""Prometheus metrics of one bot process, served at /metrics by the webhook server.

Each App owns its registry (tests build many apps in one process).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "bot_updates_total",
            "Updates received, by how they ended",
            ["outcome"],  # ok | error | duplicate | malformed
            registry=self.registry,
        )
        self.latency = Histogram(
            "bot_update_seconds",
            "Time to handle one update",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.sends = Counter(
            "bot_outbox_sends_total",
            "Messages the delivery layer tried to send, by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.outbox_depth = Gauge(
            "bot_outbox_depth", "Messages waiting in the outbox", registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MeasureUpdates(BaseMiddleware):
    """Counts every update and times its handling (errors included)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        started = time.perf_counter()
        outcome = "error"
        try:
            result = await handler(event, data)
            outcome = "ok"
            return result
        finally:
            self._metrics.latency.observe(time.perf_counter() - started)
            self._metrics.updates.labels(outcome).inc()
