"""Every use of Jinja internals, in one place, and why each is needed.

Jinja's public API renders a template to one string with a fresh context per
call. A reply needs more, at no cost in speed:

- the body and the ``subject`` block rendered from ONE context (building a
  context is most of a plain render), so :func:`render_body` calls
  ``Template.root_render_func`` and :func:`render_block` reads
  ``Context.blocks``;
- that context built without copying the template's globals, a ``ChainMap``
  that is slow to walk: :func:`new_context` hands the variables (with the
  environment's globals) to ``Environment.context_class`` as Jinja's own
  ``new_context`` does for a shared context;
- the template file and line of an error raised inside a render (Jinja
  rewrites tracebacks only through its public ``render``), so :func:`where`
  walks the traceback for the ``__jinja_template__`` global that compiled
  templates carry, as Jinja's own debug module does;
- ``str.format`` and ``format_map`` checked before they run: the sandbox
  wraps them when a template reads the method (``wrap_str_format``, since
  Jinja 3.1.5), and :class:`FormatHook` checks the format string there;
- loops, macros and ``~`` that a render can bound (the sandbox intercepts
  operators and calls, not iteration or concatenation), so
  :class:`BoundedCodeGenerator` starts each loop body and macro with a
  statement that charges its weight (the text it can produce on one pass) to
  the render's budget, and turns each ``~`` into a filter call
  (``code_generator_class`` is public; the node classes are Jinja's
  documented AST);
- a macro called without ``Macro.__call__`` matching its arguments when it
  is given exactly its parameters and nothing else: :func:`call_macro` calls
  the compiled function, as ``__call__`` would (``Macro._func`` and the
  attributes that say whether Jinja would add anything);
- a template compiled from a tree the kit changed (its gender resolved, see
  ``apologykit.renderer._jinja.folding``): :func:`compile_tree` makes the ``Template`` as Jinja's
  loaders do (``Template.from_code`` with ``Environment.make_globals``);
- a kind template compiled with its layout merged in (see ``apologykit.renderer._jinja.layouts``):
  :class:`TreeHook` hands the parsed tree to the environment between
  parsing and code generation (``Environment._generate``, which
  ``Environment.compile`` calls with the tree it parsed).

``pyproject.toml`` pins ``jinja2>=3.1.5,<4`` (3.1.5 brought ``wrap_str_format``),
and ``tests/renderer/test_jinja_internals.py`` checks the shape of each of these
internals, not Jinja's release number: it fails loudly if any of them changes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from types import BuiltinMethodType, MethodType
from typing import Any

from jinja2 import Environment, Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

#: The filter the first statement of every loop body and macro calls with its weight.
CHARGE_FILTER = "_apologykit_charge"
#: The filter every ``~`` goes through (refuses a result over the size limit).
CONCAT_FILTER = "_apologykit_concat"
#: The filter a template with its blocks inlined asks whether it renders its own
#: blocks (see ``apologykit.renderer._jinja.layouts.inlined``).
OWN_BLOCKS_FILTER = "_apologykit_own_blocks"


def new_context(template: Template, variables: dict[str, Any]) -> Context:
    """A render context for ``template``: the environment's globals under ``variables``.

    The context ``template.new_context(variables)`` gives for a template
    loaded without globals of its own (``make_globals(None)``, as loaders and
    :func:`compile_tree` load them), with ``variables`` as its parent mapping.
    It records no globals of its own (``globals_keys``, which Jinja reads only
    to import a macro file with the globals it lacks: every template here has
    the environment's), so imports use each file's cached module.
    """
    environment = template.environment
    for name, value in environment.globals.items():
        variables.setdefault(name, value)
    return environment.context_class(environment, variables, template.name, template.blocks)


def render_body(template: Template, context: Context) -> Iterator[str]:
    """The pieces of ``template``'s output for ``context``."""
    return template.root_render_func(context)


def render_block(context: Context, name: str) -> Iterator[str] | None:
    """The pieces of block ``name`` rendered in ``context`` (the same context as the body)."""
    stack = context.blocks.get(name)
    if not stack:
        return None
    block: Iterator[str] = stack[0](context)
    return block


def call_macro(macro: Macro, args: tuple[Any, ...], kwargs: dict[str, Any] | None) -> Any:
    """``macro(*args, **kwargs)``; with exactly its parameters, its function called directly.

    Jinja's ``Macro.__call__`` matches the arguments to the parameters, adds
    the caller, the extra arguments and escaping where the macro takes them,
    then calls the compiled function: a call with exactly the parameters and
    none of those needs only the last step.
    """
    if (
        not kwargs
        and len(args) == macro._argument_count
        and not (macro.caller or macro.catch_kwargs or macro.catch_varargs)
        and not macro._default_autoescape
        and not (args and type(args[0]) is EvalContext)
        and not macro._environment.is_async
    ):
        return macro._func(*args)
    return macro(*args, **kwargs) if kwargs else macro(*args)


def compile_tree(
    environment: Environment, tree: nodes.Template, name: str, filename: str | None
) -> Template:
    """A template compiled from ``tree``, as if loaded under ``name`` from ``filename``.

    The tree still goes through the environment's code generator and its
    tree hook (a tree without ``extends`` is left as it is).
    """
    code = environment.compile(tree, name, filename)
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


def where(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in ``exc``'s traceback.

    Frames of compiled templates carry Python line numbers; the template maps
    them back to its source lines.
    """
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if isinstance(template, Template):
            line = template.get_corresponding_lineno(tb.tb_lineno)
            found = (template.filename or template.name, line)
        tb = tb.tb_next
    return found


def paused_at(pieces: Iterator[str]) -> tuple[str | None, int | None]:
    """The template file and line where a render generator last yielded.

    Follows ``yield from`` down to the innermost template (a block, an
    include): where the output was when a caller stopped reading it.
    """
    found: tuple[str | None, int | None] = (None, None)
    generator: Any = pieces
    while generator is not None and generator.gi_frame is not None:
        frame = generator.gi_frame
        template = frame.f_globals.get("__jinja_template__")
        if isinstance(template, Template):
            line = template.get_corresponding_lineno(frame.f_lineno)
            found = (template.filename or template.name, line)
        generator = generator.gi_yieldfrom
    return found


class TreeHook(Environment):
    """Lets an environment replace a template's parsed tree before its code is generated."""

    def transform_tree(
        self, tree: nodes.Template, name: str | None, filename: str | None
    ) -> nodes.Template:
        """The tree to compile for template ``name`` from ``filename`` (``tree`` itself
        unless overridden)."""
        return tree

    def _generate(
        self,
        source: nodes.Template,
        name: str | None,
        filename: str | None,
        defer_init: bool = False,
    ) -> str:
        tree = self.transform_tree(source, name, filename)
        return super()._generate(tree, name, filename, defer_init=defer_init)


class FormatHook(SandboxedEnvironment):
    """Lets a sandbox check a format string and its arguments before formatting."""

    def check_format(self, template: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Raise if formatting ``template`` with these arguments must not happen."""

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # Most attributes a template reads are not methods: answer those at once.
        if not isinstance(value, MethodType | BuiltinMethodType):
            return None
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = str(value.__self__)
        is_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            if is_map and len(args) == 1 and isinstance(args[0], Mapping):
                self.check_format(template, (), dict(args[0]))
            else:
                self.check_format(template, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked


#: What one printed value counts for in a loop's or macro's weight; a longer
#: value is charged its length when it is printed (see ``environment._finalize``).
PRINT_WEIGHT = 256


def _weight(body: list[nodes.Node]) -> int:
    """One, plus the text and printed values ``body`` can produce on one pass."""
    weight = 1
    for statement in body:
        outputs = [statement] if isinstance(statement, nodes.Output) else []
        outputs.extend(statement.find_all(nodes.Output))
        for output in outputs:
            for item in output.nodes:
                weight += len(item.data) if isinstance(item, nodes.TemplateData) else PRINT_WEIGHT
    return weight


def _charge(body: list[nodes.Node], lineno: int) -> nodes.ExprStmt:
    weight = nodes.Const(_weight(body), lineno=lineno)
    return nodes.ExprStmt(
        nodes.Filter(weight, CHARGE_FILTER, [], [], None, None, lineno=lineno), lineno=lineno
    )


class _Bounds(NodeTransformer):
    """Charges each loop iteration and macro call its weight; routes ``~`` through a filter."""

    def _charged(self, node: nodes.For | nodes.Macro | nodes.CallBlock) -> nodes.Node:
        self.generic_visit(node)
        node.body.insert(0, _charge(node.body, node.lineno))
        return node

    visit_For = visit_Macro = visit_CallBlock = _charged

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        parts = nodes.Tuple(node.nodes, "load", lineno=node.lineno)
        return nodes.Filter(parts, CONCAT_FILTER, [], [], None, None, lineno=node.lineno)


class BoundedCodeGenerator(CodeGenerator):
    """Compiles templates whose loops and ``~`` the environment's filters can bound."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _Bounds().visit(node)
        super().visit_Template(node, frame)


def shape_problems() -> list[str]:
    """What no longer looks as this module expects (for the test that pins Jinja)."""
    problems: list[str] = []
    if not callable(getattr(CodeGenerator, "visit_Template", None)):
        problems.append("CodeGenerator.visit_Template is gone")
    for node_class, fields in (
        (nodes.Filter, ("node", "name", "args", "kwargs", "dyn_args", "dyn_kwargs")),
        (nodes.For, ("target", "iter", "body", "else_", "test", "recursive")),
        (nodes.Concat, ("nodes",)),
        (nodes.Tuple, ("items", "ctx")),
        (nodes.Macro, ("name", "args", "defaults", "body")),
        (nodes.CallBlock, ("call", "args", "defaults", "body")),
        (nodes.Output, ("nodes",)),
        (nodes.ExprStmt, ("node",)),
        (nodes.Extends, ("template",)),
        (nodes.Block, ("name", "body", "scoped", "required")),
        (nodes.Template, ("body",)),
    ):
        if node_class.fields != fields:
            problems.append(f"{node_class.__name__} fields are {node_class.fields}")
    generate = inspect.signature(Environment._generate)
    if list(generate.parameters) != ["self", "source", "name", "filename", "defer_init"]:
        problems.append(f"Environment._generate takes {generate}")
    if not callable(getattr(Template, "from_code", None)):
        problems.append("Template.from_code is gone")
    if list(inspect.signature(Context).parameters) != [
        "environment",
        "parent",
        "name",
        "blocks",
        "globals",
    ]:
        problems.append(f"Context takes {inspect.signature(Context)}")
    if not callable(getattr(Environment, "make_globals", None)):
        problems.append("Environment.make_globals is gone")
    if not callable(getattr(SandboxedEnvironment, "wrap_str_format", None)):
        problems.append("SandboxedEnvironment.wrap_str_format is gone")
    module = Environment().from_string("{% macro m(a) %}{{ a }}{% endmacro %}").module
    macro = getattr(module, "m")  # noqa: B009 (a template module's names are not attributes to mypy)
    for name in ("_func", "_argument_count", "_default_autoescape", "_environment"):
        if not hasattr(macro, name):
            problems.append(f"a Macro has no {name}")
    for name in ("caller", "catch_kwargs", "catch_varargs"):
        if not hasattr(macro, name):
            problems.append(f"a Macro has no {name}")
    if hasattr(macro, "_func") and macro._func("x") != macro("x"):
        problems.append("a Macro's function no longer renders its body")
    compiled = Environment().from_string("{% block b %}{% endblock %}")
    for name in ("root_render_func", "blocks", "environment", "get_corresponding_lineno"):
        if not hasattr(compiled, name):
            problems.append(f"a compiled Template has no {name}")
    if "__jinja_template__" not in compiled.root_render_func.__globals__:
        problems.append("compiled templates no longer carry __jinja_template__")
    return problems
