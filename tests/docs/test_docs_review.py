"""docs/review.md's Python blocks run, in order, as one script; every code is documented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from apologykit.reviewer import builtin_rules, load_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "review.md"
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)
TOML = re.compile(r"```toml\n(.*?)```", re.DOTALL)


def test_review_examples_run_as_written() -> None:
    blocks = FENCE.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)


def test_the_company_rules_example_loads() -> None:
    (block,) = TOML.findall(DOC.read_text(encoding="utf-8"))
    rules = load_rules(tomllib.loads(block))
    assert rules is not None
    assert [rule.code for rule in rules.findings["ar"]] == ["no-valued-customer", "missing-ticket"]


def test_every_code_has_a_section_with_both_languages() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in builtin_rules("en").findings:
        heading = f"### `{rule.code}` ({rule.severity})"
        assert heading in text, heading
        section = text.split(heading, 1)[1].split("\n### ", 1)[0]
        assert re.search("[a-z]{3}", section) and re.search("[\u0600-\u06ff]{3}", section)
