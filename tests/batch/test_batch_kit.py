"""A batch renders with the kit it checked: no template is compiled twice.

Before the first record, ``batch`` compiles every template to check it. The
records, and the forked workers of ``--jobs 2``, then use that same kit, so
a batch of a few records does not pay for compiling everything again in
each process. Compiles are counted in a file, which forked workers append to
as well (they inherit the counting function).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner

from apologykit.cli import cli


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_compiles_each_template_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    log = tmp_path / "compiled.txt"
    compile_as_jinja = jinja2.Environment.compile

    def counted(
        self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{name}\n")
        return compile_as_jinja(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    monkeypatch.setenv("APOLOGYKIT_CACHE_DIR", "")  # no compiled templates from disk
    records = tmp_path / "in.jsonl"
    records.write_text(
        "".join(
            json.dumps({"kind": "rude_agent", "customer": {"name": name}, "locale": locale}) + "\n"
            for name, locale in [("Sara", "en"), ("Omar", "ar"), ("Lina", "en"), ("Ali", "ar")]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["batch", str(records), "--jobs", jobs])
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"ok":true') == 4
    compiled = Counter(log.read_text(encoding="utf-8").split())
    assert compiled["en/rude_agent.j2"] == compiled["ar/rude_agent.j2"] == 1
    assert {name: count for name, count in compiled.items() if count > 1} == {}
