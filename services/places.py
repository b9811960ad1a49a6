"""The directory's places as pickers and searches read them: regions, municipalities, schools.

Reading only, and no scope: what a picker may offer is decided by its caller's service."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.school_search import Candidate, Match, search
from storage.models import Municipality, Region, School
from storage.repositories.directory import DirectoryRepository


class Places:
    def __init__(self, session: AsyncSession) -> None:
        self._repository = DirectoryRepository(session)

    async def region(self, code: str) -> Region | None:
        return await self._repository.region(code)

    async def regions_with_schools(self) -> list[Region]:
        return await self._repository.regions_with_schools()

    async def municipality(self, municipality_id: int) -> Municipality | None:
        return await self._repository.municipality(municipality_id)

    async def municipality_names(self, region_code: str) -> Sequence[tuple[int, str]]:
        return await self._repository.municipality_names(region_code)

    async def school_names_in(self, municipality_id: int) -> Sequence[tuple[int, str]]:
        return await self._repository.school_names_in(municipality_id)

    async def schools_by_ids(self, ids: Iterable[int]) -> list[School]:
        return await self._repository.schools_by_ids(ids)

    async def school_place(self, school_id: int) -> tuple[School, Municipality, Region] | None:
        return await self._repository.school_place(school_id)

    async def find_schools(
        self, text: str, region_code: str | None = None, municipality_id: int | None = None
    ) -> list[Match]:
        """The schools of a place (everywhere: None) that `text` names, best first."""
        rows = await self._repository.search_candidates(region_code, municipality_id)
        return search(text, [Candidate(*row) for row in rows])

    async def school_names(self, ids: Iterable[int]) -> list[tuple[int, str]]:
        """(id, name) of these schools, by id."""
        return await self._repository.school_names(ids)
