"""Where the project's own files are, for tests in any folder of tests/."""

from __future__ import annotations

from pathlib import Path

#: The repository: pyproject.toml, src/, templates/, docs/.
ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TEMPLATES = ROOT / "templates"
