"""docs/usage.md's Python blocks run, in order, as one script: the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "usage.md"
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_usage_examples_run_as_written(capsys: object) -> None:
    blocks = FENCE.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"{DOC.name} block {number}", "exec")
        exec(code, namespace)


def test_readme_quick_example_runs() -> None:
    readme = DOC.parent.parent / "README.md"
    first = FENCE.findall(readme.read_text(encoding="utf-8"))[0]
    namespace: dict[str, object] = {}
    exec(compile(first, "README.md first block", "exec"), namespace)
    reply = namespace["reply"]
    assert getattr(reply, "direction", None) == "rtl"
    assert "خصمًا بنسبة" in str(reply)
