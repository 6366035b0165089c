"""``python -m apologykit.demo``: one built-in scenario rendered in English and Arabic.

Names are given per language, as a Gulf company would: the Arabic reply greets
«الأستاذة فاطمة» and is signed «يوسف», not "Fatima" and "Yousef".
"""

from __future__ import annotations

from .kinds import DelayedResponse
from .model.people import Brand
from .renderer.kit import ReplyKit


def main() -> None:
    kit = ReplyKit(
        brand=Brand.model_validate(
            {
                "name": {"en": "Acme", "ar": "أكمي"},
                "support_team": {"en": "Acme Care", "ar": "فريق العناية بالعملاء في أكمي"},
            }
        )
    )
    example = DelayedResponse.examples()[0]
    scenario = example.model_validate(
        {
            **example.model_dump(mode="json"),
            "customer": {"name": {"en": "Fatima", "ar": "فاطمة"}, "gender": "female"},
            "agent": {"name": {"en": "Yousef", "ar": "يوسف"}},
        }
    )
    for locale in ("en-GB", "ar-SA"):
        reply = kit.render(scenario, locale=locale, channel="email")
        print(f"--- {reply.locale} ({reply.direction}) ---")
        print(f"Subject: {reply.subject}")
        print(reply.text)


if __name__ == "__main__":
    main()
