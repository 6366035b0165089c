"""Whether a folder can be a company's template directory, checked before anything reads it.

The config loader and the kit both check a directory a company names: it must
exist, hold ``<lang>/`` folders of templates and be no system directory.
"""

from __future__ import annotations

import re
from pathlib import Path

#: A language folder's name: two or three lowercase letters (en, ar, fil).
LANGUAGE_DIR = re.compile(r"^[a-z]{2,3}$")

#: Directories that belong to the system, never to a company's templates.
SYSTEM_DIRS = frozenset(
    Path(name)
    for name in (
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/media",
        "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr",
        "/usr/bin", "/usr/lib", "/usr/local", "/usr/sbin", "/usr/share", "/var",
        "/var/lib", "/var/log", "/var/tmp",
    )
)  # fmt: skip

#: Pseudo-filesystems: nothing under them is a template directory.
SYSTEM_TREES = (Path("/proc"), Path("/sys"), Path("/dev"))


def template_dir_problem(directory: Path) -> str | None:
    """Why ``directory`` cannot be a template directory, or ``None`` when it can.

    A template directory exists, is neither a filesystem root nor a system
    directory (:data:`SYSTEM_DIRS`, anything under :data:`SYSTEM_TREES`), and
    looks like one: it holds at least one ``<lang>/`` folder (two or three
    lowercase letters) with a ``.j2`` file in it. So ``templates = ["/"]``
    cannot expose every file of the machine to a template's ``include``.
    """
    if not directory.is_dir():
        return "does not exist or is not a directory"
    real = directory.resolve()
    if real.parent == real:
        return (
            "is the filesystem root, a system directory, not a template directory; "
            "name the folder that holds your en/, ar/ ... template folders"
        )
    if real in SYSTEM_DIRS or any(real.is_relative_to(tree) for tree in SYSTEM_TREES):
        return (
            f"is a system directory ({real}), not a template directory; "
            "name the folder that holds your en/, ar/ ... template folders"
        )
    if not any(_is_language_dir(child) for child in real.iterdir()):
        return (
            "has no <lang>/ folder with .j2 files (such as en/rude_agent.j2); "
            "a template directory holds one folder of templates per language"
        )
    return None


def _is_language_dir(path: Path) -> bool:
    return bool(LANGUAGE_DIR.match(path.name)) and path.is_dir() and any(path.glob("*.j2"))
