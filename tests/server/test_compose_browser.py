"""The compose page in a real Chromium, as an agent uses it: pick, edit, read, copy.

Playwright drives Debian's ``chromium`` (browser_policy.py: a skip locally
without it, a failure in CI) against a live ``apologykit serve``. Waits are
for something to appear on the page, bounded by Playwright's timeout; no
assertion is about time. Screenshots go to build/test-output/compose/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

import apologykit as ak
from browser_policy import CHROMIUM_ARGS, chromium_or_fail, skip_module_without_chromium
from live_server import live_server

skip_module_without_chromium()

ROOT = Path(__file__).resolve().parents[2]
#: Where the screenshots go (build/ is ignored by git); the run's summary names it.
OUTPUT = ROOT / "build" / "test-output" / "compose"
#: Screenshots this run saved, for the summary line (conftest.py).
SAVED: list[Path] = []
TOKEN = "compose-page-token-0123456789abcdef"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_or_fail()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(browser: Browser) -> Iterator[str]:
    """A server only once the browser is there: without one, nothing is started."""
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def guarded(browser: Browser) -> Iterator[str]:
    with live_server(env={"APOLOGYKIT_TOKEN": TOKEN}) as url:
        yield url


def open_page(browser: Browser, url: str, **options: Any) -> tuple[Page, list[str]]:
    """A fresh tab on ``url`` that may use the clipboard; its script errors are collected."""
    context = browser.new_context(
        viewport=options.pop("viewport", DESKTOP),
        permissions=["clipboard-read", "clipboard-write"],
        **options,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    return page, errors


def unexpected(errors: list[str]) -> list[str]:
    """Script errors, less the browser's note of each 401 or 422 answer the page shows."""
    return [e for e in errors if not re.search(r"status of (401|422)\b", e)]


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    opened, errors = open_page(browser, f"{server}/")
    settled(opened, 0)
    yield opened
    opened.context.close()
    assert unexpected(errors) == [], "the page logged errors"


def preview_round(page: Page) -> int:
    return int(page.evaluate("Number(document.body.dataset.previewRound || 0)"))


def settled(page: Page, before: int) -> None:
    """Wait for a preview newer than round ``before`` to be shown."""
    page.wait_for_function(
        "before => Number(document.body.dataset.previewRound || 0) > before", arg=before
    )


def choose_kind(page: Page, search: str, kind: str) -> None:
    """Search the kinds, then pick with Enter (the first match), as a keyboard user would."""
    before = preview_round(page)
    page.fill("#kind-search", search)
    page.press("#kind-search", "Enter")
    expect(page.locator(f"#kind-{kind}")).to_be_checked()
    settled(page, before)


def field(page: Page, path: str) -> Locator:
    return page.locator(f'[data-path="{path}"]')


def edit(page: Page, control: Locator, value: str) -> None:
    """Type into a control and wait for the preview that follows."""
    before = preview_round(page)
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)
    settled(page, before)


def preview_text(page: Page, lang: str) -> Locator:
    return page.locator(f"#preview-{lang} .reply-text")


def shoot(page: Page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    SAVED.append(path)


# -- choosing and editing --------------------------------------------------------


def test_search_picks_a_kind_and_both_previews_show_its_example(page: Page) -> None:
    page.fill("#kind-search", "deliv")
    assert page.locator(".kind-option:visible").count() == 1
    choose_kind(page, "deliv", "delayed_delivery")
    expect(page.locator("#kind-description")).to_have_text(ak.DelayedDelivery.summary())
    expect(preview_text(page, "en")).to_contain_text("Dear Noura")
    expect(preview_text(page, "en")).to_contain_text("A-884213")
    expect(preview_text(page, "ar")).to_contain_text("A-884213")
    expect(page.locator("#preview-ar .subject-text")).not_to_be_empty()
    assert field(page, "order_id").locator("input").input_value() == "A-884213"


def test_editing_a_text_field_updates_both_previews_in_their_languages(page: Page) -> None:
    choose_kind(page, "rude", "rude_agent")
    name = field(page, "customer.name")
    edit(page, name.locator("input[lang=en]"), "Huda")
    expect(preview_text(page, "en")).to_contain_text("Dear Huda")
    edit(page, name.locator("input[lang=ar]"), "هدى")
    expect(preview_text(page, "ar")).to_contain_text("هدى")
    expect(preview_text(page, "en")).to_contain_text("Dear Huda")
    assert "Huda" not in preview_text(page, "ar").inner_text()


def test_one_english_text_for_both_languages_is_a_warning_in_the_arabic_preview(
    page: Page,
) -> None:
    choose_kind(page, "deliv", "delayed_delivery")
    warnings = page.locator("#preview-ar .warnings")
    expect(warnings).to_be_hidden()
    edit(page, field(page, "reason").locator("textarea[lang=ar]"), "")
    expect(warnings).to_be_visible()
    expect(warnings).to_contain_text("reason")
    expect(page.locator("#preview-en .warnings")).to_be_hidden()


def test_gender_changes_the_arabic_agreement(page: Page) -> None:
    choose_kind(page, "rude", "rude_agent")
    expect(preview_text(page, "ar")).to_contain_text("الأستاذة")
    edit(page, page.locator("#gender"), "male")
    expect(preview_text(page, "ar")).to_contain_text("الأستاذ ")
    expect(preview_text(page, "ar")).not_to_contain_text("الأستاذة")


def test_arabic_preview_is_right_to_left_and_shown_so(page: Page) -> None:
    arabic = page.locator("#preview-ar .reply")
    english = page.locator("#preview-en .reply")
    assert arabic.get_attribute("dir") == "rtl" and arabic.get_attribute("lang") == "ar"
    assert english.get_attribute("dir") == "ltr" and english.get_attribute("lang") == "en"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # Where the first letter is drawn: at the right edge in Arabic, the left in English.
    first_letter = """e => {
        const range = document.createRange();
        range.setStart(e.firstChild, 0);
        range.setEnd(e.firstChild, 1);
        const letter = range.getBoundingClientRect(), box = e.getBoundingClientRect();
        return [letter.left - box.left, box.right - letter.right];
    }"""
    from_left, from_right = preview_text(page, "ar").evaluate(first_letter)
    assert from_right < 20 < from_left
    from_left, from_right = preview_text(page, "en").evaluate(first_letter)
    assert from_left < 20 < from_right


def test_the_customers_locale_drives_its_preview_and_comes_first(page: Page) -> None:
    edit(page, page.locator("#locale"), "ar-MA")
    expect(page.locator("#preview-ar .locale")).to_have_text("ar-MA")
    expect(page.locator("#preview-en .locale")).to_have_text("en-GB")
    edit(page, page.locator("#locale"), "en-US")
    expect(page.locator("#preview-en .locale")).to_have_text("en-US")
    expect(page.locator("#preview-ar .locale")).to_have_text("ar-SA")
    ar_box = page.locator("#preview-ar").bounding_box()
    en_box = page.locator("#preview-en").bounding_box()
    assert ar_box and en_box and en_box["x"] < ar_box["x"], "the customer's English comes first"


def test_sms_channel_shows_the_segment_count_and_no_subject(page: Page) -> None:
    choose_kind(page, "deliv", "delayed_delivery")
    edit(page, page.locator("#channel"), "sms")
    expect(page.locator("#preview-en .sms")).to_have_text("SMS: 1 segment")
    expect(page.locator("#preview-ar .sms")).to_contain_text("SMS: ")
    expect(page.locator("#preview-ar .subject")).to_be_hidden()


def test_durations_are_a_number_and_a_unit(page: Page) -> None:
    choose_kind(page, "waited", "delayed_response")
    waited = field(page, "waited")
    assert waited.locator("input").input_value() == "11"
    assert waited.locator("select").input_value() == "days"
    edit(page, waited.locator("input"), "2")
    edit(page, waited.locator("select"), "weeks")
    expect(preview_text(page, "en")).to_contain_text("wait 2 weeks")
    expect(preview_text(page, "ar")).to_contain_text("مدة أسبوعين")


def test_a_time_is_sent_with_its_zone(page: Page) -> None:
    choose_kind(page, "callback", "callback_scheduled")
    moment = field(page, "callback_at")
    assert moment.locator("select").input_value() == "+00:00"  # the example's 'Z'
    edit(page, moment.locator("input"), "2026-05-03T12:30")
    # 12:30 UTC is 15:30 for the example's customer in Riyadh.
    expect(preview_text(page, "en")).to_contain_text("3 May 2026 at 15:30")
    edit(page, moment.locator("select"), "+03:00")
    expect(preview_text(page, "en")).to_contain_text("3 May 2026 at 12:30")


def test_offers_by_type_and_lists_that_grow_and_shrink(page: Page) -> None:
    choose_kind(page, "remedies", "compensation_options")
    options = field(page, "options")
    assert options.locator(".item").count() == 3
    before = preview_round(page)
    options.get_by_role("button", name="Add to options").click()
    settled(page, before)
    fourth = field(page, "options.3")
    edit(page, fourth.locator("select").first, "discount")
    edit(page, field(page, "options.3.percent").locator("input"), "20")
    expect(preview_text(page, "en")).to_contain_text("4. 20% off")
    before = preview_round(page)
    options.get_by_role("button", name="Remove option 1").click()
    settled(page, before)
    assert options.locator(".item").count() == 3
    expect(preview_text(page, "en")).not_to_contain_text("a replacement at no cost")
    expect(preview_text(page, "en")).to_contain_text("3. 20% off")


# -- errors ----------------------------------------------------------------------


def test_a_field_error_is_shown_by_the_field_that_caused_it(page: Page) -> None:
    choose_kind(page, "deliv", "delayed_delivery")
    percent = field(page, "compensation.percent")
    edit(page, percent.locator("input"), "150")
    error = percent.locator(".field-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("less than or equal to 100")
    expect(percent.locator("input")).to_have_attribute("aria-invalid", "true")
    assert (
        percent.locator("input")
        .get_attribute("aria-describedby")
        .endswith(  # type: ignore[union-attr]
            error.get_attribute("id") or "?"
        )
    )
    field_box, error_box = percent.locator("input").bounding_box(), error.bounding_box()
    assert field_box and error_box and 0 <= error_box["y"] - field_box["y"] < 120
    expect(page.locator("#status")).to_contain_text("1 problem to fix")
    edit(page, percent.locator("input"), "20")
    expect(error).to_be_hidden()
    expect(preview_text(page, "en")).to_contain_text("20%")


def test_an_error_inside_a_list_item_is_shown_by_that_item(page: Page) -> None:
    choose_kind(page, "remedies", "compensation_options")
    amount = field(page, "options.1.amount")
    edit(page, amount.locator("input"), "349.123")
    expect(amount.locator(".field-error")).to_contain_text("more decimal places than SAR")
    expect(field(page, "options.2.amount").locator(".field-error")).to_be_hidden()
    expect(page.locator("#form-errors")).to_be_hidden()


def test_an_empty_required_field_is_named(page: Page) -> None:
    choose_kind(page, "deliv", "delayed_delivery")
    order = field(page, "order_id")
    edit(page, order.locator("input"), "")
    expect(order.locator(".field-error")).to_contain_text("Field required")
    expect(page.locator("#preview-en .preview-error")).to_contain_text("order_id")


# -- copying ---------------------------------------------------------------------


def test_copy_buttons_put_the_text_and_the_html_on_the_clipboard(page: Page) -> None:
    page.locator("#preview-ar").get_by_role("button", name="Copy text").click()
    expect(page.locator("#status")).to_have_text("Copied the Arabic text.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == preview_text(page, "ar").text_content()
    assert "السلام عليكم" in copied
    page.locator("#preview-en").get_by_role("button", name="Copy HTML").click()
    expect(page.locator("#status")).to_have_text("Copied the English HTML.")
    html = page.evaluate("navigator.clipboard.readText()")
    assert html.startswith('<div dir="ltr" lang="en">')


# -- keyboard, labels, token -----------------------------------------------------


def test_keyboard_alone_picks_a_kind_and_moves_between_kinds(page: Page) -> None:
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kind-search":
            break
    assert page.evaluate("document.activeElement.id") == "kind-search"
    before = preview_round(page)
    page.keyboard.type("transfer")
    page.keyboard.press("Enter")
    expect(page.locator("#kind-repeated_transfers")).to_be_checked()
    expect(page.locator("#kind-repeated_transfers")).to_be_focused()
    settled(page, before)
    page.fill("#kind-search", "")
    before = preview_round(page)
    page.focus("#kind-repeated_transfers")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#kind-resolution_thanks")).to_be_checked()
    settled(page, before)
    expect(preview_text(page, "en")).to_contain_text("replacement phone")


def test_every_kinds_example_fills_the_form_and_renders_with_every_control_labelled(
    page: Page,
) -> None:
    unlabelled = """() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.id || e.outerHTML)"""
    page.fill("#kind-search", "")
    for kind in ak.scenario_kinds():
        before = preview_round(page)
        if not page.locator(f"#kind-{kind}").is_checked():  # the first one is chosen at start
            page.locator(f'label[for="kind-{kind}"]').click()
            settled(page, before)
        expect(page.locator("#status")).to_have_text("Preview up to date.")
        expect(preview_text(page, "ar")).not_to_be_empty()
        expect(preview_text(page, "en")).not_to_be_empty()
        assert page.evaluate(unlabelled) == [], kind


def test_with_a_token_the_page_asks_for_it_and_sends_it(browser: Browser, guarded: str) -> None:
    page, errors = open_page(browser, f"{guarded}/")
    expect(page.locator("#token-panel")).to_be_visible()
    expect(page.locator("#token")).to_be_focused()
    page.fill("#token", TOKEN + "x")
    page.press("#token", "Enter")
    expect(page.locator("#token-status")).to_contain_text("wrong token")
    page.fill("#token", TOKEN)
    page.press("#token", "Enter")
    settled(page, 0)
    expect(preview_text(page, "en")).not_to_be_empty()
    expect(page.locator("#token-panel")).to_be_hidden()
    page.context.close()
    assert unexpected(errors) == []


# -- phone and screenshots -------------------------------------------------------


@pytest.mark.parametrize("locale", ["ar-SA", "en-GB"])
def test_screenshots_on_a_laptop_and_a_phone(browser: Browser, server: str, locale: str) -> None:
    language = locale[:2]
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page, errors = open_page(
            browser, f"{server}/", viewport=viewport, is_mobile=size == "phone", locale=locale
        )
        settled(page, 0)
        choose_kind(page, "remedies", "compensation_options")
        edit(page, page.locator("#locale"), locale)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways on a {size}: {widths}"
        for lang in ("ar", "en"):
            block = page.locator(f"#preview-{lang}").bounding_box()
            assert block and block["x"] >= 0 and block["x"] + block["width"] <= viewport["width"]
        if size == "phone":  # the two previews one above the other, the customer's first
            first, second = ("ar", "en") if language == "ar" else ("en", "ar")
            top = page.locator(f"#preview-{first}").bounding_box()
            below = page.locator(f"#preview-{second}").bounding_box()
            assert top and below and below["y"] >= top["y"] + top["height"]
        shoot(page, f"{size}-{language}")
        if size == "desktop":  # tall enough for the whole sticky preview panel
            page.set_viewport_size({"width": DESKTOP["width"], "height": 2000})
        page.locator("#preview-title").scroll_into_view_if_needed()
        OUTPUT.mkdir(parents=True, exist_ok=True)
        preview = OUTPUT / f"{size}-{language}-preview.png"
        page.locator(".previews").screenshot(path=str(preview))
        SAVED.append(preview)
        page.context.close()
        assert unexpected(errors) == []
