"""What a reader SEES: values inside Arabic and English text, laid out by a real bidi algorithm.

Checking which control characters are present says little; these tests run the
Unicode Bidirectional Algorithm (python-bidi, the Rust ``unicode-bidi`` crate)
over the plain text and over the HTML (``<bdi>`` mapped to the isolates it
stands for) and check the order on screen. A reading is a list of pieces in the
order a reader meets them: right to left in Arabic, left to right in English;
within a piece, Latin letters and digits read left to right, Arabic right to left.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import ClassVar, Literal

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field

import apologykit as ak
from apologykit.i18n import bidi as kit_bidi
from apologykit.model.scenario import unregister
from apologykit.model.values import Money

PROBE = "bidi_probe_test"
ISOLATES = re.compile("[\u2066-\u2069]")
ARABIC = re.compile("[\u0600-\u06ff]")
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"

# One sentence per value type, so each line of the reply is one case.
TEMPLATES = {
    f"ar/{PROBE}.chat.j2": (
        "{% if value %}تواصل معنا على {{ value }} اليوم.\n{% endif %}"
        "{% if amount %}بمبلغ {{ amount | money }} فقط.\n{% endif %}"
        "{% if day %}يصل في {{ day | date }} إن شاء الله.\n{% endif %}"
        "{% if at %}نتصل بكم {{ at | time }} غدًا.\n{% endif %}"
        "{% if percent %}بخصم {{ percent | percent }} على الطلب.\n{% endif %}"
        "{% if names %}بين {{ names | join_list }} اليوم.\n{% endif %}"
    ),
    f"en/{PROBE}.chat.j2": (
        "{% if value %}Call us on {{ value }} today.\n{% endif %}"
        "{% if amount %}A refund of {{ amount | money }} only.\n{% endif %}"
        "{% if day %}Arriving on {{ day | date }} at the latest.\n{% endif %}"
        "{% if at %}We call you at {{ at | time }} tomorrow.\n{% endif %}"
        "{% if percent %}A discount of {{ percent | percent }} on the order.\n{% endif %}"
        "{% if names %}Between {{ names | join_list }} today.\n{% endif %}"
    ),
}


@pytest.fixture(scope="module")
def probe_kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ak.ReplyKit]:
    root: Path = tmp_path_factory.mktemp("bidi_templates")
    for name, source in TEMPLATES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")

    class BidiProbe(ak.Scenario):
        """Test only: prints each given value inside one sentence."""

        channels: ClassVar[tuple[str, ...]] = ("chat",)
        kind: Literal["bidi_probe_test"] = "bidi_probe_test"
        value: str | None = None
        amount: Money | None = None
        day: dt.date | None = None
        at: dt.datetime | None = None
        percent: Decimal | None = None
        names: list[str] = Field(default_factory=list)

    try:
        yield ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[root])
    finally:
        unregister(PROBE)


# -- reading what is displayed ------------------------------------------------------


def displayed(line: str, direction: str) -> str:
    """One line as a screen shows it, left to right; the isolates themselves are invisible."""
    return ISOLATES.sub("", get_display(line, base_dir="R" if direction == "rtl" else "L"))


def shown(piece: str) -> str:
    """How a piece looks on its own: Arabic right to left, Latin and digits as typed."""
    return get_display(piece, base_dir="R") if ARABIC.search(piece) else piece


def reads(line: str, direction: str, pieces: Sequence[str]) -> bool:
    """True when ``line`` on screen shows ``pieces`` whole, in reading order.

    In right-to-left text each piece stands left of the one read before it.
    """
    visual = displayed(line, direction)
    if direction == "rtl":
        end = len(visual)
        for piece in pieces:
            end = visual.rfind(shown(piece), 0, end)
            if end < 0:
                return False
        return True
    start = 0
    for piece in pieces:
        found = visual.find(shown(piece), start)
        if found < 0:
            return False
        start = found + len(shown(piece))
    return True


def html_lines(fragment: str) -> tuple[str, list[str]]:
    """The container's direction and its lines, ``<bdi>`` turned into the isolates it means.

    ``<bdi dir="ltr">`` is LRI, ``dir="rtl"`` is RLI, a bare ``<bdi>`` is FSI
    (``dir=auto``); ``</bdi>`` is PDI, ``<br>`` and paragraphs end lines.
    """
    head, body = fragment.split("\n", 1)
    direction = re.fullmatch(r'<div dir="(\w+)" lang="\w+">', head)
    assert direction is not None, head
    body = body.rsplit("</div>", 1)[0]
    assert not ISOLATES.search(body), "HTML carries isolate controls"
    for tag, control in (
        ('<bdi dir="ltr">', LRI),
        ('<bdi dir="rtl">', RLI),
        ("<bdi>", FSI),
        ("</bdi>", PDI),
    ):
        body = body.replace(tag, control)
    body = body.replace("<br>\n", "\n").replace("<p>", "").replace("</p>", "")
    assert "<" not in body, body
    return direction.group(1), [html.unescape(line) for line in body.split("\n") if line]


def line_with(reply: ak.Reply, word: str) -> str:
    (line,) = [line for line in reply.text.split("\n") if word in line]
    return line


def html_line_with(reply: ak.Reply, word: str) -> tuple[str, str]:
    direction, lines = html_lines(reply.html)
    (line,) = [line for line in lines if word in line]
    return direction, line


def check_both(reply: ak.Reply, word: str, pieces: Sequence[str]) -> None:
    """The line holding ``word`` reads as ``pieces`` in the text and in the HTML."""
    line = line_with(reply, word)
    assert reads(line, reply.direction, pieces), (line, displayed(line, reply.direction))
    direction, html_line = html_line_with(reply, word)
    assert direction == reply.direction
    assert reads(html_line, direction, pieces), (html_line, displayed(html_line, direction))


# -- values that mix digits, Latin and Arabic, in Arabic replies ----------------------

VALUES_IN_ARABIC = [
    # The phone number keeps its digit groups in order; the Arabic word stays outside.
    ("+966 11 555 0142 (التحويلة 214)", ["على", "+966 11 555 0142", "التحويلة 214", "اليوم"]),
    ("+966 11 555 0142", ["على", "+966 11 555 0142", "اليوم"]),
    ("011 555 0142", ["على", "011 555 0142", "اليوم"]),
    ("(011) 555-0142", ["على", "(011) 555-0142", "اليوم"]),
    ("+966-11-555-0142", ["على", "+966-11-555-0142", "اليوم"]),
    ("رقم 555-0142", ["على", "رقم", "555-0142", "اليوم"]),
    ("بتاريخ 2025-03-12", ["على", "بتاريخ", "2025-03-12", "اليوم"]),
    ("من 10 - 20", ["على", "من", "10", "-", "20", "اليوم"]),
    ("A-884213", ["على", "A-884213", "اليوم"]),
    ("CS-20418", ["على", "CS-20418", "اليوم"]),
    ("sara.k@example.com", ["على", "sara.k@example.com", "اليوم"]),
    ("https://acme.example/returns?id=42", ["على", "https://acme.example/returns?id=42", "اليوم"]),
    ("Sara Al-Harbi", ["على", "Sara Al-Harbi", "اليوم"]),
    ("Acme Inc.", ["على", "Acme Inc.", "اليوم"]),
    ("فرع Acme في الرياض", ["على", "فرع", "Acme", "في الرياض", "اليوم"]),
    ("الرقم 800 123 4567 مجانًا", ["على", "الرقم", "800 123 4567", "مجانًا", "اليوم"]),
    ("في 3 مارس", ["على", "في", "3", "مارس", "اليوم"]),
    # A bracket opened in the Arabic part closes there, not inside the Latin run.
    ("(رقم 5) Acme", ["على", "رقم", "5", "Acme", "اليوم"]),
    ("[مهم] A-1 (التحويلة 5)", ["على", "مهم", "A-1", "التحويلة", "5", "اليوم"]),
]


@pytest.mark.parametrize(("value", "pieces"), VALUES_IN_ARABIC)
def test_values_read_in_order_in_arabic(
    probe_kit: ak.ReplyKit, value: str, pieces: list[str]
) -> None:
    reply = probe_kit.render({"kind": PROBE, "value": value}, "ar-SA", "chat")
    check_both(reply, "تواصل", pieces)


def test_formatted_values_read_in_order_in_arabic(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render(
        {
            "kind": PROBE,
            "amount": {"amount": "1250.50", "currency": "SAR"},
            "day": "2025-03-12",
            "at": "2025-03-12T10:30:00+00:00",
            "percent": "15",
        },
        "ar-SA",
        "chat",
    )
    check_both(reply, "بمبلغ", ["بمبلغ", "1,250.50", "ريال سعودي", "فقط"])
    check_both(reply, "يصل", ["يصل في", "12", "مارس", "2025", "إن شاء الله"])
    check_both(reply, "نتصل", ["نتصل بكم", "10:30", "ص", "غدًا"])
    # Read as Arabic reads it: the number, then its sign (shown left of it, as ١٥٪ is).
    check_both(reply, "بخصم", ["بخصم", "15", "%", "على الطلب"])


def test_amount_in_a_currency_without_arabic_symbol_reads_in_order(
    probe_kit: ak.ReplyKit,
) -> None:
    reply = probe_kit.render(
        {"kind": PROBE, "amount": {"amount": "49.99", "currency": "USD"}}, "ar-SA", "chat"
    )
    line = line_with(reply, "بمبلغ")
    # Whatever Babel writes for the symbol, the amount's digits stay one piece.
    assert "49.99" in displayed(line, "rtl")
    assert displayed(line, "rtl").endswith(shown("بمبلغ"))


def test_latin_names_in_a_list_read_in_order_in_arabic(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render({"kind": PROBE, "names": ["Sara", "Omar Ali"]}, "ar-SA", "chat")
    check_both(reply, "بين", ["بين", "Sara", "Omar Ali", "اليوم"])


# -- the mirror: Arabic values in English replies ----------------------------------------

VALUES_IN_ENGLISH = [
    ("نورة العتيبي", ["Call us on", "نورة العتيبي", "today"]),
    (
        "+966 11 555 0142 (التحويلة 214)",
        ["Call us on", "+966 11 555 0142", "التحويلة 214", "today"],
    ),
    ("12 مارس 2025", ["Call us on", "12 مارس 2025", "today"]),
    ("Noura (نورة)", ["Call us on", "Noura", "نورة", "today"]),
]


@pytest.mark.parametrize(("value", "pieces"), VALUES_IN_ENGLISH)
def test_values_read_in_order_in_english(
    probe_kit: ak.ReplyKit, value: str, pieces: list[str]
) -> None:
    reply = probe_kit.render({"kind": PROBE, "value": value}, "en-GB", "chat")
    check_both(reply, "Call", pieces)


def test_arabic_names_in_a_list_read_in_order_in_english(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render(
        {"kind": PROBE, "names": ["قسم المرتجعات", "قسم الفوترة", "Legal"]}, "en-GB", "chat"
    )
    check_both(reply, "Between", ["Between", "قسم المرتجعات", "قسم الفوترة", "Legal", "today"])


# -- what each isolate costs: nothing where the algorithm needs nothing ---------------------


@pytest.mark.parametrize(
    "value",
    ["في 3 مارس", "قسم المرتجعات", "التحويلة 214", "خصم 15% على طلبكم"],
)
def test_arabic_values_in_arabic_get_no_isolate(probe_kit: ak.ReplyKit, value: str) -> None:
    reply = probe_kit.render({"kind": PROBE, "value": value}, "ar-SA", "chat")
    assert not ISOLATES.search(reply.text)
    assert "<bdi" not in reply.html


def test_formatted_arabic_values_get_no_isolate(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render(
        {
            "kind": PROBE,
            "amount": {"amount": "349", "currency": "SAR"},
            "day": "2025-03-12",
            "at": "2025-03-12T10:30:00+00:00",
            "percent": "15",
        },
        "ar-SA",
        "chat",
    )
    assert not ISOLATES.search(reply.text), reply.text


def test_only_the_latin_run_is_isolated(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render(
        {"kind": PROBE, "value": "+966 11 555 0142 (التحويلة 214)"}, "ar-SA", "chat"
    )
    assert f"{LRI}+966 11 555 0142{PDI} (التحويلة 214)" in reply.text
    assert '<bdi dir="ltr">+966 11 555 0142</bdi> (التحويلة 214)' in reply.html


def test_latin_values_in_english_get_no_isolate(probe_kit: ak.ReplyKit) -> None:
    reply = probe_kit.render({"kind": PROBE, "value": "+966 11 555 0142"}, "en-GB", "chat")
    assert not ISOLATES.search(reply.text)
    assert "<bdi" not in reply.html


# -- every built-in reply ------------------------------------------------------------------


def _builtin_cases() -> list[tuple[str, str, str]]:
    return [
        (kind, locale, channel)
        for kind in ak.scenario_kinds()
        if ak.scenario_class(kind).__module__.startswith("apologykit")
        for channel in ak.scenario_class(kind).channels
        for locale in ("ar-SA", "en-GB")
    ]


MARKED_VALUE = re.compile("\ue000([^\ue000\ue001]*)\ue001")


@pytest.mark.parametrize(("kind", "locale", "channel"), _builtin_cases())
def test_builtin_replies_show_every_latin_value_whole(
    kit: ak.ReplyKit, kind: str, locale: str, channel: str
) -> None:
    """Every id, name, phone number, link and amount of the examples is displayed as typed."""
    reply = kit.render(ak.scenario_class(kind).examples()[0], locale, channel)
    values = {
        value
        for value in MARKED_VALUE.findall(reply._marked)
        if value and not ARABIC.search(value) and "\n" not in value
    }
    if reply.direction == "rtl":  # a lone number is put in its place by Arabic reading order
        values = {value for value in values if not re.fullmatch(r"[0-9.,:%]+", value)}
    texts = [("text", reply.direction, reply.text.split("\n")), ("html", *html_lines(reply.html))]
    for source, direction, lines in texts:
        for value in values:
            (line,) = [line for line in lines if value in ISOLATES.sub("", line)][:1]
            assert value in displayed(line, direction), (source, value, displayed(line, direction))


@pytest.mark.parametrize("channel", ["email", "chat"])
def test_builtin_direct_contact_reads_in_order(kit: ak.ReplyKit, channel: str) -> None:
    reply = kit.render(ak.RepeatedTransfers.examples()[0], "ar-SA", channel)
    check_both(reply, "مباشرة", ["مباشرة على", "+966 11 555 0142", "التحويلة 214"])


# -- property: any mix of words, numbers and ids keeps each run's internal order -------------

ARABIC_WORDS = st.sampled_from(["على", "رقم", "التحويلة", "مارس", "في", "قسم", "فقط"])
LATIN_WORDS = st.sampled_from(["Acme", "Sara", "A-884213", "ext", "sara@example.com", "Riyadh"])
NUMBERS = st.sampled_from(["214", "0142", "+966", "1,250.50", "10:30", "2025"])
TOKENS = st.lists(
    st.one_of(
        ARABIC_WORDS.map(lambda w: ("ar", w)),
        LATIN_WORDS.map(lambda w: ("ltr", w)),
        NUMBERS.map(lambda w: ("ltr", w)),
    ),
    min_size=1,
    max_size=8,
)


def _runs(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive tokens of one direction joined: what a reader takes as one piece."""
    runs: list[tuple[str, str]] = []
    for kind, word in tokens:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, f"{runs[-1][1]} {word}")
        else:
            runs.append((kind, word))
    return runs


@settings(max_examples=300, deadline=None)
@given(TOKENS)
def test_ltr_runs_keep_their_order_inside_arabic(tokens: list[tuple[str, str]]) -> None:
    value = " ".join(word for _, word in tokens)
    line = kit_bidi.to_text(f"قبل {kit_bidi.mark(value)} بعد.", "rtl")
    pieces = ["قبل", *(text for _, text in _runs(tokens)), "بعد"]
    assert reads(line, "rtl", pieces), (line, displayed(line, "rtl"))
    html_line = html_lines(_fragment(f"قبل {kit_bidi.mark(value)} بعد.", "ar", "rtl"))[1][0]
    assert reads(html_line, "rtl", pieces), (html_line, displayed(html_line, "rtl"))


WORDS_FOR_ENGLISH = st.lists(
    st.one_of(ARABIC_WORDS.map(lambda w: ("ar", w)), LATIN_WORDS.map(lambda w: ("ltr", w))),
    min_size=1,
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(WORDS_FOR_ENGLISH)
def test_arabic_runs_keep_their_order_inside_english(tokens: list[tuple[str, str]]) -> None:
    value = " ".join(word for _, word in tokens)
    line = kit_bidi.to_text(f"Before {kit_bidi.mark(value)} after.", "ltr")
    pieces = ["Before", *(text for _, text in _runs(tokens)), "after"]
    assert reads(line, "ltr", pieces), (line, displayed(line, "ltr"))
    html_line = html_lines(_fragment(f"Before {kit_bidi.mark(value)} after.", "en", "ltr"))[1][0]
    assert reads(html_line, "ltr", pieces), (html_line, displayed(html_line, "ltr"))


def _fragment(marked: str, language: str, direction: str) -> str:
    from apologykit.renderer.reply import html_fragment

    return html_fragment(marked, language, direction)


MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list("ابت مرس AbZé 019٣ ()[]{}\"'+-.,:/%@\n\u00a0")), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(MIXED_TEXT)
def test_isolating_adds_only_balanced_isolates_within_a_line(value: str) -> None:
    for direction in ("rtl", "ltr"):
        out = kit_bidi.isolate(value, direction)
        assert ISOLATES.sub("", out) == value  # nothing visible added, dropped or moved
        for line in out.split("\n"):
            depth = 0
            for char in line:
                if char in (LRI, RLI):
                    assert depth == 0, "runs never nest"
                    depth += 1
                elif char == PDI:
                    assert depth == 1
                    depth -= 1
            assert depth == 0, "a run never crosses a line break"
