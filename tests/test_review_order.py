"""Skipping walks the review queue in the queue's own order (suspicious first), not by id:
the newcomer's walk saw «⏭ Следующее» cycle through three items and never reach the fourth."""

from __future__ import annotations

from services.review import card_to_show
from storage.models import Submission


def queue(*ids: int) -> list[Submission]:
    return [Submission(id=submission_id) for submission_id in ids]


def test_skipping_reaches_every_item_in_the_queues_order_and_wraps() -> None:
    waiting = queue(5, 2, 9, 1)  # the screening verdicts put 5 first, not the oldest id
    seen = [card_to_show(waiting, 0, 0).id]
    for _ in range(4):
        seen.append(card_to_show(waiting, seen[-1], 0).id)
    assert seen == [5, 2, 9, 1, 5]


def test_a_wanted_item_is_shown_while_it_waits_else_the_first() -> None:
    waiting = queue(5, 2, 9)
    assert card_to_show(waiting, 0, 9).id == 9  # back from typing a return comment: the same card
    assert card_to_show(waiting, 0, 7).id == 5  # decided meanwhile by someone else
    assert card_to_show(waiting, 7, 0).id == 5
