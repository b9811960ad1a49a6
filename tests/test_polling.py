"""The polling queue: each chat's updates in order, chats in turn, people writing now before a
backlog, and a full queue holds the fetching back instead of growing."""

from __future__ import annotations

import asyncio
import json
import time

from bot.polling import FRESH_S, FairQueue


def update(update_id: int, chat: int, sent: float) -> dict[str, object]:
    message = {"message_id": update_id, "date": int(sent), "chat": {"id": chat, "type": "private"}}
    return {"update_id": update_id, "message": message}


async def take_all(queue: FairQueue, count: int) -> list[tuple[int, int]]:
    """Takes `count` updates, finishing each before the next: (chat, update id) in order."""
    taken = []
    for _ in range(count):
        chat, packed = await queue.take()
        taken.append((chat, json.loads(packed)["update_id"]))
        await queue.done(chat)
    return taken


async def test_chats_take_turns_and_each_keeps_its_order() -> None:
    queue = FairQueue(capacity=100)
    now = time.time()
    for n in range(1, 6):  # chat 1 wrote five times before chat 2 wrote once
        await queue.put(update(n, 1, now), now)
    await queue.put(update(6, 2, now), now)
    taken = await take_all(queue, 6)
    assert taken[:3] == [(1, 1), (2, 6), (1, 2)]  # chat 2 waits one turn, not five
    assert [u for chat, u in taken if chat == 1] == [1, 2, 3, 4, 5]


async def test_a_chat_is_never_handled_twice_at_once() -> None:
    queue = FairQueue(capacity=100)
    now = time.time()
    await queue.put(update(1, 1, now), now)
    await queue.put(update(2, 1, now), now)
    chat, _ = await queue.take()
    second = asyncio.create_task(queue.take())
    await asyncio.sleep(0.05)
    assert not second.done()  # chat 1's next update waits for the first to finish
    await queue.done(chat)
    assert (await second)[0] == 1


async def test_people_writing_now_go_before_the_backlog() -> None:
    queue = FairQueue(capacity=100)
    now = time.time()
    old = now - FRESH_S - 3600  # sent while the bot was down
    for n in range(1, 4):
        await queue.put(update(n, 100 + n, old), now)
    await queue.put(update(9, 7, now), now)
    assert (await take_all(queue, 4))[0] == (7, 9)


async def test_a_full_queue_holds_the_fetching_back() -> None:
    queue = FairQueue(capacity=2)
    now = time.time()
    await queue.put(update(1, 1, now), now)
    await queue.put(update(2, 2, now), now)
    third = asyncio.create_task(queue.put(update(3, 3, now), now))
    await asyncio.sleep(0.05)
    assert not third.done() and len(queue) == 2
    await take_all(queue, 1)
    await asyncio.wait_for(third, timeout=1)
    assert len(queue) == 2
