"""The documentation site's generated references cannot drift from the code.

The docs extension (``docs/_ext/apologykit_docs``) writes the kind pages and
the tables from the code while ``make docs`` runs; these tests hold the parts
a reader relies on: every public name in the API reference, a page per kind
with every field and every example on every channel, every config key, every
template filter and global, every ``check`` code, and the Arabic guide laid
out right to left.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from pydantic import BaseModel

import apologykit as ak

DOCS = Path(__file__).resolve().parents[2] / "docs"
SOURCE = DOCS.parent / "src" / "apologykit"
sys.path.insert(0, str(DOCS / "_ext"))

from apologykit_docs import direction, kind_pages  # noqa: E402
from apologykit_docs.config_keys import config_keys  # noqa: E402
from apologykit_docs.model_fields import field_lines  # noqa: E402
from apologykit_docs.tables import parse_descriptions  # noqa: E402
from apologykit_docs.template_filters import (  # noqa: E402
    apologykit_filters,
    apologykit_globals,
    call_form,
    jinja_filters,
)


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _directive_body(page: str, directive: str) -> list[str]:
    match = re.search(rf"```{{{directive}}}[^\n]*\n(.*?)```", page, re.DOTALL)
    assert match, f"no {directive} directive"
    lines = match.group(1).splitlines()
    return [line for line in lines if not line.startswith(":")]


def test_every_public_name_is_in_the_api_reference() -> None:
    page = _read("api.md")
    documented = set(re.findall(r"^\.\. auto\w+:: apologykit\.(\w+)$", page, re.MULTILINE))
    documented |= set(re.findall(r"^\.\. public-alias:: (\w+)$", page, re.MULTILINE))
    assert documented == set(ak.__all__), (
        f"missing: {sorted(set(ak.__all__) - documented)}, "
        f"not public: {sorted(documented - set(ak.__all__))}"
    )


def test_a_page_per_kind_lists_every_field_and_renders_every_example(tmp_path: Path) -> None:
    written = kind_pages.write_kind_pages(tmp_path)
    assert sorted(written) == sorted(ak.scenario_kinds())
    for kind in written:
        page = (tmp_path / f"{kind}.md").read_text(encoding="utf-8")
        model = ak.scenario_class(kind)
        assert page.startswith(kind_pages.MARKER)
        assert (model.__doc__ or "").strip().splitlines()[0] in page
        for name, field in model.model_fields.items():
            row = re.search(rf"^\| `{name}` \| (.+?) \| (.+?) \| (.*) \|$", page, re.MULTILINE)
            assert row, f"{kind}: no row for {name}"
            if field.description:
                assert " ".join(field.description.split()).replace("|", "\\|") in row.group(3)
            assert (row.group(2) == "required") == field.is_required(), f"{kind}.{name}"
        examples = len(model.examples())
        for locale in kind_pages.LOCALES:
            for channel in model.channels:
                shown = page.count(f":locale: {locale}\n:channel: {channel}\n")
                assert shown == examples, f"{kind}: {locale} {channel} shown {shown} times"


def test_field_types_name_the_public_types() -> None:
    rows = {row[0]: row[1] for row in kind_pages.field_rows(ak.DelayedDelivery)}
    assert rows["reason"] == "{py:obj}`FreeText <apologykit.FreeText>` | `null`"
    assert rows["promised_date"] == "{py:obj}`Date <apologykit.Date>`"
    assert rows["order_id"] == "string"
    remedy = dict((row[0], row[1]) for row in kind_pages.field_rows(ak.MissingTermsInfo))
    assert remedy["remedy"] == "{py:obj}`Offer <apologykit.Offer>`"


def test_kind_pages_are_rewritten_only_when_they_change_and_stale_ones_go(
    tmp_path: Path,
) -> None:
    kind_pages.write_kind_pages(tmp_path)
    page = tmp_path / "rude_agent.md"
    before = page.stat().st_mtime_ns
    stale = tmp_path / "retired_kind.md"
    stale.write_text(kind_pages.MARKER + "\n# retired\n", encoding="utf-8")
    hand_written = tmp_path / "index.md"
    hand_written.write_text("# Scenario kinds\n", encoding="utf-8")
    kind_pages.write_kind_pages(tmp_path)
    assert page.stat().st_mtime_ns == before
    assert not stale.exists()
    assert hand_written.exists()


def test_every_config_key_is_described_and_no_other() -> None:
    described = parse_descriptions(_directive_body(_read("configuration.md"), "config-keys"))
    keys = [key for key, _, _ in config_keys()]
    assert keys[:4] == ["templates", "scenarios", "review_rules", "brand"]
    assert set(described) == set(keys)
    assert all(text for text in described.values())


def test_config_keys_come_from_the_models() -> None:
    rows = {key: (kind, default) for key, kind, default in config_keys()}
    assert rows["brand"] == ("table", "required")
    assert rows["brand.name"] == ("{py:obj}`Text <apologykit.Text>`", "required")
    assert rows["defaults.calendar"] == ('`"gregorian"` | `"hijri"` | `"both"`', '`"gregorian"`')
    assert rows["server.max_body_bytes"] == ("integer", "`262144`")


@pytest.mark.parametrize(
    ("page", "prefix"), [("templates.md", "filter-"), ("ar/templates.md", "ar-filter-")]
)
def test_every_filter_and_global_has_a_section_in_each_guide(page: str, prefix: str) -> None:
    labels = set(re.findall(rf"^\({re.escape(prefix)}(\w+)\)=$", _read(page), re.MULTILINE))
    names = set(apologykit_filters()) | set(apologykit_globals())
    assert names >= {"money", "date", "duration", "plural", "join_list", "team", "g"}
    assert labels == names, (
        f"undocumented: {sorted(names - labels)}, gone: {sorted(labels - names)}"
    )


def test_filter_lists_separate_ours_from_jinjas() -> None:
    ours = apologykit_filters()
    theirs = jinja_filters()
    assert not set(ours) & set(theirs)
    assert theirs["center"] is True and theirs["upper"] is False  # checked, cheap
    assert call_form("date", ours["date"]) == 'value | date(style="long")'
    assert call_form("g", apologykit_globals()["g"], is_global=True) == "g(female, male, neutral)"


#: Where each call that reports a template problem takes its code.
_CODE_ARGUMENT = {"_error": 2, "TemplateProblem": 3, "TemplateFileError": 2}


def _check_codes() -> set[str]:
    """Every code ``check`` can report: the code argument of each reporting call."""
    codes = set()
    for module in [*sorted((SOURCE / "lint").glob("*.py")), SOURCE / "renderer" / "loaders.py"]:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = _CODE_ARGUMENT.get(node.func.id)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
    return codes


@pytest.mark.parametrize("page", ["templates.md", "ar/templates.md"])
def test_every_check_code_is_explained(page: str) -> None:
    shown = set(re.findall(r"^\| `([a-z0-9-]+)` \|", _read(page), re.MULTILINE))
    codes = _check_codes()
    assert {"leftover", "no-arabic", "missing-template", "not-utf8"} <= codes
    assert codes <= shown, sorted(codes - shown)


def test_the_arabic_guide_is_laid_out_right_to_left() -> None:
    assert _read("ar/templates.md").startswith("---\nlanguage: ar\n---\n")
    app = SimpleNamespace(env=SimpleNamespace(metadata={"ar/templates": {"language": "ar"}}))
    context = {"body": "<h1>دليل كاتب القوالب</h1>"}
    direction._wrap_rtl_page(app, "ar/templates", "page.html", context, None)  # type: ignore[arg-type]
    assert context["body"].startswith('<div dir="rtl" lang="ar"')
    english = {"body": "<h1>Guide</h1>"}
    direction._wrap_rtl_page(app, "templates", "page.html", english, None)  # type: ignore[arg-type]
    assert english["body"] == "<h1>Guide</h1>"


def test_the_api_reference_lists_every_field_of_the_public_models() -> None:
    models = [
        getattr(ak, name)
        for name in ak.__all__
        if isinstance(getattr(ak, name), type)
        and issubclass(getattr(ak, name), BaseModel)
        and not issubclass(getattr(ak, name), ak.Scenario)
        and list(getattr(ak, name).model_fields) != ["root"]
    ]
    assert {ak.Brand, ak.Customer, ak.Money, ak.Refund} <= set(models)
    for model in models:
        listed = "\n".join(field_lines(model))
        for name in model.model_fields:
            assert f"- ``{name}`` (" in listed, f"{model.__name__}.{name}"
    assert '- ``greeting`` (``"warm"`` | ``"formal"``; ``"formal"``): How replies greet' in (
        "\n".join(field_lines(ak.Brand))
    )
