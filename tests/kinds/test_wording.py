"""House rules for the built-in Arabic templates that a reader notices in every reply.

The vowel-mark rule: a masculine second-person past verb carries its fatha
(واجهتَه، احتجتَ), as the feminine carries its kasra (واجهتِه، احتجتِ). Without
the mark the masculine reads as "I" (احتجت = I needed), so the mark is always
written, never only sometimes. Pronoun suffixes (لك، طلبك) need no mark: their
unmarked reading is already the masculine one.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "ar"
# g("female", "male", "neutral") with plain string arguments.
G_CALL = re.compile(r'g\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)')
KASRA, FATHA = "\u0650", "\u064e"
# A feminine past ending: تِ at the end of the word or before an object pronoun.
FEMININE_PAST = re.compile(f"ت{KASRA}(?=$|ه|ها|هم|ني|نا)")


def _unmarked_masculine_verbs() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.glob("*.j2")):
        for female, male, _neutral in G_CALL.findall(path.read_text(encoding="utf-8")):
            for her, his in zip(female.split(), male.split(), strict=False):
                if not FEMININE_PAST.search(her):
                    continue
                expected = FEMININE_PAST.sub("ت" + FATHA, her)
                if his != expected and his == FEMININE_PAST.sub("ت", her):
                    found.append(f"{path.name}: {his!r} should be {expected!r}")
    return found


def test_masculine_past_verbs_always_carry_their_fatha() -> None:
    found = _unmarked_masculine_verbs()
    assert not found, "\n".join(found)
