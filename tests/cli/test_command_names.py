"""Every command's name is spelled out, so click 8.1 and 8.2+ register the same commands.

Click 8.2 strips a ``_command`` suffix from a function's name when it makes
a command's name, click 8.1 only turns underscores into dashes: a command
named by its function (``batch_command``) is ``batch`` under one and
``batch-command`` under the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import click

import apologykit.cli
from apologykit.cli import cli

EXPECTED = {"batch", "check", "kinds", "render", "review", "schema", "serve"}
CLI_SOURCES = sorted(Path(apologykit.cli.__file__).parent.glob("*.py"))


def _command_decorators(tree: ast.AST) -> list[ast.Call]:
    """Every ``<something>.command(...)`` call used as a decorator."""
    return [
        decorator
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "command"
    ]


def _declared_names() -> list[str]:
    names = []
    for path in CLI_SOURCES:
        for call in _command_decorators(ast.parse(path.read_text(encoding="utf-8"))):
            first = call.args[0] if call.args else None
            assert isinstance(first, ast.Constant) and isinstance(first.value, str), (
                f"{path.name}:{call.lineno}: .command() needs the command's name as its first "
                "argument (click 8.1 and 8.2 derive different names from the function's)"
            )
            names.append(first.value)
    return names


def test_the_group_lists_exactly_the_expected_commands() -> None:
    assert set(cli.list_commands(click.Context(cli))) == EXPECTED


def test_each_command_is_registered_once_under_its_own_name() -> None:
    commands = cli.commands
    assert len({id(command) for command in commands.values()}) == len(commands)
    assert all(command.name == name for name, command in commands.items())


def test_every_command_declares_its_name_and_names_are_the_registered_ones() -> None:
    assert CLI_SOURCES
    names = _declared_names()
    assert len(names) == len(set(names)), names
    assert set(names) == EXPECTED
