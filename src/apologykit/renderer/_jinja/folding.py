"""A template's ``g("…", "…", "…")`` calls resolved when it is compiled, for one gender.

Every ``g()`` call a render makes goes through the sandbox's call check and
reads the reply's gender; an Arabic reply makes a dozen of them. For a
template rendered many times for one gender, the kit compiles a variant in
which each ``g()`` whose three forms are constant strings is that gender's
form, as the call would have returned it: the text is the same, with fewer
calls per render.

Nothing is folded where ``g`` might not be the global: a template that
assigns, imports or takes a parameter named ``g`` keeps its calls (the kit
also keeps them for a kind with a field named ``g``). Line numbers stay as
they were, so an error still names the right line.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.visitor import NodeTransformer

#: The argument of ``g()`` each gender takes: female, male, then the neutral form.
FORM = {"female": 0, "male": 1, None: 2}


def can_fold(tree: nodes.Template) -> bool:
    """Whether every ``g`` in ``tree`` can only be the global ``g()``."""
    for name in tree.find_all(nodes.Name):
        if name.name == "g" and name.ctx != "load":  # set, for, macro or call parameters
            return False
    if any(module.target == "g" for module in tree.find_all(nodes.Import)):
        return False
    for names in tree.find_all(nodes.FromImport):
        for entry in names.names:
            if (entry[1] if isinstance(entry, tuple) else entry) == "g":
                return False
    return True


def fold_gender(tree: nodes.Template, gender: str | None) -> int:
    """Replace ``tree``'s constant ``g()`` calls by ``gender``'s form; how many were replaced.

    ``tree`` must pass :func:`can_fold`.
    """
    folder = _Fold(FORM.get(gender, 2))
    folder.visit(tree)
    return folder.count


class _Fold(NodeTransformer):
    def __init__(self, form: int) -> None:
        self.form = form
        self.count = 0

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        self.generic_visit(node)
        target = node.node
        if (
            isinstance(target, nodes.Name)
            and target.name == "g"
            and len(node.args) == 3
            and not node.kwargs
            and node.dyn_args is None
            and node.dyn_kwargs is None
            and all(isinstance(arg, nodes.Const) and type(arg.value) is str for arg in node.args)
        ):
            self.count += 1
            chosen = node.args[self.form]
            assert isinstance(chosen, nodes.Const)
            return nodes.Const(chosen.value, lineno=node.lineno)
        return node
