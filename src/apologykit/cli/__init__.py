"""The ``apologykit`` command: one module per command."""

from .group import cli, main

__all__ = ["cli", "main"]
