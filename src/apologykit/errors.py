"""One exception hierarchy: every error names the thing to fix and how.

Callers catch :class:`ApologyKitError` for anything the library raises on bad
input; the subclasses tell a batch runner or a command line what kind of
problem a record had without parsing the message. Each class also carries,
as data, the HTTP status the service answers with and the exit status the
command line ends with, and every error pickles (a batch worker sends it back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, TypeVar

_E = TypeVar("_E", bound="ApologyKitError")


class _Warning(Protocol):
    """What :class:`LanguageError` reads of a :class:`~apologykit.ReplyWarning`."""

    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...


def _rebuild(cls: type[_E], args: tuple[Any, ...], state: dict[str, Any]) -> _E:
    """Unpickle an error without calling its ``__init__``, whose arguments are not ``args``."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ApologyKitError(Exception):
    """Base class of every error apologykit raises on bad input or templates."""

    #: Field paths (``customer.name``) the error is about, for batch error records.
    fields: tuple[str, ...] = ()
    #: What the service answers with: 500 unless the caller's input is what to fix.
    http_status: ClassVar[int] = 500
    #: What the command line exits with (2 stays click's, for wrong options).
    exit_code: ClassVar[int] = 1

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as message and attributes: most subclasses' ``__init__`` take other arguments."""
        return (_rebuild, (type(self), self.args, self.__dict__))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly record of the error, as batch output writes it."""
        return {"type": type(self).__name__, "message": str(self), "fields": list(self.fields)}


class ScenarioError(ApologyKitError, ValueError):
    """A scenario could not be built: a field is missing, of the wrong type or invalid."""

    http_status = 422

    def __init__(self, message: str, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


class UnknownKindError(ScenarioError):
    """The ``kind`` names no registered scenario.

    422 like any scenario field; only a kind in a URL path (``/v1/kinds/{kind}``)
    is a missing resource, and those routes answer 404 themselves.
    """

    def __init__(self, kind: object, known: Sequence[str], closest: str | None) -> None:
        hint = f" Did you mean {closest!r}?" if closest else ""
        super().__init__(
            f"kind {kind!r} is not a registered scenario.{hint} Known kinds: {', '.join(known)}.",
            fields=("kind",),
        )
        self.kind = kind
        self.known = tuple(known)
        self.closest = closest


class DuplicateKindError(ApologyKitError, TypeError):
    """Two scenario classes claim the same ``kind``."""


class KindDeclarationError(ApologyKitError, TypeError):
    """A scenario class declares what its replies are in a way that cannot work."""


class LocaleError(ApologyKitError, ValueError):
    """A locale string could not be parsed, or cannot be a kit's default."""

    http_status = 422

    def __init__(self, locale: object, available: Sequence[str], reason: str = "") -> None:
        problem = reason or "is not a valid locale"
        super().__init__(
            f"locale {locale!r} {problem}. Use a tag such as 'ar', 'ar-SA' or 'en-GB'; "
            f"templates exist for: {', '.join(available)}."
        )
        self.locale = locale
        self.available = tuple(available)
        self.fields = ("locale",)


class MissingTranslationError(ApologyKitError, ValueError):
    """A per-language text has no entry for the language being rendered."""

    http_status = 422

    def __init__(self, field: str, language: str, present: Sequence[str]) -> None:
        super().__init__(
            f"{field}: has no {language!r} text (it has {', '.join(present) or 'none'}). "
            f"Add a {language!r} entry, or give one plain string for every language."
        )
        self.fields = (field,)


class ChannelError(ApologyKitError, ValueError):
    """The scenario kind has no template for the requested channel."""

    http_status = 422

    def __init__(self, kind: str, channel: str, channels: Sequence[str]) -> None:
        super().__init__(
            f"channel {channel!r} is not available for kind {kind!r}; "
            f"it has: {', '.join(channels)}."
        )
        self.fields = ("channel",)


class TemplateError(ApologyKitError):
    """A template is missing, does not compile, or failed while rendering.

    ``message`` says what is wrong; ``template`` (the file) and ``line`` say
    where, when known. ``str()`` joins them as ``file:line: message``.
    """

    def __init__(self, message: str, template: str | None = None, line: int | None = None) -> None:
        where = ""
        if template:
            where = f"{template}:{line}: " if line else f"{template}: "
        super().__init__(f"{where}{message}")
        self.message = message
        self.template = template
        self.line = line


class TemplateNotFoundError(TemplateError):
    """No template exists for a kind, language and channel."""

    def __init__(self, kind: str, language: str, channel: str, searched: Sequence[str]) -> None:
        super().__init__(
            f"no template for kind {kind!r} in language {language!r} on channel {channel!r}. "
            f"Searched: {', '.join(searched)}. Add one of these files to a template directory."
        )
        self.searched = tuple(searched)


class TemplateSecurityError(TemplateError):
    """A template tried something the sandbox forbids (private attributes, code objects)."""


class TemplateLimitError(TemplateError):
    """A template asked for more than a reply can need: a huge number, string, width or loop.

    The bounds are in ``apologykit.renderer.limits``; the message names the operation
    and the bound, ``template`` and ``line`` say where.
    """

    def at(self, template: str | None, line: int | None) -> TemplateLimitError:
        """The same error placed at ``template:line``, where the template asked for it."""
        return TemplateLimitError(self.message, template, line)


class TemplateFileError(TemplateError):
    """A template file apologykit will not read: outside its directory, not UTF-8, too big.

    ``code`` names the rule (``outside-directory``, ``bad-name``, ``not-utf8``,
    ``not-a-file``, ``too-large``), as ``apologykit check`` reports it.
    """

    def __init__(
        self, message: str, template: str | None, code: str, line: int | None = None
    ) -> None:
        super().__init__(message, template, line)
        self.code = code

    def at(self, template: str | None, line: int | None) -> TemplateFileError:
        """The same error placed at ``template:line``: the ``include`` that used a bad name."""
        return TemplateFileError(self.message, template, self.code, line)


class InputError(ApologyKitError, ValueError):
    """Input that is not a record: not UTF-8, not JSON, the wrong number of CSV cells.

    Raised for the whole input only when no record can be read (a broken CSV
    header); otherwise it becomes the error record of the line it is about.
    """

    http_status = 422

    def __init__(self, message: str, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


class PluginError(ApologyKitError):
    """An installed plugin could not be loaded or gave unusable template directories."""

    def __init__(self, name: str, value: str, source: str | None, problem: str) -> None:
        origin = f" from {source}" if source else ""
        super().__init__(
            f"plugin {name!r} (entry point {value!r} in group 'apologykit.plugins'{origin}) "
            f"{problem}. Fix or uninstall that package, or build the kit with plugins=False."
        )
        self.entry_point = name


class ConfigError(ApologyKitError, ValueError):
    """A configuration file has an unknown key, a wrong type or a bad value."""

    http_status = 422

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.fields = (key,) if key else ()


class OutputError(ApologyKitError, OSError):
    """Batch output could not be opened or written: a full disk, a size limit, no permission.

    The message names the output and the system's reason; a regular output
    file is left as it was before the run.
    """


class LanguageError(ApologyKitError, ValueError):
    """A reply would show free text in another language, and the kit is ``strict_language``.

    Carries the :class:`~apologykit.ReplyWarning` objects it was raised for;
    each names the field and the fix.
    """

    http_status = 422

    def __init__(self, warnings: Sequence[_Warning]) -> None:
        super().__init__(
            " ".join(warning.message for warning in warnings)
            + " (strict_language is on; turn it off to get these as Reply.warnings instead.)"
        )
        self.warnings = tuple(warnings)
        self.fields = tuple(warning.field for warning in warnings)


class BatchWorkerError(ApologyKitError):
    """A batch worker process died or ran past ``--timeout`` while rendering these records.

    The batch goes on in a fresh worker; only the records named get this error.
    """
