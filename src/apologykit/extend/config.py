"""``apologykit.toml``: brand settings, defaults and template directories in one file.

The shape (every key but ``brand.name`` is optional)::

    templates = ["company_templates"]      # relative to this file
    scenarios = ["company_scenarios.py"]   # company kinds: files (relative) or modules
    review_rules = "review_rules.toml"     # company review rules (docs/review.md), relative

    [brand]
    name = "Acme"                          # or { en = "Acme", ar = "أكمي" }
    support_team = "Acme Care"
    signature = ["Acme Care", "+966 11 000 0000"]
    greeting = "formal"                    # or "warm"

    [defaults]
    locale = "ar-SA"
    digits = "latn"                        # or "arab"
    timezone = "Asia/Riyadh"               # none: a time keeps its own offset
    calendar = "gregorian"                 # or "hijri" or "both"
    amounts = "words"                      # «349 ريالًا سعوديًا»; or "symbols"
    strict_language = false                # true: free text in the wrong language is an error

    [server]                               # apologykit serve only
    token = "..."                          # better: the APOLOGYKIT_TOKEN environment variable
    cors_origins = ["https://desk.example.com"]   # browser sites that may call the API
    max_body_bytes = 262144                # larger request bodies are refused (413)

The defaults suit a Saudi company's prose: amounts in words, because a
letter reads «349 ريالًا سعوديًا», not «349 ر.س.»; the Gregorian calendar,
because most customer systems store it and Hijri is a choice (``"both"``
gives the Hijri date with its Gregorian equivalent, as Saudi official letters
write it); and no time zone, because a time given with an offset is best
shown as given rather than guessed into UTC.

A typo must not silently fall back to a default, so unknown keys and wrong
types are errors naming the dotted key (``brand.signatur: unknown key; ...``).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from ..errors import ConfigError
from ..i18n.calendars import Calendar
from ..i18n.formatting import Amounts, Digits
from ..i18n.locales import InvalidLocaleError, parse_locale
from ..model.people import Brand, Greeting, TimeZoneName
from ..model.text import Text
from .directories import template_dir_problem
from .scenario_modules import import_scenarios


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BrandSection(_Section):
    """``[brand]``: how the company names itself and signs."""

    name: Text
    support_team: Text | None = None
    signature: list[Text] = Field(default_factory=list)
    greeting: Greeting = "formal"


class DefaultsSection(_Section):
    """``[defaults]``: what a render uses when the caller does not say."""

    locale: str = "en"
    digits: Digits = "latn"
    timezone: TimeZoneName | None = None
    calendar: Calendar = "gregorian"
    amounts: Amounts = "words"
    strict_language: StrictBool = False


class ServerSection(_Section):
    """``[server]``: how ``apologykit serve`` guards itself (the library ignores it)."""

    token: str | None = Field(default=None, min_length=16)
    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = Field(default=256 * 1024, ge=1024, le=16 * 1024 * 1024)


class ConfigFile(_Section):
    """The whole file, as TOML gives it."""

    templates: list[str] = Field(default_factory=list)
    scenarios: list[str] = Field(default_factory=list)
    review_rules: str | None = None
    brand: BrandSection
    defaults: DefaultsSection = Field(default_factory=DefaultsSection)
    server: ServerSection = Field(default_factory=ServerSection)


@dataclass(frozen=True)
class KitConfig:
    """Validated settings, ready to build a :class:`~apologykit.ReplyKit` from."""

    path: Path
    brand: Brand
    default_locale: str
    digits: Digits
    template_dirs: tuple[Path, ...]
    #: Company scenario modules or files (files relative to the config file),
    #: imported by :meth:`~apologykit.ReplyKit.from_config`.
    scenarios: tuple[str, ...] = ()
    calendar: Calendar = "gregorian"
    amounts: Amounts = "words"
    #: Raise ``LanguageError`` instead of carrying ``Reply.warnings``.
    strict_language: bool = False
    #: ``[server]``: the token, CORS origins and body limit of ``apologykit serve``.
    server: ServerSection = dataclasses.field(default_factory=ServerSection)
    #: The company's review rules file (relative paths resolved against the config file).
    review_rules: Path | None = None


#: Largest config file read; a real one is a few hundred bytes.
MAX_CONFIG_BYTES = 1024 * 1024
#: Deepest nesting of tables and arrays accepted; the documented shape uses three.
MAX_CONFIG_DEPTH = 16


def load_config(path: str | os.PathLike[str]) -> KitConfig:
    """Read and validate ``path``; every problem is a :class:`ConfigError` naming the file."""
    file = Path(path)
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(
                f"{file}: the config file is larger than {MAX_CONFIG_BYTES // 1024} KiB; "
                "is this the right file?"
            )
        raw = tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(file, exc) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise _too_deep(file) from None
    if _depth(raw) > MAX_CONFIG_DEPTH:
        raise _too_deep(file)
    try:
        parsed = ConfigFile.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(file, exc) from None
    try:
        parse_locale(parsed.defaults.locale)
    except InvalidLocaleError as exc:
        raise _key_error(
            file, "defaults.locale", f"{parsed.defaults.locale!r} is not a valid locale ({exc})"
        ) from None
    base = file.resolve().parent
    dirs: list[Path] = []
    for index, entry in enumerate(parsed.templates):
        directory = base / entry
        if not directory.is_dir():
            raise _key_error(file, f"templates[{index}]", f"directory {directory} does not exist")
        problem = template_dir_problem(directory)
        if problem is not None:
            raise _key_error(file, f"templates[{index}]", f"directory {directory} {problem}")
        dirs.append(directory)
    review_rules = None
    if parsed.review_rules is not None:
        review_rules = base / parsed.review_rules
        if not review_rules.is_file():
            raise _key_error(file, "review_rules", f"file {review_rules} does not exist")
    brand = Brand(
        name=parsed.brand.name,
        support_team=parsed.brand.support_team,
        signature=parsed.brand.signature,
        greeting=parsed.brand.greeting,
        timezone=parsed.defaults.timezone,
    )
    defaults = parsed.defaults
    return KitConfig(
        file,
        brand,
        defaults.locale,
        defaults.digits,
        tuple(dirs),
        scenarios=tuple(parsed.scenarios),
        calendar=defaults.calendar,
        amounts=defaults.amounts,
        strict_language=defaults.strict_language,
        server=parsed.server,
        review_rules=review_rules,
    )


def import_config_scenarios(config: KitConfig) -> None:
    """Import the config's ``scenarios`` so their kinds register; errors name the entry."""
    import_scenarios(
        config.scenarios,
        config.path.resolve().parent,
        lambda index, problem: _key_error(config.path, f"scenarios[{index}]", problem),
    )


def _depth(value: object) -> int:
    """How deeply tables and arrays nest in ``value``, counted without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children: list[object] | None = None
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        if children is not None:
            deepest = max(deepest, depth + 1)
            if deepest > MAX_CONFIG_DEPTH:
                break  # enough to refuse; walking further is wasted work
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _too_deep(file: Path) -> ConfigError:
    return ConfigError(
        f"{file}: tables and arrays are nested more than {MAX_CONFIG_DEPTH} levels deep; "
        "the config needs at most three (see the documented shape)"
    )


def config_key_error(config: KitConfig, key: str, problem: str) -> ConfigError:
    """A :class:`ConfigError` about ``key`` of an already loaded file (for the kit's checks)."""
    return _key_error(config.path, key, problem)


def _key_error(file: Path, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{file}: {key}: {problem}", key=key)


# Keys whose value is a Text: one string, or {en = "...", ar = "..."}.
_TEXT_KEYS = ("brand.name", "brand.support_team", "brand.signature")

_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _syntax_error(file: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    match = _TOML_LINE.search(message)
    if match is None:
        return ConfigError(f"{file}: invalid TOML: {message}")
    reason = message[: match.start()].strip()
    return ConfigError(f"{file}:{match.group(1)}: invalid TOML: {reason} (column {match.group(2)})")


def _validation_error(file: Path, exc: ValidationError) -> ConfigError:
    """One line per problem, each starting with the dotted key to fix."""
    lines: list[str] = []
    keys: list[str] = []
    for error in exc.errors(include_url=False):
        key, known = _dotted(error["loc"])
        if key in keys:
            continue  # a union reports once per member; the first says enough
        keys.append(key)
        kind = error["type"]
        got = _short(error.get("input"))
        if kind == "extra_forbidden":
            problem = f"unknown key; known keys: {', '.join(known)}"
        elif kind == "missing":
            problem = "required key is missing"
        elif kind == "model_type":
            problem = f"must be a table ([{key}] or {key} = {{ ... }}), not {got}"
        elif kind == "string_type" and key.startswith(_TEXT_KEYS):
            problem = f"must be a string, or a table with one string per language (got {got})"
        else:
            reason = str(error["msg"]).removeprefix("Value error, ")
            problem = reason if got in reason else f"{reason} (got {got})"
        lines.append(f"{file}: {key or '(top level)'}: {problem}")
    error_ = ConfigError("\n".join(lines), key=keys[0] if keys else None)
    error_.fields = tuple(keys)
    return error_


def _dotted(loc: Sequence[int | str]) -> tuple[str, list[str]]:
    """``('brand', 'signature', 1, 'str')`` -> ``'brand.signature[1]'``, and the sibling keys.

    Walks the section models so that pydantic's union member tags (``str``,
    ``map``) are dropped rather than shown as if they were keys.
    """
    key = ""
    model: type[BaseModel] | None = ConfigFile
    known: list[str] = sorted(ConfigFile.model_fields)
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
            continue
        if model is None:
            break
        known = sorted(model.model_fields)
        key = f"{key}.{part}" if key else part
        field = model.model_fields.get(part)
        annotation: Any = field.annotation if field is not None else None
        model = (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, _Section)
            else None
        )
    return key, known


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
