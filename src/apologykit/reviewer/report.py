"""How a review is shown: ``line:col: code: message`` lines, or a JSON record."""

from __future__ import annotations

from typing import Any

from .model import Finding, Review


def _position(review: Review, finding: Finding) -> tuple[int, int]:
    # A missing part has no place in the text: it is reported at the start.
    return review.position(finding.span.start) if finding.span else (1, 1)


def finding_lines(review: Review, prefix: str = "", *, info: bool = False) -> list[str]:
    """One line per finding: ``[prefix]line:col: code: message (severity)``."""
    lines = []
    for finding in review.findings:
        if finding.severity == "info" and not info:
            continue
        line, column = _position(review, finding)
        quote = f' "{finding.quote}"' if finding.quote else ""
        lines.append(
            f"{prefix}{line}:{column}: {finding.code}: {finding.message}"
            f" ({finding.severity}){quote}"
        )
    return lines


def summary_line(review: Review, prefix: str = "") -> str:
    """The score and the parts found, for the end of one text's findings."""
    present = [name for name, span in review.components.items() if span]
    return (
        f"{prefix}score {review.score}/100 ({review.language}); "
        f"has: {', '.join(present) or 'nothing of an apology'}"
    )


def review_record(review: Review) -> dict[str, Any]:
    """``review.to_dict()`` with each finding's 1-based line and column added."""
    record = review.to_dict()
    for finding, data in zip(review.findings, record["findings"], strict=True):
        data["line"], data["column"] = _position(review, finding)
    return record
