"""How well and how fast the apology reviewer works, measured on its labelled corpus.

Quality: for each finding code and language, precision (of the texts flagged
with the code, how many carry that label) and recall (of the texts labelled
with it, how many were flagged), over ``tests/review_corpus/<language>.jsonl``.
The corpus was written alongside the rules, so these numbers say the rules
agree with their own labels; new, unseen drafts are the real test.

Speed: the time to review one rendered reply against the time to render it,
for each built-in kind in English and Arabic (email), best of several rounds.

    python benchmarks/bench_review.py [--rounds N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import apologykit as ak
from apologykit.review import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "review_corpus"


def _load(language: str) -> list[dict[str, Any]]:
    lines = (CORPUS / f"{language}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def quality(language: str) -> list[tuple[str, int, int, int, int]]:
    """Per code: (code, labelled, flagged, true positives, texts).

    Exits with the texts whose findings differ from their labels: a speed-up
    must not change what the reviewer finds.
    """
    records = _load(language)
    labelled: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    differ: list[str] = []
    for record in records:
        review = ak.review(record["text"], language)
        found = {f.code for f in review.findings if f.severity != "info"}
        expected = set(record["codes"])
        missing = [name for name in record["components"] if review.components[name] is None]
        if found != expected or missing:
            differ.append(f"{record['id']}: found {sorted(found)}, missing parts {missing}")
        labelled.update(expected)
        flagged.update(found)
        hits.update(found & expected)
    if differ:
        raise SystemExit(
            f"{language}: findings differ from the corpus labels:\n" + "\n".join(differ)
        )
    codes = [rule.code for rule in builtin_rules(language).findings if rule.severity != "info"]
    return [(code, labelled[code], flagged[code], hits[code], len(records)) for code in codes]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.2f}" if whole else "     -"


def print_quality() -> None:
    for language in ("en", "ar"):
        rows = quality(language)
        print(f"\n{language}: {rows[0][4]} texts")
        print(f"{'code':<26}{'labelled':>9}{'flagged':>9}{'precision':>10}{'recall':>8}")
        for code, labelled, flagged, hits, _ in rows:
            precision, recall = _ratio(hits, flagged), _ratio(hits, labelled)
            print(f"{code:<26}{labelled:>9}{flagged:>9}{precision:>10}{recall:>8}")


def _best(action: Callable[[], object], repeat: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            action()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def print_speed(repeat: int, rounds: int) -> None:
    """Per built-in kind and language (e-mail): render and review time, and their ratio."""
    kit = ak.ReplyKit()
    print(f"\n{'kind':<26}{'lang':>5}{'chars':>7}{'render us':>11}{'review us':>11}{'ratio':>8}")
    ratios: list[float] = []
    reviews: list[float] = []
    for kind in ak.scenario_kinds():
        example = ak.scenario_class(kind).examples()[0]
        for locale in ("en", "ar-SA"):
            reply = kit.render(example, locale=locale)
            render = _best(partial(kit.render, example, locale=locale), repeat, rounds)
            review = _best(partial(ak.review, reply.text, reply.language), repeat, rounds)
            ratios.append(review / render)
            reviews.append(review)
            print(
                f"{kind:<26}{reply.language:>5}{len(reply.text):>7}{render * 1e6:>11.0f}"
                f"{review * 1e6:>11.0f}{review / render:>8.1%}"
            )
    ratios.sort()
    reviews.sort()
    print(
        f"review of a rendered reply: median {reviews[len(reviews) // 2] * 1e6:.0f} us, "
        f"worst {reviews[-1] * 1e6:.0f} us; review/render median "
        f"{ratios[len(ratios) // 2]:.0%}, worst {ratios[-1]:.0%} (goal: under 10%)"
    )
    for language in ("en", "ar"):
        texts = [record["text"] for record in _load(language)]

        def review_all(texts: list[str] = texts, language: str = language) -> None:
            for text in texts:
                ak.review(text, language)

        each = _best(review_all, max(1, repeat // 10), rounds) / len(texts)
        print(f"corpus {language}: {len(texts)} hand-written texts, {each * 1e6:.0f} us per review")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print_quality()
    print_speed(args.repeat, args.rounds)


if __name__ == "__main__":
    main()
