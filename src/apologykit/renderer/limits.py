"""The bounds a template renders under: sizes, widths, steps and output.

Company templates are semi-trusted: a typo or a hostile line must not hang a
render, a batch or ``apologykit check``, nor take the machine's memory. The
sandbox calls these checks before any work proportional to the numbers a
template asks for (``'a' * 10**9`` is refused before Python builds it), and
each refusal is a :class:`~apologykit.errors.TemplateLimitError` that the kit
places at the template file and line.

The bounds, each far above what a reply needs:

- a string or list a template builds: :data:`MAX_STRING` items;
- an integer: :data:`MAX_INT_BITS` bits (about 1,200 digits);
- a width, count or precision passed to a filter, a string method or a format
  specification: :data:`MAX_WIDTH`;
- items joined by ``join_list``: :data:`MAX_JOIN_ITEMS`;
- work in one render: :data:`MAX_WORK` steps, where each loop iteration and
  each macro call costs one step plus the characters of text and printed
  values its body can produce (a printed value over 256 characters costs its
  length);
- the text of one reply (body, and subject): :data:`MAX_OUTPUT` characters,
  counted while rendering.

Render time follows from these: :data:`MAX_WORK` steps take well under a
second. A bound on wall-clock time itself cannot be
enforced inside a thread (Python cannot stop one); ``batch`` runs records in
worker processes, which it can time out and replace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sized
from itertools import islice
from typing import Any

from ..errors import TemplateLimitError

#: Longest string, list or tuple a template may build.
MAX_STRING = 65_536
#: Longest reply text (body or subject), in characters.
MAX_OUTPUT = 65_536
#: Largest width, count or precision a template may pass to a filter or method.
MAX_WIDTH = 1_000
#: Largest integer a template may compute, in bits.
MAX_INT_BITS = 4_096
#: Most items ``join_list`` joins.
MAX_JOIN_ITEMS = 1_000
#: Most work in one render: loop iterations and macro calls, weighted by the
#: text they can produce.
MAX_WORK = 1_000_000
#: Seconds one batch record may take to render in a worker process (``--timeout``);
#: a render takes milliseconds. Here, not in the batch code, so the command line
#: shows it in its help without loading that code for every command.
RECORD_TIMEOUT = 10.0


class Steps:
    """The work one render has done so far (see :data:`MAX_WORK`)."""

    __slots__ = ("taken",)

    def __init__(self) -> None:
        self.taken = 0

    def take(self, count: int = 1) -> None:
        self.taken += count
        if self.taken > MAX_WORK:
            raise TemplateLimitError(
                f"the template did more than {MAX_WORK} steps of work (loop iterations and "
                "macro calls, weighted by the text they produce) in one reply; look for a loop "
                "over a long string or a macro that calls itself"
            )


def _too_big(what: str, size: int, limit: int) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would have {size} items; templates are limited to {limit}")


def check_size(value: Any) -> Any:
    """``value``, unless it is a string, list or tuple longer than :data:`MAX_STRING`."""
    if isinstance(value, str | list | tuple) and len(value) > MAX_STRING:
        raise _too_big(f"a {type(value).__name__}", len(value), MAX_STRING)
    return value


def check_int(value: int) -> int:
    if value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError(
            f"a number of {value.bit_length()} bits; templates are limited to {MAX_INT_BITS}"
        )
    return value


def check_width(what: str, value: object) -> None:
    """Refuse an integer argument (a width, count or precision) above :data:`MAX_WIDTH`."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise TemplateLimitError(
            f"{what} was given {value}; widths and counts in templates are at most {MAX_WIDTH}"
        )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``left <operator> right`` before computing it, if its result would be too big."""
    if operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            bits = right * (abs(left).bit_length() - 1)
            if bits > MAX_INT_BITS:
                raise TemplateLimitError(
                    f"{left} ** {right} has about {bits} bits; templates are limited to "
                    f"{MAX_INT_BITS}"
                )
    elif operator == "*":
        if _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimitError(
                    f"a product of {left.bit_length() + right.bit_length()} bits; "
                    f"templates are limited to {MAX_INT_BITS}"
                )
            return
        sequence, count = (left, right) if _is_int(right) else (right, left)
        if isinstance(sequence, Sized) and _is_int(count) and len(sequence) * count > MAX_STRING:
            raise _too_big(
                "a repeated " + type(sequence).__name__, len(sequence) * count, MAX_STRING
            )
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left, right)


# A printf-style conversion: flags, width, precision (digits or *), type.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
# A format specification's numbers (width, precision) and any nested field.
_SPEC_NUMBER = re.compile(r"\d+")


def check_percent_format(template: str, arguments: Any) -> None:
    """Refuse ``template % arguments`` if it asks for a width or precision above the limit."""
    for match in _PERCENT.finditer(template):
        for number in match.groups():
            if number == "*":
                values = arguments if isinstance(arguments, tuple) else (arguments,)
                for value in values:
                    check_width("a '*' width in a % format", value)
            elif number is not None:
                check_width("a % format", int(number))


def check_format_spec(spec: str) -> None:
    """Refuse a ``str.format`` specification with a width or precision above the limit."""
    if "{" in spec:
        raise TemplateLimitError(
            "a format specification takes its width from an argument; write the width out"
        )
    for number in _SPEC_NUMBER.findall(spec):
        check_width("a format specification", int(number))


def check_replace(text: str, old: str, new: str) -> None:
    """Refuse ``text.replace(old, new)`` if its result would be too long."""
    grown = text.count(old) * (len(new) - len(old)) if len(new) > len(old) else 0
    if len(text) + grown > MAX_STRING:
        raise _too_big("a replaced string", len(text) + grown, MAX_STRING)


def check_join(separator: str, items: Sized) -> None:
    """Refuse joining ``items`` with ``separator`` if the result would be too long."""
    size = len(separator) * max(len(items) - 1, 0)
    if size > MAX_STRING:
        raise _too_big("a joined string", size, MAX_STRING)


# Pieces read at a time while joining a render's output: one batch holds a
# whole ordinary reply (about 30 pieces), so the common case is two C calls.
# A batch is at most this many pieces of at most MAX_STRING each: memory stays
# bounded even when a template yields huge pieces.
_BATCH = 256


def joined(pieces: Iterator[str], what: str) -> str:
    """The pieces a template yields, joined, refused as soon as they pass :data:`MAX_OUTPUT`."""
    out: list[str] = []
    size = 0
    while True:
        batch = list(islice(pieces, _BATCH))
        text = "".join(batch)
        size += len(text)
        if size > MAX_OUTPUT:
            raise TemplateLimitError(
                f"the reply's {what} is longer than {MAX_OUTPUT} characters; "
                "a reply is a message, not a document"
            )
        if len(batch) < _BATCH:
            if not out:
                return text
            out.append(text)
            return "".join(out)
        out.append(text)
