"""JSON out: every answer is UTF-8 JSON, every error the same shape as the library's.

An error is ``{"error": {"type", "message", "fields"}}``:
:meth:`ApologyKitError.to_dict`, the record a batch run writes, so a
client reads the same field paths and messages whichever way it calls.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse

from ..errors import ApologyKitError


def dump(content: Any) -> bytes:
    """``content`` as UTF-8 JSON; text that UTF-8 cannot hold (a lone surrogate) is escaped."""
    try:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate echoed from the input: \\uXXXX keeps it JSON
        return json.dumps(content, separators=(",", ":")).encode("ascii")


class JSON(JSONResponse):
    """Starlette's JSON response, safe for any string the input could have carried."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dump(content)


def error_body(kind: str, message: str, fields: list[str] | None = None) -> bytes:
    """The bytes of an error answer."""
    return dump({"error": {"type": kind, "message": message, "fields": fields or []}})


def error_response(status: int, error: ApologyKitError) -> JSON:
    """A library error as the service's answer."""
    return JSON({"error": error.to_dict()}, status_code=status)


def problem(status: int, kind: str, message: str, fields: list[str] | None = None) -> JSON:
    """An error the service finds itself (a wrong method, a missing route)."""
    return JSON(
        {"error": {"type": kind, "message": message, "fields": fields or []}},
        status_code=status,
    )
