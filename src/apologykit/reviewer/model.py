"""What a review finds: the parts of an apology present, the problems, a score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: The parts of an apology the reviewer looks for, in the order a reply uses them.
COMPONENTS = (
    "listening",
    "regret",
    "responsibility",
    "explanation",
    "repentance",
    "repair",
    "forgiveness",
    "follow_up",
    "thanks",
)

#: Points for each part present (sum 100). Lewicki, Polin & Lount (2016) found
#: acknowledgement of responsibility matters most, then an offer of repair, then
#: regret, explanation and repentance alike, and a request for forgiveness least.
#: Listening, follow-up and thanks come from the LAST method in the seeds.
WEIGHTS: dict[str, int] = {
    "responsibility": 24,
    "repair": 20,
    "regret": 12,
    "explanation": 12,
    "repentance": 12,
    "forgiveness": 4,
    "listening": 6,
    "follow_up": 5,
    "thanks": 5,
}

#: Points taken off per finding: a non-apology undoes much of what surrounds it.
PENALTIES: dict[Severity, int] = {"error": 30, "warning": 10, "info": 0}


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` in the text that was reviewed."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Finding:
    """One problem: a stable ``code``, where it is, and what to write instead."""

    code: str
    severity: Severity
    span: Span | None
    quote: str
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "span": self.span.to_dict() if self.span else None,
            "quote": self.quote,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Review:
    """The review of one text. ``ok`` is true when no finding is an error."""

    language: str
    text: str = field(repr=False)
    components: dict[str, Span | None]
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not any(finding.severity == "error" for finding in self.findings)

    @property
    def score(self) -> int:
        """``sum(WEIGHTS of parts present) - sum(PENALTIES of findings)``, within 0..100."""
        earned = sum(WEIGHTS[name] for name, span in self.components.items() if span)
        lost = sum(PENALTIES[finding.severity] for finding in self.findings)
        return max(0, min(100, earned - lost))

    @property
    def codes(self) -> list[str]:
        """The finding codes in text order (each once)."""
        return list(dict.fromkeys(finding.code for finding in self.findings))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset in the reviewed text."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "ok": self.ok,
            "score": self.score,
            "components": {
                name: span.to_dict() if span else None for name, span in self.components.items()
            },
            "findings": [finding.to_dict() for finding in self.findings],
        }
