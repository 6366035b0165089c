"""Per-render cost of ``ReplyKit.render`` against a flat Jinja2 template doing the same work.

The baseline is what a careful developer would write by hand: one plain
``jinja2.Environment``, one template holding the same English or Arabic text,
and the same Babel calls (amount, date, plural) made in Python before
rendering. Both sides build their environment, templates and ``Locale``
objects once, outside the timed loop. The ratio is the price of typed input,
validation, isolation and the LAST layout.

    python benchmarks/bench_render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

import apologykit as ak

ORDER_DATE = dt.date(2026, 11, 2)

SCENARIO: dict[str, Any] = {
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
}

FLAT = {
    "en": (
        "Dear {{ name }},\n\nYou are absolutely right. We should have told you about "
        "{{ missing_info }} before you {{ action }}.\n\nWe will gladly remove the extra fee and "
        "refund {{ amount }} to your account.\n\nThank you again for pointing this out; it will "
        "help us spare other customers the same confusion. I have already shared it with our "
        "{{ team }}, and they are working on a fix now.\n\nKind regards,\n{{ agent }}\n{{ brand }}"
        "\n\nTicket reference: {{ ticket }} ({{ date }})\n"
    ),
    "ar": (
        "عزيزي {{ name }}،\n\nمعك حق تمامًا. كان ينبغي أن نوضّح لك {{ missing_info }} قبل "
        "{{ action }}.\n\nيسعدنا إلغاء الرسوم الإضافية وإعادة مبلغ {{ amount }} إلى حسابك.\n\n"
        "شكرًا لك مجددًا على تنبيهنا إلى هذا الأمر، فهو يساعدنا على تجنّب أي التباس مستقبلًا. "
        "وقد أحلنا التفاصيل إلى {{ team }}، والعمل جارٍ الآن على معالجة المشكلة.\n\n"
        "مع خالص التحية،\n{{ agent }}\n{{ brand }}\n\nرقم التذكرة: {{ ticket }} ({{ date }})\n"
    ),
}


def plain_renderer(locale_tag: str) -> Callable[[], str]:
    """The hand-written baseline: flat template, Babel called directly."""
    language = locale_tag.split("-")[0]
    env = jinja2.Environment(autoescape=False)
    template = env.from_string(FLAT[language])
    locale = Locale.parse(locale_tag.replace("-", "_"))
    teams = {"en": "billing team", "ar": "فريق الفوترة والحسابات"}

    def render() -> str:
        data = SCENARIO
        return template.render(
            name=data["customer"]["name"],
            missing_info=data["missing_info"][language],
            action=data["customer_action"][language],
            amount=format_currency(
                Decimal(data["remedy"]["refund"]["amount"]), "SAR", locale=locale
            ),
            team=teams[language],
            agent=data["agent"]["name"],
            brand="Acme Care",
            ticket=data["ticket_id"],
            date=format_date(ORDER_DATE, "long", locale=locale),
        )

    return render


def kit_renderer(
    kit: ak.ReplyKit, locale_tag: str, *, validated: bool = False
) -> Callable[[], str]:
    """apologykit from the dict form, as a script or helpdesk would call it.

    With ``validated``, from a model built once: the render without validation.
    """
    scenario: ak.Scenario | dict[str, Any] = ak.parse_scenario(SCENARIO) if validated else SCENARIO

    def render() -> str:
        return kit.render(scenario, locale=locale_tag, channel="email").text

    return render


def per_call(
    fns: dict[str, Callable[[], object]], repeat: int, rounds: int = 9
) -> dict[str, float]:
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
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme", support_team="Acme Care"))
    header = ("locale", "jinja2+babel", "kit (dict)", "ratio", "kit (model)", "ratio")
    print("{:8} {:>13} {:>11} {:>6} {:>12} {:>6}".format(*header))
    for tag in ("en-US", "ar-SA"):
        times = per_call(
            {
                "base": plain_renderer(tag),
                "dict": kit_renderer(kit, tag),
                "model": kit_renderer(kit, tag, validated=True),
            },
            args.repeat,
        )
        base, ours, model = times["base"], times["dict"], times["model"]
        print(
            f"{tag:8} {base * 1e6:10.1f} us {ours * 1e6:8.1f} us {ours / base:6.2f}"
            f" {model * 1e6:9.1f} us {model / base:6.2f}"
        )


if __name__ == "__main__":
    main()
