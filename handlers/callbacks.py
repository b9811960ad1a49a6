"""Every callback-data type in one place, so prefixes cannot collide (a test checks)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    """A main-menu item: `home`, `help`, `lang`."""

    item: str


class LangCb(CallbackData, prefix="lang"):
    code: str


class WebinarCb(CallbackData, prefix="web"):
    """`subscribe` / `unsubscribe` a series by its key."""

    action: str
    series: str


class RegCb(CallbackData, prefix="reg"):
    """Onboarding: `role` (value = role), `list` (browse), `region` (value = code),
    `mun` (value = municipality id), `school` (value = school id), `send`, `again`."""

    action: str
    value: str = ""


class ReqCb(CallbackData, prefix="req"):
    """A coordinator's decision on a join request: `approve` or `decline`."""

    action: str
    request_id: int


class InvCb(CallbackData, prefix="inv"):
    """Making an invite: `role`, `school` (add one), `done`, `mun`, `region`, `uses`."""

    action: str
    value: str = ""


class ProfCb(CallbackData, prefix="prof"):
    """Profile: `name` (edit), `leave` (value = grant id), `forget`, `forget_yes`."""

    action: str
    value: str = ""


class CalCb(CallbackData, prefix="cal"):
    """Calendar screens: `stages`, `stage` (value = stage key), `step` (value = step key),
    `deadlines`."""

    action: str
    value: str = ""


class QuestionCb(CallbackData, prefix="q"):
    """Handoff: `answer` a question by id."""

    action: str
    question_id: int


class CalEditCb(CallbackData, prefix="cale"):
    """A regional calendar upload: `apply` the checked file or `cancel`."""

    action: str


class SubCb(CallbackData, prefix="sub"):
    """Sending a confirmation: `pick` (choose a school for `step`), `school` (its steps), `step`
    (start sending for `school` and `step`), `send` (confirm the draft), `cancel`."""

    action: str
    school: int = 0
    step: str = ""


class RevCb(CallbackData, prefix="rev"):
    """Reviewing: `open` (the queue), `accept` / `return` / `skip` a submission by id."""

    action: str
    submission_id: int = 0


class ProgCb(CallbackData, prefix="prog"):
    """Progress: `show`, `missing` (value = step key), `chart` (value = steps | municipalities),
    `xlsx`, `zip`."""

    action: str
    value: str = ""


class BcCb(CallbackData, prefix="bc"):
    """Composing a broadcast: `role`, `mun` (value = id, 0 = whole scope), `step` (value = step
    key, "" = everyone), `channel` (toggle), `now`, `later`, `cancel`; `stop` (value = id)."""

    action: str
    value: str = ""


class WebEditCb(CallbackData, prefix="wed"):
    """Editing webinars: `list`, `open` / `toggle` an occurrence (series + start as a Unix
    time), `field` (topic | speakers | join_url | recording_url), `add`, `season`, `season_yes`."""

    action: str
    series: str = ""
    at: int = 0
    field: str = ""


class MarCb(CallbackData, prefix="mar"):
    """Marathons: `list`, `new` (value = kind), `open`, `propose` (talk = the school chosen),
    `proposals` (talk = show those after it), `accept` (also: move a scheduled talk), `decline`,
    `publish`, `programme` (scheduled talks), `talk` (one of them), `withdraw`."""

    action: str
    marathon: int = 0
    talk: int = 0
    value: str = ""
