"""Review rules as data: the built-in files, a company's additions, loaded once.

``rules/codes.toml`` defines each finding code (severity, message, when it is
silenced); ``rules/<language>.toml`` holds the phrases of one language: the
patterns of each apology component and of each finding, and a better phrasing.
A company file adds banned phrases and required elements (``[[banned]]``,
``[[required]]``) in the same spirit. The engine knows no phrase itself.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, cast

from ..errors import ConfigError
from .model import COMPONENTS, SEVERITIES, Severity
from .normalise import fold_pattern
from .paragraphs import ParagraphMemory
from .scan import Matcher, PatternIndex

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGUAGES = ("ar", "en")
#: A company rules file larger than this is refused before it is parsed.
MAX_RULES_BYTES = 1_000_000


@dataclass(frozen=True)
class FindingRule:
    """One finding code in one language.

    With ``patterns`` it fires at each match; with ``required`` it fires when no
    pattern matches; with ``absent`` (and no patterns) it fires when every named
    component is missing. ``unless`` names components whose presence silences it.
    """

    code: str
    severity: Severity
    message: str
    suggestion: str = ""
    patterns: tuple[Matcher, ...] = ()
    unless: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    required: bool = False
    #: Only for texts reviewed as apologies (``apology=True``).
    apology_only: bool = False


@dataclass(frozen=True, eq=False)
class LanguageRules:
    """Everything the engine needs to review one language."""

    language: str
    components: dict[str, tuple[Matcher, ...]]
    findings: tuple[FindingRule, ...]

    def extended(self, extra: tuple[FindingRule, ...]) -> LanguageRules:
        return replace(self, findings=self.findings + extra)

    @cached_property
    def index(self) -> PatternIndex:
        """Every pattern's anchors and one finder for them all, built on first use."""
        patterns = [m for matchers in self.components.values() for m in matchers]
        patterns += [m for rule in self.findings for m in rule.patterns]
        return PatternIndex(patterns)

    @cached_property
    def paragraphs(self) -> ParagraphMemory:
        """Matches per paragraph, remembered (see :mod:`.paragraphs`)."""
        rules = tuple((rule.patterns, rule.required) for rule in self.findings)
        return ParagraphMemory(self.index, self.components, rules)


@dataclass(frozen=True, eq=False)
class CompanyRules:
    """A company's own findings, per language (an empty tuple when it has none)."""

    findings: dict[str, tuple[FindingRule, ...]]
    source: str = "<rules>"
    _with_builtins: dict[str, LanguageRules] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __getstate__(self) -> dict[str, Any]:
        # The compiled rules and their memory stay behind; they are rebuilt on use.
        return {**self.__dict__, "_with_builtins": {}}

    def rules_for(self, language: str) -> LanguageRules:
        """The built-in rules of ``language`` with these added, built once per language."""
        rules = self._with_builtins.get(language)
        if rules is None:
            rules = builtin_rules(language).extended(self.findings[language])
            self._with_builtins[language] = rules
        return rules


def _problem(source: str, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{source}: {where}: {problem}", key=where)


def _compile(source: str, where: str, pattern: object, flags: int) -> Matcher:
    if not isinstance(pattern, str) or not pattern:
        raise _problem(source, where, "a pattern must be a non-empty string")
    try:
        return Matcher.of(re.compile(fold_pattern(pattern), flags))
    except re.error as error:
        raise _problem(
            source, where, f"{pattern!r} is not a valid regular expression ({error})"
        ) from None


def _patterns(source: str, where: str, value: object, flags: int) -> tuple[Matcher, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise _problem(source, where, "expected a list of regular expressions")
    return tuple(_compile(source, f"{where}[{n}]", p, flags) for n, p in enumerate(value))


def _names(source: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or any(name not in COMPONENTS for name in value):
        raise _problem(source, where, f"expected a list of components from {list(COMPONENTS)}")
    return tuple(cast(list[str], value))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RULES_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"cannot read review rules {path}: {error.strerror}") from None
    if len(data) > MAX_RULES_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_RULES_BYTES} bytes; split or trim it")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: not valid UTF-8 TOML ({error})") from None


@cache
def builtin_rules(language: str) -> LanguageRules:
    """The shipped rules of ``language`` (``"ar"`` or ``"en"``), parsed once."""
    codes = _read(RULES_DIR / "codes.toml")
    path = RULES_DIR / f"{language}.toml"
    data = _read(path)
    source = str(path)
    # The text is folded to lower case and built-in patterns are written so.
    flags = 0
    components = {
        name: _patterns(source, f"components.{name}", data["components"][name], flags)
        for name in COMPONENTS
    }
    findings: list[FindingRule] = []
    phrases: dict[str, Any] = data.get("findings", {})
    for code, definition in codes.items():
        local = phrases.get(code, {})
        absent = tuple(definition.get("absent", ()))
        if not absent and "patterns" not in local:
            raise _problem(source, f"findings.{code}", "the code has no patterns in this language")
        findings.append(
            FindingRule(
                code=code,
                severity=definition["severity"],
                message=definition["message"],
                suggestion=local.get("suggestion", ""),
                patterns=_patterns(source, f"findings.{code}.patterns", local["patterns"], flags)
                if "patterns" in local
                else (),
                unless=tuple(definition.get("unless", ())),
                absent=absent,
                apology_only=bool(definition.get("apology_only", False)),
            )
        )
    unknown = set(phrases) - set(codes)
    if unknown:
        raise _problem(
            source, "findings", f"unknown codes {sorted(unknown)}; define them in codes.toml"
        )
    return LanguageRules(language, components, tuple(findings))


_ENTRY_KEYS = {
    "code",
    "severity",
    "message",
    "suggestion",
    "patterns",
    "pattern",
    "language",
    "unless",
}


def _entry(
    source: str, where: str, entry: object, required: bool
) -> tuple[str | None, FindingRule]:
    if not isinstance(entry, dict):
        raise _problem(source, where, "expected a table")
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise _problem(
            source, where, f"unknown keys {sorted(unknown)}; allowed: {sorted(_ENTRY_KEYS)}"
        )
    code = entry.get("code")
    if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code):
        raise _problem(source, f"{where}.code", "give a kebab-case code such as 'missing-ticket'")
    severity = entry.get("severity", "error")
    if severity not in SEVERITIES:
        raise _problem(source, f"{where}.severity", f"must be one of {list(SEVERITIES)}")
    message = entry.get("message")
    if not isinstance(message, str) or not message:
        raise _problem(source, f"{where}.message", "say what is wrong, in one sentence")
    language = entry.get("language")
    if language is not None and language not in LANGUAGES:
        raise _problem(source, f"{where}.language", f"must be one of {list(LANGUAGES)}")
    raw = entry.get("patterns", entry.get("pattern"))
    if raw is None:
        raise _problem(source, f"{where}.patterns", "give at least one regular expression")
    rule = FindingRule(
        code=code,
        severity=cast(Severity, severity),
        message=message,
        suggestion=str(entry.get("suggestion", "")),
        patterns=_patterns(source, f"{where}.patterns", raw, re.IGNORECASE),
        unless=_names(source, f"{where}.unless", entry.get("unless", [])),
        required=required,
    )
    return cast(str | None, language), rule


def company_rules(data: Mapping[str, Any], source: str = "<rules>") -> CompanyRules:
    """A company's ``[[banned]]`` and ``[[required]]`` entries, checked and compiled."""
    unknown = set(data) - {"banned", "required"}
    if unknown:
        raise _problem(
            source, "top level", f"unknown keys {sorted(unknown)}; use [[banned]] or [[required]]"
        )
    per_language: dict[str, list[FindingRule]] = {language: [] for language in LANGUAGES}
    for table, required in (("banned", False), ("required", True)):
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise _problem(source, table, f"write it as [[{table}]] tables")
        for number, entry in enumerate(entries):
            language, rule = _entry(source, f"{table}[{number}]", entry, required)
            for name in LANGUAGES if language is None else (language,):
                per_language[name].append(rule)
    return CompanyRules({k: tuple(v) for k, v in per_language.items()}, source)


def load_rules(
    rules: str | os.PathLike[str] | Mapping[str, Any] | CompanyRules | None,
) -> CompanyRules | None:
    """Company rules from a TOML file path, a mapping of the same shape, or as they are."""
    if rules is None or isinstance(rules, CompanyRules):
        return rules
    if isinstance(rules, Mapping):
        return company_rules(rules)
    path = Path(rules)
    return company_rules(_read(path), str(path))
