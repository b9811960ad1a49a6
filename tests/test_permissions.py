"""Every action × every role × inside / outside the role's scope, against one expected table."""

from __future__ import annotations

import pytest

from services.permissions import RULES, Action, Actor, Grant, Role, Scope, can

SMOLENSK, KRASNODAR = "67", "23"
CITY, OTHER_TOWN = 1, 2  # municipalities of Smolensk oblast
SCHOOL_9, SCHOOL_10 = 9, 10  # СШ № 9 in the city, СШ № 10 in the other town
HOME = Scope(SMOLENSK, CITY, SCHOOL_9)
AWAY_SAME_REGION = Scope(SMOLENSK, OTHER_TOWN, SCHOOL_10)
AWAY_OTHER_REGION = Scope(KRASNODAR, 30, 300)

ACTORS = {
    Role.SCHOOL: Actor(1, (Grant(Role.SCHOOL, HOME),)),
    Role.CURATOR: Actor(2, (Grant(Role.CURATOR, HOME),)),
    Role.MUNICIPAL: Actor(3, (Grant(Role.MUNICIPAL, Scope(SMOLENSK, CITY)),)),
    Role.REGIONAL: Actor(4, (Grant(Role.REGIONAL, Scope(SMOLENSK)),)),
}

# What each role may do for a school in its own scope. Written out, not derived from RULES.
EXPECTED_AT_HOME: dict[Action, set[Role]] = {
    Action.VIEW_SCHOOL: {Role.SCHOOL, Role.CURATOR, Role.MUNICIPAL, Role.REGIONAL},
    Action.SUBMIT_CONFIRMATION: {Role.SCHOOL, Role.CURATOR},
    Action.VIEW_REQUESTS: {Role.MUNICIPAL, Role.REGIONAL},
    Action.DECIDE_REQUEST: {Role.MUNICIPAL, Role.REGIONAL},
    Action.INVITE_SCHOOL: {Role.MUNICIPAL, Role.REGIONAL},
    Action.INVITE_CURATOR: {Role.MUNICIPAL, Role.REGIONAL},
    Action.INVITE_MUNICIPAL: {Role.REGIONAL},
    Action.INVITE_REGIONAL: set(),
    Action.IMPORT_DIRECTORY: {Role.MUNICIPAL, Role.REGIONAL},
    Action.REVIEW_SUBMISSION: {Role.MUNICIPAL, Role.REGIONAL},
    Action.VIEW_PROGRESS: {Role.SCHOOL, Role.CURATOR, Role.MUNICIPAL, Role.REGIONAL},
    Action.EXPORT: {Role.MUNICIPAL, Role.REGIONAL},
    Action.BROADCAST: {Role.MUNICIPAL, Role.REGIONAL},
    Action.EDIT_CALENDAR: {Role.REGIONAL},
    Action.ANSWER_QUESTION: {Role.MUNICIPAL, Role.REGIONAL},
    Action.EDIT_WEBINARS: {Role.REGIONAL},
    Action.POST_TO_CHANNEL: {Role.REGIONAL},
    Action.SET_AUTO_ACCEPT: {Role.REGIONAL},
}
# Outside the own school a regional coordinator still covers the rest of the region.
EXPECTED_SAME_REGION_ELSEWHERE = {
    action: roles & {Role.REGIONAL} for action, roles in EXPECTED_AT_HOME.items()
}


def test_the_table_names_every_action() -> None:
    assert set(EXPECTED_AT_HOME) == set(Action) == set(RULES)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (HOME, EXPECTED_AT_HOME),
        (AWAY_SAME_REGION, EXPECTED_SAME_REGION_ELSEWHERE),
        (AWAY_OTHER_REGION, {action: set() for action in Action}),
    ],
    ids=["own-scope", "same-region-elsewhere", "other-region"],
)
def test_action_role_scope(
    action: Action, role: Role, target: Scope, expected: dict[Action, set[Role]]
) -> None:
    assert can(ACTORS[role], action, target) is (role in expected[action])


@pytest.mark.parametrize("action", list(Action))
def test_admin_may_do_everything_everywhere(action: Action) -> None:
    admin = Actor(99, is_admin=True)
    assert can(admin, action, AWAY_OTHER_REGION)


def test_nobody_without_a_role_may_do_anything() -> None:
    stranger = Actor(5)
    assert not any(can(stranger, action, HOME) for action in Action)


def test_a_person_with_two_roles_has_both() -> None:
    director_and_curator = Actor(
        6, (Grant(Role.SCHOOL, HOME), Grant(Role.CURATOR, AWAY_SAME_REGION))
    )
    assert can(director_and_curator, Action.SUBMIT_CONFIRMATION, HOME)
    assert can(director_and_curator, Action.SUBMIT_CONFIRMATION, AWAY_SAME_REGION)
    assert not can(director_and_curator, Action.SUBMIT_CONFIRMATION, AWAY_OTHER_REGION)
