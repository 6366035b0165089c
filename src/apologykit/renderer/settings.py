"""How a :class:`~apologykit.ReplyKit` was built, so a copy can be built in another process.

A kit holds a Jinja environment, compiled templates and caches, none of which
pickle well or should travel: a Dask or Spark worker builds its own from the
settings. Scenario modules travel by name (files by absolute path) and are
imported again where the kit is rebuilt, so the company's kinds register
there too. A worker rebuilds each kit once: later copies of the same kit reuse it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..extend.scenario_modules import import_command_line_scenarios, is_file_entry
from ..i18n.calendars import Calendar
from ..i18n.formatting import Amounts, Digits
from ..model.people import Brand
from .caches import BoundedCache

if TYPE_CHECKING:
    from .kit import ReplyKit

#: Rebuilt kits kept per process: a worker serves a handful of kits at most.
MAX_REBUILT_KITS = 16


@dataclass(frozen=True)
class KitRecipe:
    """Everything a kit was built from; ``token`` names this kit across processes."""

    brand: Brand
    default_locale: str
    digits: Digits
    template_dirs: tuple[Path, ...]
    calendar: Calendar
    amounts: Amounts
    sandbox: bool
    plugins: bool
    strict_language: bool
    #: The config file the kit came from, if any (for messages; its settings are above).
    config: Path | None = None
    #: Scenario modules, and files as absolute paths, imported before the kit is built.
    scenarios: tuple[str, ...] = ()
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


def absolute_scenarios(entries: Sequence[str], base: Path) -> tuple[str, ...]:
    """Scenario entries with files made absolute (against ``base``), so any process finds them."""
    return tuple(
        str((base / entry).resolve()) if is_file_entry(entry) else entry for entry in entries
    )


_REBUILT: BoundedCache[str, ReplyKit] = BoundedCache(MAX_REBUILT_KITS)


def rebuild_kit(recipe: KitRecipe) -> ReplyKit:
    """The kit ``recipe`` describes, built once per process (what unpickling a kit calls)."""
    found = _REBUILT.get(recipe.token)
    if found is None:
        from .kit import ReplyKit  # the kit module pickles through this one

        import_command_line_scenarios(recipe.scenarios)
        found = ReplyKit(
            recipe.brand,
            default_locale=recipe.default_locale,
            digits=recipe.digits,
            template_dirs=recipe.template_dirs,
            calendar=recipe.calendar,
            amounts=recipe.amounts,
            sandbox=recipe.sandbox,
            plugins=recipe.plugins,
            strict_language=recipe.strict_language,
        )
        found._adopt(recipe)
        _REBUILT[recipe.token] = found
    return found
