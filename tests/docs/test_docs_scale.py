"""docs/scale.md's Python blocks run, in order, as one script; only the Spark recipe is not run."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "scale.md"
FENCE = re.compile(r"```python\n(.*?)```", re.DOTALL)
#: The first line of the one block that needs a Spark cluster.
SPARK = "# Spark (not run in the tests)"


def test_scale_examples_run_as_written() -> None:
    blocks = FENCE.findall(DOC.read_text(encoding="utf-8"))
    assert [block.startswith(SPARK) for block in blocks].count(True) == 1
    namespace: dict[str, object] = {}
    ran = 0
    for number, block in enumerate(blocks, 1):
        if block.startswith(SPARK):
            compile(block, f"{DOC.name} block {number}", "exec")  # it is Python, at least
            continue
        exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)
        ran += 1
    assert ran >= 5
