"""Every callback-data type in one place, so prefixes cannot collide (a test checks), and every
action a button can carry as an enum: the forged-button test matrix is generated from them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from aiogram.filters.callback_data import CallbackData
from pydantic import Field, model_validator

from services import limits

# A forged button may carry any number: ids beyond a row id's range or times beyond any season
# fail to unpack (the button is then "outdated") instead of overflowing SQLite or datetime.
MAX_ID = limits.ROW_ID
Id = Annotated[int, Field(ge=0, le=MAX_ID)]
UnixTime = Annotated[int, Field(ge=0, le=4_102_444_800)]  # up to 2100-01-01
MAX_PAGE = 9_999  # a list of 100,000 items at 10 a page; past it a page button is forged
PageNo = Annotated[int, Field(ge=0, le=MAX_PAGE)]  # a page of a list, from 0


def is_id(value: str) -> bool:
    """A row id written as text: digits only, within MAX_ID."""
    return value.isascii() and value.isdigit() and len(value) <= 10 and int(value) <= MAX_ID


def checks_value(rules: Mapping[StrEnum, Callable[[str], bool]]) -> Any:
    """A validator for factories whose `value` means different things per action: the rule of
    the button's action must accept it, else the button does not unpack."""

    def check(self: Any) -> Any:
        rule = rules.get(self.action)
        if rule is not None and not rule(self.value):
            raise ValueError(f"{self.action}: unexpected value")
        return self

    return model_validator(mode="after")(check)


def one_of(*allowed: str) -> Callable[[str], bool]:
    return frozenset(allowed).__contains__


class MenuItem(StrEnum):
    HOME = "home"
    HELP = "help"
    LANG = "lang"
    DEADLINES = "deadlines"
    WEBINARS = "webinars"
    PROGRESS = "progress"
    PROFILE = "profile"


class MenuCb(CallbackData, prefix="m"):
    """A main-menu item."""

    item: MenuItem


class LangCb(CallbackData, prefix="lang"):
    code: str


class WebinarAction(StrEnum):
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"


class WebinarCb(CallbackData, prefix="web"):
    """Subscribe to or unsubscribe from a series by its key."""

    action: WebinarAction
    series: str


class RegAction(StrEnum):
    ROLE = "role"  # value = role
    LIST = "list"  # browse the regions
    REGION = "region"  # value = region code
    MUNICIPALITY = "mun"  # value = municipality id
    SCHOOL = "school"  # value = school id
    SEND = "send"
    AGAIN = "again"
    CANCEL = "cancel"  # value = the person's own waiting request


class RegCb(CallbackData, prefix="reg"):
    """Onboarding."""

    action: RegAction
    value: str = ""

    check_value: ClassVar[Any] = checks_value(
        {
            RegAction.MUNICIPALITY: is_id,
            RegAction.SCHOOL: is_id,
            RegAction.CANCEL: is_id,
            RegAction.ROLE: one_of("school", "curator"),
        }
    )


class ReqAction(StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"  # asks for the reason first
    DECLINE_BARE = "decline_bare"  # declines without one
    BACK = "back"  # from the reason's prompt back to the request, undecided


class ReqCb(CallbackData, prefix="req"):
    """A coordinator's decision on a join request."""

    action: ReqAction
    request_id: Id


class InvAction(StrEnum):
    ROLE = "role"
    SCHOOL = "school"  # add one (value = school id)
    DONE = "done"
    MUNICIPALITY = "mun"  # value = municipality id
    USES = "uses"  # value = number of uses


class InvCb(CallbackData, prefix="inv"):
    """Making an invite."""

    action: InvAction
    value: str = ""

    check_value: ClassVar[Any] = checks_value(
        {
            InvAction.ROLE: one_of("school", "curator", "municipal", "regional"),
            InvAction.SCHOOL: is_id,
            InvAction.MUNICIPALITY: is_id,
            InvAction.USES: is_id,
        }
    )


class ProfAction(StrEnum):
    NAME = "name"
    LEAVE = "leave"  # value = grant id
    FORGET = "forget"
    FORGET_YES = "forget_yes"


class ProfCb(CallbackData, prefix="prof"):
    action: ProfAction
    value: str = ""

    check_value: ClassVar[Any] = checks_value({ProfAction.LEAVE: is_id})


class CalAction(StrEnum):
    STAGES = "stages"
    STAGE = "stage"  # value = stage key
    STEP = "step"  # value = step key
    DEADLINES = "deadlines"
    FAQ = "faq"  # value = FAQ entry key
    ASK = "ask"  # pass the last question to a coordinator


class CalCb(CallbackData, prefix="cal"):
    """Calendar screens."""

    action: CalAction
    value: str = ""


class QuestionAction(StrEnum):
    ANSWER = "answer"


class QuestionCb(CallbackData, prefix="q"):
    """Handoff: answer a question by id."""

    action: QuestionAction
    question_id: Id


class CalEditAction(StrEnum):
    APPLY = "apply"  # a region's checked upload (or an earlier version)
    SEASON = "season"  # a new season's checked upload
    MENU = "menu"  # the region's calendar screen
    XLSX = "xlsx"  # download it as a spreadsheet
    YAML = "yaml"  # download it as YAML
    VERSIONS = "versions"  # the earlier versions
    VERSION = "version"  # `version`: the difference going back to it would make


class CalEditCb(CallbackData, prefix="cale"):
    action: CalEditAction
    version: int = 0


class SubAction(StrEnum):
    PICK = "pick"  # choose a school for `step`
    SCHOOL = "school"  # the school's steps
    STEP = "step"  # start sending for `school` and `step`
    SEND = "send"  # confirm the draft
    CANCEL = "cancel"


class SubCb(CallbackData, prefix="sub"):
    """Sending a confirmation."""

    action: SubAction
    school: Id = 0
    step: str = ""


class RevAction(StrEnum):
    OPEN = "open"  # the queue
    ACCEPT = "accept"
    RETURN = "return"
    SKIP = "skip"


class RevCb(CallbackData, prefix="rev"):
    """Reviewing a submission by id."""

    action: RevAction
    submission_id: Id = 0


class CopyAction(StrEnum):
    OPEN = "open"  # the other submission a copy was found of; `back` = the card it was found on


class CopyCb(CallbackData, prefix="revc"):
    """From a review card to the submission the checks found it copies, and back. A factory of
    its own, so RevCb's buttons already in chats keep unpacking."""

    action: CopyAction
    submission_id: Id
    back: Id = 0


class ProgAction(StrEnum):
    SHOW = "show"
    MISSING = "missing"  # value = step key; municipality (0 = whole scope), page
    REMIND = "remind"  # value = step key; municipality (0 = whole scope)
    CHART = "chart"  # value = steps | municipalities
    XLSX = "xlsx"
    ZIP = "zip"  # value = "" (the latest version of each) | all


class ProgCb(CallbackData, prefix="prog"):
    action: ProgAction
    value: str = ""
    municipality: int = 0
    page: int = 0


class BcAction(StrEnum):
    ROLE = "role"
    MUNICIPALITY = "mun"  # value = id, 0 = whole scope
    STEP = "step"  # value = step key, "" = everyone
    CHANNEL = "channel"  # toggle
    NOW = "now"
    LATER = "later"
    AGAIN = "again"
    CANCEL = "cancel"
    STOP = "stop"  # value = broadcast id
    LIST = "list"  # every recipient, as a file
    SCHEDULED = "scheduled"  # the author's broadcasts waiting for their time


class BcCb(CallbackData, prefix="bc"):
    """Composing a broadcast."""

    action: BcAction
    value: str = ""

    check_value: ClassVar[Any] = checks_value({BcAction.MUNICIPALITY: is_id, BcAction.STOP: is_id})


class WebEditAction(StrEnum):
    LIST = "list"
    OPEN = "open"  # an occurrence: series + start as a Unix time
    TOGGLE = "toggle"  # cancel or restore it
    FIELD = "field"  # topic | speakers | join_url | recording_url
    ADD = "add"
    SEASON = "season"
    SEASON_YES = "season_yes"


class WebEditCb(CallbackData, prefix="wed"):
    """Editing webinars."""

    action: WebEditAction
    series: str = ""
    at: UnixTime = 0
    field: str = ""


class MarAction(StrEnum):
    LIST = "list"
    NEW = "new"  # value = kind
    OPEN = "open"
    PROPOSE = "propose"  # talk = the school chosen
    PROPOSALS = "proposals"  # talk = show those after it
    ACCEPT = "accept"  # also: move a scheduled talk
    DECLINE = "decline"
    PUBLISH = "publish"
    PROGRAMME = "programme"  # the scheduled talks
    TALK = "talk"  # one of them
    WITHDRAW = "withdraw"
    SEND = "send"  # the previewed programme: send it
    NOFILE = "nofile"  # a proposal without a presentation
    FILE = "file"  # a proposal's presentation, for its coordinator
    LINK = "link"  # set a scheduled talk's join link


class MarCb(CallbackData, prefix="mar"):
    """Marathons."""

    action: MarAction
    marathon: Id = 0
    talk: Id = 0
    value: str = ""


class AutoAction(StrEnum):
    LIST = "list"  # the region's reporting steps with their switch
    TOGGLE = "toggle"  # switch one step


class AutoCb(CallbackData, prefix="aa"):
    """Accepting "looks right" confirmations of a step without a reviewer (regional)."""

    action: AutoAction
    step: str = ""


class Picker(StrEnum):
    """The lists shown a page at a time (ui.pages)."""

    REG_MUNICIPALITY = "rm"  # key = region code
    REG_SCHOOL = "rs"  # ref = municipality id
    INV_MUNICIPALITY = "im"
    BC_MUNICIPALITY = "bm"
    SUB_SCHOOL = "ss"  # key = step key ("" = the school's steps next)
    MAR_SCHOOL = "ms"  # ref = marathon id


class PageCb(CallbackData, prefix="pg"):
    """A page of a long list: the page index is bounded, what it lists is checked again."""

    picker: Picker
    page: PageNo = 0
    ref: Id = 0
    key: str = ""
