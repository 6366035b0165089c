"""The :class:`Scenario` base class and the registry that maps a kind to its model.

Subclassing :class:`Scenario` with a new ``kind`` registers it: that is how the
built-in kinds, company scenarios and plugins all become renderable.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import DuplicateKindError, KindDeclarationError, ScenarioError, UnknownKindError
from .channels import Channel
from .intent import REPLY_INTENTS, ReplyIntent
from .people import Agent, Customer
from .text import UNION_TAGS, ShortStr

_REGISTRY: dict[str, type[Scenario]] = {}

#: Channels every scenario supports unless it says otherwise.
DEFAULT_CHANNELS: tuple[Channel, ...] = ("email", "chat")


class Scenario(BaseModel):
    """A support situation to reply to. Subclass it with a ``kind`` to add one.

    ``kind`` must be declared as ``kind: Literal["my_kind"] = "my_kind"``; its
    templates are ``<lang>/my_kind.j2`` in a template directory.
    """

    # defer_build: a kind's validator is built when it is first used, so
    # importing the package (and `apologykit kinds`) does not build all of them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: Channels this kind has templates for.
    channels: ClassVar[tuple[Channel, ...]] = DEFAULT_CHANNELS
    #: What the reply is (see ``apologykit.model.intent``): ``apology`` unless the
    #: kind says otherwise, so a reply must say sorry, own it and fix it.
    reply_intent: ClassVar[ReplyIntent] = "apology"
    #: Channels on which the reply is something else, e.g. ``{"sms": "notice"}``
    #: for a text message that only confirms a time.
    channel_intents: ClassVar[Mapping[Channel, ReplyIntent]] = {}
    #: Whether the company caused what the reply is about; an apology for it
    #: must then acknowledge responsibility ("the mistake was ours").
    company_at_fault: ClassVar[bool] = True

    kind: str
    customer: Customer = Field(
        default_factory=Customer, description="Who the reply is addressed to."
    )
    agent: Agent | None = Field(default=None, description="Who signs the reply, if anyone.")
    ticket_id: ShortStr | None = Field(
        default=None, description="The helpdesk ticket this reply belongs to; never reformatted."
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        field = cls.model_fields.get("kind")
        kind = field.default if field is not None else None
        if not isinstance(kind, str) or not kind:
            return  # an abstract intermediate class: nothing to register
        _check_intent(cls)
        previous = _REGISTRY.get(kind)
        if previous is not None and not _same_definition(previous, cls):
            raise DuplicateKindError(
                f"kind {kind!r} is declared by both {_qualified(previous)} and {_qualified(cls)}; "
                "give one of them another kind"
            )
        _REGISTRY[kind] = cls

    @classmethod
    def examples(cls) -> list[Scenario]:
        """The validated examples from the model's ``json_schema_extra``."""
        extra = cls.model_config.get("json_schema_extra")
        raw = extra.get("examples", []) if isinstance(extra, Mapping) else []
        if not isinstance(raw, list):
            return []
        return [
            cls.model_validate({**example, "kind": _kind_of(cls)})
            for example in raw
            if isinstance(example, Mapping)
        ]

    @classmethod
    def intent(cls, channel: str) -> ReplyIntent:
        """What a reply of this kind is on ``channel`` (``apology``, ``closure``...)."""
        for name, intent in cls.channel_intents.items():
            if name == channel:
                return intent
        return cls.reply_intent

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: when to use this kind."""
        return (cls.__doc__ or "").strip().split("\n", 1)[0]


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _check_intent(cls: type[Scenario]) -> None:
    """A misspelt intent would silently review a reply as something else: refuse it."""
    where = _qualified(cls)
    allowed = ", ".join(repr(intent) for intent in REPLY_INTENTS)
    if cls.reply_intent not in REPLY_INTENTS:
        raise KindDeclarationError(
            f"{where}.reply_intent is {cls.reply_intent!r}; use one of {allowed}"
        )
    if not isinstance(cls.channel_intents, Mapping):
        raise KindDeclarationError(
            f"{where}.channel_intents must map a channel to an intent, "
            f"such as {{'sms': 'notice'}}, not {type(cls.channel_intents).__name__}"
        )
    for channel, intent in cls.channel_intents.items():
        if channel not in cls.channels:
            raise KindDeclarationError(
                f"{where}.channel_intents names channel {channel!r}, which the kind does not "
                f"have (its channels: {', '.join(cls.channels)})"
            )
        if intent not in REPLY_INTENTS:
            raise KindDeclarationError(
                f"{where}.channel_intents[{channel!r}] is {intent!r}; use one of {allowed}"
            )
    if not isinstance(cls.company_at_fault, bool):
        raise KindDeclarationError(
            f"{where}.company_at_fault must be True or False, not {cls.company_at_fault!r}"
        )


def _same_definition(first: type, second: type) -> bool:
    """The same class, or the same source file imported under two module names.

    A company file named in the config is imported under its own module name,
    and a script may import it again as ``company.company_scenarios``: that is
    one definition, not two kinds claiming one name.
    """
    if _qualified(first) == _qualified(second):
        return True
    files = [getattr(sys.modules.get(cls.__module__), "__file__", None) for cls in (first, second)]
    return (
        first.__qualname__ == second.__qualname__
        and files[0] is not None
        and files[1] is not None
        and os.path.realpath(files[0]) == os.path.realpath(files[1])
    )


def _kind_of(cls: type[Scenario]) -> str:
    return str(cls.model_fields["kind"].default)


def scenario_kinds() -> list[str]:
    """Every registered kind, sorted."""
    return sorted(_REGISTRY)


def scenario_class(kind: str) -> type[Scenario]:
    """The model registered for ``kind``; an unknown kind names the closest match."""
    try:
        return _REGISTRY[kind]
    except (KeyError, TypeError):
        import difflib  # only an unknown kind needs it

        known = scenario_kinds()
        close = difflib.get_close_matches(str(kind), known, n=1, cutoff=0.5)
        raise UnknownKindError(kind, known, close[0] if close else None) from None


def intent_of(kind: object, channel: object = None) -> ReplyIntent:
    """What a reply of ``kind`` on ``channel`` is; an apology when the kind is unknown.

    For a reply whose kind may no longer (or never) be registered: a reloaded
    plugin's, or a record's read back from a file.
    """
    cls = _REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        return "apology"
    return cls.intent(channel) if isinstance(channel, str) else cls.reply_intent


def unregister(kind: str) -> None:
    """Forget ``kind`` (for tests and reloading plugins)."""
    _REGISTRY.pop(kind, None)


def parse_scenario(data: Scenario | Mapping[str, Any]) -> Scenario:
    """Build the scenario model a mapping describes; its ``kind`` picks the model.

    >>> parse_scenario({"kind": "rude_agent"}).escalated_to
    'management'
    >>> try:
    ...     parse_scenario({"kind": "rude_agnet"})
    ... except UnknownKindError as exc:
    ...     print(exc.closest)
    rude_agent
    """
    if isinstance(data, Scenario):
        return data
    if not isinstance(data, Mapping):
        raise ScenarioError(
            f"a scenario must be a mapping with a 'kind' key, not {type(data).__name__}"
        )
    if "kind" not in data:
        raise ScenarioError(
            f"the scenario has no 'kind'; add one of: {', '.join(scenario_kinds())}",
            fields=("kind",),
        )
    cls = scenario_class(data["kind"])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data["kind"]) from None


def validation_error(exc: ValidationError, kind: object) -> ScenarioError:
    """Turn pydantic's error into one message with every field path and reason."""
    fields: list[str] = []
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"] if part not in UNION_TAGS)
        path = path or "(scenario)"
        fields.append(path)
        got = error.get("input")
        shown = "" if error["type"] == "missing" else f" (got {_short_repr(got)})"
        lines.append(f"{path}: {error['msg']}{shown}")
    noun = "field" if len(lines) == 1 else "fields"
    message = f"{kind} scenario: {len(lines)} invalid {noun}: " + "; ".join(lines)
    return ScenarioError(message, fields=fields)


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
