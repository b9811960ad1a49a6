"""A small directory from the seeds, written through the import service as a coordinator would."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.directory_import import DirectoryImport, Parsed, SchoolRow
from services.permissions import Actor, Scope
from services.regions import sync_regions
from storage.models import RoleGrant, User
from storage.repositories.directory import DirectoryRepository

SMOLENSK_CITY = "город Смоленск"
SMOLENSK_DISTRICT = "Смоленский район"
SCHOOLS = {
    "edu670009": (SMOLENSK_CITY, "МБОУ «СШ № 9»"),
    "edu670010": (SMOLENSK_CITY, "МБОУ «СШ № 10»"),
    "edu670021": (SMOLENSK_CITY, "МБОУ «СШ № 21 им. Н.И. Рыленкова»"),
    "edu670036": (SMOLENSK_CITY, "МБОУ «СШ № 36 им. А.М. Городнянского»"),
    "edu671101": (SMOLENSK_DISTRICT, "МБОУ «Касплянская СШ»"),
}


@dataclass(frozen=True, slots=True)
class Place:
    region: str
    city_id: int
    district_id: int
    school_ids: dict[str, int]

    def school(self, code: str) -> Scope:
        municipality = self.district_id if code.startswith("edu6711") else self.city_id
        return Scope(self.region, municipality, self.school_ids[code])


async def seed_smolensk(sessionmaker: async_sessionmaker[AsyncSession]) -> Place:
    async with sessionmaker.begin() as session:
        await sync_regions(session)
        parsed = Parsed(
            schools=[
                SchoolRow(n, m, code, name)
                for n, (code, (m, name)) in enumerate(SCHOOLS.items(), start=2)
            ]
        )
        await DirectoryImport(session).seed(Scope("67"), parsed, importer_id=0)
        repository = DirectoryRepository(session)
        by_code = await repository.schools_by_codes(SCHOOLS)
        city = await repository.municipality_by_name("67", SMOLENSK_CITY)
        district = await repository.municipality_by_name("67", SMOLENSK_DISTRICT)
        assert city is not None and district is not None
        return Place("67", city.id, district.id, {c: s.id for c, s in by_code.items()})


async def add_person(
    session: AsyncSession, user_id: int, name: str, username: str | None = None
) -> User:
    user = User(id=user_id, first_name=name, username=username, language="ru")
    session.add(user)
    await session.flush()
    return user


async def make_coordinator(
    session: AsyncSession, user_id: int, name: str, role: str, scope: Scope
) -> None:
    if await session.get(User, user_id) is None:
        await add_person(session, user_id, name)
    session.add(
        RoleGrant(
            user_id=user_id,
            role=role,
            region_code=scope.region,
            municipality_id=scope.municipality_id,
            school_id=scope.school_id,
        )
    )
    await session.flush()


def no_one() -> Actor:
    return Actor(0)
