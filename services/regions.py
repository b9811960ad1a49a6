"""The 89 federal subjects with their time zones, shipped as data and kept in the database."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories.directory import DirectoryRepository

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.yaml"


@dataclass(frozen=True, slots=True)
class RegionInfo:
    code: str
    name: str
    name_en: str
    zone: ZoneInfo


@cache
def shipped_regions(path: Path = REGIONS_FILE) -> tuple[RegionInfo, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["regions"]
    return tuple(
        RegionInfo(str(r["code"]), str(r["name"]), str(r["name_en"]), ZoneInfo(str(r["tz"])))
        for r in raw
    )


def region_info(code: str) -> RegionInfo | None:
    return next((r for r in shipped_regions() if r.code == code), None)


async def sync_regions(session: AsyncSession) -> None:
    """Writes the shipped list into the database (idempotent; run at start)."""
    await DirectoryRepository(session).upsert_regions(
        (r.code, r.name, r.name_en, r.zone.key) for r in shipped_regions()
    )
