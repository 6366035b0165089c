"""The result of a render: the text to send, its subject, direction and HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import TYPE_CHECKING, Any

from ..i18n.bidi import CLOSE, FSI, LRI, OPEN, PDI, RLI, to_text
from ..i18n.untranslated import ReplyWarning
from ..model.channels import Channel, Direction
from ..model.intent import is_apology
from ..model.scenario import intent_of
from . import sms

if TYPE_CHECKING:
    from ..reviewer import CompanyRules, Review
else:
    # The reviewer loads when a reply is first reviewed, not with every render;
    # at run time the field's hint reads Any, so typing.get_type_hints(Reply) works.
    CompanyRules = Any

_EMPTY_VALUE = OPEN + CLOSE

#: The keys of :meth:`Reply.to_dict`, in order (``sms_segments`` only on SMS).
REPLY_FIELDS: tuple[str, ...] = (
    "kind",
    "locale",
    "requested_locale",
    "language",
    "channel",
    "direction",
    "subject",
    "text",
    "sms_segments",
    "warnings",
    "html",
)

#: The line between the languages of a bilingual reply's text.
DIVIDER = "-" * 20

# Characters that must not reach the markup: C0/C1 controls except LF, soft
# hyphen, ALM/LRM/RLM, zero-width space, bidi embeddings, overrides and isolates
# (HTML gets dir and <bdi> instead), word joiners and BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
_ISOLATES = re.compile(f"([{LRI}{RLI}{FSI}{PDI}])")
_BDI = {LRI: '<bdi dir="ltr">', RLI: '<bdi dir="rtl">', FSI: "<bdi>"}
_EMPTY_BDI = re.compile(r"<bdi(?: dir=\"(?:ltr|rtl)\")?></bdi>")


def tidy(text: str) -> str:
    """No trailing spaces, no run of blank lines, exactly one final newline.

    An empty value leaves no marker pair behind, so a line holding only that
    value is blank in the text and in the HTML alike.
    """
    text = text.replace("\r\n", "\n").replace(_EMPTY_VALUE, "")
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        return _tidy_lines(text)
    # No line ends in a space or tab (the usual reply): what is left to tidy
    # is runs of blank lines, which str.replace handles faster than a loop.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n").lstrip(" ") + "\n"


def _tidy_lines(text: str) -> str:
    """:func:`tidy`, line by line (regular expressions are slow on non-ASCII text)."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip(" \t")
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    if lines:
        lines[0] = lines[0].lstrip(" ")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, eq=False)
class Reply:
    """A rendered reply draft. ``str(reply)`` is its plain text.

    ``text`` ends with one newline, except on the SMS channel, where it is the
    message exactly as a gateway should send it (no final newline, and in
    English no invisible characters), so :attr:`sms_segments` is what it costs.
    """

    kind: str
    locale: str
    requested_locale: str
    language: str
    channel: Channel
    direction: Direction
    subject: str | None
    text: str
    #: The rendered body before isolates: values are still marked for HTML.
    _marked: str = field(repr=False)
    _marked_subject: str | None = field(repr=False, default=None)
    #: The one-language replies a bilingual reply joins, in order; empty otherwise.
    parts: tuple[Reply, ...] = field(repr=False, default=())
    #: What a person should check before sending: free text not in the reply's
    #: language (see ``apologykit.i18n.untranslated``); ``()`` when clean.
    warnings: tuple[ReplyWarning, ...] = ()
    #: True when the requested locale's language had no templates, so the
    #: kit's default language was used (the kit knows; spellings cannot fool it).
    fallback: bool = False
    #: The kit's company review rules (``ReplyKit(review_rules=...)``), used by :meth:`review`.
    review_rules: CompanyRules | None = field(repr=False, default=None)

    def __str__(self) -> str:
        return self.text

    def review(self, *, apology: bool | None = None) -> Review:
        """Review this reply's text (see :func:`apologykit.review`).

        It is reviewed as what its kind declares (``Scenario.intent``): a
        thank-you note or a notice is not faulted for saying no sorry, unless
        ``apology=True``. A bilingual reply reviews its first language; review
        each of :attr:`parts` for all of them. The kit's company rules apply.
        """
        if self.parts:
            return self.parts[0].review(apology=apology)
        if apology is None:
            apology = is_apology(intent_of(self.kind, self.channel))
        from ..reviewer import review

        return review(self.text, self.language, rules=self.review_rules, apology=apology)

    @cached_property
    def html(self) -> str:
        """An e-mail-safe HTML fragment: ``dir`` and ``lang`` on the container, ``<bdi>`` inline.

        A bilingual reply gives one container per language, so each keeps its
        own direction, separated by ``<hr>``.
        """
        if self.parts:
            return "<hr>\n".join(part.html for part in self.parts)
        if self.channel == "sms":
            return html_fragment(self._marked, self.language, self.direction)
        # Outside SMS, text is the marked body turned to plain text already.
        return _fragment(self.text, self.language, self.direction)

    @property
    def sms_encoding(self) -> sms.Encoding:
        """``"GSM-7"`` or ``"UCS-2"``: why :attr:`sms_segments` is what it is."""
        return sms.encoding(self.text.rstrip("\n"))

    @property
    def sms_segments(self) -> int:
        """How many SMS segments ``text`` costs (a final newline is not counted).

        GSM-7 text: 160 characters in one segment, 153 per part, extension
        characters such as ``{`` and ``€`` counting two. Anything outside GSM-7,
        including all Arabic: 70 UTF-16 units, 67 per part. Meant for
        ``channel="sms"``, whose text is kept GSM-7 in English.
        """
        return sms.segments(self.text.rstrip("\n"))

    def to_dict(self, *, html: bool = True) -> dict[str, Any]:
        """A JSON-friendly record of the reply, with its HTML unless ``html=False``."""
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
        if self.channel == "sms":
            data["sms_segments"] = self.sms_segments
        data["warnings"] = [warning.to_dict() for warning in self.warnings]
        if html:
            data["html"] = self.html
        return data


def html_fragment(marked: str, language: str, direction: str) -> str:
    """One ``<div dir lang>`` with a ``<p>`` per paragraph and ``<br>`` for line breaks.

    Paragraphs and lines are exactly those of the plain text, and so are the
    isolated runs: LRI and RLI become ``<bdi dir="ltr">`` and ``<bdi dir="rtl">``
    (an FSI in a company template a plain ``<bdi>``), so text and HTML are
    displayed alike. Every character is escaped, a run
    open over a blank line is closed and reopened so tags always nest, and
    invisible control characters are dropped: the container's ``dir`` does their job.
    """
    return _fragment(to_text(marked, direction), language, direction)


def _fragment(text: str, language: str, direction: str) -> str:
    """:func:`html_fragment` of the plain text (isolates, no markers) of a reply."""
    depth: list[str] = []
    paragraphs: list[str] = []
    for paragraph in text.strip("\n").split("\n\n"):
        html = None if depth else _inline_balanced(paragraph)
        if html is None:
            html, depth = _inline(paragraph, depth)
        paragraphs.append(f"<p>{html}</p>")
    body = "\n".join(paragraphs)
    return f'<div dir="{escape(direction)}" lang="{escape(language)}">\n{body}\n</div>\n'


def _inline_balanced(paragraph: str) -> str | None:
    """What :func:`_inline` gives a paragraph whose runs all open and close inside it.

    The whole paragraph is escaped and its isolates turned into tags in one
    pass (escaping and dropping invisible characters commute with the split);
    ``None`` when a run stays open at its end or a PDI closes nothing.
    """
    level = 0
    isolates = _ISOLATES.findall(paragraph)
    for isolate in isolates:
        if isolate != PDI:
            level += 1
        elif level:
            level -= 1
        else:
            return None
    if level:
        return None
    html = escape(paragraph, quote=False)
    if isolates:
        html = html.replace(LRI, _BDI[LRI]).replace(RLI, _BDI[RLI]).replace(FSI, _BDI[FSI])
        html = html.replace(PDI, "</bdi>")
    html = _INVISIBLE.sub("", html).replace("\n", "<br>\n")
    while "></bdi>" in html:  # a run emptied by dropped characters leaves no tags
        html, count = _EMPTY_BDI.subn("", html)
        if not count:
            break
    return html


def _inline(paragraph: str, depth: list[str]) -> tuple[str, list[str]]:
    """One paragraph as escaped HTML; ``depth`` holds the ``<bdi>`` tags open at each end."""
    out = list(depth)
    depth = list(depth)
    for piece in _ISOLATES.split(paragraph):
        if piece in _BDI:
            depth.append(_BDI[piece])
            out.append(_BDI[piece])
        elif piece == PDI:
            if depth:  # a stray PDI is dropped, never an unmatched </bdi>
                depth.pop()
                out.append("</bdi>")
        elif piece:
            text = escape(_INVISIBLE.sub("", piece), quote=False)
            out.append(text.replace("\n", "<br>\n"))
    out.append("</bdi>" * len(depth))
    html = "".join(out)
    while True:  # a run emptied by dropped characters leaves no tags (nested ones too)
        html, count = _EMPTY_BDI.subn("", html)
        if not count:
            return html, depth


def join_texts(texts: Iterable[str], channel: Channel) -> str:
    """Texts in several languages, one after another, with :data:`DIVIDER` between them."""
    joined = f"\n\n{DIVIDER}\n\n".join(text.rstrip("\n") for text in texts)
    return joined if channel == "sms" else joined + "\n"
