"""A kind template and its layout merged into one tree at load time.

Jinja renders ``{% extends %}`` by fetching the layout on every render,
registering every block of both templates in the context and passing each
piece of output through one more generator. A kind template only fills the
layout's blocks, so when it is compiled the layout's tree can take the kind's
blocks in place and compile with it as one template. Blocks stay blocks: the
subject is still rendered on its own from the same context.

Only the plain case is merged. Anything else compiles as written and Jinja's
inheritance does the work: ``super()`` or ``self``, scoped or required blocks,
an ``extends`` that is not the first statement or names no constant, top-level
statements other than imports, sets and macros, a block the merged tree would
lose or hold twice, and any problem reading or parsing the layout (the render
then reports it where Jinja would). The merged tree mixes the lines of two
files, so when a merged template fails to render, the kit renders it again as
written and reports that render's error, whose file and line are right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from jinja2 import Environment, nodes
from jinja2.runtime import Context
from jinja2.visitor import NodeTransformer

from .runtime import OWN_BLOCKS_FILTER

#: How deep a chain of layouts is merged (a company template over a built-in
#: over its layout is three); deeper chains, or a loop, compile as written.
MAX_DEPTH = 8

# What a kind template may hold at its top level besides its blocks and the
# text Jinja never prints after ``extends``: each runs before the layout.
_PREAMBLE = (nodes.Import, nodes.FromImport, nodes.Assign, nodes.AssignBlock, nodes.Macro)


def merged_tree(
    environment: Environment, tree: nodes.Template, depth: int = 0
) -> nodes.Template | None:
    """``tree`` with its layout's tree around its blocks, or ``None`` to compile it as written.

    ``tree`` is used up (its nodes move into the result); the layout is read
    and parsed afresh through the environment's loader.
    """
    body = tree.body
    if depth >= MAX_DEPTH or not body or not isinstance(body[0], nodes.Extends):
        return None
    target = body[0].template
    if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
        return None
    kind_blocks = _plain_blocks(tree, extends=1)
    if kind_blocks is None:
        return None
    blocks: dict[str, nodes.Block] = {}
    preamble: list[nodes.Node] = []
    for node in body[1:]:
        if isinstance(node, nodes.Block):
            blocks[node.name] = node
        elif isinstance(node, _PREAMBLE) and not any(node.find_all(nodes.Block)):
            preamble.append(node)
        elif not isinstance(node, nodes.Output):  # output after extends is never printed
            return None
    layout = _parse(environment, target.value)
    if layout is None:
        return None
    if layout.body and isinstance(layout.body[0], nodes.Extends):
        layout = merged_tree(environment, layout, depth + 1)
        if layout is None:
            return None
    layout_blocks = _plain_blocks(layout, extends=0)
    if layout_blocks is None:
        return None
    merged = nodes.Template([*preamble, *_Fill(blocks).visit(layout).body], lineno=1)
    names = _plain_blocks(merged, extends=0)
    # Every block of both templates, once each: none lost, none twice.
    if (
        names is None
        or len(names) != len(set(names))
        or set(names) != {*kind_blocks, *layout_blocks}
    ):
        return None
    merged.set_environment(environment)
    return merged


def _parse(environment: Environment, name: str) -> nodes.Template | None:
    """The layout's tree, or ``None`` when it cannot be read or parsed (the render says why)."""
    loader = environment.loader
    if loader is None:
        return None
    try:
        source, filename, _ = loader.get_source(environment, name)
        return environment.parse(source, name, filename)
    except Exception:
        return None


def _plain_blocks(tree: nodes.Template, extends: int) -> list[str] | None:
    """The names of every block in ``tree``, in one walk; ``None`` if ``tree`` is not plain.

    Plain: no ``super()``, ``self``, scoped or required block, and ``extends``
    statements only where expected (``extends`` of them, the first statement).
    """
    names: list[str] = []
    found = 0
    stack: list[nodes.Node] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Block):
            if node.scoped or node.required:
                return None
            names.append(node.name)
        elif isinstance(node, nodes.Name):
            if node.name in ("super", "self"):
                return None
        elif isinstance(node, nodes.Extends):
            found += 1
        stack.extend(node.iter_child_nodes())
    return names if found == extends else None


class _Fill(NodeTransformer):
    """Puts the kind's blocks in place of the layout's blocks of the same name."""

    def __init__(self, blocks: Mapping[str, nodes.Block]) -> None:
        self.blocks = blocks

    def visit_Block(self, node: nodes.Block) -> nodes.Node:
        found = self.blocks.get(node.name)
        if found is not None:
            return found  # with the kind's own nested blocks, as Jinja would render it
        self.generic_visit(node)
        return node


# What may follow a merged template's preamble for its blocks to be inlined:
# text, values, conditions and blocks. None of them stores a name, so a block
# body inlined there sees the same names it would read from the context.
_INLINE_SAFE = (nodes.Output, nodes.If, nodes.Block)


def inlined(tree: nodes.Template, name: str) -> nodes.Template:
    """``tree`` (the template ``name``) rendering its own blocks in place.

    Jinja renders a block by calling its function through the context: a
    generator and a lookup of every name it reads, for each block of every
    reply. In place, each block's body is part of the template's own code,
    in a scope of its own. That holds only while the template renders its own
    blocks: when another template extends it (a company template using
    ``super()``), the blocks are rendered through the context as written, so
    the tree keeps both and picks one by the context's template name. Holding
    the blocks twice, it takes about half as long again to compile: the kit
    compiles it for a template it renders often (see
    ``ReplyKit.GENDER_VARIANT_AFTER``), not for every one.

    Only where the result cannot differ: the template's top level is its
    preamble (imports, sets, macros), then only text, values, ``if`` and blocks,
    and no block holds another block. Otherwise ``tree`` is returned as it is.
    """
    body = tree.body
    start = 0
    while start < len(body) and isinstance(body[start], _PREAMBLE):
        if any(body[start].find_all(nodes.Block)):
            return tree
        start += 1
    rest = body[start:]
    if not all(_inlinable(node) for node in rest):
        return tree
    written = [_in_place(node) for node in rest]
    if written == rest:
        return tree
    lineno = rest[0].lineno
    own = nodes.Filter(
        nodes.ContextReference(lineno=lineno),
        OWN_BLOCKS_FILTER,
        [nodes.Const(name, lineno=lineno)],
        [],
        None,
        None,
        lineno=lineno,
    )
    choice = nodes.If(own, written, [], rest, lineno=lineno)
    result = nodes.Template([*body[:start], choice], lineno=tree.lineno)
    if tree.environment is not None:
        result.set_environment(tree.environment)
    return result


def renders_own_blocks(context: Context, name: str) -> bool:
    """Whether ``context`` renders template ``name`` itself, not a template extending it.

    Every context is made for the template it renders first (Jinja's
    ``extends`` renders the parent in its child's context), and a template's
    name is unique in its environment.
    """
    return context.name == name


def _inlinable(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Block):
        return not any(node.find_all(nodes.Block))
    if isinstance(node, nodes.If):
        return all(_inlinable(child) for child in (*node.body, *node.elif_, *node.else_))
    return isinstance(node, _INLINE_SAFE)


def _in_place(node: nodes.Node) -> nodes.Node:
    """A copy of ``node`` with each block it renders replaced by a scope holding its body."""
    if isinstance(node, nodes.Block):
        return nodes.Scope(_copy(node.body), lineno=node.lineno)
    if isinstance(node, nodes.If):
        if isinstance(node.test, nodes.Const) and not node.test.value:
            # ``{% if false %}{% block subject %}`` never runs; its blocks stay in the other branch
            return nodes.Output([], lineno=node.lineno)
        return nodes.If(
            node.test,
            [_in_place(child) for child in node.body],
            [cast(nodes.If, _in_place(child)) for child in node.elif_],
            [_in_place(child) for child in node.else_],
            lineno=node.lineno,
        )
    return node


def _copy(value: Any) -> Any:
    """A copy of a node, a list of nodes or a field's value, sharing no node with it."""
    if isinstance(value, nodes.Node):
        copied = object.__new__(type(value))
        for name in value.fields:
            setattr(copied, name, _copy(getattr(value, name)))
        for name in value.attributes:
            setattr(copied, name, getattr(value, name))
        return copied
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_copy(item) for item in value)
    return value
