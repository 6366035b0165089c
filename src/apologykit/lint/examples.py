"""Is an example reply what its kind declares it to be? The review step of ``check``.

An apology must say sorry, own the fault where the company was at fault
(``Scenario.company_at_fault``), and repair or give a next step; a closure
regrets and helps; thanks thank; nothing may hold an error finding such as a
conditional apology or blame. :mod:`.checks` turns each problem into a line
with the template file and the case it was found with.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.intent import expected_parts, is_apology
from ..model.scenario import Scenario
from ..renderer.reply import Reply
from ..reviewer import builtin_rules
from ..reviewer.rules import LANGUAGES as REVIEW_LANGUAGES

#: Findings that only say a part is missing: the expected parts cover them,
#: with the kind's own declaration (a closure owns no fault; thanks say no sorry).
_PART_FINDINGS = frozenset({"no-apology", "missing-repair", "missing-responsibility"})

#: What is wrong when a part is missing, per expected group (named by its first part).
_MISSING: dict[str, str] = {
    "regret": "no words of regret in a reply declared {intent!r}: say sorry for what "
    "happened ('I'm sorry we...', «نعتذر إليكِ عن...»)",
    "responsibility": "no acknowledgement of responsibility, though the kind declares "
    "company_at_fault: own it ('the mistake was ours', «ونتحمّل مسؤولية ذلك»)",
    "repair": "no repair and no next step in a reply declared {intent!r}: say what the "
    "company does now, or how the customer follows up",
    "thanks": "no thanks in a reply declared {intent!r}",
}


@dataclass(frozen=True)
class IntentProblem:
    """One way a reply falls short of its kind: a review finding or a missing part."""

    #: ``review:<finding code>`` or ``review:missing-<part>``.
    code: str
    message: str
    #: The words it is about, as rendered; empty when something is missing.
    quote: str
    #: From the company's own review rules, not the built-in ones.
    company_rule: bool


def intent_problems(reply: Reply, cls: type[Scenario]) -> list[IntentProblem]:
    """Every way ``reply`` (rendered from an example of ``cls``) falls short of its intent."""
    if reply.language not in REVIEW_LANGUAGES:
        return []  # no review rules for the language (a company's own French)
    intent = cls.intent(reply.channel)
    review = reply.review(apology=is_apology(intent))
    built_in = {rule.code for rule in builtin_rules(review.language).findings}
    problems: list[IntentProblem] = []
    for finding in review.findings:
        company_rule = finding.code not in built_in
        if finding.code in _PART_FINDINGS and not company_rule:
            continue
        if finding.severity == "error" or (company_rule and finding.severity == "warning"):
            problems.append(
                IntentProblem(
                    f"review:{finding.code}", finding.message, finding.quote, company_rule
                )
            )
    for group in expected_parts(intent, cls.company_at_fault):
        if not any(review.components.get(name) for name in group):
            message = _MISSING[group[0]].format(intent=intent)
            problems.append(IntentProblem(f"review:missing-{group[0]}", message, "", False))
    return problems
