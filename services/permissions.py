"""The one permission model: who may do what, where. Handlers never decide this themselves.

Roles carry scopes: a school and a curator act for a school, a municipal coordinator for a
municipality, a regional one for a region; federal admins (ADMIN_IDS) for everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    SCHOOL = "school"
    CURATOR = "curator"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"


class Action(StrEnum):
    VIEW_SCHOOL = "view_school"
    SUBMIT_CONFIRMATION = "submit_confirmation"
    VIEW_REQUESTS = "view_requests"
    DECIDE_REQUEST = "decide_request"
    INVITE_SCHOOL = "invite_school"
    INVITE_CURATOR = "invite_curator"
    INVITE_MUNICIPAL = "invite_municipal"
    INVITE_REGIONAL = "invite_regional"
    IMPORT_DIRECTORY = "import_directory"
    REVIEW_SUBMISSION = "review_submission"
    VIEW_PROGRESS = "view_progress"
    EXPORT = "export"
    BROADCAST = "broadcast"
    EDIT_CALENDAR = "edit_calendar"
    ANSWER_QUESTION = "answer_question"
    EDIT_WEBINARS = "edit_webinars"
    POST_TO_CHANNEL = "post_to_channel"
    SET_AUTO_ACCEPT = "set_auto_accept"


COORDINATORS = frozenset({Role.MUNICIPAL, Role.REGIONAL})
# Which roles may take an action at all; the scope check below decides where.
RULES: dict[Action, frozenset[Role]] = {
    Action.VIEW_SCHOOL: frozenset(Role),
    Action.SUBMIT_CONFIRMATION: frozenset({Role.SCHOOL, Role.CURATOR}),
    Action.VIEW_REQUESTS: COORDINATORS,
    Action.DECIDE_REQUEST: COORDINATORS,
    Action.INVITE_SCHOOL: COORDINATORS,
    Action.INVITE_CURATOR: COORDINATORS,
    Action.INVITE_MUNICIPAL: frozenset({Role.REGIONAL}),
    Action.INVITE_REGIONAL: frozenset(),  # admins only
    Action.IMPORT_DIRECTORY: COORDINATORS,
    Action.REVIEW_SUBMISSION: COORDINATORS,
    Action.VIEW_PROGRESS: frozenset(Role),
    Action.EXPORT: COORDINATORS,
    Action.BROADCAST: COORDINATORS,
    Action.EDIT_CALENDAR: frozenset({Role.REGIONAL}),
    Action.ANSWER_QUESTION: COORDINATORS,
    Action.EDIT_WEBINARS: frozenset({Role.REGIONAL}),
    # The project channel is the whole country's: regional coordinators and admins only.
    Action.POST_TO_CHANNEL: frozenset({Role.REGIONAL}),
    Action.SET_AUTO_ACCEPT: frozenset({Role.REGIONAL}),
}


@dataclass(frozen=True, slots=True)
class Scope:
    """A place: a region, optionally narrowed to a municipality and a school."""

    region: str
    municipality_id: int | None = None
    school_id: int | None = None


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    scope: Scope

    def covers(self, target: Scope) -> bool:
        """Whether this grant's place contains `target`."""
        if self.role in (Role.SCHOOL, Role.CURATOR):
            return target.school_id is not None and target.school_id == self.scope.school_id
        if self.role is Role.MUNICIPAL:
            return (
                target.municipality_id is not None
                and target.municipality_id == self.scope.municipality_id
            )
        return target.region == self.scope.region


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    grants: tuple[Grant, ...] = ()
    is_admin: bool = False

    def roles(self) -> set[Role]:
        return {grant.role for grant in self.grants}

    def is_coordinator(self) -> bool:
        return self.is_admin or bool(self.roles() & COORDINATORS)


def can(actor: Actor, action: Action, target: Scope) -> bool:
    if actor.is_admin:
        return True
    allowed = RULES[action]
    return any(grant.role in allowed and grant.covers(target) for grant in actor.grants)


class ForbiddenError(Exception):
    """Raised by services when an actor tries an action outside their scope."""

    def __init__(self, action: Action) -> None:
        super().__init__(action.value)
        self.action = action


def require(actor: Actor, action: Action, target: Scope) -> None:
    if not can(actor, action, target):
        raise ForbiddenError(action)
