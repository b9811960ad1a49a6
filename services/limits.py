"""The longest text each input takes. Each is checked where the person types it, with a clear
message and nothing lost; the README lists them ("Input limits")."""

from __future__ import annotations

ROW_ID = 2**31 - 1  # the largest row id a button or a board address may name
FILES_PER_DRAFT = 30  # screenshots in one confirmation (a step needs a few; 3 albums at most)
COMMENT = 1024  # a confirmation's comment: as long as a photo's caption may be
RETURN_COMMENT = 1000  # a reviewer's reason for returning a confirmation
QUESTION = 3500  # a question passed to a coordinator (their notice must fit one message)
ANSWER = 3500  # a coordinator's answer to it
SEARCH = 200  # a school's name or code typed to find it
