"""A directory with a person of every role in two municipalities and two regions, for tests that
act as an attacker: each person tries what belongs to someone else's place.

Smolensk region (67): the city (schools 9 and 10) and the district (Каспля);
Krasnodar region (23): one school. People: a school and a curator of СШ 9, the Каспля school,
the city's and the district's municipal coordinators, both regional coordinators, an admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from emulator import BotAPIEmulator, FakeUser
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from services.directory_import import DirectoryImport, Parsed, SchoolRow
from services.permissions import Scope
from storage.models import Submission
from tests.directory_fixtures import Place, make_coordinator, seed_smolensk

ADMIN_ID = 900_001
Sessions = async_sessionmaker[AsyncSession]
KRASNODAR_SCHOOL = "edu230001"


@dataclass
class World:
    place: Place
    krasnodar_school_id: int
    krasnodar_municipality_id: int
    people: dict[str, FakeUser]

    def __getitem__(self, role: str) -> FakeUser:
        return self.people[role]


async def seed_krasnodar(sessionmaker: async_sessionmaker[AsyncSession]) -> tuple[int, int]:
    async with sessionmaker.begin() as session:
        parsed = Parsed(schools=[SchoolRow(2, "город Краснодар", KRASNODAR_SCHOOL, "СОШ № 1")])
        await DirectoryImport(session).seed(Scope("23"), parsed, importer_id=0)
        from storage.repositories.directory import DirectoryRepository

        repository = DirectoryRepository(session)
        school = (await repository.schools_by_codes([KRASNODAR_SCHOOL]))[KRASNODAR_SCHOOL]
        return school.id, school.municipality_id


async def build_world(app: App | Sessions, emu: BotAPIEmulator) -> World:
    """The directory and its people, through a running app or straight into a database (for a
    bot process started afterwards)."""
    sessions = app.sessionmaker if isinstance(app, App) else app
    place = await seed_smolensk(sessions)
    krasnodar_school, krasnodar_municipality = await seed_krasnodar(sessions)
    roles = {
        "school": ("Школа 9", "school", place.school("edu670009")),
        "curator": ("Куратор 9", "curator", place.school("edu670009")),
        "school_district": ("Школа Каспля", "school", place.school("edu671101")),
        "municipal": ("Муниципальный город", "municipal", Scope("67", place.city_id)),
        "municipal_district": ("Муниципальный район", "municipal", Scope("67", place.district_id)),
        "regional": ("Региональный Смоленск", "regional", Scope("67")),
        "regional_other": ("Региональный Краснодар", "regional", Scope("23")),
        "school_other": (
            "Школа Краснодар",
            "school",
            Scope("23", krasnodar_municipality, krasnodar_school),
        ),
    }
    people: dict[str, FakeUser] = {}
    async with sessions.begin() as session:
        for key, (name, role, scope) in roles.items():
            person = emu.add_user(name)
            await make_coordinator(session, person.id, name, role, scope)
            people[key] = person
    people["admin"] = emu.add_user("Админ", user_id=ADMIN_ID)
    people["nobody"] = emu.add_user("Прохожий")
    return World(place, krasnodar_school, krasnodar_municipality, people)


async def submitted(
    app: App | Sessions,
    school_id: int,
    step: str,
    by: int,
    version: int = 1,
    comment: str | None = None,
) -> int:
    sessions = app.sessionmaker if isinstance(app, App) else app
    async with sessions.begin() as session:
        submission = Submission(
            school_id=school_id,
            step_key=step,
            season=2022,
            version=version,
            status="submitted",
            submitted_by=by,
            comment=comment,
        )
        session.add(submission)
        await session.flush()
        return submission.id
