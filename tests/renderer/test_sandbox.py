"""A company template cannot reach Python internals, files or other replies' state.

Each attack is placed in a company override of ``en/rude_agent.j2`` (and some in
a layout or a macro file). It must fail with ``TemplateSecurityError`` (a
sandbox refusal) or ``TemplateError`` (an undefined name, a missing file), the
error must name the template file and line, and its message must not carry
anything the attack tried to read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.sandbox import SandboxedEnvironment

import apologykit as ak

SECURITY = ak.TemplateSecurityError
UNDEFINED = ak.TemplateError  # undefined names, missing files: not a sandbox refusal
OUTSIDE = ak.TemplateFileError  # a template name that leaves its directory

#: (template source, the error it must raise). Recorded in the issue note.
ATTACKS: list[tuple[str, type[ak.TemplateError]]] = [
    # The classic escapes through a literal's class.
    ("{{ ''.__class__.__mro__ }}", SECURITY),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", SECURITY),
    ("{{ ().__class__.__base__.__subclasses__() }}", SECURITY),
    ("{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}", SECURITY),
    ("{{ {}.__class__ }}", SECURITY),
    ("{{ (1).__class__ }}", SECURITY),
    ("{{ customer.name.__class__.__base__ }}", SECURITY),
    ("{{ customer.__dict__ }}", UNDEFINED),  # views have no __dict__ at all
    ("{{ customer.__getattr__ }}", SECURITY),
    ("{{ customer['__class__'] }}", SECURITY),
    ("{{ customer['\\x5f\\x5fclass\\x5f\\x5f'] }}", SECURITY),
    ("{{ customer | attr('__class__') }}", SECURITY),
    ("{{ [customer] | map(attribute='__class__') | join }}", SECURITY),
    ("{{ brand.items.__self__ }}", UNDEFINED),
    ("{{ ''.join.__self__ }}", SECURITY),
    ("{{ [].pop.__self__ }}", SECURITY),
    # Jinja's usual globals are not there at all.
    ("{{ cycler.__init__.__globals__ }}", SECURITY),
    ("{{ joiner.__init__.__globals__.os }}", SECURITY),
    ("{{ namespace.__init__ }}", SECURITY),
    ("{{ lipsum.__globals__ }}", UNDEFINED),
    ("{{ range.__self__ }}", UNDEFINED),
    ("{{ dict(a=1) }}", UNDEFINED),
    ("{% set ns = namespace() %}{{ ns }}", UNDEFINED),
    # Flask-style context objects do not exist here.
    ("{{ config }}", UNDEFINED),
    ("{{ config.items() }}", UNDEFINED),
    ("{{ request }}", UNDEFINED),
    ("{{ request.application.__globals__ }}", UNDEFINED),
    # The template reference and the one global apologykit provides.
    ("{{ self._TemplateReference__context }}", SECURITY),
    ("{{ self.__init__.__globals__ }}", SECURITY),
    ("{{ self.__class__ }}", SECURITY),
    ("{{ g.__globals__ }}", SECURITY),
    ("{{ g.__code__.co_consts }}", SECURITY),
    ("{{ g.__closure__ }}", SECURITY),
    ("{{ g }}", UNDEFINED),  # a function prints no repr, no address
    ("{{ self }}", UNDEFINED),
    # Shared state: the brand view is cached across replies, so it is read-only:
    # data views have no methods at all and lists are tuples (nothing to call).
    ("{{ brand.update({'name': 'EVIL'}) }}", UNDEFINED),
    ("{{ brand.signature.append('EVIL') }}", UNDEFINED),
    ("{% set _ = customer.clear() %}", UNDEFINED),
    # Format-string attacks reach attributes inside the format spec.
    ('{{ "{0.__class__}".format(customer) }}', SECURITY),
    ('{{ "{0.__class__.__init__.__globals__}".format(brand) }}', SECURITY),
    ('{{ "{name.__class__}".format_map(customer) }}', SECURITY),
    ('{{ "{0.__class__}".format_map(customer) }}', UNDEFINED),
    ('{{ "%s" | format(customer.__class__) }}', SECURITY),
    ('{{ "%(x)s" % {"x": customer.__class__} }}', SECURITY),
    # Inside a block, macro calls, loop counters and imported templates take a
    # fast path: what they hide stays hidden.
    ("{% import 'apologykit:en/_offers.j2' as o %}{{ o.__dict__ }}", SECURITY),
    ("{% import 'apologykit:en/_offers.j2' as o %}{{ o._body_stream }}", SECURITY),
    ("{% import 'apologykit:en/_offers.j2' as o %}{{ o.sentence._func.__globals__ }}", SECURITY),
    ("{% import 'apologykit:en/_offers.j2' as o %}{{ o.sentence.__call__ }}", SECURITY),
    ("{% for x in [1] %}{{ loop.__class__ }}{% endfor %}", SECURITY),
    ("{% for x in [1] %}{{ loop._iterable }}{% endfor %}", SECURITY),
    ("{% for x in [1] %}{{ loop.cycle.__func__ }}{% endfor %}", SECURITY),
    # Files outside the template directories.
    ("{% include '../../../../../../etc/passwd' %}", OUTSIDE),
    ("{% include '/etc/passwd' %}", OUTSIDE),
    ("{% include 'apologykit:../../pyproject.toml' %}", OUTSIDE),
    ("{% import 'os' as os %}{{ os.system }}", UNDEFINED),
]


def _company(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def _kit(tmp_path: Path, **kwargs: bool) -> ak.ReplyKit:
    return ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path], **kwargs)


def _assert_clean(error: ak.TemplateError, path: Path, line: int) -> None:
    message = str(error)
    assert (error.template, error.line) == (str(path), line), message
    assert message.startswith(f"{path}:{line}: ")
    for leak in ("<class", "<function", "<module", " at 0x", "root:", "__builtins__"):
        assert leak not in message


@pytest.mark.parametrize(("attack", "expected"), ATTACKS, ids=[a for a, _ in ATTACKS])
def test_an_attack_in_a_kind_template_is_refused_and_named(
    tmp_path: Path, attack: str, expected: type[ak.TemplateError]
) -> None:
    path = _company(
        tmp_path,
        "en/rude_agent.j2",
        '{% extends "apologykit:en/rude_agent.j2" %}\n{% block listen %}\n'
        f"BEFORE {attack} AFTER\n{{% endblock %}}\n",
    )
    kit = _kit(tmp_path)
    with pytest.raises(expected) as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert type(caught.value) is expected
    _assert_clean(caught.value, path, 3)
    # The kit is still usable, and another kind renders normally afterwards.
    assert "Kind regards" in kit.render(ak.DelayedResponse.examples()[0], locale="en").text


@pytest.mark.parametrize(
    ("name", "source", "line"),
    [
        (
            "en/_layout.j2",
            '{% extends "apologykit:en/_layout.j2" %}\n{% block signoff %}\n'
            "{{ brand.name.__class__.__mro__ }}\n{% endblock %}\n",
            3,
        ),
        (
            "en/_offers.j2",
            "{% macro sentence(offer) -%}\n\n{{ offer.__class__ }}\n{%- endmacro %}\n",
            3,
        ),
    ],
)
def test_an_attack_in_a_layout_or_macro_file_names_that_file(
    tmp_path: Path, name: str, source: str, line: int
) -> None:
    path = _company(tmp_path, name, source)
    with pytest.raises(SECURITY) as caught:
        _kit(tmp_path).render(ak.DelayedResponse.examples()[0], locale="en")
    _assert_clean(caught.value, path, line)


def test_the_sandbox_is_on_by_default_and_is_what_refuses(tmp_path: Path) -> None:
    _company(
        tmp_path,
        "en/rude_agent.j2",
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        "{% block listen %}{{ customer.name.__class__.__name__ }}{% endblock %}\n",
    )
    assert isinstance(_kit(tmp_path).environment, SandboxedEnvironment)
    with pytest.raises(SECURITY):
        _kit(tmp_path).render(ak.RudeAgent.examples()[0], locale="en")
    # Without the sandbox the same template reads Python internals: the test is meaningful.
    unsafe = _kit(tmp_path, sandbox=False)
    assert "Value" in unsafe.render(ak.RudeAgent.examples()[0], locale="en").text


def test_the_environment_globals_stay_tiny() -> None:
    assert set(ak.ReplyKit(plugins=False).environment.globals) == {"g"}


def test_a_template_cannot_change_what_later_replies_see(tmp_path: Path) -> None:
    _company(
        tmp_path,
        "en/rude_agent.j2",
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        "{% block listen %}{% set _ = brand.update({'name': 'EVIL'}) %}{% endblock %}\n",
    )
    kit = _kit(tmp_path)
    with pytest.raises(UNDEFINED, match="update"):
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    later = kit.render(ak.DelayedResponse.examples()[0], locale="en", channel="email")
    assert "EVIL" not in later.text


def test_printing_a_function_does_not_show_its_repr(tmp_path: Path) -> None:
    _company(
        tmp_path,
        "en/rude_agent.j2",
        '{% extends "apologykit:en/rude_agent.j2" %}\n{% block listen %}{{ g }}{% endblock %}\n',
    )
    with pytest.raises(ak.TemplateError):
        _kit(tmp_path).render(ak.RudeAgent.examples()[0], locale="en")


def test_macros_loops_and_g_inside_blocks_render_as_written(tmp_path: Path) -> None:
    _company(
        tmp_path,
        "en/rude_agent.j2",
        '{% extends "apologykit:en/rude_agent.j2" %}\n'
        '{% import "apologykit:en/_offers.j2" as offers %}\n'
        "{% macro item(n, word='x') %}[{{ n }}:{{ word }}]{% endmacro %}\n"
        "{% block listen %}\n"
        "{% for w in ['a', 'b', 'c'] %}{{ loop.index }}/{{ loop.length }}{{ loop.cycle('+', '-') }}"
        "{{ item(loop.index0, word=w) }}{{ g('F', 'M', 'N') }}"
        "{{ g(female='f', male='m', neutral='n') }}"
        "{% endfor %}\n"
        "{{ offers.option({'type': 'replacement'}) }}\n"
        "{% endblock %}\n",
    )
    scenario = ak.RudeAgent.examples()[0].model_copy(
        update={"customer": ak.Customer(name="Sam", gender="female")}
    )
    text = _kit(tmp_path).render(scenario, locale="en").text
    assert "1/3+[0:a]Ff2/3-[1:b]Ff3/3+[2:c]Ff" in text
    assert "a replacement at no cost" in text
