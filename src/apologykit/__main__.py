"""``python -m apologykit``: the same command as the ``apologykit`` script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
