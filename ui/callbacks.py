"""Every callback-data type in one place, so prefixes cannot collide (a test checks), and every
action a button can carry as an enum: the forged-button test matrix is generated from them."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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


class ReqAction(StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"  # asks for the reason first
    DECLINE_BARE = "decline_bare"  # declines without one


class ReqCb(CallbackData, prefix="req"):
    """A coordinator's decision on a join request."""

    action: ReqAction
    request_id: int


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


class ProfAction(StrEnum):
    NAME = "name"
    LEAVE = "leave"  # value = grant id
    FORGET = "forget"
    FORGET_YES = "forget_yes"


class ProfCb(CallbackData, prefix="prof"):
    action: ProfAction
    value: str = ""


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
    question_id: int


class CalEditAction(StrEnum):
    APPLY = "apply"  # a region's checked upload
    SEASON = "season"  # a new season's checked upload


class CalEditCb(CallbackData, prefix="cale"):
    action: CalEditAction


class SubAction(StrEnum):
    PICK = "pick"  # choose a school for `step`
    SCHOOL = "school"  # the school's steps
    STEP = "step"  # start sending for `school` and `step`
    SEND = "send"  # confirm the draft
    CANCEL = "cancel"


class SubCb(CallbackData, prefix="sub"):
    """Sending a confirmation."""

    action: SubAction
    school: int = 0
    step: str = ""


class RevAction(StrEnum):
    OPEN = "open"  # the queue
    ACCEPT = "accept"
    RETURN = "return"
    SKIP = "skip"


class RevCb(CallbackData, prefix="rev"):
    """Reviewing a submission by id."""

    action: RevAction
    submission_id: int = 0


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
    at: int = 0
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


class MarCb(CallbackData, prefix="mar"):
    """Marathons."""

    action: MarAction
    marathon: int = 0
    talk: int = 0
    value: str = ""


class AutoAction(StrEnum):
    LIST = "list"  # the region's reporting steps with their switch
    TOGGLE = "toggle"  # switch one step


class AutoCb(CallbackData, prefix="aa"):
    """Accepting "looks right" confirmations of a step without a reviewer (regional)."""

    action: AutoAction
    step: str = ""
