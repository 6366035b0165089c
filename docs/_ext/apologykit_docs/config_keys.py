"""The ``config-keys`` directive: every key of ``apologykit.toml``, checked against the code.

The page writes one description per dotted key as the directive's content::

    brand.name: The company's name, or one per language.
    defaults.locale: The locale when a render names none.

The directive reads the keys, their types and defaults from the pydantic
models in :mod:`apologykit.extend.config` and builds the table. A key the code has
and the page does not describe, or a described key the code no longer has,
is a build error naming the key: the reference cannot drift from the code.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from pydantic import BaseModel
from sphinx.util.docutils import SphinxDirective

from apologykit.extend.config import ConfigFile

from .tables import default_text, markdown_table, parse_descriptions
from .type_names import type_name


def config_keys(
    model: type[BaseModel] = ConfigFile, prefix: str = ""
) -> list[tuple[str, str, str]]:
    """(dotted key, type, default) for every key of the file, tables before their keys."""
    rows: list[tuple[str, str, str]] = []
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            required = "required" if field.is_required() else "optional"
            rows.append((key, "table", required))
            rows.extend(config_keys(annotation, f"{key}."))
        else:
            rows.append((key, type_name(field.rebuild_annotation()), default_text(field)))
    return rows


class ConfigKeysDirective(SphinxDirective):
    """Every key of ``apologykit.toml`` with its type, default and the page's description."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        try:
            described = parse_descriptions(list(self.content))
        except ValueError as exc:
            raise self.error(f"config-keys: {exc}") from None
        rows = config_keys()
        keys = [key for key, _, _ in rows]
        missing = [key for key in keys if key not in described]
        unknown = [key for key in described if key not in keys]
        if missing or unknown:
            raise self.error(
                "config-keys: the page and apologykit.extend.config disagree: "
                f"undocumented keys {missing}, keys the code does not have {unknown}"
            )
        table = markdown_table(
            ("key", "type", "default", "what it does"),
            ((f"`{key}`", key_type, default, described[key]) for key, key_type, default in rows),
        )
        container = nodes.container(classes=["config-keys"])
        self.state.nested_parse(table, self.content_offset, container)  # type: ignore[arg-type]
        return [container]
