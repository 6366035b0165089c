"""docs/extending.md runs as written, and its example files are the files it shows.

The Python blocks run in order, as one script, from ``docs/examples`` (as a
reader would run them there); every fenced block with ``file=PATH`` must equal
``docs/examples/PATH`` byte for byte, so the page cannot drift from the example.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import apologykit as ak
from apologykit.model.scenario import unregister

DOCS = Path(__file__).resolve().parents[2] / "docs"
DOC = DOCS / "extending.md"
EXAMPLES = DOCS / "examples"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _fences() -> list[tuple[str, str, str]]:
    return FENCE.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture
def in_examples(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run as ``python`` started in docs/examples; forget the example's kind afterwards."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # keep docs/examples clean
    monkeypatch.chdir(EXAMPLES)
    monkeypatch.syspath_prepend(str(EXAMPLES))
    yield
    unregister("missed_appointment")
    for name in list(sys.modules):
        # the package import below, and the file the config's `scenarios` imports
        if name in ("company.company_scenarios", "company") or name.startswith(
            "apologykit_scenarios_company_scenarios_"
        ):
            del sys.modules[name]


def test_every_shown_file_is_the_example_file() -> None:
    shown = {
        match.group(1): body
        for _lang, info, body in _fences()
        if (match := re.search(r"file=(\S+)", info))
    }
    on_disk = {
        str(path.relative_to(EXAMPLES)): path
        for path in (EXAMPLES / "company").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert set(shown) == set(on_disk), "docs and docs/examples list different files"
    for name, body in shown.items():
        assert on_disk[name].read_text(encoding="utf-8") == body, f"{name} differs from the docs"


def test_python_blocks_run_as_written(in_examples: None) -> None:
    blocks = [body for lang, info, body in _fences() if lang == "python" and "file=" not in info]
    assert len(blocks) >= 4
    namespace: dict[str, object] = {"__name__": "extending_md"}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)
    assert isinstance(namespace["kit"], ak.ReplyKit)


def test_example_company_overrides_paragraph_and_signoff(in_examples: None) -> None:
    from company import company_scenarios

    kit = ak.ReplyKit.from_config(EXAMPLES / "company" / "apologykit.toml")
    reply = kit.render(ak.DelayedResponse.examples()[0], locale="en-GB")
    paragraphs = reply.text.split("\n\n")
    assert any(p.startswith("The Acme Care promise:") for p in paragraphs)
    assert not any("We want to make it up to you" in p for p in paragraphs)
    assert paragraphs[-1].startswith("Warm regards from all of us at Acme Care,\nYousef")
    assert "Kind regards" not in reply.text

    visit = company_scenarios.MissedAppointment.examples()[0]
    arabic = kit.render(visit)
    assert arabic.locale == "ar-SA"
    assert "مع أطيب التحيات من فريق رعاية عملاء أكمي" in arabic.text
    assert "مع خالص التحية" not in arabic.text
