"""The ``command`` directive: an ``apologykit`` command line and what it prints, run now.

    ```{command} apologykit render delayed_response --example --locale ar-SA --channel chat
    ```

The command runs through click's test runner, in a temporary directory, while
the site is built; the page shows the prompt line and the real output. An
exit status other than ``:exit:`` (0 by default) fails the build.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from click.testing import CliRunner, Result
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from apologykit.cli.group import cli
from apologykit.renderer.compiled import CACHE_DIR_VARIABLE


@contextmanager
def _inside(directory: str) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


def run_command(line: str) -> Result:
    """Run ``apologykit ...`` (the line as typed) in an empty temporary directory."""
    words = shlex.split(line)
    if not words or words[0] != "apologykit":
        raise ValueError(f"a command shown in the docs starts with 'apologykit': {line!r}")
    with tempfile.TemporaryDirectory(prefix="apologykit-docs-") as directory, _inside(directory):
        # A docs build keeps no compiled templates in the builder's cache directory.
        runner = CliRunner(env={CACHE_DIR_VARIABLE: ""})
        return runner.invoke(cli, words[1:], catch_exceptions=False)


class CommandDirective(SphinxDirective):
    """Show a command line with its real output."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"exit": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        line = self.arguments[0]
        try:
            result = run_command(line)
        except ValueError as exc:
            raise self.error(f"command: {exc}") from None
        expected = self.options.get("exit", 0)
        if result.exit_code != expected:
            raise self.error(
                f"command: {line!r} exited {result.exit_code}, not {expected}: {result.output}"
            )
        text = f"$ {line}\n{result.output.rstrip()}"
        block = nodes.literal_block(text, text, language="console")
        block["classes"].append("command-output")
        return [block]
