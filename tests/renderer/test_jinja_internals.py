"""The Jinja internals apologykit relies on (``apologykit.renderer._jinja``) still look the same.

If a Jinja release changes one of them, this fails first and says which,
instead of replies going wrong in subtle ways.
"""

from __future__ import annotations

import importlib.metadata
import re

import jinja2
import pytest
from jinja2 import DictLoader, Environment, nodes

from apologykit.renderer._jinja import runtime as _jinja

SOURCE = "{% block subject %}Hi {{ name }}{% endblock %}\nBody {{ name }}\n{{ fail() }}\n"


def _template(**kwargs: object) -> jinja2.Template:
    env = Environment(loader=DictLoader({"t.j2": SOURCE}), **kwargs)  # type: ignore[arg-type]
    return env.get_template("t.j2")


#: The oldest Jinja apologykit supports, as pyproject.toml pins it (``jinja2>=3.1.5,<4``):
#: 3.1.5 brought ``SandboxedEnvironment.wrap_str_format`` and the sandbox fixes the
#: template limits rely on.
OLDEST_JINJA = (3, 1, 5)


def supported_jinja(version: str) -> bool:
    """Whether ``version`` is a Jinja 3 release at or above 3.1.5.

    The internals themselves are checked by shape, below, not by release number.
    """
    found = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", version)
    if found is None:
        return False
    release = tuple(int(part or 0) for part in found.groups())
    return release[0] == OLDEST_JINJA[0] and release >= OLDEST_JINJA


@pytest.mark.parametrize(
    ("version", "supported"),
    [
        ("3.1.5", True),
        ("3.1.6", True),
        ("3.2.0", True),
        ("3.2", True),
        ("3.3.0rc1", True),
        ("3.1.4", False),
        ("3.0.3", False),
        ("2.11.3", False),
        ("4.0.0", False),
    ],
)
def test_any_jinja_3_from_3_1_5_on_is_supported(version: str, supported: bool) -> None:
    assert supported_jinja(version) is supported


def test_the_installed_jinja_is_a_supported_one() -> None:
    version = importlib.metadata.version("jinja2")
    assert supported_jinja(version), version


def test_every_internal_apologykit_uses_has_its_expected_shape() -> None:
    assert _jinja.shape_problems() == []


def test_body_and_block_render_from_one_context_as_public_render_does() -> None:
    template = _template()
    context = template.new_context({"name": "Sara", "fail": lambda: ""})
    body = "".join(_jinja.render_body(template, context))
    assert body == template.render(name="Sara", fail=lambda: "")
    block = _jinja.render_block(context, "subject")
    assert block is not None and "".join(block) == "Hi Sara"
    assert _jinja.render_block(context, "no_such_block") is None


def test_an_error_inside_a_render_is_placed_at_its_template_line() -> None:
    template = _template()

    def fail() -> str:
        raise ValueError("boom")

    context = template.new_context({"name": "Sara", "fail": fail})
    with pytest.raises(ValueError) as caught:
        "".join(_jinja.render_body(template, context))
    assert _jinja.where(caught.value) == (template.filename, 3)


def test_a_paused_render_knows_its_template_line() -> None:
    template = _template()
    context = template.new_context({"name": "Sara", "fail": lambda: ""})
    pieces = _jinja.render_body(template, context)
    seen = ""
    while "Body Sara" not in seen:
        seen += next(pieces)
    assert _jinja.paused_at(pieces) == (template.filename, 2)


def test_the_bounding_code_generator_charges_loops_and_macros_and_routes_concatenation() -> None:
    env = Environment()
    env.code_generator_class = _jinja.BoundedCodeGenerator
    seen: list[object] = []
    env.filters[_jinja.CHARGE_FILTER] = jinja2.pass_context(
        lambda _, weight: seen.append(weight) or ""
    )
    env.filters[_jinja.CONCAT_FILTER] = jinja2.pass_context(
        lambda _, parts: seen.append("concat") or "".join(map(str, parts))
    )
    source = "{% macro m(x) %}<{{ x }}>{% endmacro %}{% for x in 'ab' %}{{ m(x ~ 1) }}{% endfor %}"
    assert env.from_string(source).render() == "<a1><b1>"
    # loop: 1 + one printed value; macro: 1 + two characters + one printed value
    loop, macro = 1 + _jinja.PRINT_WEIGHT, 1 + 2 + _jinja.PRINT_WEIGHT
    assert seen == [loop, "concat", macro, loop, "concat", macro]


def test_compiling_a_template_hands_its_parsed_tree_to_the_tree_hook() -> None:
    seen: list[tuple[str | None, str | None]] = []

    class Replacing(_jinja.TreeHook):
        def transform_tree(
            self, tree: nodes.Template, name: str | None, filename: str | None
        ) -> nodes.Template:
            seen.append((name, filename))
            assert isinstance(tree.body[0], nodes.Block)
            return nodes.Template([nodes.Output([nodes.TemplateData("replaced")])])

    env = Replacing(loader=DictLoader({"t.j2": SOURCE}))
    assert env.get_template("t.j2").render() == "replaced"
    assert seen == [("t.j2", None)]


def test_the_kit_context_renders_as_jinja_new_context_does() -> None:
    env = Environment(
        loader=DictLoader({"t.j2": SOURCE, "m.j2": "{% macro hi(x) %}hi {{ x }}{% endmacro %}"})
    )
    env.globals["shout"] = str.upper
    source = (
        '{% import "m.j2" as m %}{{ m.hi(name) }} {{ shout(name) }} '
        "{% block b %}{{ name }}{% endblock %}"
    )
    template = env.from_string(source)
    variables = {"name": "Sara"}
    context = _jinja.new_context(template, dict(variables))
    assert "".join(_jinja.render_body(template, context)) == template.render(variables)
    assert context.parent["shout"] is str.upper and context.blocks.keys() == {"b"}
    # a variable named like a global wins, as with Template.new_context
    shadowed = _jinja.new_context(template, {"name": "Sara", "shout": str.lower})
    assert "".join(_jinja.render_body(template, shadowed)) == "hi Sara sara Sara"


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("{% macro m(a, b) %}{{ a }}-{{ b }}{% endmacro %}", ((1, 2), None)),
        ("{% macro m(a, b=5) %}{{ a }}-{{ b }}{% endmacro %}", ((1,), None)),
        ("{% macro m(a, b=5) %}{{ a }}-{{ b }}{% endmacro %}", ((1,), {"b": 7})),
        ("{% macro m(a) %}{{ a }}{{ varargs }}{% endmacro %}", ((1, 2, 3), None)),
        ("{% macro m(a) %}{{ a }}{{ kwargs }}{% endmacro %}", ((1,), {"z": 2})),
        ("{% macro m() %}[{{ caller() }}]{% endmacro %}", ((), {"caller": lambda: "c"})),
        ("{% macro m(a) %}<{{ a }}>{% endmacro %}", (("&",), None)),
    ],
)
def test_a_macro_call_gives_what_jinja_call_gives(
    source: str, call: tuple[tuple[object, ...], dict[str, object] | None]
) -> None:
    args, kwargs = call
    for autoescape in (False, True):
        macro = Environment(autoescape=autoescape).from_string(source).module.m  # type: ignore[attr-defined]
        expected = macro(*args, **(kwargs or {}))
        assert _jinja.call_macro(macro, args, kwargs) == expected
        assert type(_jinja.call_macro(macro, args, kwargs)) is type(expected)


def test_a_macro_given_too_many_arguments_is_refused_as_jinja_refuses_it() -> None:
    macro = Environment().from_string("{% macro m(a) %}{{ a }}{% endmacro %}").module.m  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="takes not more than 1 argument"):
        _jinja.call_macro(macro, (1, 2), None)
