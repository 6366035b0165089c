"""``ReplyKit``: one Jinja environment, its loaders and caches, and ``render()``.

Build a kit once and reuse it: templates compile once, each locale is parsed
once and each (locale, time zone) gets one formatter. A render builds one
context, shared by the subject and the body.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from jinja2 import Environment, Template, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import (
    ApologyKitError,
    ChannelError,
    LanguageError,
    LocaleError,
    TemplateError,
    TemplateFileError,
    TemplateLimitError,
    TemplateNotFoundError,
    TemplateSecurityError,
)
from ..extend.plugins import Plugin, load_plugins
from ..extend.scenario_modules import import_command_line_scenarios
from ..i18n import bidi
from ..i18n.calendars import Calendar
from ..i18n.formatting import Amounts, Digits, Formatter
from ..i18n.locales import InvalidLocaleError, direction, locale_tag, normalise_tag, parse_locale
from ..i18n.untranslated import language_warnings
from ..model.channels import Channel
from ..model.people import Brand, Greeting
from ..model.scenario import Scenario, parse_scenario
from . import sms
from ._jinja.folding import can_fold, fold_gender
from ._jinja.layouts import inlined, merged_tree
from ._jinja.runtime import compile_tree, new_context, paused_at, render_block, render_body
from ._jinja.runtime import where as _where
from .caches import BoundedCache
from .environment import RENDER_STATE, LayoutMerging, RenderState, make_environment
from .limits import Steps, joined
from .loaders import (
    languages,
    make_loader,
    search_path,
    template_names,
)
from .reply import Reply, join_texts, tidy
from .settings import KitSettings, absolute_scenarios, kit_settings
from .view import View, brand_view, scenario_view

if TYPE_CHECKING:
    # Loaded when first used, so a program that only renders never imports
    # the reviewer, the config reader, the template linter or the batch code.
    from ..lint.checks import TemplateProblem
    from ..reviewer import CompanyRules, Review

#: A resolved locale: the Babel locale, its template language, its tag, and
#: whether the requested language had no templates (so the default was used).
_Resolved = tuple[Locale, str, str, bool]


class ReplyKit:
    """Renders scenarios into replies with one set of templates and brand settings.

    ``template_dirs`` are company directories searched before the built-ins;
    ``plugins`` adds the template directories of installed plugins (entry-point
    group ``apologykit.plugins``) after the company ones and before the
    built-ins; ``digits="arab"`` gives Arabic-Indic digits in Arabic amounts,
    numbers and dates (never in ids, and not for locales that write Latin
    digits, such as ar-MA); ``calendar`` writes dates in the Gregorian, the
    Hijri (Umm al-Qura) or both calendars; ``amounts="words"`` writes «349
    ريالًا سعوديًا» and "349 Saudi riyals", ``"symbols"`` Babel's «349 ر.س.»;
    ``sandbox`` keeps template authors from reaching Python internals;
    ``strict_language`` turns a reply's language warnings (free text printed
    untranslated) into a ``LanguageError``.
    """

    #: Most requested locale spellings remembered (each maps to a resolved locale).
    MAX_CACHED_SPELLINGS = 1024
    #: Most distinct locales kept resolved, after normalising their spelling.
    MAX_CACHED_LOCALES = 256
    #: Most (locale, time zone) formatters kept.
    MAX_CACHED_FORMATTERS = 256
    #: Renders of one template for one gender after which the kit compiles a
    #: variant with that gender's ``g()`` forms resolved
    #: (``apologykit.renderer._jinja.folding``) and its blocks in place
    #: (``apologykit.renderer._jinja.layouts.inlined``); a single render
    #: (a command line, ``apologykit check``) never pays for the compile.
    GENDER_VARIANT_AFTER = 64

    def __init__(
        self,
        brand: Brand | Mapping[str, Any] | None = None,
        *,
        default_locale: str = "en",
        digits: Digits = "latn",
        template_dirs: Sequence[str | os.PathLike[str]] = (),
        timezone: str | None = None,
        calendar: Calendar = "gregorian",
        amounts: Amounts = "words",
        sandbox: bool = True,
        plugins: bool = True,
        strict_language: bool = False,
        review_rules: str | os.PathLike[str] | Mapping[str, Any] | CompanyRules | None = None,
    ) -> None:
        self._setup(
            kit_settings(
                brand,
                default_locale=default_locale,
                digits=digits,
                template_dirs=template_dirs,
                timezone=timezone,
                calendar=calendar,
                amounts=amounts,
                sandbox=sandbox,
                plugins=plugins,
                strict_language=strict_language,
                review_rules=review_rules,
            ),
            display_dirs=tuple(Path(d) for d in template_dirs),
        )

    @classmethod
    def from_settings(cls, settings: KitSettings) -> ReplyKit:
        """The kit ``settings`` describe (what unpickling a kit and a worker call)."""
        kit = cls.__new__(cls)
        kit._setup(settings, display_dirs=settings.template_dirs)
        return kit

    def _setup(self, settings: KitSettings, display_dirs: tuple[Path, ...]) -> None:
        """Build the environment and caches from checked settings."""
        # The settings are read through read-only properties: the caches below are
        # built from them, so changing one would leave the kit half old, half new.
        self._settings = settings
        self._template_dirs = display_dirs
        sandbox = settings.sandbox
        self._plugins = tuple(load_plugins()) if settings.plugins else ()
        # Company directories, then plugin directories (the built-ins come last).
        self._search_dirs = (
            *self._template_dirs,
            *(directory for plugin in self._plugins for directory in plugin.template_dirs),
        )
        self._languages = tuple(languages(self._search_dirs))
        self._environment = make_environment(make_loader(self._search_dirs), sandbox=sandbox)
        # Built when a render of a merged template fails (see _as_written).
        self._written: LayoutMerging | None = None
        self._templates: dict[tuple[str, str, str], Template] = {}
        # Per (kind, language, channel, gender): renders so far, then the template
        # with that gender resolved (or the template itself, when nothing folds).
        self._renders: dict[tuple[str, str, str, str | None], int] = {}
        self._gendered: dict[tuple[str, str, str, str | None], Template] = {}
        # Keys come from callers, so every cache is bounded. A spelling maps to
        # the entry of its normalised tag: (locale, template language, the
        # locale's own tag, whether the language fell back to the default).
        self._spellings: BoundedCache[str, _Resolved] = BoundedCache(self.MAX_CACHED_SPELLINGS)
        self._locales: BoundedCache[str, _Resolved] = BoundedCache(self.MAX_CACHED_LOCALES)
        # One per (locale, time zone); digits, calendar and amounts are the kit's.
        self._formatters: BoundedCache[tuple[str, str | None], Formatter] = BoundedCache(
            self.MAX_CACHED_FORMATTERS
        )
        self._brands: dict[str, View] = {}
        default = self._parse(settings.default_locale)
        if default.language not in self.languages:
            raise LocaleError(
                settings.default_locale,
                self.languages,
                "has no templates for its language, so it cannot be the default",
            )
        self._default_locale = locale_tag(default)
        # What pickling sends: a worker builds its own environment and caches from it.
        self._settings = replace(settings, default_locale=self._default_locale)

    # -- travelling to other processes -------------------------------------------

    def __reduce__(self) -> tuple[Any, tuple[KitSettings]]:
        """Pickle the settings, not the environment: the receiving process rebuilds the
        kit once (:func:`rebuilt_kit`), importing its scenario modules first."""
        return rebuilt_kit, (self._settings,)

    @property
    def settings(self) -> KitSettings:
        """Everything this kit was built from, as another process rebuilds it."""
        return self._settings

    # -- settings (read-only) --------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        _refuse_setting(type(self), name)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        _refuse_setting(type(self), name)
        super().__delattr__(name)

    @property
    def brand(self) -> Brand:
        """The company's settings every reply shares."""
        return self._settings.brand

    @property
    def digits(self) -> Digits:
        """``"latn"`` or ``"arab"``: the digits of Arabic amounts, numbers and dates."""
        return self._settings.digits

    @property
    def calendar(self) -> Calendar:
        """``"gregorian"``, ``"hijri"`` or ``"both"``: how dates are written."""
        return self._settings.calendar

    @property
    def amounts(self) -> Amounts:
        """``"words"`` or ``"symbols"``: how a currency is named beside an amount."""
        return self._settings.amounts

    @property
    def review_rules(self) -> CompanyRules | None:
        """The company's own review rules (banned phrases, required elements), if any."""
        return self._settings.review_rules

    def review(self, text: str | Reply, language: str | None = None) -> Review:
        """Review a draft or a reply with the built-in rules and this kit's company rules."""
        if isinstance(text, Reply):
            return text.review()
        from ..reviewer import review

        return review(text, language, rules=self._settings.review_rules)

    @property
    def strict_language(self) -> bool:
        """True when free text printed untranslated is a ``LanguageError``, not a warning."""
        return self._settings.strict_language

    @property
    def default_locale(self) -> str:
        """The locale used when a render names none, as a tag (``ar-SA``)."""
        return self._default_locale

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """The company template directories, searched first."""
        return self._template_dirs

    @property
    def plugins(self) -> tuple[Plugin, ...]:
        """The installed plugins loaded, sorted by entry-point name."""
        return self._plugins

    @property
    def search_dirs(self) -> tuple[Path, ...]:
        """Company directories, then plugin directories (the built-ins come last)."""
        return self._search_dirs

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language some template directory has a layout for, sorted."""
        return self._languages

    @property
    def environment(self) -> Environment:
        """The (sandboxed) Jinja environment the templates compile in."""
        return self._environment

    @classmethod
    def from_config(
        cls,
        path: str | os.PathLike[str],
        *,
        digits: Digits | None = None,
        template_dirs: Sequence[str | os.PathLike[str]] = (),
        sandbox: bool = True,
        plugins: bool = True,
        scenarios: Sequence[str] = (),
        calendar: Calendar | None = None,
        amounts: Amounts | None = None,
        strict_language: bool | None = None,
        greeting: Greeting | None = None,
    ) -> ReplyKit:
        """A kit built from an ``apologykit.toml`` file (its keys: the configuration reference).

        Template directories and scenario files in the file are relative to the
        file, so one config works from any working directory; the file's
        ``scenarios`` are imported, which registers the company's kinds. Every
        problem is a ``ConfigError``. ``digits``, ``calendar``, ``amounts``,
        ``strict_language`` and the brand's ``greeting`` override the file's
        settings, ``template_dirs`` are searched before the file's directories
        and ``scenarios`` (modules, or files relative to the working directory)
        are imported after the file's (a command line's options win over the file).
        """
        from ..extend.config import config_key_error, import_config_scenarios, load_config

        config = load_config(path)
        import_config_scenarios(config)
        import_command_line_scenarios(scenarios)
        try:
            brand = config.brand
            if greeting is not None:
                brand = brand.model_copy(update={"greeting": greeting})
            kit = cls(
                brand,
                default_locale=config.default_locale,
                digits=digits or config.digits,
                calendar=calendar or config.calendar,
                amounts=amounts or config.amounts,
                template_dirs=[*template_dirs, *config.template_dirs],
                sandbox=sandbox,
                plugins=plugins,
                strict_language=(
                    config.strict_language if strict_language is None else strict_language
                ),
                review_rules=config.review_rules,
            )
        except LocaleError as exc:
            problem = (
                f"no template directory has the language of {config.default_locale!r}; "
                f"templates exist for: {', '.join(exc.available)}"
            )
            raise config_key_error(config, "defaults.locale", problem) from None
        travelling = (
            *absolute_scenarios(config.scenarios, config.path.resolve().parent),
            *absolute_scenarios(scenarios, Path.cwd()),
        )
        object.__setattr__(
            kit,
            "_settings",
            replace(kit._settings, config=config.path.resolve(), scenarios=travelling),
        )
        return kit

    def check_templates(self, *, review: bool = True) -> list[TemplateProblem]:
        """Every problem in this kit's templates, what ``apologykit check`` prints.

        Reads and parses each ``<lang>/*.j2`` in the company, plugin and
        built-in directories (shadowed files too: ``apologykit:`` still reaches
        them), then renders every kind's examples in every language, channel
        and gender. Errors (a syntax error, a symlink leaving its directory, a
        leftover ``[placeholder]``...) stop a batch; warnings (a kind with no
        template in some language) do not. An empty list means all is well.

        ``review=False`` skips reviewing the example replies (what a batch
        runs: that step only warns about a company's templates, and the
        built-in replies are reviewed by ``apologykit check`` in their tests).
        """
        from ..lint.checks import check

        return check(self, review=review)

    # -- locales ---------------------------------------------------------------

    def _parse(self, tag: str) -> Locale:
        try:
            return parse_locale(tag)
        except InvalidLocaleError as exc:
            raise LocaleError(tag, self.languages, f"is not a valid locale ({exc})") from None

    def resolve_locale(self, tag: str | None) -> tuple[Locale, str]:
        """The locale and template language used for ``tag`` (the default when unsupported)."""
        locale, language, _, _ = self._resolve(tag)
        return locale, language

    def _resolve(self, tag: str | None) -> _Resolved:
        # A render only looks the spelling up; a new spelling of a known locale
        # is normalised and shares that locale's entry.
        tag = tag or self.default_locale
        found = self._spellings.get(tag)
        if found is None:
            try:
                key = normalise_tag(tag)
            except InvalidLocaleError as exc:
                raise LocaleError(tag, self.languages, f"is not a valid locale ({exc})") from None
            found = self._locales.get(key)
            if found is None:
                locale = self._parse(tag)
                fallback = locale.language not in self.languages
                if fallback:
                    locale = self._parse(self.default_locale)
                found = (locale, locale.language, locale_tag(locale), fallback)
                self._locales[key] = found
            self._spellings[tag] = found
        return found

    def cache_sizes(self) -> dict[str, int]:
        """How many entries each cache keyed by callers' input holds (each is bounded).

        For a long-running service to watch: the numbers never pass the
        ``MAX_CACHED_*`` class attributes, whatever spellings callers send.
        """
        return {
            "spellings": len(self._spellings),
            "locales": len(self._locales),
            "formatters": len(self._formatters),
        }

    def formatter(self, locale: Locale, timezone: str | None) -> Formatter:
        """The cached formatter for a locale and time zone (``None``: each value's own offset)."""
        return self._formatter(locale, locale_tag(locale), timezone)

    def _formatter(self, locale: Locale, tag: str, timezone: str | None) -> Formatter:
        key = (tag, timezone)
        found = self._formatters.get(key)
        if found is None:
            found = self._formatters[key] = Formatter(
                locale, locale.language, self.digits, timezone, self.calendar, self.amounts
            )
        return found

    # -- templates -------------------------------------------------------------

    def template(self, kind: str, language: str, channel: Channel) -> Template:
        """The compiled template for a kind, language and channel (compiled once)."""
        key = (kind, language, channel)
        found = self._templates.get(key)
        if found is None:
            names = template_names(kind, language, channel)
            directories = search_path(self.search_dirs)
            # Directory by directory: a company's general template beats a
            # built-in channel-specific one.
            name = next(
                (n for d in directories for n in names if (d / n).is_file()),
                None,
            )
            if name is None:
                searched = [str(d / n) for d in directories for n in names]
                raise TemplateNotFoundError(kind, language, channel, searched)
            try:
                found = self.environment.get_template(name)
            except TemplateNotFound as exc:
                raise TemplateError(f"template not found: {exc.name}", name) from None
            except TemplateSyntaxError as exc:
                raise TemplateError(
                    exc.message or "syntax error", exc.filename or exc.name, exc.lineno
                ) from None
            self._templates[key] = found
        return found

    # -- rendering -------------------------------------------------------------

    def render(
        self,
        scenario: Scenario | Mapping[str, Any],
        locale: str | None = None,
        channel: Channel = "email",
    ) -> Reply:
        """Render ``scenario`` (a model or its dict form) for ``locale`` on ``channel``."""
        model = parse_scenario(scenario)
        cls = type(model)
        if channel not in cls.channels:
            raise ChannelError(model.kind, channel, cls.channels)
        requested = locale or self.default_locale
        babel_locale, language, used_tag, fallback = self._resolve(requested)
        gender = model.customer.gender
        template = self._gendered.get((model.kind, language, channel, gender))
        if template is None:
            template = self._template_for(cls, model.kind, language, channel, gender)
        timezone = model.customer.timezone or self._settings.brand.timezone
        variables = scenario_view(model, language)
        variables["brand"] = self._brand_view(language)
        variables["channel"] = channel
        variables["language"] = language
        variables["direction"] = text_direction = direction(language)
        state = RenderState(self._formatter(babel_locale, used_tag, timezone), gender, Steps())
        token = RENDER_STATE.set(state)
        # The output being read, for where a limit was passed.
        reading: list[Iterator[str] | None] = [None]
        try:
            try:
                body, subject = _render_text(template, variables, channel, reading)
            except Exception:
                written = self.template(model.kind, language, channel)
                if template is written and template.filename not in self._environment.merged:
                    raise
                # A merged template mixes the lines of two files (and a gendered
                # one lost its g() calls): render it as written, for an error
                # that names the right file and line.
                template = self._as_written(template)
                RENDER_STATE.set(state._replace(steps=Steps()))
                body, subject = _render_text(template, variables, channel, reading)
        except TemplateLimitError as exc:
            if exc.template is not None:
                raise
            # raised by a sandbox check, which cannot know where it was called,
            # or on the output's size: where the template was when it passed the limit
            place = _where(exc)
            pieces = reading[0]
            if place[0] is None and pieces is not None:
                place = paused_at(pieces)
            if place[0] is None:  # the render had finished: the whole template is to blame
                place = (template.filename or template.name, None)
            raise exc.at(*place) from None
        except TemplateFileError as exc:
            if exc.template is not None:
                raise
            # a refused template name: placed at the include or extends that used it
            raise exc.at(*_where(exc)) from None
        except TemplateError as exc:
            if type(exc) is not TemplateError or exc.template is not None:
                raise
            # raised by finalize or a filter, which cannot know where they were called
            raise TemplateError(str(exc), *_where(exc)) from None
        except ApologyKitError:
            raise
        except SecurityError as exc:
            raise TemplateSecurityError(str(exc), *_where(exc)) from None
        except UndefinedError as exc:
            raise TemplateError(f"undefined value: {exc.message}", *_where(exc)) from None
        except Exception as exc:  # anything else a template got wrong names its file and line
            raise _render_failure(exc, self.search_dirs) from exc
        finally:
            RENDER_STATE.reset(token)
        marked = tidy(body)
        marked_subject = " ".join(subject.split()) if subject else None
        warnings = language_warnings(model, language, marked, marked_subject or "")
        if warnings and self.strict_language:
            raise LanguageError(warnings)
        return Reply(
            kind=model.kind,
            locale=used_tag,
            requested_locale=requested,
            language=language,
            channel=channel,
            direction=text_direction,
            subject=bidi.to_text(marked_subject, text_direction) if marked_subject else None,
            text=(
                sms.message(marked, text_direction)
                if channel == "sms"
                else bidi.to_text(marked, text_direction)
            ),
            _marked=marked,
            _marked_subject=marked_subject,
            fallback=fallback,
            warnings=warnings,
            review_rules=self._settings.review_rules,
        )

    def render_many(
        self,
        records: Iterable[object],
        *,
        locale: str | None = None,
        channel: str | None = None,
        fields: Sequence[str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """One result per record, in order, lazily: ``{"ok": True, "reply": {...}}`` (the
        reply as :meth:`Reply.to_dict` gives it, only ``fields`` when given) or
        ``{"ok": False, "error": {...}}``; never raises for a bad record.

        A record's own ``locale`` and ``channel`` keys win over the arguments, as
        in ``apologykit batch``, which renders its records the same way.

        >>> results = ReplyKit().render_many(
        ...     [{"kind": "rude_agent", "customer": {"name": "Sara"}}, {"kind": "nope"}],
        ...     fields=["subject"],
        ... )
        >>> [result["ok"] for result in results]
        [True, False]
        """
        from .many import render_many

        return render_many(self, records, locale=locale, channel=channel, fields=fields)

    def render_bilingual(
        self,
        scenario: Scenario | Mapping[str, Any],
        locales: Sequence[str] = ("ar-SA", "en-GB"),
        channel: Channel = "email",
    ) -> Reply:
        """One reply holding the scenario in each of ``locales``, first language first.

        For companies that send both languages in one message. The text joins
        the versions with a line of dashes; the HTML has one ``<div dir lang>``
        per language, so each keeps its own direction; subject, locale and
        direction are the first language's. Each language is rendered once.
        """
        if isinstance(locales, str) or len(locales) < 2:
            raise ValueError(
                f"render_bilingual needs two or more locales, such as ('ar-SA', 'en-GB'), "
                f"not {locales!r}"
            )
        wanted = [self.resolve_locale(tag)[1] for tag in locales]
        if len(set(wanted)) < len(wanted):
            raise ValueError(
                f"the locales {', '.join(locales)} give the template languages "
                f"{', '.join(wanted)}; a bilingual reply needs each language once "
                f"(this kit has templates for {', '.join(self.languages)})"
            )
        model = parse_scenario(scenario)
        parts = tuple(self.render(model, locale=tag, channel=channel) for tag in locales)
        first = parts[0]
        return Reply(
            kind=first.kind,
            locale=first.locale,
            requested_locale=first.requested_locale,
            language=first.language,
            channel=channel,
            direction=first.direction,
            subject=first.subject,
            text=join_texts((part.text for part in parts), channel),
            _marked=join_texts((part._marked for part in parts), channel),
            _marked_subject=first._marked_subject,
            parts=parts,
            fallback=first.fallback,
            warnings=tuple(warning for part in parts for warning in part.warnings),
            review_rules=self._settings.review_rules,
        )

    def _template_for(
        self,
        cls: type[Scenario],
        kind: str,
        language: str,
        channel: Channel,
        gender: str | None,
    ) -> Template:
        """The template to render, counting renders until a gendered variant pays off."""
        template = self.template(kind, language, channel)
        key = (kind, language, channel, gender)
        seen = self._renders[key] = self._renders.get(key, 0) + 1
        if seen >= self.GENDER_VARIANT_AFTER:
            self._gendered[key] = self._gender_variant(template, gender, cls)
        return template

    def _gender_variant(
        self, template: Template, gender: str | None, cls: type[Scenario]
    ) -> Template:
        """``template`` compiled again for renders to come: ``gender``'s ``g()`` forms
        resolved and, merged with its layout, its blocks in place; itself when
        neither changes anything (a kind with a field named ``g`` keeps its calls)."""
        environment = self._environment
        name, loader = template.name, environment.loader
        if name is None or loader is None:
            return template
        try:
            source, filename, _ = loader.get_source(environment, name)
            tree = environment.parse(source, name, filename)
        except Exception:
            return template
        changed = False
        if filename in environment.merged:
            merged = merged_tree(environment, tree)
            if merged is not None:
                tree = inlined(merged, name)
                changed = tree is not merged
        if "g" not in cls.model_fields and can_fold(tree) and fold_gender(tree, gender):
            changed = True
        if not changed:
            return template
        return compile_tree(environment, tree, name, filename)

    def _as_written(self, template: Template) -> Template:
        """``template`` compiled as written, its layout extended at render time."""
        if self._written is None:
            environment = self._environment
            self._written = make_environment(
                environment.loader,  # type: ignore[arg-type]
                sandbox=self._settings.sandbox,
                merge_layouts=False,
            )
        return self._written.get_template(template.name)  # type: ignore[arg-type]

    def _brand_view(self, language: str) -> View:
        found = self._brands.get(language)
        if found is None:
            found = self._brands[language] = brand_view(self.brand, language)
        return found


def _render_text(
    template: Template,
    variables: dict[str, Any],
    channel: str,
    reading: list[Iterator[str] | None],
) -> tuple[str, str | None]:
    """The body and, on e-mail, the subject block, rendered from one context.

    ``reading[0]`` is the output being read, for an error's place.
    """
    context = new_context(template, variables)
    reading[0] = pieces = render_body(template, context)
    body = joined(pieces, "text")
    if channel != "email":
        return body, None
    reading[0] = subject = render_block(context, "subject")
    return body, None if subject is None else joined(subject, "subject")


def _refuse_setting(cls: type, name: str) -> None:
    """A clear error for changing a setting: a kit is built once, with its caches."""
    if isinstance(getattr(cls, name, None), property):
        raise AttributeError(
            f"ReplyKit.{name} is read-only: the kit's caches and templates were built from "
            f"it. Build a new kit with the {name} you want, e.g. ReplyKit(brand=..., digits=...)"
        )


def _render_failure(exc: Exception, search_dirs: Sequence[Path]) -> TemplateError:
    """A render-time failure as a ``TemplateError`` with the template file and line.

    Layouts and macro files compile when a render first reaches them, so a
    syntax error or a missing ``extends`` target can surface here, as can a
    template calling a method with bad arguments.
    """
    if isinstance(exc, TemplateSyntaxError):
        return TemplateError(exc.message or "syntax error", exc.filename or exc.name, exc.lineno)
    if isinstance(exc, TemplateNotFound):
        dirs = ", ".join(str(d) for d in search_path(search_dirs))
        return TemplateError(f"template {exc.name!r} not found; searched: {dirs}", *_where(exc))
    return TemplateError(f"{type(exc).__name__}: {exc}", *_where(exc))


_DEFAULT_KIT: ReplyKit | None = None


def default_kit() -> ReplyKit:
    """The process-wide kit behind :func:`apologykit.render`."""
    global _DEFAULT_KIT
    if _DEFAULT_KIT is None:
        _DEFAULT_KIT = ReplyKit()
    return _DEFAULT_KIT


def render(
    scenario: Scenario | Mapping[str, Any],
    locale: str | None = None,
    channel: Channel = "email",
) -> Reply:
    """Render with the default kit (built-in templates, default brand)."""
    return default_kit().render(scenario, locale=locale, channel=channel)


#: Rebuilt kits kept per process: a worker serves a handful of kits at most.
MAX_REBUILT_KITS = 16

_REBUILT: BoundedCache[str, ReplyKit] = BoundedCache(MAX_REBUILT_KITS)


def rebuilt_kit(settings: KitSettings) -> ReplyKit:
    """The kit ``settings`` describe, built once per process (what unpickling a kit calls)."""
    found = _REBUILT.get(settings.token)
    if found is None:
        import_command_line_scenarios(settings.scenarios)
        found = _REBUILT[settings.token] = ReplyKit.from_settings(settings)
    return found
