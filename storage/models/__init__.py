"""Typed SQLAlchemy models, one module per domain. Times are stored in UTC.

Every model module is imported here so that `Base.metadata` (used by Alembic) is complete.
"""

from storage.models.base import Base, UTCDateTime, utcnow
from storage.models.board import BoardLogin
from storage.models.calendar import CalendarVersion
from storage.models.conversations import ConversationState
from storage.models.directory import Invite, JoinRequest, Municipality, Region, RoleGrant, School
from storage.models.marathons import Marathon, MarathonTalk
from storage.models.outbox import Broadcast, OutboxMessage
from storage.models.questions import Question
from storage.models.screening import AutoAcceptRule, ScreenedFile, SubmissionScreening
from storage.models.submissions import AlbumReply, SentReminder, Submission, SubmissionFile
from storage.models.users import User
from storage.models.webinars import (
    WebinarAnnouncement,
    WebinarNote,
    WebinarOccurrence,
    WebinarSubscription,
)

__all__ = [
    "AlbumReply",
    "AutoAcceptRule",
    "Base",
    "BoardLogin",
    "Broadcast",
    "CalendarVersion",
    "ConversationState",
    "Invite",
    "JoinRequest",
    "Marathon",
    "MarathonTalk",
    "Municipality",
    "OutboxMessage",
    "Question",
    "Region",
    "RoleGrant",
    "School",
    "ScreenedFile",
    "SentReminder",
    "Submission",
    "SubmissionFile",
    "SubmissionScreening",
    "UTCDateTime",
    "User",
    "WebinarAnnouncement",
    "WebinarNote",
    "WebinarOccurrence",
    "WebinarSubscription",
    "utcnow",
]
