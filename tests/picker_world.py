"""A region too big for one keyboard (Московская область with 3,000 municipalities in a shuffled
order, one of them «Ёлкинский район» with 150 schools), its regional coordinator and a curator of
all 150 schools. Shared by tests/test_pickers.py and bench/pickers.py."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.regions import sync_regions
from storage.models import Municipality, RoleGrant, School, User

REGION = "50"
REGION_NAME = "Московская область"
MUNICIPALITIES = 3_000
SCHOOLS = 150
ODD_ONE = "Ёлкинский район"  # sorts after every «Муниципальный округ …» and holds the schools


@dataclass(frozen=True, slots=True)
class BigRegion:
    municipality_names: list[str]  # sorted as the picker shows them
    odd_one_id: int
    school_names: list[str]  # sorted as the picker shows them


def municipality_name(number: int) -> str:
    return f"Муниципальный округ {number:04d}"


async def seed_big_region(
    sessionmaker: async_sessionmaker[AsyncSession],
    regional_id: int,
    curator_id: int,
    municipalities: int = MUNICIPALITIES,
) -> BigRegion:
    rng = random.Random(500)
    numbers = list(range(1, municipalities))
    rng.shuffle(numbers)  # ids in another order than names: the picker must sort
    names = [municipality_name(n) for n in numbers] + [ODD_ONE]
    async with sessionmaker.begin() as session:
        await sync_regions(session)
        await session.execute(
            insert(Municipality), [{"region_code": REGION, "name": n} for n in names]
        )
        odd = await session.scalar(select(Municipality.id).where(Municipality.name == ODD_ONE))
        assert odd is not None
        schools = await _schools(session, odd, rng)
        await _people(session, regional_id, curator_id, odd, schools)
    shown = sorted(names, key=lambda n: n.casefold().replace("ё", "е"))
    school_names = sorted(f"Школа № {n}" for n in range(1, SCHOOLS + 1))
    return BigRegion(shown, odd, school_names)


async def _schools(session: AsyncSession, municipality_id: int, rng: random.Random) -> list[int]:
    numbers = list(range(1, SCHOOLS + 1))
    rng.shuffle(numbers)
    await session.execute(
        insert(School),
        [
            {"code": f"edu50{n:04d}", "name": f"Школа № {n}", "municipality_id": municipality_id}
            for n in numbers
        ],
    )
    return list(await session.scalars(select(School.id).where(School.code.like("edu50%"))))


async def _people(
    session: AsyncSession,
    regional_id: int,
    curator_id: int,
    municipality_id: int,
    schools: list[int],
) -> None:
    session.add_all(
        [
            User(id=regional_id, first_name="Регина", language="ru"),
            User(id=curator_id, first_name="Куратор", language="ru"),
        ]
    )
    await session.flush()
    session.add(RoleGrant(user_id=regional_id, role="regional", region_code=REGION))
    session.add_all(
        RoleGrant(
            user_id=curator_id,
            role="curator",
            region_code=REGION,
            municipality_id=municipality_id,
            school_id=school,
        )
        for school in schools
    )
    await session.flush()
