"""Questions passed on to coordinators (the human handoff)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Question


class QuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, asker_id: int, text: str, place: tuple[str, int | None, int | None] | None
    ) -> Question:
        """A new open question, from a place (region, municipality, school) when the asker has
        one; flushed, so it has its id."""
        region, municipality, school = place or (None, None, None)
        question = Question(
            asker_id=asker_id,
            text=text,
            region_code=region,
            municipality_id=municipality,
            school_id=school,
        )
        self._session.add(question)
        await self._session.flush()
        return question

    async def open_ones(
        self, regions: Sequence[str], municipalities: Sequence[int], everywhere: bool, limit: int
    ) -> list[Question]:
        """Open questions, oldest first: of these regions or municipalities, or `everywhere`."""
        query = select(Question).where(Question.status == "open").order_by(Question.id)
        if not everywhere:
            query = query.where(
                or_(
                    Question.region_code.in_(list(regions)),
                    Question.municipality_id.in_(list(municipalities)),
                )
            )
        return list(await self._session.scalars(query.limit(limit)))

    async def get(self, question_id: int) -> Question | None:
        return await self._session.get(Question, question_id)
