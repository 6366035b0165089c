"""A reply's layout is tidied the same way whichever path ``tidy`` takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from apologykit.i18n.bidi import CLOSE, OPEN
from apologykit.renderer.reply import _tidy_lines, tidy

# Lines, blank lines, spaces and tabs where they are hard to get right, empty values.
_PIECES = st.sampled_from(
    [" ", "\t", "\n", "\r\n", "\r", "Sara", "سارة", OPEN, CLOSE, OPEN + CLOSE]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_tidy_gives_what_tidying_line_by_line_gives(text: str) -> None:
    expected = _tidy_lines(text.replace("\r\n", "\n").replace(OPEN + CLOSE, ""))
    assert tidy(text) == expected


def test_a_reply_has_no_trailing_spaces_nor_runs_of_blank_lines() -> None:
    body = "\n\n  Dear Sara,\n\n\n\nWe are sorry.  \nThanks.\t\n\n\n"
    assert tidy(body) == "Dear Sara,\n\nWe are sorry.\nThanks.\n"
    assert tidy("Dear Sara,\n\n\n\nWe are sorry.\n\n\n") == "Dear Sara,\n\nWe are sorry.\n"
    assert tidy(f"Hi {OPEN}{CLOSE}\n\n\n\nBye") == "Hi\n\nBye\n"
    assert tidy("\n \n") == "\n"
