"""Many records in, one result each out, in order: the engine under ``batch`` and Dask.

A result is ``{"ok": True, "reply": {...}}`` or ``{"ok": False, "error": {...}}``,
the shape of a batch output record without its line number. Whatever a record
holds (not a dict, an unknown kind, hostile values), it becomes that record's
error; nothing here raises for a record, so a stream of a million records
gives a million results. Results are yielded one at a time: memory stays flat.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, cast

from ..errors import ApologyKitError, InputError
from ..model.channels import Channel
from ..model.jsontext import json_type
from ..model.scenario import Scenario, parse_scenario
from .reply import REPLY_FIELDS, Reply


class Renders(Protocol):
    """What this module needs of a :class:`~apologykit.ReplyKit`: its ``render``."""

    def render(self, scenario: Scenario, locale: str | None = ..., channel: Channel = ...) -> Reply:
        """A reply for ``scenario``, as :meth:`apologykit.ReplyKit.render` gives it."""


#: A render_many result: ``ok`` and either ``reply`` or ``error``.
Result = dict[str, Any]

# One encoder for every record: json.dumps with options builds a new one per call.
JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
SURROGATE = re.compile("[\ud800-\udfff]")


def default_channel(scenario: type[Scenario]) -> Channel:
    """E-mail when the kind has it, else its first channel."""
    return "email" if "email" in scenario.channels else scenario.channels[0]


def check_fields(fields: Sequence[str] | None) -> tuple[str, ...] | None:
    """``fields`` as a tuple, after checking each names a reply field (a caller's mistake,
    so it raises once, before any record is rendered)."""
    if fields is None:
        return None
    if isinstance(fields, str):
        raise ValueError(f"fields must be a list of reply fields, such as ['text'], not {fields!r}")
    unknown = [name for name in fields if name not in REPLY_FIELDS]
    if unknown:
        raise ValueError(
            f"{', '.join(map(repr, unknown))} is not a reply field; "
            f"choose from: {', '.join(REPLY_FIELDS)}"
        )
    return tuple(fields)


def render_many(
    kit: Renders,
    records: Iterable[object],
    *,
    locale: str | None = None,
    channel: str | None = None,
    fields: Sequence[str] | None = None,
) -> Iterator[Result]:
    """One result per record of ``records``, in order, lazily (see the module's docstring)."""
    wanted = check_fields(fields)
    for record in records:
        yield render_result(kit, record, locale, channel, wanted)


def render_result(
    kit: Renders,
    record: object,
    locale: str | None = None,
    channel: str | None = None,
    fields: tuple[str, ...] | None = None,
) -> Result:
    """The result of one record. The reply dict holds only ``fields`` when given, and
    always encodes as UTF-8 (a lone surrogate in it is the record's error)."""
    try:
        reply = render_reply(kit, record, locale, channel, fields=fields)
        _check_encodable(reply)
    except Exception as exc:  # a stream never stops at one record
        return {"ok": False, "error": error_dict(exc)}
    return {"ok": True, "reply": reply}


def render_reply(
    kit: Renders,
    record: object,
    locale: str | None = None,
    channel: str | None = None,
    *,
    fields: Collection[str] | None = None,
) -> dict[str, Any]:
    """One record's reply as :func:`reply_dict` gives it, raising on a bad record."""
    return reply_dict(render_scenario(kit, record, locale, channel), fields)


def render_scenario(
    kit: Renders, record: object, locale: str | None = None, channel: str | None = None
) -> Reply:
    """One record's reply, raising on a bad record.

    The record's own ``locale`` and ``channel`` keys win over the arguments; a
    kind with no e-mail template gets its first channel when none is given.
    """
    if not isinstance(record, Mapping):
        raise InputError(f"a record must be an object of scenario fields, not {json_type(record)}")
    data = dict(record)
    own_locale, own_channel = _override(data, "locale"), _override(data, "channel")
    scenario = parse_scenario(data)
    chosen = own_channel or channel or default_channel(type(scenario))
    # Input text: render checks it against the kind's channels (a ChannelError).
    return kit.render(scenario, locale=own_locale or locale, channel=cast(Channel, chosen))


def reply_dict(reply: Reply, fields: Collection[str] | None = None) -> dict[str, Any]:
    """:meth:`Reply.to_dict`, keeping only ``fields`` when given (a reply without one, such
    as ``sms_segments`` off SMS, leaves it out); without ``html`` none is built."""
    if fields is None:
        return reply.to_dict()
    whole = reply.to_dict(html="html" in fields)
    return {key: value for key, value in whole.items() if key in fields}


def _override(data: dict[str, Any], key: str) -> str | None:
    value = data.pop(key, None)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{key} must be a string, not {json_type(value)}", (key,))
    return value or None


def _check_encodable(reply: dict[str, Any]) -> None:
    try:
        JSON_ENCODER.encode(reply).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise unencodable(exc) from None


def unencodable(exc: UnicodeEncodeError) -> InputError:
    """The error for a reply holding a lone surrogate, which no UTF-8 output can hold."""
    code = ord(exc.object[exc.start])
    return InputError(
        f"the reply holds U+{code:04X}, half of a UTF-16 surrogate pair, which is not text "
        "and cannot be written as UTF-8; remove it from the input"
    )


def error_dict(exc: Exception) -> dict[str, Any]:
    """A failure as an error record's ``error``; text that is not UTF-8 shows as U+FFFD."""
    if isinstance(exc, ApologyKitError):
        error = exc.to_dict()
    else:
        error = {"type": type(exc).__name__, "message": str(exc) or repr(exc), "fields": []}
    error["message"] = SURROGATE.sub("\ufffd", error["message"])
    error["fields"] = [SURROGATE.sub("\ufffd", str(name)) for name in error["fields"]]
    return error
