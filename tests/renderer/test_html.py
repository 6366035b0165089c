"""``Reply.html``: parsed with a real HTML parser, as an e-mail client would.

The fragment must keep its direction (``dir``/``lang`` on the container), keep
the paragraphs and line breaks of the text, show every value as text (a name
that looks like markup stays a name) and carry no invisible control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import apologykit as ak
from apologykit.i18n.bidi import to_text
from apologykit.renderer.reply import _inline, html_fragment

LOCALES = {"en": "en-GB", "ar": "ar-SA"}
CONTROLS = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000\ue001\x00-\x09\x0b-\x1f]"
)
ISOLATES = re.compile("[\u2066-\u2069]")
VOID = {"br", "hr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def text(self) -> str:
        """The text a reader sees: white space collapsed, ``<br>`` as a line break."""
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(re.sub(r"[ \t\r\n]+", " ", child))
            elif child.tag == "br":
                out.append("\n")
            else:
                out.append(child.text())
        return re.sub(r" ?\n ?", "\n", "".join(out))


class TreeBuilder(HTMLParser):
    """Builds a tree and records anything a strict reader would object to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction {data!r}")


def parse(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.problems == []
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def container(html: str) -> Element:
    """The one ``<div>`` of a fragment; nothing but whitespace around it."""
    root = parse(html)
    assert [c for c in root.children if isinstance(c, str) and c.strip()] == []
    (div,) = root.elements()
    assert div.tag == "div"
    return div


def paragraphs(div: Element) -> list[Element]:
    """The ``<p>`` children of the container, checking what each may hold."""
    assert [c for c in div.children if isinstance(c, str) and c.strip()] == []
    found = div.elements()
    assert {p.tag for p in found} == {"p"}
    for p in found:
        _check_inline(p)
    return found


def _check_inline(element: Element) -> None:
    for child in element.elements():
        assert child.tag in ("bdi", "br"), f"<{child.tag}> inside <{element.tag}>"
        allowed = ({}, {"dir": "ltr"}, {"dir": "rtl"}) if child.tag == "bdi" else ({},)
        assert child.attrs in allowed
        if child.tag == "bdi":
            _check_inline(child)


def bdi_texts(element: Element) -> list[str]:
    found: list[str] = []
    for child in element.elements():
        if child.tag == "bdi":
            found.append(child.text())
        found.extend(bdi_texts(child))
    return found


def visible(text: str) -> str:
    """The plain text as a reader sees it: isolates are invisible."""
    return ISOLATES.sub("", text)


def _cases() -> list[tuple[str, str, str]]:
    cases: list[tuple[str, str, str]] = []
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        if not cls.__module__.startswith("apologykit"):
            continue
        for channel in cls.channels:
            for language in LOCALES:
                cases.append((kind, language, channel))
    return cases


# -- every built-in reply ------------------------------------------------------------


@pytest.mark.parametrize(("kind", "language", "channel"), _cases())
def test_structure_direction_and_text(
    kit: ak.ReplyKit, kind: str, language: str, channel: str
) -> None:
    reply = kit.render(ak.scenario_class(kind).examples()[0], LOCALES[language], channel)
    div = container(reply.html)
    expected = {"ar": {"dir": "rtl", "lang": "ar"}, "en": {"dir": "ltr", "lang": "en"}}[language]
    assert div.attrs == expected
    text_paragraphs = reply.text.strip("\n").split("\n\n")
    html_paragraphs = paragraphs(div)
    assert len(html_paragraphs) == len(text_paragraphs)
    for p, text in zip(html_paragraphs, text_paragraphs, strict=True):
        assert p.text() == visible(text)
    assert not CONTROLS.search(reply.html)


def test_latin_values_in_arabic_are_bdi_not_isolates(kit: ak.ReplyKit) -> None:
    # Names stored in Latin letters only, as many helpdesks hold them.
    scenario = ak.DelayedResponse.examples()[0].model_dump(mode="json")
    scenario["customer"]["name"], scenario["agent"]["name"] = "Fatima", "Yousef"
    reply = kit.render(scenario, "ar-SA")
    assert "\u2066Fatima\u2069" in reply.text
    assert '<bdi dir="ltr">Fatima</bdi>' in reply.html
    div = container(reply.html)
    texts = [text for p in paragraphs(div) for text in bdi_texts(p)]
    assert "Fatima" in texts
    assert "Yousef" in texts
    # The text spends no isolate on a percentage Arabic reading order shows right,
    # and the HTML wraps exactly the runs the text isolates.
    assert "15%" not in texts
    assert "15%" in div.text()
    assert not CONTROLS.search(reply.html)


# -- hostile and awkward values ---------------------------------------------------------


@pytest.mark.parametrize("locale", ["ar-SA", "en-GB"])
def test_markup_in_a_name_stays_text(kit: ak.ReplyKit, locale: str) -> None:
    name = "<script>alert(1)</script>"
    reply = kit.render({"kind": "rude_agent", "customer": {"name": name}}, locale)
    assert "<script>" not in reply.html
    div = container(reply.html)
    assert name in paragraphs(div)[0].text()
    if locale == "ar-SA":  # a Latin run inside Arabic is isolated; in English it needs nothing
        assert name in bdi_texts(paragraphs(div)[0])


def test_ampersands_quotes_and_entities_survive(kit: ak.ReplyKit) -> None:
    name = "Tom & \"Jerry\" &amp; 'Co' </div>"
    reply = kit.render({"kind": "rude_agent", "customer": {"name": name}}, "ar-SA")
    div = container(reply.html)
    assert name in bdi_texts(paragraphs(div)[0])


def test_bidi_marks_inside_values_do_not_reach_the_markup(kit: ak.ReplyKit) -> None:
    name = "\u200fSara\u200e\u061c"
    reply = kit.render({"kind": "rude_agent", "customer": {"name": name}}, "ar-SA")
    assert not CONTROLS.search(reply.html)
    assert "Sara" in bdi_texts(paragraphs(container(reply.html))[0])


def _at_fault(finding: str) -> dict[str, Any]:
    data: dict[str, Any] = ak.CustomerAtFault.examples()[0].model_dump(mode="json")
    data["finding"] = finding
    return data


@pytest.mark.parametrize("locale", ["ar-SA", "en-GB"])
def test_a_value_spanning_lines_keeps_breaks_and_nesting(kit: ak.ReplyKit, locale: str) -> None:
    reply = kit.render(_at_fault("the router was reset\non 3 March\n\nby a visitor"), locale)
    div = container(reply.html)  # parse() fails on any misnested <bdi>
    text_paragraphs = reply.text.strip("\n").split("\n\n")
    html_paragraphs = paragraphs(div)
    assert len(html_paragraphs) == len(text_paragraphs)
    for p, text in zip(html_paragraphs, text_paragraphs, strict=True):
        assert p.text() == visible(text)
    texts = [text for p in html_paragraphs for text in bdi_texts(p)]
    if locale == "ar-SA":  # isolates end at a line break, so each line is its own run
        assert "the router was reset" in texts
        assert "on 3 March" in texts
        assert "by a visitor" in texts
    else:
        assert texts == []


def test_to_dict_includes_the_html(kit: ak.ReplyKit) -> None:
    reply = kit.render(ak.DelayedResponse.examples()[0], "ar-SA")
    record = reply.to_dict()
    assert record["html"] == reply.html
    assert record["html"].startswith('<div dir="rtl" lang="ar">')
    assert "html" not in reply.to_dict(html=False)


def test_stray_markers_never_unbalance_the_markup() -> None:
    # A template that slices a printed value can leave half a marker pair behind.
    html = html_fragment("a\ue001b \ue000ج\nد\n\nه\ue001 f", "en", "ltr")
    div = container(html)
    assert [p.text() for p in paragraphs(div)] == ["ab ج\nد", "ه f"]
    assert bdi_texts(div.elements()[0]) == ["ج", "د"]
    assert bdi_texts(div.elements()[1]) == ["ه"]
    assert not CONTROLS.search(html)


def test_isolates_in_a_company_template_become_balanced_bdi() -> None:
    # An FSI a template author typed, never closed, and a stray PDI.
    html = html_fragment("x \u2068y\n\nz\u2069\u2069 w", "en", "ltr")
    div = container(html)
    assert [bdi_texts(p) for p in paragraphs(div)] == [["y"], ["z"]]
    assert not CONTROLS.search(html)


_PIECES = st.sampled_from(
    ["a", "ب", " ", "<", "&", "'", "\n", "\n\n", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
     "\u200f", "\x07", "\ue000", "\ue001", "12"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(["ltr", "rtl"]))
def test_html_in_one_pass_per_paragraph_is_the_same_as_piece_by_piece(
    marked: str, direction: str
) -> None:
    # The general path: each paragraph split at its isolates, as a paragraph
    # whose runs do not open and close inside it is always rendered.
    depth: list[str] = []
    expected: list[str] = []
    for paragraph in to_text(marked, direction).strip("\n").split("\n\n"):
        html, depth = _inline(paragraph, depth)
        expected.append(f"<p>{html}</p>")
    body = "\n".join(expected)
    assert html_fragment(marked, "en", direction) == (
        f'<div dir="{direction}" lang="en">\n{body}\n</div>\n'
    )
