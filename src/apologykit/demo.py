"""``python -m apologykit.demo``: one built-in scenario rendered in English and Arabic."""

from __future__ import annotations

from .kinds import DelayedResponse
from .kit import ReplyKit
from .people import Brand


def main() -> None:
    kit = ReplyKit(brand=Brand(name="Acme", support_team="Acme Care"))
    scenario = DelayedResponse.examples()[0]
    for locale in ("en-GB", "ar-SA"):
        reply = kit.render(scenario, locale=locale, channel="email")
        print(f"--- {reply.locale} ({reply.direction}) ---")
        print(f"Subject: {reply.subject}")
        print(reply.text)


if __name__ == "__main__":
    main()
