"""Human handoff: a question the bot could not answer goes to the asker's coordinator, who
answers from the bot; the answer goes back to the asker. Each coordinator has a queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services import limits
from services.clock import Clock
from services.directory import Directory
from services.permissions import Action, Actor, Role, Scope, can
from storage.models import Question, RoleGrant, User
from storage.repositories.questions import QuestionRepository
from storage.repositories.users import UserRepository


@dataclass(frozen=True, slots=True)
class Passed:
    """A question passed on to `coordinators` (the federal admins when `to_admins`); `question`
    None when there was nobody but the asker to pass it to (nothing is kept then)."""

    question: Question | None
    coordinators: Sequence[int]
    to_admins: bool = False


@dataclass(frozen=True, slots=True)
class Answered:
    """An answer given and committed, for telling the asker in their language."""

    question_id: int
    question: str
    answer: str
    asker_id: int
    asker_language: str | None


@dataclass(frozen=True, slots=True)
class Queued:
    """An open question in a coordinator's queue, with who asked (None: forgotten since)."""

    question_id: int
    text: str
    asker: User | None


class Handoff:
    def __init__(self, session: AsyncSession, admin_ids: Sequence[int], clock: Clock) -> None:
        self._session = session
        self._questions = QuestionRepository(session)
        self._directory = Directory(session, admin_ids)
        self._admins = list(admin_ids)
        self._clock = clock

    async def ask(self, asker_id: int, text: str) -> Passed:
        grants = await self._directory.repository.grants_of(asker_id)
        home = grants[0] if grants else None
        answerers, to_admins = await self._answerers(asker_id, home)
        if not answerers:
            return Passed(None, ())
        place = (home.region_code, home.municipality_id, home.school_id) if home else None
        question = await self._questions.add(asker_id, text[: limits.QUESTION], place)
        return Passed(question, answerers, to_admins)

    async def _answerers(self, asker_id: int, home: RoleGrant | None) -> tuple[list[int], bool]:
        """The coordinators of the asker's place, else of the region, else the admins (and
        whether it came to them); never the asker (a municipal coordinator's question goes up,
        a regional one's to the admins, not back to them)."""
        places: list[int] = []
        if home is not None:
            if home.municipality_id is not None:
                places.append(home.municipality_id)
            places.append(-1)  # the region's coordinators
        for municipality_id in places:
            found = await self._directory.repository.coordinators_for(
                home.region_code if home else "", municipality_id
            )
            others = [user_id for user_id in found if user_id != asker_id]
            if others:
                return others, False
        return [user_id for user_id in self._admins if user_id != asker_id], True

    async def question_for(self, actor: Actor, question_id: int) -> Question | None:
        """The question when the actor may answer it (a coordinator of the asker's place)."""
        question = await self._questions.get(question_id)
        if question is None or question.asker_id == actor.user_id:
            return None  # nobody answers their own question
        if not self._may_answer(actor, question):
            return None
        return question

    async def answer(self, actor: Actor, question_id: int, text: str) -> Question | None:
        question = await self.question_for(actor, question_id)
        if question is None or question.status != "open":
            return None
        question.status = "answered"
        question.answer = text
        question.answered_by = actor.user_id
        question.answered_at = self._clock.now()
        await self._session.flush()
        return question

    async def open_questions(self, actor: Actor) -> list[Question]:
        if not actor.is_coordinator():
            return []
        regions = [g.scope.region for g in actor.grants if g.role is Role.REGIONAL]
        municipalities = [
            g.scope.municipality_id
            for g in actor.grants
            if g.role is Role.MUNICIPAL and g.scope.municipality_id is not None
        ]
        found = await self._questions.open_ones(regions, municipalities, actor.is_admin, 50)
        return [question for question in found if question.asker_id != actor.user_id]

    @staticmethod
    def _may_answer(actor: Actor, question: Question) -> bool:
        if actor.is_admin:
            return True
        if question.region_code is None:
            return False
        scope = Scope(question.region_code, question.municipality_id, question.school_id)
        return can(actor, Action.ANSWER_QUESTION, scope)

    async def pass_on(self, asker_id: int, text: str) -> Passed:
        """`ask`, committed before the coordinators are told (nothing to commit when there
        was nobody to pass it to)."""
        passed = await self.ask(asker_id, text)
        if passed.question is not None:
            await self._session.commit()
        return passed

    async def reply(self, actor: Actor, question_id: int, text: str) -> Answered | None:
        """`answer`, committed before the asker is told; None when the actor may not answer or
        the question is answered already."""
        question = await self.answer(actor, question_id, text)
        if question is None:
            return None
        await self._session.commit()
        asker = await UserRepository(self._session).get(question.asker_id)
        return Answered(
            question.id,
            question.text,
            question.answer or "",
            question.asker_id,
            asker.language if asker else None,
        )

    async def queue(self, actor: Actor, shown: int) -> list[Queued] | None:
        """The first `shown` open questions the actor may answer; None for a non-coordinator."""
        if not actor.is_coordinator():
            return None
        users = UserRepository(self._session)
        return [
            Queued(question.id, question.text, await users.get(question.asker_id))
            for question in (await self.open_questions(actor))[:shown]
        ]
