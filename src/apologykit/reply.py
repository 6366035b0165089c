"""The result of a render: the text to send, its subject, direction and HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import bidi

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """No trailing spaces, no run of blank lines, exactly one final newline."""
    text = _TRAILING.sub("\n", text.replace("\r\n", "\n"))
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n ")
    return text + "\n"


@dataclass(frozen=True, eq=False)
class Reply:
    """A rendered reply draft. ``str(reply)`` is its plain text."""

    kind: str
    locale: str
    requested_locale: str
    language: str
    channel: str
    direction: str
    subject: str | None
    text: str
    #: The rendered body before isolates: values are still marked for HTML.
    _marked: str = field(repr=False)
    _marked_subject: str | None = field(repr=False, default=None)

    def __str__(self) -> str:
        return self.text

    @property
    def fallback(self) -> bool:
        """True when the requested locale's language had no templates."""
        return self.locale.split("-")[0] != self.requested_locale.replace("_", "-").split("-")[0]

    @cached_property
    def html(self) -> str:
        """An e-mail-safe HTML fragment: ``dir`` and ``lang`` on the container, ``<bdi>`` inline."""
        return html_fragment(self._marked, self.language, self.direction)

    def to_dict(self, *, html: bool = True) -> dict[str, Any]:
        """A JSON-friendly record of the reply."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "locale": self.locale,
            "requested_locale": self.requested_locale,
            "language": self.language,
            "channel": self.channel,
            "direction": self.direction,
            "subject": self.subject,
            "text": self.text,
        }
        if html:
            data["html"] = self.html
        return data


def html_fragment(marked: str, language: str, direction: str) -> str:
    """One ``<div dir lang>`` with a ``<p>`` per paragraph and ``<br>`` for line breaks."""
    paragraphs = [part for part in marked.strip("\n").split("\n\n") if part.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(bidi.to_html_inline(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )
    return f'<div dir="{direction}" lang="{language}">\n{body}\n</div>\n'
