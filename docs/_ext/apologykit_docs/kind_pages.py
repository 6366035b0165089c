"""One page per scenario kind, written from the models when the site is built.

Each page says when to use the kind (its docstring), lists every field with
its type, default and description (from the pydantic model), and shows each
example rendered in English and Arabic on every channel the kind has (the
``reply`` directive renders them during the build). The pages land in
``docs/kinds/`` (ignored by git) and are rewritten only when they change, so
an unchanged kind is not rebuilt.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

import apologykit as ak

from .tables import default_text, markdown_table
from .type_names import type_name

#: The first line of every generated page: only such files are ever deleted.
MARKER = "<!-- generated from the scenario models by docs/_ext/apologykit_docs/kind_pages.py -->"
#: The locales each example is rendered in: the English and the Arabic reply.
LOCALES = ("en-GB", "ar-SA")
CHANNEL_TITLES = {"email": "E-mail", "chat": "Chat", "sms": "SMS"}


def field_rows(model: type[ak.Scenario]) -> list[tuple[str, str, str, str]]:
    """(name, type, default, description) for every field of ``model``, in order."""
    rows = []
    for name, field in model.model_fields.items():
        description = field.description or ""
        if name == "kind":
            description = "Names the kind; may be left out when the model is used directly."
        rows.append((name, type_name(field.rebuild_annotation()), default_text(field), description))
    return rows


def raw_examples(model: type[ak.Scenario]) -> list[dict[str, Any]]:
    """The model's examples as a caller would send them (JSON, before validation)."""
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples", []) if isinstance(extra, dict) else []
    return [{"kind": model.model_fields["kind"].default, **example} for example in examples]


def kind_page(kind: str) -> str:
    """The Markdown source of ``kind``'s page."""
    model = ak.scenario_class(kind)
    doc = inspect.cleandoc(model.__doc__ or "")
    summary, _, details = doc.partition("\n\n")
    channels = ", ".join(model.channels)
    lines = [
        MARKER,
        "",
        f"(kind-{kind})=",
        f"# `{kind}`",
        "",
        "## When to use it",
        "",
        summary.strip(),
        "",
    ]
    if details.strip():
        lines += [details.strip(), ""]
    lines += [
        f"- Model: {{py:class}}`apologykit.{model.__name__}`",
        f"- Channels: {channels}",
        f"- Templates: `en/{kind}.j2` and `ar/{kind}.j2` (see {{doc}}`../templates`)",
        "",
        "## Fields",
        "",
    ]
    rows = [(f"`{name}`", *rest) for name, *rest in field_rows(model)]
    lines += [*markdown_table(("field", "type", "default", "description"), rows), ""]
    examples = raw_examples(model)
    lines += ["## Examples", ""]
    for number, data in enumerate(examples):
        if len(examples) > 1:
            lines += [f"### Example {number + 1}", ""]
        lines += ["```json", json.dumps(data, ensure_ascii=False, indent=2), "```", ""]
        for channel in model.channels:
            heading = "####" if len(examples) > 1 else "###"
            title = CHANNEL_TITLES.get(channel, channel)
            suffix = f" (example {number + 1})" if len(examples) > 1 else ""
            lines += [f"{heading} {title}{suffix}", "", ":::{container} reply-pair"]
            for locale in LOCALES:
                lines += [
                    "```{reply}",
                    f":kind: {kind}",
                    f":example: {number}",
                    f":locale: {locale}",
                    f":channel: {channel}",
                    "```",
                ]
            lines += [":::", ""]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_kind_pages(directory: Path) -> list[str]:
    """Write a page for every registered kind into ``directory``; remove stale ones."""
    directory.mkdir(parents=True, exist_ok=True)
    kinds = list(ak.scenario_kinds())
    for kind in kinds:
        _write_if_changed(directory / f"{kind}.md", kind_page(kind))
    for path in directory.glob("*.md"):
        if path.stem not in kinds and _generated(path):
            path.unlink()
    return kinds


def _generated(path: Path) -> bool:
    with path.open(encoding="utf-8") as stream:
        return stream.readline().rstrip("\n") == MARKER


def _on_builder_inited(app: Sphinx) -> None:
    write_kind_pages(Path(app.srcdir) / "kinds")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {}
