"""A company template cannot hang a render or take the machine's memory.

Each case is a line a careless or hostile template author could write. Before
these limits, every one hung ``render``, each ``batch`` record and ``check``,
or took gigabytes. Each must now fail fast with ``TemplateLimitError`` naming
the template file and line, and the kit must keep working afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import apologykit as ak
from apologykit.renderer import limits

#: One template line each: (name for the test id, source).
HOSTILE: list[tuple[str, str]] = [
    ("huge power", "{{ 10 ** (10 ** 9) }}"),
    ("power of a big number", "{{ (2 ** 4000) ** 3 }}"),
    ("repeated product", "{% set n = 10 ** 1000 %}{{ n * n * n * n * n }}"),
    ("repeated string", "{{ 'a' * 10**9 }}"),
    ("repeated list", "{{ ([1] * 10**9) | length }}"),
    ("format width", "{{ '{0:>1000000000}'.format(1) }}"),
    ("format precision", "{{ '{0:.1000000000f}'.format(1) }}"),
    ("nested format width", "{{ '{0:>{1}}'.format(1, 10**9) }}"),
    ("format_map width", "{{ '{x:>1000000000}'.format_map({'x': 1}) }}"),
    ("percent width", "{{ '%1000000000d' % 1 }}"),
    ("percent star width", "{{ '%*d' % (10**9, 1) }}"),
    ("format filter width", "{{ '%1000000000s' | format('x') }}"),
    ("center filter", "{{ 'x' | center(10**9) }}"),
    ("indent filter", "{{ 'x\\ny' | indent(10**9) }}"),
    ("wordwrap filter", "{{ 'x' | wordwrap(10**9) }}"),
    ("truncate filter", "{{ 'x' | truncate(10**9) }}"),
    ("center method", "{{ 'x'.center(10**9) }}"),
    ("ljust method", "{{ 'x'.ljust(10**9) }}"),
    ("zfill method", "{{ 'x'.zfill(10**9) }}"),
    ("replace filter", "{{ ('a' * 60000) | replace('a', 'bbbbbbbbbb') }}"),
    ("replace method", "{{ ('a' * 60000).replace('', 'bb') }}"),
    ("join method", "{{ ('x' * 60000).join('y' * 60000) }}"),
    ("join filter", "{{ (['x' * 60000] * 60000) | join }}"),
    ("string filter", "{{ (['x' * 60000] * 60000) | string }}"),
    ("concat of a list", "{{ 'a' ~ (['x' * 60000] * 60000) }}"),
    (
        "nested loops",
        "{% set s = 'x' * 60000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    ),
    (
        "nested loops over 100,000",
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    ),
    ("loop output", "{% set s = 'x' * 60000 %}{% for a in s %}{{ s }}{% endfor %}"),
    (
        "macro doubling",
        "{% macro double(s, n) %}{% if n %}{{ double(s ~ s, n - 1) }}{% else %}"
        "{{ s | length }}{% endif %}{% endmacro %}{{ double('x', 64) }}",
    ),
    (
        "macro fan-out",
        "{% macro fan(n) %}{% if n %}{{ fan(n - 1) }}{{ fan(n - 1) }}{% endif %}"
        "{% endmacro %}{{ fan(40) }}",
    ),
    ("join_list of many", "{{ ('x' * 60000) | list | join_list }}"),
]


def _company(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "en" / "rude_agent.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{% extends "apologykit:en/rude_agent.j2" %}\n{% block listen %}\n'
        f"BEFORE {line} AFTER\n{{% endblock %}}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("line", [line for _, line in HOSTILE], ids=[n for n, _ in HOSTILE])
def test_a_runaway_template_fails_fast_and_names_its_line(tmp_path: Path, line: str) -> None:
    path = _company(tmp_path, line)
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path])
    with pytest.raises(ak.TemplateLimitError) as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    error = caught.value
    assert isinstance(error, ak.TemplateError)
    assert (error.template, error.line) == (str(path), 3), str(error)
    assert str(error).startswith(f"{path}:3: ")
    # The kit keeps working: another kind renders normally afterwards.
    assert "Kind regards" in kit.render(ak.DelayedResponse.examples()[0], locale="en").text


def test_range_is_not_there_to_build_a_million_items(tmp_path: Path) -> None:
    path = _company(tmp_path, "{{ range(10**6) | join_list }}")
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path])
    with pytest.raises(ak.TemplateError, match="range") as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert (caught.value.template, caught.value.line) == (str(path), 3)


@pytest.mark.parametrize(
    "line",
    [
        "{{ 2 ** 64 }} {{ 'ab' * 3 }} {{ '%5d' % 42 }} {{ '{0:>8}'.format('x') }}",
        "{{ 'x' | center(80) }} {{ 'a b c' | wordwrap(72) }} {{ 'a' | indent(4) }}",
        "{% for c in 'x' * 2000 %}{% endfor %}{{ ('x' * 1000) | list | join_list }}",
        "{{ 'a' ~ 'b' ~ 1 }} {{ 'a,b'.replace(',', ' and ') }} {{ ', '.join(['a', 'b']) }}",
    ],
)
def test_ordinary_template_arithmetic_still_works(tmp_path: Path, line: str) -> None:
    _company(tmp_path, line)
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path])
    assert "BEFORE" in kit.render(ak.RudeAgent.examples()[0], locale="en").text


def test_a_reply_longer_than_the_output_limit_is_refused_while_rendering(tmp_path: Path) -> None:
    # 40 lines of 2,000 characters: every string is small, the reply is not.
    path = _company(tmp_path, "{% for i in 'x' * 40 %}{{ 'y' * 2000 }}\n{% endfor %}")
    kit = ak.ReplyKit(brand=ak.Brand(name="Acme"), template_dirs=[tmp_path])
    with pytest.raises(ak.TemplateLimitError, match=f"longer than {limits.MAX_OUTPUT}") as caught:
        kit.render(ak.RudeAgent.examples()[0], locale="en")
    assert caught.value.template == str(path)


def test_the_limits_are_generous_for_a_real_reply() -> None:
    assert limits.MAX_OUTPUT >= 64 * 1024
    reply = ak.render(ak.RudeAgent.examples()[0], locale="ar")
    assert len(reply.text) * 20 < limits.MAX_OUTPUT
