"""Per-render cost of ``ReplyKit.render`` against flat Jinja2 templates doing the same work.

The floor is what a careful developer would write by hand: one plain
``jinja2.Environment``, one template per kind and language holding the text
the kit prints, and the same Babel calls (amounts, percent, date, numbers,
plural categories) made in Python before rendering. It prints only what the
kit prints. Both sides build their environment, templates and ``Locale``
objects once, outside the timed loop.

Per kind and language, in one interleaved run:

- ``floor``: the hand-written template;
- ``dict``: ``kit.render`` from the dict form (validation included);
- ``model``: ``kit.render`` from a model built once (no validation);
- ``valid``: a plain pydantic validation of a model of the same shape with no
  validators or callbacks: the part no implementation that validates
  untrusted input can skip. ``dict`` is compared with ``floor + valid``.

    python benchmarks/bench_render.py [--repeat N] [--rounds N] [--kinds a,b]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

import jinja2
import pydantic
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

import apologykit as ak

LOCALES = ("en-US", "ar-SA")
LRI, PDI = "\u2066", "\u2069"

SCENARIOS: dict[str, dict[str, Any]] = {
    "missing_terms_info": {
        "kind": "missing_terms_info",
        "customer": {"name": "Khalid", "gender": "male"},
        "agent": {"name": "Lina"},
        "ticket_id": "CS-20418",
        "missing_info": {
            "en": "the cancellation fee for annual plans",
            "ar": "رسوم إلغاء الاشتراك السنوي",
        },
        "customer_action": {"en": "renewed your subscription", "ar": "تجديد الاشتراك"},
        "remedy": {
            "type": "cancellation",
            "what": "fee",
            "refund": {"amount": "1250.50", "currency": "SAR"},
        },
        "responsible_team": "billing",
    },
    "delayed_response": {
        "kind": "delayed_response",
        "customer": {"name": "Fatima", "gender": "female"},
        "agent": {"name": "Yousef"},
        "waited": "P11D",
        "compensation": {"type": "discount", "percent": 15},
    },
    "compensation_options": {
        "kind": "compensation_options",
        "customer": {"name": "Layla", "gender": "female"},
        "agent": {"name": "Tariq"},
        "ticket_id": "CS-60431",
        "reason": {"en": "the damaged blender you received", "ar": "وصول الخلاط تالفًا"},
        "options": [
            {"type": "replacement"},
            {"type": "refund", "amount": {"amount": "349.00", "currency": "SAR"}},
            {"type": "store_credit", "amount": {"amount": "400.00", "currency": "SAR"}},
        ],
        "reply_by": "2025-03-30",
    },
}

# The flat templates: the kit's text for each kind, values as variables.
_AR_GREETING = "السلام عليكم ورحمة الله وبركاته\n{{ title }} {{ name }}،\n\n"
_AR_SIGNOFF = "مع خالص التحية،\n{{ agent }}\n{{ brand }}\n"
FLAT: dict[tuple[str, str], str] = {
    ("missing_terms_info", "en"): (
        "Dear {{ name }},\n\nYou are absolutely right. We should have told you about "
        "{{ missing_info }} before you {{ action }}.\n\nI am sorry for that oversight, and for "
        "the trouble it has caused you.\n\nWe can remove the extra fee and refund {{ amount }} "
        "to your account; just confirm, and we will take care of it straight away.\n\n"
        "Thank you for pointing this out; it will help us spare other customers the same "
        "confusion. I have already shared it with our {{ team }}, and they are working on a fix "
        "now.\n\nKind regards,\n{{ agent }}\n{{ brand }}\n\nTicket reference: {{ ticket }}\n"
    ),
    ("missing_terms_info", "ar"): (
        _AR_GREETING + "أنتَ محقّ تمامًا، فقد كان ينبغي أن نوضّح لك {{ missing_info }} قبل "
        "{{ action }}.\n\nونعتذر إليك عن هذا التقصير وعمّا سبّبه لك من إزعاج.\n\n"
        "يمكننا إلغاء الرسوم الإضافية وإعادة مبلغ {{ amount }} إلى حسابك، ويكفي أن تؤكّد لنا "
        "ذلك لنتولّى الأمر فورًا.\n\nشكرًا لك على تنبيهنا إلى هذا الأمر، فهو يساعدنا على "
        "تجنيب عملائنا أي التباس مستقبلًا. وقد أحلنا التفاصيل إلى {{ team }}، والعمل جارٍ "
        "الآن على معالجة المشكلة.\n\n" + _AR_SIGNOFF + "\nرقم التذكرة: {{ ticket }}\n"
    ),
    ("delayed_response", "en"): (
        "Dear {{ name }},\n\nI'm sorry you had to wait {{ waited }} for a reply from us. This "
        "should not have happened, and it was not the service we aim to give: it falls short "
        "of our own standards and of the response times our support team commits to.\n\n"
        "We want to make it up to you. We would like to offer you {{ percent }} off your next "
        "order.\n\nThank you for your patience. We are here for you now, and we will do our "
        "best to answer you promptly from now on.\n\nKind regards,\n{{ agent }}\n{{ brand }}\n"
    ),
    ("delayed_response", "ar"): (
        _AR_GREETING + "نأسف لأنكِ اضطررتِ إلى انتظار ردّنا مدة {{ waited }}. وما كان ينبغي "
        "أن يحدث ذلك، فهو لا يليق بمستوى الخدمة الذي نلتزم به، ويخالف معايير الاستجابة التي "
        "تعهّد بها فريق الدعم لدينا.\n\nوتعويضًا عن هذا التأخير، يسعدنا أن نقدّم لكِ خصمًا "
        "بنسبة {{ percent }} على طلبكِ القادم.\n\nشكرًا لكِ على صبركِ. نحن في خدمتكِ الآن، "
        "وسنحرص على أن يصلكِ ردّنا في وقته.\n\n" + _AR_SIGNOFF
    ),
    ("compensation_options", "en"): (
        "Dear {{ name }},\n\nWe are sorry for {{ reason }}. We would like to put it right in "
        "the way that suits you best.\n\nPlease choose one of these {{ count }} options:\n"
        "{% for option in options %}{{ option.number }}. {{ option.text }}\n{% endfor %}\n"
        "Just reply with the number of the option you prefer by {{ reply_by }}, and we will "
        "take care of the rest.\n\nThank you for your patience, and for giving us the chance "
        "to make this right.\n\nKind regards,\n{{ agent }}\n{{ brand }}\n\n"
        "Ticket reference: {{ ticket }}\n"
    ),
    ("compensation_options", "ar"): (
        _AR_GREETING + "نعتذر إليكِ عن {{ reason }}. ونودّ أن نصلح الأمر بالطريقة التي "
        "تناسبكِ.\n\nوتعويضًا عن ذلك، نعرض عليكِ {{ count }} خيارات لتختاري أنسبها لكِ:\n"
        "{% for option in options %}{{ option.number }}. {{ option.text }}\n{% endfor %}\n"
        "يكفي أن تردّي علينا برقم الخيار الذي تفضّلينه في موعد أقصاه {{ reply_by }}، وسنتولى "
        "الباقي.\n\nشكرًا لكِ على صبركِ، وعلى منحنا الفرصة لتصحيح الأمر.\n\n"
        + _AR_SIGNOFF
        + "\nرقم التذكرة: {{ ticket }}\n"
    ),
}

# Words a hand-written template would keep in a table: team names, currency and
# duration plurals by CLDR category, offer phrases.
TEAMS = {"en": "billing team", "ar": "فريق الفوترة والحسابات"}
RIYALS = {
    "en": {"one": "{n} Saudi riyal", "other": "{n} Saudi riyals"},
    "ar": {
        "one": "ريال سعودي واحد",
        "two": "ريالان سعوديان",
        "few": "{n} ريالات سعودية",
        "many": "{n} ريالًا سعوديًا",
        "other": "{n} ريال سعودي",
    },
}
DAYS = {
    "en": {"one": "{n} day", "other": "{n} days"},
    "ar": {
        "one": "يوم واحد",
        "two": "يومين",
        "few": "{n} أيام",
        "many": "{n} يومًا",
        "other": "{n} يوم",
    },
}
OPTIONS = {
    "en": {
        "replacement": "a replacement at no cost",
        "refund": "a refund of {amount}",
        "store_credit": "{amount} in store credit",
    },
    "ar": {
        "replacement": "منتج بديل دون أي تكلفة",
        "refund": "استرداد مبلغ {amount}",
        "store_credit": "رصيد بقيمة {amount} في حسابكِ",
    },
}


def _plural(locale: Locale, forms: dict[str, str], value: int, language: str) -> str:
    pattern = forms.get(locale.plural_form(value)) or forms["other"]
    return pattern.replace("{n}", format_decimal(value, locale=locale))


def plain_renderer(kind: str, locale_tag: str) -> Callable[[], str]:
    """The hand-written floor: a flat template, Babel called directly."""
    language = locale_tag.split("-")[0]
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    template = env.from_string(FLAT[kind, language])
    locale = Locale.parse(locale_tag.replace("-", "_"))
    data = SCENARIOS[kind]
    # Arabic isolates Latin names and ids, as the kit does.
    iso = (lambda text: LRI + text + PDI) if language == "ar" else (lambda text: text)

    def money(amount: str) -> str:
        value = Decimal(amount)
        if value == value.to_integral_value():
            return _plural(locale, RIYALS[language], int(value), language)
        number = format_decimal(value, "#,##0.00", locale=locale)
        return RIYALS[language]["other"].replace("{n}", number)

    def common() -> dict[str, Any]:
        return {
            "title": "الأستاذة" if data["customer"]["gender"] == "female" else "الأستاذ",
            "name": iso(data["customer"]["name"]),
            "agent": iso(data["agent"]["name"]),
            "brand": iso("Acme Care"),
            "ticket": iso(data.get("ticket_id", "")),
        }

    def missing_terms_info() -> str:
        return template.render(
            common(),
            missing_info=data["missing_info"][language],
            action=data["customer_action"][language],
            amount=money(data["remedy"]["refund"]["amount"]),
            team=TEAMS[language],
        )

    def delayed_response() -> str:
        days = int(data["waited"][1:-1])
        return template.render(
            common(),
            waited=_plural(locale, DAYS[language], days, language),
            percent=format_percent(Decimal(data["compensation"]["percent"]) / 100, locale=locale),
        )

    def compensation_options() -> str:
        options = [
            {
                "number": format_decimal(number, locale=locale),
                "text": OPTIONS[language][offer["type"]].format(
                    amount=money(offer["amount"]["amount"]) if "amount" in offer else ""
                ),
            }
            for number, offer in enumerate(data["options"], 1)
        ]
        return template.render(
            common(),
            reason=data["reason"][language],
            count=format_decimal(len(options), locale=locale),
            options=options,
            reply_by=format_date(dt.date.fromisoformat(data["reply_by"]), "long", locale=locale),
        )

    render: Callable[[], str] = locals()[kind]
    return render


# The same shapes as plain pydantic models: no validators, no callbacks.
class _Plain(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class _Person(_Plain):
    name: str | None = None
    gender: Literal["female", "male"] | None = None


class _Text(_Plain):
    en: str | None = None
    ar: str | None = None


class _Money(_Plain):
    amount: Decimal
    currency: str


class _Offer(_Plain):
    type: str
    what: str | None = None
    amount: _Money | None = None
    refund: _Money | None = None
    percent: Decimal | None = None


class _Base(_Plain):
    customer: _Person
    agent: _Person | None = None
    ticket_id: str | None = None


class _MissingTermsInfo(_Base):
    kind: Literal["missing_terms_info"]
    missing_info: _Text
    customer_action: _Text
    remedy: _Offer
    responsible_team: str


class _DelayedResponse(_Base):
    kind: Literal["delayed_response"]
    waited: dt.timedelta | None = None
    compensation: _Offer | None = None


class _CompensationOptions(_Base):
    kind: Literal["compensation_options"]
    reason: _Text
    options: list[_Offer]
    reply_by: dt.date | None = None


PLAIN_MODELS: dict[str, type[_Plain]] = {
    "missing_terms_info": _MissingTermsInfo,
    "delayed_response": _DelayedResponse,
    "compensation_options": _CompensationOptions,
}


def validation_reference(kind: str) -> Callable[[], object]:
    """A plain pydantic validation of the same data (the floor a validating render adds)."""
    model, data = PLAIN_MODELS[kind], SCENARIOS[kind]

    def validate() -> object:
        return model.model_validate(data)

    return validate


def kit_renderer(
    kit: ak.ReplyKit, kind: str, locale_tag: str, *, validated: bool = False
) -> Callable[[], str]:
    """apologykit from the dict form, as a script or helpdesk would call it.

    With ``validated``, from a model built once: the render without validation.
    """
    data = SCENARIOS[kind]
    scenario: ak.Scenario | dict[str, Any] = ak.parse_scenario(data) if validated else data

    def render() -> str:
        return kit.render(scenario, locale=locale_tag, channel="email").text

    return render


def per_call(fns: dict[str, Callable[[], object]], repeat: int, rounds: int) -> dict[str, float]:
    """Best seconds per call for each function over ``rounds`` interleaved rounds.

    Interleaving and taking the best round keep a noisy neighbour on a shared
    machine from landing on one side of the comparison only.
    """
    best = dict.fromkeys(fns, float("inf"))
    for fn in fns.values():
        fn()  # warm caches: compiled templates, parsed locales
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(repeat):
                fn()
            best[name] = min(best[name], (time.perf_counter() - start) / repeat)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--kinds", default=",".join(SCENARIOS))
    args = parser.parse_args()
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"))
    kinds = args.kinds.split(",")
    fns: dict[str, Callable[[], object]] = {}
    for kind in kinds:
        fns[f"{kind} valid"] = validation_reference(kind)
        for tag in LOCALES:
            fns[f"{kind} {tag} floor"] = plain_renderer(kind, tag)
            fns[f"{kind} {tag} dict"] = kit_renderer(kit, kind, tag)
            fns[f"{kind} {tag} model"] = kit_renderer(kit, kind, tag, validated=True)
    times = {
        name: seconds * 1e6 for name, seconds in per_call(fns, args.repeat, args.rounds).items()
    }
    header = ("kind", "locale", "floor", "valid", "dict", "/(f+v)", "model", "/floor")
    print("{:22} {:6} {:>7} {:>7} {:>7} {:>6} {:>7} {:>6}".format(*header))
    print("(µs per render; dict is compared with floor + valid, model with floor)")
    for kind in kinds:
        valid = times[f"{kind} valid"]
        for tag in LOCALES:
            floor, ours, model = (
                times[f"{kind} {tag} {part}"] for part in ("floor", "dict", "model")
            )
            print(
                f"{kind:22} {tag:6} {floor:7.1f} {valid:7.1f} {ours:7.1f} "
                f"{ours / (floor + valid):6.2f} {model:7.1f} {model / floor:6.2f}"
            )


if __name__ == "__main__":
    main()
