"""Everything a :class:`~apologykit.ReplyKit` is built from, in one frozen, picklable object.

A kit holds a Jinja environment, compiled templates and caches, none of which
pickle well or should travel: a Dask or Spark worker builds its own kit from
these settings (:meth:`ReplyKit.from_settings`). The settings are validated once,
when they are built; the kit's constructor, ``ReplyKit.from_config`` and the
command line all build them here, so no setting can be left behind on the way
to a worker. Scenario modules travel by name (files by absolute path) and are
imported again where the kit is rebuilt, so the company's kinds register there
too; company review rules travel as the rules they were loaded into.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..extend.directories import template_dir_problem
from ..extend.scenario_modules import is_file_entry
from ..i18n.calendars import CALENDARS, Calendar
from ..i18n.formatting import AMOUNTS, Amounts, Digits
from ..model.people import Brand, check_timezone
from ..model.text import Translations

if TYPE_CHECKING:
    from ..reviewer import CompanyRules

#: The brand a kit uses when none is given.
# Built without validation (the values are ours and clean), so importing the
# package does not build the Brand validator a kit with its own brand needs anyway.
DEFAULT_BRAND = Brand.model_construct(
    name=Translations.model_construct({"en": "Customer Support", "ar": "خدمة العملاء"}),
)


@dataclass(frozen=True)
class KitSettings:
    """A kit's settings, checked: build them with :func:`kit_settings`.

    ``template_dirs`` are absolute, so any process finds them; ``token`` names
    the kit across processes (a worker rebuilds each kit once).
    """

    brand: Brand
    default_locale: str
    digits: Digits
    template_dirs: tuple[Path, ...]
    calendar: Calendar
    amounts: Amounts
    sandbox: bool
    plugins: bool
    strict_language: bool
    review_rules: CompanyRules | None = None
    #: The config file the kit came from, if any (for messages; its settings are above).
    config: Path | None = None
    #: Scenario modules, and files as absolute paths, imported before the kit is built.
    scenarios: tuple[str, ...] = ()
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


def kit_settings(
    brand: Brand | Mapping[str, Any] | None = None,
    *,
    default_locale: str = "en",
    digits: Digits = "latn",
    template_dirs: Sequence[str | os.PathLike[str]] = (),
    timezone: str | None = None,
    calendar: Calendar = "gregorian",
    amounts: Amounts = "words",
    sandbox: bool = True,
    plugins: bool = True,
    strict_language: bool = False,
    review_rules: str | os.PathLike[str] | Mapping[str, Any] | CompanyRules | None = None,
) -> KitSettings:
    """Checked settings, from the arguments :class:`~apologykit.ReplyKit` takes.

    A bad value fails here, before any template is read: an unknown ``digits``,
    ``calendar`` or ``amounts`` is a ``ValueError``, a bad brand a pydantic
    error, a bad template directory or review rules file a ``ConfigError``.
    """
    if brand is None:
        brand = DEFAULT_BRAND
    elif not isinstance(brand, Brand):
        brand = Brand.model_validate(brand)
    if timezone is not None:
        brand = brand.model_copy(update={"timezone": check_timezone(timezone)})
    if digits not in ("latn", "arab"):
        raise ValueError(f"digits must be 'latn' or 'arab', not {digits!r}")
    if calendar not in CALENDARS:
        raise ValueError(f"calendar must be 'gregorian', 'hijri' or 'both', not {calendar!r}")
    if amounts not in AMOUNTS:
        raise ValueError(f"amounts must be 'words' or 'symbols', not {amounts!r}")
    # Company review rules are checked now, so a bad file fails at start-up.
    rules = _load_review_rules(review_rules)
    directories = tuple(Path(d) for d in template_dirs)
    for directory in directories:
        problem = template_dir_problem(directory)
        if problem is not None:
            raise ConfigError(f"template directory {directory} {problem}", key="template_dirs")
    return KitSettings(
        brand=brand,
        default_locale=default_locale,
        digits=digits,
        template_dirs=tuple(directory.absolute() for directory in directories),
        calendar=calendar,
        amounts=amounts,
        sandbox=sandbox,
        plugins=plugins,
        strict_language=strict_language,
        review_rules=rules,
    )


def absolute_scenarios(entries: Sequence[str], base: Path) -> tuple[str, ...]:
    """Scenario entries with files made absolute (against ``base``), so any process finds them."""
    return tuple(
        str((base / entry).resolve()) if is_file_entry(entry) else entry for entry in entries
    )


def _load_review_rules(
    rules: str | os.PathLike[str] | Mapping[str, Any] | CompanyRules | None,
) -> CompanyRules | None:
    """Company review rules, checked now; without any, the reviewer is not even imported."""
    if rules is None:
        return None
    from ..reviewer import load_rules

    return load_rules(rules)
