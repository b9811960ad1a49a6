"""SQL for forgetting a person (/forget): what is deleted and what is kept without them.

The rule per table is written in the README ("Personal data"); `tests/test_forget.py` scans every
table afterwards for the person's id, name and texts.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from storage.models import (
    AlbumReply,
    AutoAcceptRule,
    Base,
    Broadcast,
    CalendarVersion,
    ConversationState,
    Invite,
    JoinRequest,
    Marathon,
    MarathonTalk,
    OutboxMessage,
    Question,
    RoleGrant,
    Submission,
    SubmissionFile,
    User,
    WebinarNote,
    WebinarOccurrence,
    WebinarSubscription,
)

NO_ONE = 0  # stands for "a person who asked to be forgotten" where a column needs a value


class ForgettingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def forget(self, user_id: int) -> list[str]:
        """Removes the person; returns the SHA-256 of stored files that may now be unused."""
        files = await self._forget_submissions(user_id)
        await self._forget_talks(user_id)
        await self._forget_broadcasts(user_id)
        await self._delete_own_rows(user_id)
        await self._clear_authorship(user_id)
        return files

    async def sha256_in_use(self, digests: list[str]) -> set[str]:
        if not digests:
            return set()
        rows = await self._session.scalars(
            select(SubmissionFile.sha256).where(SubmissionFile.sha256.in_(digests)).distinct()
        )
        return {digest for digest in rows if digest is not None}

    async def _forget_submissions(self, user_id: int) -> list[str]:
        """Versions the person sent stay as the school's record, without them: no sender, no
        comment, no original file names. Drafts, and versions not accepted, go with their files."""
        mine = select(Submission.id).where(Submission.submitted_by == user_id)
        kept = mine.where(Submission.status == "accepted")
        dropped = mine.where(Submission.status != "accepted")
        digests = list(
            await self._session.scalars(
                select(SubmissionFile.sha256).where(
                    SubmissionFile.submission_id.in_(dropped), SubmissionFile.sha256.is_not(None)
                )
            )
        )
        await self._session.execute(
            update(SubmissionFile)
            .where(SubmissionFile.submission_id.in_(kept))
            .values(file_name=None)
        )
        await self._session.execute(
            delete(SubmissionFile).where(SubmissionFile.submission_id.in_(dropped))
        )
        await self._session.execute(
            delete(AlbumReply).where(
                (AlbumReply.submission_id.in_(dropped)) | (AlbumReply.chat_id == user_id)
            )
        )
        await self._session.execute(delete(Submission).where(Submission.id.in_(dropped)))
        await self._session.execute(
            update(Submission)
            .where(Submission.submitted_by == user_id)
            .values(submitted_by=NO_ONE, comment=None)
        )
        await self._session.execute(
            update(Submission).where(Submission.reviewed_by == user_id).values(reviewed_by=None)
        )
        return [digest for digest in digests if digest is not None]

    async def _forget_talks(self, user_id: int) -> None:
        """A talk in a programme stays the school's (its topic); who proposed it and the speaker's
        name and description go. Proposals not taken are deleted."""
        await self._session.execute(
            delete(MarathonTalk).where(
                MarathonTalk.proposed_by == user_id, MarathonTalk.status != "accepted"
            )
        )
        await self._session.execute(
            update(MarathonTalk)
            .where(MarathonTalk.proposed_by == user_id)
            .values(proposed_by=NO_ONE, speaker="—", description="", file_id=None, file_name=None)
        )

    async def _forget_broadcasts(self, user_id: int) -> None:
        """Announcements the person wrote: what has not gone out is cancelled, and the texts
        (theirs) are removed; the counts of a finished one stay."""
        ids = list(
            await self._session.scalars(select(Broadcast.id).where(Broadcast.author_id == user_id))
        )
        names = [f"broadcast:{n}" for n in ids] + [f"broadcast:{n}:channel" for n in ids]
        if names:
            await self._session.execute(
                delete(OutboxMessage).where(OutboxMessage.campaign.in_(names))
            )
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.author_id == user_id, Broadcast.status.in_(("scheduled", "sending")))
            .values(status="cancelled")
        )
        await self._session.execute(
            update(Broadcast)
            .where(Broadcast.author_id == user_id)
            .values(author_id=NO_ONE, text="", media_file_id=None, card_chat_id=None)
        )

    async def _delete_own_rows(self, user_id: int) -> None:
        key = f"%:{user_id}:%"
        for statement in (
            delete(OutboxMessage).where(OutboxMessage.chat_id == user_id),
            delete(ConversationState).where(ConversationState.key.like(key)),
            delete(Question).where(Question.asker_id == user_id),
            delete(JoinRequest).where(JoinRequest.user_id == user_id),
            delete(WebinarSubscription).where(WebinarSubscription.user_id == user_id),
            delete(RoleGrant).where(RoleGrant.user_id == user_id),
            delete(User).where(User.id == user_id),
        ):
            await self._session.execute(statement)

    async def _clear_authorship(self, user_id: int) -> None:
        """Acts the person did as a coordinator stay, without their name."""
        cleared: tuple[tuple[type[Base], InstrumentedAttribute[int | None]], ...] = (
            (RoleGrant, RoleGrant.granted_by),
            (JoinRequest, JoinRequest.decided_by),
            (Question, Question.answered_by),
            (MarathonTalk, MarathonTalk.decided_by),
            (WebinarOccurrence, WebinarOccurrence.updated_by),
            (WebinarNote, WebinarNote.updated_by),
        )
        for model, column in cleared:
            await self._session.execute(
                update(model).where(column == user_id).values({column.key: None})
            )
        anonymous: tuple[tuple[type[Base], InstrumentedAttribute[int]], ...] = (
            (Invite, Invite.created_by),
            (Marathon, Marathon.created_by),
            (CalendarVersion, CalendarVersion.created_by),
            (AutoAcceptRule, AutoAcceptRule.changed_by),
        )
        for model, author in anonymous:
            await self._session.execute(
                update(model).where(author == user_id).values({author.key: NO_ONE})
            )
