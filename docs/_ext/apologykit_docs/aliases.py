"""The ``public-alias`` directive: a typing alias of ``apologykit.__all__`` with its own words.

autodoc would print an alias such as :data:`apologykit.FreeText` as the
``Annotated[...]`` it expands to, private validators and all, and cannot see
the ``#:`` comment above it (the comment is in ``apologykit.model.text``, the name is
documented as ``apologykit.FreeText``). This directive finds the module that
defines the alias, takes that comment, and documents the public name.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import apologykit as ak


def defining_comment(name: str) -> str:
    """The ``#:`` comment above ``name``'s definition in the apologykit module that defines it."""
    value = getattr(ak, name)
    # Only the modules ``import apologykit`` loaded: the public names come from them.
    loaded = [module for module in list(sys.modules) if module.startswith("apologykit.")]
    for module_name in sorted(loaded):
        if vars(sys.modules[module_name]).get(name) is not value:
            continue
        docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        lines = docs.get(("", name))
        if lines:
            return "\n".join(line for line in lines).strip()
    raise LookupError(f"apologykit.{name} has no '#:' comment where it is defined")


class PublicAliasDirective(SphinxDirective):
    """``.. public-alias:: FreeText`` documents ``apologykit.FreeText`` from its source comment."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        try:
            comment = defining_comment(name)
        except (AttributeError, LookupError) as exc:
            raise self.error(str(exc)) from None
        source = [f".. py:data:: {name}", "   :module: apologykit", ""]
        source += [f"   {line}" for line in comment.splitlines()]
        if self.content:
            source += [""] + [f"   {line}" for line in self.content]
        container = nodes.section()
        self.state.nested_parse(StringList(source), self.content_offset, container)
        return list(container.children)
