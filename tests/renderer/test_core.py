"""The public contract of issue 2: render, Reply, locales, digits, errors and sanitising."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest

import apologykit as ak

FSI, LRI, RLI, PDI = "\u2068", "\u2066", "\u2067", "\u2069"


def delayed(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "delayed_response",
        "customer": {"name": "Sara", "gender": "female"},
        "waited": "P11D",
        "compensation": {"type": "refund", "amount": {"amount": "1250.50", "currency": "SAR"}},
        "ticket_id": "TK-2024-0042",
    }
    data.update(overrides)
    return data


# -- the public API ------------------------------------------------------------


def test_render_returns_a_reply_with_every_documented_field() -> None:
    reply = ak.render(delayed(), locale="ar-SA", channel="email")
    assert reply.kind == "delayed_response"
    assert reply.locale == "ar-SA"
    assert reply.requested_locale == "ar-SA"
    assert reply.language == "ar"
    assert reply.channel == "email"
    assert reply.direction == "rtl"
    assert reply.subject
    assert str(reply) == reply.text
    assert reply.text.endswith("\n") and not reply.text.endswith("\n\n")


def test_chat_has_no_subject_and_no_signoff(kit: ak.ReplyKit) -> None:
    scenario = dict(delayed(), agent={"name": "Omar"})
    chat = kit.render(scenario, locale="en-GB", channel="chat")
    email = kit.render(scenario, locale="en-GB", channel="email")
    assert chat.subject is None
    assert "Kind regards" not in chat.text and "Kind regards" in email.text
    assert "Omar" not in chat.text and "Omar" in email.text
    assert len(chat.text) < len(email.text)


def test_kit_takes_a_model_or_its_dict_form(kit: ak.ReplyKit) -> None:
    model = ak.parse_scenario(delayed())
    assert isinstance(model, ak.DelayedResponse)
    assert kit.render(model, "en").text == kit.render(delayed(), "en").text


def test_scenario_kinds_lists_the_five_seed_kinds_sorted() -> None:
    kinds = ak.scenario_kinds()
    assert kinds == sorted(kinds)
    for kind in (
        "rude_agent",
        "missing_terms_info",
        "incorrect_terms",
        "delayed_response",
        "customer_at_fault",
    ):
        assert kind in kinds


def test_the_brand_signs_the_email() -> None:
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care", signature=["+966 11"]))
    text = kit.render(delayed(), "en").text
    assert text.rstrip().endswith("Ticket reference: TK-2024-0042")
    assert "Acme Care\n+966 11" in text


def test_every_example_of_every_kind_renders(kit: ak.ReplyKit) -> None:
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        if not cls.__module__.startswith("apologykit"):
            continue
        examples = cls.examples()
        assert examples, f"{kind} has no example"
        for example in examples:
            for channel in cls.channels:
                for locale in ("en", "ar"):
                    assert kit.render(example, locale, channel).text.strip()


# -- Arabic grammar ------------------------------------------------------------


def test_arabic_agrees_with_the_customers_gender(kit: ak.ReplyKit) -> None:
    def text(gender: str | None) -> str:
        data = delayed(customer={"name": "سارة", "gender": gender})
        return kit.render(data, "ar", "email").text

    assert "الأستاذة سارة،" in text("female") and "اضطررتِ" in text("female")
    assert "الأستاذ سارة،" in text("male") and "وسنحرص على أن يصلك " in text("male")
    neutral = text(None)
    assert "أ. سارة،" in neutral and "يصلكم ردّنا" in neutral and "لأنكم اضطررتم" in neutral


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "يوم واحد"),
        (2, "يومين"),
        (3, "3 أيام"),
        (10, "10 أيام"),
        (11, "11 يومًا"),
        (99, "99 يومًا"),
        (100, "100 يوم"),
        (101, "101 يوم"),
        (14, "أسبوعين"),
    ],
)
def test_arabic_durations_use_every_plural_form(kit: ak.ReplyKit, days: int, expected: str) -> None:
    text = kit.render(delayed(waited=f"P{days}D"), "ar", "chat").text
    assert f"مدة {expected}" in text.replace(FSI, "").replace(PDI, "")


def test_durations_are_exact_not_rounded(kit: ak.ReplyKit) -> None:
    assert "11 days" in kit.render(delayed(waited="P11D"), "en").text
    assert "2 weeks" not in kit.render(delayed(waited="P11D"), "en").text
    text = kit.render(delayed(waited="P2DT5H"), "en").text
    assert "2 days and 5 hours" in text
    arabic = kit.render(delayed(waited="P2DT5H"), "ar").text.replace(FSI, "").replace(PDI, "")
    assert "يومين و5 ساعات" in arabic


def test_arabic_lists_join_with_waw_and_aw(kit: ak.ReplyKit) -> None:
    example = ak.CustomerAtFault.examples()[0]
    text = kit.render(example, "ar", "email").text
    assert "انقطاع الكهرباء أثناء تحديث البرنامج أو تذبذب التيار الكهربائي" in text


# -- locales -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "locale", "language"),
    [
        ("ar", "ar", "ar"),
        ("ar-SA", "ar-SA", "ar"),
        ("ar_EG", "ar-EG", "ar"),
        ("en-GB", "en-GB", "en"),
        ("en_us", "en-US", "en"),
    ],
)
def test_locale_spellings(kit: ak.ReplyKit, requested: str, locale: str, language: str) -> None:
    reply = kit.render(delayed(), requested)
    assert (reply.locale, reply.language, reply.requested_locale) == (locale, language, requested)


def test_locale_without_templates_falls_back_and_says_so(kit: ak.ReplyKit) -> None:
    reply = kit.render(delayed(), "fr-FR")
    assert reply.language == "en" and reply.locale == "en"
    assert reply.requested_locale == "fr-FR"
    assert reply.fallback
    assert not kit.render(delayed(), "ar-SA").fallback


@pytest.mark.parametrize("bad", ["xx-!!", " ", "12", "en-GB-x-foo-bar!", "zz-ZZ"])
def test_unparseable_locale_is_an_error_naming_it(kit: ak.ReplyKit, bad: str) -> None:
    with pytest.raises(ak.LocaleError) as info:
        kit.render(delayed(), bad)
    message = str(info.value)
    # The tag as given, quoted, and the languages that do have templates.
    assert message.startswith(f"locale {bad!r} is not a valid locale"), message
    assert message.endswith("templates exist for: ar, en."), message
    assert info.value.locale == bad
    assert info.value.fields == ("locale",)


@pytest.mark.parametrize(
    ("requested", "locale", "language"),
    [
        ("AR", "ar", "ar"),
        (" ar-SA", "ar-SA", "ar"),
        ("ar-sa\n", "ar-SA", "ar"),
        ("AR_sa", "ar-SA", "ar"),
        ("ar@latn", "ar", "ar"),
        ("ar_SA.UTF-8", "ar-SA", "ar"),
        ("ar_SA.UTF-8@euro", "ar-SA", "ar"),
        ("EN-gb", "en-GB", "en"),
        ("arb", "ar-EG", "ar"),  # an ISO 639-3 alias Babel maps to Egyptian Arabic
    ],
)
def test_locale_spellings_are_normalised_and_not_a_fallback(
    kit: ak.ReplyKit, requested: str, locale: str, language: str
) -> None:
    reply = kit.render(delayed(), requested)
    assert (reply.locale, reply.language) == (locale, language)
    assert reply.requested_locale == requested
    assert reply.fallback is False


@pytest.mark.parametrize("requested", ["FR", " fr-FR ", "fr@euro", "de_DE.UTF-8"])
def test_other_spellings_of_a_language_without_templates_fall_back(
    kit: ak.ReplyKit, requested: str
) -> None:
    reply = kit.render(delayed(), requested)
    assert reply.language == "en"
    assert reply.fallback is True


def test_every_spelling_of_a_locale_shares_one_cache_entry() -> None:
    kit = ak.ReplyKit()
    spellings = ["ar-SA", "AR-SA", "ar_sa", " ar-SA ", "Ar_Sa", "ar-SA@latn", "ar_SA.UTF-8"]
    locales = {id(kit.resolve_locale(tag)[0]) for tag in spellings}
    assert len(locales) == 1
    assert kit.cache_sizes()["locales"] == 1


def test_the_locale_cache_stays_bounded_whatever_the_callers_send() -> None:
    kit = ak.ReplyKit()
    scenario = ak.parse_scenario(delayed())
    # 3,000 distinct spellings: case, separators, modifiers and real locales of both languages.
    spellings = [f"ar-SA@m{i}" for i in range(1500)]
    spellings += [f"{'AR' if i % 2 else 'ar'}_{'sa' if i % 3 else 'SA'}.c{i}" for i in range(1000)]
    regions = {
        "ar": ("SA", "EG", "MA", "AE", "JO", "KW", "QA", "BH", "OM", "LB"),
        "en": ("GB", "US", "AU", "IN", "CA", "IE", "NZ", "ZA", "SG", "PK"),
    }
    spellings += [f"{lang}-{region}" for lang in regions for region in regions[lang]] * 25
    for tag in spellings:
        kit.render(scenario, tag, channel="chat")
    sizes = kit.cache_sizes()
    assert sizes["locales"] <= 20 + 1  # the distinct locales, plus the default
    assert sizes["spellings"] <= ak.ReplyKit.MAX_CACHED_SPELLINGS
    assert sizes["formatters"] <= 20


def test_month_names_follow_the_full_locale() -> None:
    kit = ak.ReplyKit()
    formatter_sa = kit.formatter(kit.resolve_locale("ar-SA")[0], "UTC")
    formatter_ma = kit.formatter(kit.resolve_locale("ar-MA")[0], "UTC")
    july = dt.date(2026, 7, 5)
    assert "يوليو" in formatter_sa.date(july)
    assert "يوليوز" in formatter_ma.date(july)


def test_locales_are_parsed_once(kit: ak.ReplyKit) -> None:
    first = kit.resolve_locale("ar-SA")[0]
    kit.render(delayed(), "ar-SA")
    assert kit.resolve_locale("ar-SA")[0] is first


# -- digits --------------------------------------------------------------------


def test_latin_digits_by_default(kit: ak.ReplyKit) -> None:
    text = kit.render(delayed(), "ar-SA").text
    assert "1,250.50" in text and "11" in text
    assert not any("\u0660" <= ch <= "\u0669" for ch in text)


def test_arabic_indic_digits_on_request_but_never_in_ids() -> None:
    kit = ak.ReplyKit(digits="arab")
    text = kit.render(delayed(), "ar-SA").text
    assert "١٬٢٥٠٫٥٠" in text  # the amount, with Arabic separators and digits
    assert "١١ يومًا" in text  # the duration
    assert "TK-2024-0042" in text  # the ticket id untouched
    assert "1" not in text.replace("TK-2024-0042", "")


def test_arabic_digits_leave_english_replies_latin() -> None:
    text = ak.ReplyKit(digits="arab").render(delayed(), "en-GB").text
    assert "1,250.50" in text


def test_bad_digits_setting_is_rejected() -> None:
    with pytest.raises(ValueError, match="digits"):
        ak.ReplyKit(digits="roman")  # type: ignore[arg-type]


# -- isolation -----------------------------------------------------------------


def test_latin_values_in_arabic_text_are_isolated() -> None:
    kit = ak.ReplyKit(amounts="symbols")
    text = kit.render(delayed(), "ar-SA").text
    assert f"{LRI}Sara{PDI}" in text
    assert f"{LRI}TK-2024-0042{PDI}" in text
    # An amount in Arabic is one number and Arabic letters: shown right without an isolate.
    assert "1,250.50\xa0ر.س." in text
    assert f"{LRI}1,250.50" not in text


def test_arabic_values_in_arabic_text_are_not_isolated(kit: ak.ReplyKit) -> None:
    text = kit.render(delayed(customer={"name": "سارة"}), "ar-SA").text
    assert "أ. سارة،" in text


def test_arabic_name_in_english_text_is_isolated(kit: ak.ReplyKit) -> None:
    text = kit.render(delayed(customer={"name": "سارة"}), "en").text
    assert f"Dear {RLI}سارة{PDI}," in text


def test_english_text_has_no_invisible_characters_for_latin_values(kit: ak.ReplyKit) -> None:
    text = kit.render(delayed(), "en").text
    assert not any(unicodedata.category(ch) == "Cf" for ch in text)


# -- output hygiene -------------------------------------------------------------


def test_output_has_no_trailing_spaces_or_blank_runs(kit: ak.ReplyKit) -> None:
    for kind in ak.scenario_kinds():
        cls = ak.scenario_class(kind)
        if not cls.__module__.startswith("apologykit"):
            continue
        for locale in ("en", "ar"):
            text = kit.render(cls.examples()[0], locale).text
            assert "\n\n\n" not in text
            assert all(line == line.rstrip() for line in text.split("\n"))
            assert text.endswith("\n") and not text.endswith("\n\n")
            assert not text.startswith(("\n", " "))


# -- bad input -----------------------------------------------------------------


def test_unknown_kind_names_the_closest_match() -> None:
    with pytest.raises(ak.UnknownKindError) as info:
        ak.parse_scenario({"kind": "delayed_respons"})
    message = str(info.value)
    assert "'delayed_response'" in message and "Did you mean" in message
    assert "rude_agent" in message  # the known kinds are listed


def test_missing_kind_lists_the_kinds() -> None:
    with pytest.raises(ak.ScenarioError, match="rude_agent"):
        ak.parse_scenario({"customer": {}})


def test_validation_errors_name_every_field_path() -> None:
    with pytest.raises(ak.ScenarioError) as info:
        ak.parse_scenario(
            {
                "kind": "missing_terms_info",
                "customer": {"gender": "f"},
                "missing_info": "x",
                "customer_action": "y",
                "remedy": {"type": "refund", "amount": {"amount": "-5", "currency": "XXQ"}},
            }
        )
    error = info.value
    assert "customer.gender" in error.fields
    assert "responsible_team" in error.fields
    assert any(field.startswith("remedy") and "currency" in field for field in error.fields)
    message = str(error)
    assert "customer.gender" in message and "'f'" in message
    assert "ISO 4217" in message


def test_unknown_field_is_rejected_not_ignored() -> None:
    with pytest.raises(ak.ScenarioError, match="waitd"):
        ak.parse_scenario(dict(delayed(), waitd="P1D"))


def refund(amount: str, currency: str) -> dict[str, Any]:
    return {"type": "refund", "amount": {"amount": amount, "currency": currency}}


def test_amount_precision_follows_the_currency() -> None:
    with pytest.raises(ak.ScenarioError, match="decimal places"):
        ak.parse_scenario(delayed(compensation=refund("1.005", "SAR")))
    # Kuwaiti dinars have three decimal places.
    ak.parse_scenario(delayed(compensation=refund("1.005", "KWD")))


def test_missing_translation_is_an_error_naming_the_field(kit: ak.ReplyKit) -> None:
    data = ak.MissingTermsInfo.examples()[0].model_dump(mode="json")
    data["missing_info"] = {"en": "the fee"}
    with pytest.raises(ak.MissingTranslationError) as info:
        kit.render(data, "ar")
    assert info.value.fields == ("missing_info",)
    assert "'ar'" in str(info.value)
    assert kit.render(data, "en").text  # English still renders


def test_render_errors_are_apologykit_errors(kit: ak.ReplyKit) -> None:
    with pytest.raises(ak.ApologyKitError):
        kit.render({"kind": "nope"})
    with pytest.raises(ak.ApologyKitError):
        kit.render(delayed(), "en", channel="fax")


# -- sanitising ------------------------------------------------------------------


def test_template_syntax_in_values_is_printed_literally(kit: ak.ReplyKit) -> None:
    reply = kit.render(delayed(customer={"name": "{{ 7*7 }} {% if x %}"}), "en")
    assert "{{ 7*7 }} {% if x %}" in reply.text
    assert "49" not in reply.text


def test_bidi_overrides_and_controls_are_removed(kit: ak.ReplyKit) -> None:
    name = "\u202eSara\u202c\u2066x\u2069\x07"
    model = ak.parse_scenario(delayed(customer={"name": name}))
    assert model.customer.name == "Sarax"


def test_text_is_nfc_normalised_and_spaces_tidied() -> None:
    model = ak.parse_scenario(delayed(customer={"name": "  Jose\u0301   Ali  "}))
    assert model.customer.name == "Jos\u00e9 Ali"


def test_text_is_length_limited() -> None:
    with pytest.raises(ak.ScenarioError, match=r"customer\.name"):
        ak.parse_scenario(delayed(customer={"name": "x" * 201}))


def test_blank_text_is_rejected() -> None:
    with pytest.raises(ak.ScenarioError, match="finding"):
        data = ak.CustomerAtFault.examples()[0].model_dump(mode="json")
        data["finding"] = "   "
        ak.parse_scenario(data)


def test_team_accepts_a_key_or_a_name(kit: ak.ReplyKit) -> None:
    base = ak.RudeAgent.examples()[0].model_dump(mode="json")
    assert "الإدارة" in kit.render(base, "ar").text
    custom = dict(base, escalated_to={"en": "people team", "ar": "فريق شؤون الموظفين"})
    assert "فريق شؤون الموظفين" in kit.render(custom, "ar").text
    assert "our people team" in kit.render(custom, "en").text


def test_one_kit_renders_correctly_from_many_threads(kit: ak.ReplyKit) -> None:
    from concurrent.futures import ThreadPoolExecutor

    jobs = [
        (delayed(customer={"name": "سارة", "gender": gender}), locale)
        for gender in ("female", "male", None)
        for locale in ("ar-SA", "en-GB", "ar-MA")
    ] * 20
    expected = [kit.render(data, locale).text for data, locale in jobs]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda job: kit.render(job[0], job[1]).text, jobs))
    assert got == expected  # no gender, locale or formatter leaks between threads


def test_a_nested_missing_translation_names_its_whole_path(kit: ak.ReplyKit) -> None:
    data = ak.CompensationOptions.examples()[0].model_dump(mode="json", exclude_none=True)
    data["options"][2] = {"type": "custom", "text": {"en": "a gift card"}}
    with pytest.raises(ak.MissingTranslationError) as info:
        kit.render(data, "ar")
    assert info.value.fields == ("options.2.text",)
    assert "a gift card" in kit.render(data, "en").text
