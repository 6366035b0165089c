"""How well and how fast the apology reviewer works, measured on its labelled corpus.

Quality: for each finding code and language, precision (of the texts flagged
with the code, how many carry that label) and recall (of the texts labelled
with it, how many were flagged), over ``tests/reviewer/review_corpus/<language>.jsonl``.
The corpus was written alongside the rules, so these numbers say the rules
agree with their own labels; new, unseen drafts are the real test.

Speed: the time to review one rendered reply against the time to render it,
for each built-in kind in English and Arabic (email), best of several rounds:
cold (nothing remembered, every paragraph matched) and warm (the same reply
again: its paragraphs are remembered, see ``apologykit.reviewer.paragraphs``);
then batches of replies to customers never seen before (their greetings are
new, the template's paragraphs are not), and the hand-written corpus, cold.

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
from apologykit.reviewer import builtin_rules

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "reviewer" / "review_corpus"


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


def _forget() -> None:
    for language in ("en", "ar"):
        builtin_rules(language).paragraphs.forget()


def _cold(text: str, language: str) -> None:
    """A review with nothing remembered: every paragraph matched afresh."""
    _forget()
    ak.review(text, language)


def print_speed(repeat: int, rounds: int) -> None:
    """Per built-in kind and language (e-mail): render time, review time cold and warm."""
    kit = ak.ReplyKit()
    print(
        f"\n{'kind':<24}{'lang':>5}{'chars':>6}{'render us':>10}"
        f"{'cold us':>9}{'ratio':>7}{'warm us':>9}{'ratio':>7}"
    )
    rows: list[tuple[float, float, float]] = []
    for kind in ak.scenario_kinds():
        example = ak.scenario_class(kind).examples()[0]
        for locale in ("en", "ar-SA"):
            reply = kit.render(example, locale=locale)
            render = _best(partial(kit.render, example, locale=locale), repeat, rounds)
            cold = _best(partial(_cold, reply.text, reply.language), repeat, rounds)
            warm = _best(partial(ak.review, reply.text, reply.language), repeat, rounds)
            rows.append((render, cold, warm))
            print(
                f"{kind:<24}{reply.language:>5}{len(reply.text):>6}{render * 1e6:>10.0f}"
                f"{cold * 1e6:>9.0f}{cold / render:>7.0%}{warm * 1e6:>9.0f}{warm / render:>7.0%}"
            )

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    render = median([r for r, _, _ in rows])
    cold = median([c for _, c, _ in rows])
    warm = median([w for _, _, w in rows])
    cold_ratio = median([c / r for r, c, _ in rows])
    warm_ratio = median([w / r for r, _, w in rows])
    print(
        f"median: render {render * 1e6:.0f} us; review cold {cold * 1e6:.0f} us "
        f"({cold_ratio:.0%} of a render), warm {warm * 1e6:.0f} us ({warm_ratio:.0%}); "
        "goal: under 10%"
    )
    print_varied(kit, rounds)
    for language in ("en", "ar"):
        texts = [record["text"] for record in _load(language)]

        def review_all(texts: list[str] = texts, language: str = language) -> None:
            _forget()
            for text in texts:
                ak.review(text, language)

        each = _best(review_all, 1, rounds) / len(texts)
        print(f"corpus {language}: {len(texts)} hand-written texts, {each * 1e6:.0f} us per review")


#: Customers of a batch: every reply differs from the last in its name (and so
#: in its greeting), as in a real run, not only the same text again and again.
NAMES = ["Sara", "Omar", "Huda", "Khalid", "Mona", "Yousef", "Layla", "Tariq", "نورة", "فهد"]


def print_varied(kit: ak.ReplyKit, rounds: int) -> None:
    """Review time per reply over batches of replies to customers never seen before."""

    def batch(run: int) -> list[ak.Reply]:
        return [
            kit.render(
                ak.scenario_class(kind)
                .examples()[0]
                .model_copy(update={"customer": ak.Customer(name=f"{name} {run}.{number}.{kind}")}),
                locale=locale,
            )
            for number, name in enumerate(NAMES)
            for kind in ak.scenario_kinds()
            for locale in ("en", "ar-SA")
        ]

    best = float("inf")
    for run in range(rounds):
        replies = batch(run)  # new names every round: no greeting was reviewed before
        start = time.perf_counter()
        for reply in replies:
            ak.review(reply.text, reply.language)
        best = min(best, (time.perf_counter() - start) / len(replies))
    print(
        f"batches of {len(replies)} replies, each to a new customer: {best * 1e6:.0f} us per review"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print_quality()
    print_speed(args.repeat, args.rounds)


if __name__ == "__main__":
    main()
