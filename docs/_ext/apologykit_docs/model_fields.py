"""pydantic models in the API reference: their fields listed, not a constructor signature.

autodoc would print a model's generated ``__init__`` with every ``Annotated``
validator spelled out. Instead the class line has no signature, and the
docstring gains the model's fields: name, type, default and description, the
same words the kind pages use. A scenario kind also links to its own page.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sphinx.application import Sphinx

import apologykit as ak

from .tables import default_text
from .type_names import type_name


def _is_model(what: str, obj: Any) -> bool:
    return what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel)


def field_lines(model: type[BaseModel]) -> list[str]:
    """reStructuredText lines listing the model's fields."""
    fields = model.model_fields
    if not fields or list(fields) == ["root"]:
        return []
    lines = ["", "**Fields**", ""]
    for name, field in fields.items():
        kind = type_name(field.rebuild_annotation(), rst=True)
        default = default_text(field, rst=True)
        described = " ".join((field.description or "").split())
        lines.append(f"- ``{name}`` ({kind}; {default}): {described}".rstrip(": "))
    return lines


def _signature(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: str, annotation: str
) -> tuple[str, str] | None:
    if _is_model(what, obj):
        return "", annotation
    return None


def _docstring(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    if not _is_model(what, obj):
        return
    if issubclass(obj, ak.Scenario) and obj is not ak.Scenario:
        kind = obj.model_fields["kind"].default
        lines += ["", f"Its fields and rendered replies: :doc:`/kinds/{kind}`."]
        return
    lines += field_lines(obj)


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-signature", _signature)
    app.connect("autodoc-process-docstring", _docstring)
