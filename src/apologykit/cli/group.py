"""The ``apologykit`` command: kinds, schema, render, batch, check, review, serve.

Commands stay thin: reading records and writing output live in :mod:`.batch`,
the template linter in :mod:`.checks`. Library errors become one message on
stderr and exit status 1; wrong options exit 2 (click's usage errors). Each
call is a fresh process, so the batch code loads only for ``batch``.

Every command passes its name to ``cli.command``: click 8.1 and 8.2 derive
different names from a function's (``batch_command``), see
``tests/cli/test_command_names.py``.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import click

from ..__about__ import __version__
from ..batch.sinks import Destination, destination, open_output, stdout_destination
from ..errors import ApologyKitError, LocaleError, ScenarioError, UnknownKindError
from ..extend.scenario_modules import import_command_line_scenarios, is_file_entry
from ..i18n.calendars import Calendar
from ..i18n.formatting import Amounts, Digits
from ..model.dotted import nest
from ..model.jsontext import MAX_JSON_CHARS, json_object
from ..model.people import Greeting
from ..model.scenario import Scenario, scenario_class, scenario_kinds
from ..renderer import compiled
from ..renderer.kit import ReplyKit
from ..renderer.limits import RECORD_TIMEOUT
from ..renderer.many import default_channel, unencodable
from ..renderer.reply import REPLY_FIELDS
from ..renderer.settings import DEFAULT_BRAND

if TYPE_CHECKING:
    from ..batch.readers import InputFormat

TEMPLATES_HELP = "A company template directory, searched before the built-ins (repeatable)."


class CommandError(click.ClickException):
    """Bad input (a scenario, a file's content): exit status 1, no traceback."""

    exit_code = 1


@cache
def _command_error(exit_code: int) -> type[CommandError]:
    """The :class:`CommandError` class that exits with ``exit_code``.

    Click reads the exit status off the class (a ``ClassVar``), so an error class
    whose ``exit_code`` is not 1 gets a subclass rather than an instance attribute.
    """
    if exit_code == CommandError.exit_code:
        return CommandError
    namespace = {"exit_code": exit_code, "__doc__": CommandError.__doc__}
    return cast(type[CommandError], type(f"CommandError{exit_code}", (CommandError,), namespace))


class _Group(click.Group):
    """A group that turns any library error into one message and its class's exit status (1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            # Each call is a new process: keep compiled templates for the next one.
            with compiled.user_cache():
                return super().invoke(ctx)
        except ApologyKitError as exc:
            raise _command_error(exc.exit_code)(str(exc)) from None


@dataclass(frozen=True)
class _Options:
    """The group's options, shared by every command."""

    templates: tuple[Path, ...] = ()
    config: Path | None = None
    #: Scenario modules and files (files made absolute, so workers find them too).
    scenarios: tuple[str, ...] = ()

    def kit_factory(
        self,
        digits: str | None = None,
        templates: Sequence[Path] = (),
        config: Path | None = None,
        *,
        calendar: str | None = None,
        amounts: str | None = None,
        strict_language: bool = False,
        greeting: str | None = None,
    ) -> Callable[[], ReplyKit]:
        """A picklable way to build the kit, so batch workers can build their own.

        ``strict_language`` from the command line turns it on; when it is not
        given, a config file's setting decides.
        """
        config = config or self.config
        template_dirs = (*self.templates, *templates)
        if config is None:
            return partial(
                _kit_with_scenarios,
                self.scenarios,
                template_dirs=template_dirs,
                digits=cast(Digits, digits or "latn"),
                calendar=cast(Calendar, calendar or "gregorian"),
                amounts=cast(Amounts, amounts or "words"),
                strict_language=strict_language,
                greeting=cast(Greeting, greeting or DEFAULT_BRAND.greeting),
            )
        return partial(
            ReplyKit.from_config,
            config,
            digits=cast(Digits | None, digits),
            template_dirs=template_dirs,
            scenarios=self.scenarios,
            calendar=cast(Calendar | None, calendar),
            amounts=cast(Amounts | None, amounts),
            strict_language=True if strict_language else None,
            greeting=cast(Greeting | None, greeting),
        )


def _kit_with_scenarios(
    scenarios: Sequence[str],
    *,
    template_dirs: Sequence[Path],
    digits: Digits,
    calendar: Calendar,
    amounts: Amounts,
    strict_language: bool = False,
    greeting: Greeting = "formal",
) -> ReplyKit:
    """A kit without a config file, after importing ``--scenarios``."""
    import_command_line_scenarios(scenarios)
    return ReplyKit(
        DEFAULT_BRAND.model_copy(update={"greeting": greeting}),
        template_dirs=template_dirs,
        digits=digits,
        calendar=calendar,
        amounts=amounts,
        strict_language=strict_language,
    )


def _absolute_scenarios(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    return tuple(str(Path(v).resolve()) if is_file_entry(v) else v for v in values)


_DIRECTORY = click.Path(exists=True, file_okay=False, path_type=Path)
_CONFIG = click.Path(exists=True, dir_okay=False, path_type=Path)
CONFIG_HELP = "An apologykit.toml with brand, defaults, template directories and scenarios."
SCENARIOS_HELP = (
    "A module (acme.replies) or Python file (company_scenarios.py) defining company "
    "kinds; importing it registers them (repeatable)."
)


@click.group(
    cls=_Group,
    epilog="""\b
Examples:
  apologykit kinds
  apologykit render delayed_response --example --locale ar-SA
  apologykit --templates company/ batch tickets.csv -o drafts.jsonl
  apologykit --config apologykit.toml check
  apologykit --scenarios company_scenarios.py --templates templates/ kinds""",
)
@click.option("--templates", "templates", multiple=True, type=_DIRECTORY, help=TEMPLATES_HELP)
@click.option("--config", type=_CONFIG, help=CONFIG_HELP)
@click.option(
    "--scenarios",
    "scenarios",
    multiple=True,
    metavar="MODULE|FILE.py",
    callback=_absolute_scenarios,
    help=SCENARIOS_HELP,
)
@click.version_option(version=__version__, package_name="apologykit")
@click.pass_context
def cli(
    ctx: click.Context,
    templates: tuple[Path, ...],
    config: Path | None,
    scenarios: tuple[str, ...],
) -> None:
    """Customer-support reply drafts in Arabic and English, from typed scenarios."""
    ctx.obj = _Options(templates=templates, config=config, scenarios=scenarios)


def _scenario_class(kind: str) -> type[Scenario]:
    try:
        return scenario_class(kind)
    except UnknownKindError as exc:
        raise click.BadParameter(str(exc), param_hint="KIND") from None


# -- kinds, schema ---------------------------------------------------------------


@cli.command(
    "kinds",
    epilog="""\b
Example:
  apologykit kinds""",
)
@click.pass_obj
def kinds(options: _Options) -> None:
    """List every scenario kind with when to use it and its required fields."""
    options.kit_factory()()  # building the kit registers company and plugin kinds
    names = scenario_kinds()
    width = max((len(name) for name in names), default=0)
    for name in names:
        cls = scenario_class(name)
        required = [field for field, info in cls.model_fields.items() if info.is_required()]
        click.echo(f"{name:<{width}}  {cls.summary()}")
        click.echo(
            f"{'':<{width}}  required: {', '.join(required) or '(none)'}; "
            f"channels: {', '.join(cls.channels)}"
        )


@cli.command(
    "schema",
    epilog="""\b
Example:
  apologykit schema delayed_response > delayed_response.schema.json""",
)
@click.argument("kind")
@click.pass_obj
def schema(options: _Options, kind: str) -> None:
    """Print the JSON Schema of KIND, for forms and validation in other tools."""
    options.kit_factory()()
    cls = _scenario_class(kind)
    click.echo(json.dumps(cls.model_json_schema(), ensure_ascii=False, indent=2))


# -- render ----------------------------------------------------------------------


def _parse_sets(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        path, equals, text = value.partition("=")
        if not equals or not path.strip():
            raise click.BadParameter(f"{value!r} is not path=value (e.g. customer.name=Sara)")
        pairs.append((path.strip(), text))
    return pairs


def _read_json(stream: IO[bytes]) -> dict[str, Any]:
    name = getattr(stream, "name", "-")
    name = "stdin" if name in ("-", "<stdin>") else name
    data = stream.read(MAX_JSON_CHARS + 1)
    if len(data) > MAX_JSON_CHARS:
        raise CommandError(
            f"{name} is larger than {MAX_JSON_CHARS:,} bytes; a scenario is a few kilobytes"
        )
    from ..batch.lines import foreign_encoding

    foreign = foreign_encoding(data.splitlines(keepends=True))
    if foreign is not None:
        raise CommandError(f"{name} is not UTF-8 ({foreign}); re-save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{name}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return json_object(text, name)


def _check_locale(kit: ReplyKit, locale: str | None) -> None:
    try:
        kit.resolve_locale(locale)
    except LocaleError as exc:
        raise click.BadParameter(str(exc), param_hint="--locale") from None


LOCALE_HELP = "Locale such as ar, ar-SA or en-GB (default: the kit's)."
DIGITS_HELP = "Latin (default) or Arabic-Indic digits in Arabic amounts, numbers and dates."
CALENDAR_HELP = "Dates in the Gregorian (default), Hijri (Umm al-Qura) or both calendars."
AMOUNTS_HELP = "Currencies in words (default: 349 Saudi riyals) or symbols (SAR 349)."
_CALENDARS = click.Choice(["gregorian", "hijri", "both"])
_AMOUNTS = click.Choice(["words", "symbols"])
GREETING_HELP = (
    "Greeting register: formal (default: «السلام عليكم» and «الأستاذة نورة», Dear Noura) "
    "or warm («مرحبًا نورة», Hi Noura). Overrides the config file's brand.greeting."
)
_GREETINGS = click.Choice(["formal", "warm"])
STRICT_LANGUAGE_HELP = (
    "Free text printed untranslated (English with no Arabic in an Arabic reply, or the "
    "reverse) is an error instead of a warning in the reply."
)


@cli.command(
    "render",
    epilog="""\b
Examples:
  apologykit render delayed_response --example --locale ar-SA
  apologykit render delayed_response --set customer.name=Sara \\
      --set customer.gender=female --set waited=P3D --channel chat
  apologykit render rude_agent --json ticket.json --format json
  echo '{"customer": {"name": "Omar"}}' | apologykit render rude_agent --json -""",
)
@click.argument("kind")
@click.option("--locale", help=LOCALE_HELP)
@click.option("--channel", help="email, chat, ... (default: email when the kind has it).")
@click.option("--example", is_flag=True, help="Start from the kind's first example.")
@click.option(
    "--json", "json_file", type=click.File("rb"), help="Read the scenario from FILE (- for stdin)."
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    callback=_parse_sets,
    metavar="PATH=VALUE",
    help="Set a field by dotted path; numbers index lists (options.0.type=refund). "
    "Applied over --example or --json.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text"
)
@click.option("--digits", type=click.Choice(["latn", "arab"]), help=DIGITS_HELP)
@click.option("--calendar", type=_CALENDARS, help=CALENDAR_HELP)
@click.option("--amounts", type=_AMOUNTS, help=AMOUNTS_HELP)
@click.option("--strict-language", is_flag=True, help=STRICT_LANGUAGE_HELP)
@click.option("--greeting", type=_GREETINGS, help=GREETING_HELP)
@click.pass_obj
def render(
    options: _Options,
    kind: str,
    locale: str | None,
    channel: str | None,
    example: bool,
    json_file: IO[bytes] | None,
    sets: list[tuple[str, str]],
    output_format: str,
    digits: str | None,
    calendar: str | None,
    amounts: str | None,
    strict_language: bool,
    greeting: str | None,
) -> None:
    """Render one reply for KIND and print it."""
    if example and json_file is not None:
        raise click.UsageError("use --example or --json, not both")
    kit = options.kit_factory(
        digits,
        calendar=calendar,
        amounts=amounts,
        strict_language=strict_language,
        greeting=greeting,
    )()
    cls = _scenario_class(kind)
    if channel is not None and channel not in cls.channels:
        raise click.BadParameter(
            f"kind {kind!r} has no channel {channel!r}; it has: {', '.join(cls.channels)}",
            param_hint="--channel",
        )
    _check_locale(kit, locale)
    base: dict[str, Any] = {}
    if example:
        examples = cls.examples()
        if not examples:
            raise click.UsageError(f"kind {kind!r} has no example; use --json or --set")
        base = examples[0].model_dump(mode="json", exclude_unset=True)
    elif json_file is not None:
        base = _read_json(json_file)
    try:
        data = nest(sets, base)
    except ScenarioError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from None
    if data.setdefault("kind", kind) != kind:
        raise CommandError(f"the input is a {data['kind']!r} scenario, not {kind!r}")
    reply = kit.render(data, locale=locale, channel=channel or default_channel(cls))
    if output_format == "json":
        _print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif output_format == "html":
        _print(reply.html)
    else:
        subject = f"Subject: {reply.subject}\n\n" if reply.subject is not None else ""
        _print(subject + reply.text)


def _print(text: str) -> None:
    """Write a reply to stdout as UTF-8, whatever the terminal's encoding."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CommandError(str(unencodable(exc))) from None
    with open_output(stdout_destination()) as out:
        out.write(data)


# -- batch -----------------------------------------------------------------------


def _input_format(path: str, given: str | None) -> InputFormat:
    from ..batch.readers import FORMATS_BY_SUFFIX

    if given is not None:
        return cast("InputFormat", given)
    found = FORMATS_BY_SUFFIX.get(Path(path).suffix.lower()) if path != "-" else None
    if found is None:
        what = "stdin" if path == "-" else f"{path!r}"
        raise click.UsageError(
            f"cannot tell the format of {what} from its name; add --input-format jsonl or csv"
        )
    return found


def _size(stream: IO[bytes]) -> int | None:
    """The byte size of a regular file, for the progress bar; None for pipes."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, io.UnsupportedOperation, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _check_channel(channel: str | None) -> None:
    if channel is not None and not any(
        channel in scenario_class(kind).channels for kind in scenario_kinds()
    ):
        raise click.BadParameter(
            f"no scenario kind has channel {channel!r}", param_hint="--channel"
        )


def _progress(stack: ExitStack, source: IO[bytes]) -> Callable[[int], None] | None:
    """A progress bar over the input's bytes, only when a person is watching stderr."""
    size = _size(source)
    if not size or not sys.stderr.isatty():
        return None
    bar = stack.enter_context(click.progressbar(length=size, label="rendering", file=sys.stderr))
    return bar.update


def _output_destination(output: Path | None, input_path: str) -> Destination:
    """Where ``-o`` writes; refused before anything is read if it is the input itself."""
    if output is None or str(output) == "-":
        where = stdout_destination()
    else:
        where = destination(output)
        if where.kind == "file" and not where.target.parent.is_dir():
            raise click.BadParameter(
                f"directory {str(where.target.parent)!r} does not exist", param_hint="-o"
            )
    written = where.identity()
    if written is not None and written == _identity(input_path):
        raise click.BadParameter(
            f"{where.given} is the input file; write the output to another file",
            param_hint="-o",
        )
    return where


def _reply_fields(given: str | None) -> frozenset[str] | None:
    """The reply fields ``--fields`` names; ``None`` keeps them all."""
    if given is None:
        return None
    names = [name.strip() for name in given.split(",") if name.strip()]
    if not names:
        raise click.BadParameter(
            f"name at least one field: {', '.join(REPLY_FIELDS)}", param_hint="--fields"
        )
    unknown = [name for name in names if name not in REPLY_FIELDS]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(map(repr, unknown))} is not a reply field; choose from "
            f"{', '.join(REPLY_FIELDS)}",
            param_hint="--fields",
        )
    return frozenset(names)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.fstat(sys.stdin.fileno()) if path == "-" else os.stat(path)
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return info.st_dev, info.st_ino


@cli.command(
    "batch",
    epilog="""\b
Examples:
  apologykit batch tickets.csv -o drafts.jsonl --locale ar-SA
  apologykit batch tickets.jsonl --jobs 4 > drafts.jsonl
  helpdesk-export | apologykit batch - --input-format csv -o drafts.jsonl

\b
CSV columns are dotted paths (customer.name, remedy.refund.amount) plus kind;
a locale or channel column (a key, in JSON Lines) overrides --locale and
--channel for its record. Each output line is {"line": N, "ok": true,
"reply": {...}} or {"line": N, "ok": false, "error": {...}}.
Exit status: 0 all rendered, 1 some failed, 2 usage error.""",
)
@click.argument(
    "input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write JSON Lines here. A file (or a symlink to one) is replaced whole at the end, "
    "keeping its permissions; a device or FIFO is written to as a stream. Default: stdout.",
)
@click.option("--input-format", type=click.Choice(["jsonl", "csv"]), help="Default: by extension.")
@click.option("--locale", help=LOCALE_HELP)
@click.option("--channel", help="Channel for records without one (default: email when possible).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Render in N processes; the output order stays the input order.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=RECORD_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="With --jobs 2 or more: a record that takes longer to render gets an error record "
    "and its worker is replaced. A render takes milliseconds.",
)
@click.option(
    "--fields",
    metavar="NAMES",
    help="Keep only these reply fields, comma-separated (e.g. text,subject); without html, "
    f"no record pays for its markup. Fields: {', '.join(REPLY_FIELDS)}. Default: all.",
)
@click.option(
    "--review",
    "with_review",
    is_flag=True,
    help='Add each reply\'s apology review to its record ("review": {...}; see docs/review.md).',
)
@click.option("--digits", type=click.Choice(["latn", "arab"]), help=DIGITS_HELP)
@click.option("--calendar", type=_CALENDARS, help=CALENDAR_HELP)
@click.option("--amounts", type=_AMOUNTS, help=AMOUNTS_HELP)
@click.option("--strict-language", is_flag=True, help=STRICT_LANGUAGE_HELP)
@click.option("--greeting", type=_GREETINGS, help=GREETING_HELP)
@click.pass_obj
def batch_command(
    options: _Options,
    input_path: str,
    output: Path | None,
    input_format: str | None,
    locale: str | None,
    channel: str | None,
    jobs: int,
    timeout: float,
    fields: str | None,
    with_review: bool,
    digits: str | None,
    calendar: str | None,
    amounts: str | None,
    strict_language: bool,
    greeting: str | None,
) -> None:
    """Render every record of INPUT (JSON Lines or CSV, - for stdin) to JSON Lines."""
    from ..batch import run as batch
    from ..batch.lines import Lines
    from ..batch.results import BuiltKit

    fmt = _input_format(input_path, input_format)
    kept = _reply_fields(fields)
    make_kit = options.kit_factory(
        digits,
        calendar=calendar,
        amounts=amounts,
        strict_language=strict_language,
        greeting=greeting,
    )
    kit = make_kit()
    _check_locale(kit, locale)
    _check_channel(channel)
    # A broken template stops the run before the first record, not in the middle.
    from ..lint.checks import errors

    problems = errors(kit.check_templates(review=False))
    if problems:
        for problem in problems:
            click.echo(str(problem.relative_to(Path.cwd())), err=True)
        raise CommandError(
            f"{len(problems)} template problem(s); fix them (see `apologykit check`) and rerun"
        )
    where = _output_destination(output, input_path)
    # The checked kit renders the batch: its templates are compiled already.
    settings = batch.Settings(
        BuiltKit(kit), locale=locale, channel=channel, fields=kept, review=with_review
    )
    started = time.perf_counter()
    with ExitStack() as stack:
        source = cast(IO[bytes], stack.enter_context(click.open_file(input_path, "rb")))
        stack.enter_context(batch.batch_signals())
        out = stack.enter_context(open_output(where))
        progress = _progress(stack, source)
        lines = Lines(source, "stdin" if input_path == "-" else input_path)
        summary = batch.run(
            lines, fmt, out, settings, jobs=jobs, progress=progress, timeout=timeout
        )
    elapsed = time.perf_counter() - started
    click.echo(f"rendered {summary.rendered}, failed {summary.failed}, {elapsed:.2f} s", err=True)
    if summary.failed:
        click.get_current_context().exit(1)


# -- check -----------------------------------------------------------------------


@cli.command(
    "check",
    epilog="""\b
Examples:
  apologykit check
  apologykit check --templates company_templates/
  apologykit check --config apologykit.toml

\b
Each problem is one line, file:line: severity: message [code], with the
file relative to the working directory when inside it.
\b
Errors (exit status 1): a syntax error, a name no scenario provides, a
reference to a missing template, a symbolic link or name that leads outside
its template directory, a file that is not UTF-8, a file name that matches no
kind or channel, an example that fails to render or leaves a [placeholder].
\b
Warnings (exit status 0): a kind with no template in some language or
channel, as when a company directory covers only some languages or kinds.
\b
Review [review:<code>]: every example reply is reviewed as what its kind
declares (apology, closure, notice, thanks; see docs/extending.md). An error
for a built-in kind on built-in templates; a warning for company templates,
kinds and review rules, since the reviewer matches phrases, not meaning.""",
)
@click.option("--templates", "templates", multiple=True, type=_DIRECTORY, help=TEMPLATES_HELP)
@click.option("--config", type=_CONFIG, help=CONFIG_HELP)
@click.pass_obj
def check(options: _Options, templates: tuple[Path, ...], config: Path | None) -> None:
    """Lint the built-in and company templates: files, syntax, coverage and example renders.

    The same checks as ReplyKit.check_templates(), which a batch runs before
    its first record.
    """
    kit = options.kit_factory(templates=templates, config=config)()
    problems = kit.check_templates()
    here = Path.cwd()
    for problem in problems:
        click.echo(str(problem.relative_to(here)))
    from ..lint.checks import errors

    failed = len(errors(problems))
    warned = len(problems) - failed
    scope = f"{len(scenario_kinds())} kinds in {', '.join(kit.languages)}"
    if not problems:
        click.echo(f"ok: {scope}", err=True)
        return
    counts = f"{_count(failed, 'error')}, {_count(warned, 'warning')} ({scope})"
    click.echo(counts if failed else f"ok: {counts}", err=True)
    if failed:
        click.get_current_context().exit(1)


# -- serve -----------------------------------------------------------------------

SERVER_EXTRA = "the service needs the server extra: pip install 'apologykit[server]'"


@cli.command(
    "serve",
    epilog="""\b
Examples:
  apologykit serve                                  # http://127.0.0.1:8000, this machine only
  APOLOGYKIT_TOKEN=... apologykit serve --host 0.0.0.0 --workers 2
  apologykit serve --config apologykit.toml --port 8080""",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--config", type=_CONFIG, help=CONFIG_HELP)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes."
)
@click.option(
    "--token-env",
    default="APOLOGYKIT_TOKEN",
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the bearer token callers must send.",
)
@click.pass_obj
def serve(
    options: _Options, host: str, port: int, config: Path | None, workers: int, token_env: str
) -> None:
    """Serve the JSON API over HTTP (needs the extra apologykit[server]).

    Listens on 127.0.0.1 unless --host says otherwise; any other address
    needs a token, which callers send as 'Authorization: Bearer <token>'.
    """
    try:
        from ..server.launch import Launch
        from ..server.launch import serve as run
    except ModuleNotFoundError as exc:
        if exc.name is not None and exc.name.split(".")[0] in ("fastapi", "starlette", "uvicorn"):
            raise CommandError(SERVER_EXTRA) from None
        raise
    chosen = config or options.config
    launch = Launch(
        config=str(chosen) if chosen is not None else None,
        templates=tuple(str(t) for t in options.templates),
        scenarios=options.scenarios,
        token_env=token_env,
    )
    try:
        run(launch, host, port, workers)
    except PermissionError as exc:
        raise CommandError(str(exc)) from None


# -- review ----------------------------------------------------------------------


@cli.command(
    "review",
    epilog="""\b
Examples:
  apologykit review draft.txt
  apologykit review drafts.jsonl --format json
  apologykit batch tickets.csv | apologykit review -

\b
INPUT is one plain-text reply, or JSON Lines of {"text": ..., "language"?: ...,
"id"?: ..., "kind"?: ..., "channel"?: ...} or batch output records; a text whose
kind is a thank-you or a notice is not faulted for saying no sorry (see
docs/extending.md). Findings print as line:col: code: message
(severity); in JSON Lines input each line starts with "line N: ". Codes and
better phrasings: docs/review.md.
Exit status: 0 no error finding, 1 an error finding or unreadable input.""",
)
@click.argument(
    "input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@click.option("--language", help="ar or en (default: detected from each text's script).")
@click.option(
    "--rules",
    type=_CONFIG,
    help="A company rules file ([[banned]] phrases, [[required]] elements). "
    "Default: review_rules in the --config file.",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--info", is_flag=True, help="Also print info findings (missing responsibility).")
@click.option(
    "--not-apology", is_flag=True, help="The texts are not apologies: no-apology does not apply."
)
@click.pass_obj
def review_command(
    options: _Options,
    input_path: str,
    language: str | None,
    rules: Path | None,
    output_format: str,
    info: bool,
    not_apology: bool,
) -> None:
    """Review apology drafts: what each does, what it lacks, what undoes it."""
    from ..extend.config import load_config
    from ..model.intent import is_apology
    from ..model.scenario import intent_of
    from ..reviewer import load_rules as load_review_rules
    from ..reviewer import review as review_text
    from ..reviewer.inputs import read_inputs as read_review_inputs
    from ..reviewer.report import finding_lines, review_record, summary_line

    if rules is None and options.config is not None:
        rules = load_config(options.config).review_rules
    company = load_review_rules(rules)
    name = "stdin" if input_path == "-" else input_path
    errors = warnings = texts = 0
    with click.open_file(input_path, "rb") as stream:
        try:
            items = list(read_review_inputs(stream, name))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    failed = False
    for item in items:
        prefix = f"line {item.line}: " if item.line is not None else ""
        if item.error is None:
            try:
                # A reply that names its kind is reviewed as what the kind declares.
                apology = not not_apology and is_apology(intent_of(item.kind, item.channel))
                result = review_text(
                    item.text, language or item.language, rules=company, apology=apology
                )
            except ApologyKitError as exc:
                item = replace(item, error=str(exc))
        if item.error is not None:
            failed = True
            if output_format == "json":
                click.echo(json.dumps({"line": item.line, "ok": False, "error": item.error}))
            else:
                click.echo(f"{prefix}error: {item.error}", err=True)
            continue
        texts += 1
        errors += sum(f.severity == "error" for f in result.findings)
        warnings += sum(f.severity == "warning" for f in result.findings)
        if output_format == "json":
            record: dict[str, Any] = {"line": item.line, "ok": True}
            if item.label is not None:
                record["id"] = item.label
            record["review"] = review_record(result)
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            for line in finding_lines(result, prefix, info=info):
                click.echo(line)
            click.echo(summary_line(result, prefix))
    click.echo(
        f"{_count(texts, 'text')} reviewed: {_count(errors, 'error')}, "
        f"{_count(warnings, 'warning')}",
        err=True,
    )
    if errors or failed:
        click.get_current_context().exit(1)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="apologykit")


if __name__ == "__main__":
    main()
