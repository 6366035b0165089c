"""The FastAPI app: the kit's kinds, schemas and renders as a JSON API under ``/v1``.

Rendering is CPU work done by synchronous code, so each render runs in the
threadpool and the event loop keeps answering other requests meanwhile (the
kit is safe to share between threads). Requests are read and checked by
this module rather than by FastAPI's body parsing, so that every error a
caller can cause is the library's own message with its field paths.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from ..__about__ import __version__
from ..batch.run import default_channel
from ..errors import ApologyKitError, InputError, UnknownKindError
from ..model.jsontext import json_object
from ..model.scenario import Scenario, parse_scenario, scenario_class, scenario_kinds
from ..renderer.kit import ReplyKit
from ..reviewer import review
from .compose import (
    COMPOSE_PATHS,
    PAGE_PATH,
    SCRIPT_PATH,
    STYLE_PATH,
    page_response,
    script_response,
    style_response,
)
from .guards import BearerToken, BodyLimit
from .models import (
    BilingualRequest,
    ErrorOut,
    Health,
    KindOut,
    ReplyOut,
    ReplyRequest,
    ReviewOut,
    ReviewRequest,
)
from .openapi import add_kinds
from .responses import JSON, error_response, problem
from .settings import ServerSettings

_LOG = logging.getLogger("apologykit.server")

_Model = TypeVar("_Model", bound=BaseModel)

#: Paths anyone may call, token or not: a load balancer's health check, and the
#: compose page with its two files (they hold no data; the page asks for the token).
PUBLIC_PATHS = ("/healthz", *COMPOSE_PATHS)

#: Names of the HTTP errors the service answers itself, for the error's ``type``.
_HTTP_ERRORS = {
    400: "BadRequest",
    401: "Unauthorized",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
}

_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "Bad input: the message names the field and the fix."},
    413: {"model": ErrorOut, "description": "The body is over the server's limit."},
    415: {"model": ErrorOut, "description": "The body is not sent as application/json."},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such kind; the message names the closest."}
}


def create_app(kit: ReplyKit | None = None, settings: ServerSettings | None = None) -> FastAPI:
    """The ASGI app serving ``kit`` (a default kit when none is given).

    Mount it in your own app, or run it with any ASGI server;
    ``apologykit serve`` runs it with uvicorn. ``settings`` set the token,
    CORS origins and body limit (:class:`ServerSettings`).
    """
    kit = kit if kit is not None else ReplyKit()
    settings = settings if settings is not None else ServerSettings()
    app = FastAPI(
        title="apologykit",
        version=__version__,
        description="Customer-support reply drafts in Arabic and English, from typed scenarios.",
        # FastAPI's documentation pages load their scripts from a CDN: /openapi.json only.
        docs_url=None,
        redoc_url=None,
        default_response_class=JSON,
    )
    app.state.kit = kit
    app.state.settings = settings
    _add_error_handlers(app)
    _add_routes(app, kit)
    _add_compose_page(app, token_required=settings.token is not None)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    # The last added runs first: CORS answers preflights (which carry no token),
    # then the token is checked, then the body's size.
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    if settings.token is not None:
        app.add_middleware(BearerToken, token=settings.token, public=PUBLIC_PATHS)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    return app


def _add_routes(app: FastAPI, kit: ReplyKit) -> None:
    schemas: dict[type[Scenario], dict[str, Any]] = {}

    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> JSON:
        """Whether the service is up (needs no token)."""
        return JSON({"status": "ok", "version": __version__, "kinds": len(scenario_kinds())})

    @app.get("/v1/kinds", response_model=list[KindOut], tags=["kinds"])
    def kinds() -> JSON:
        """Every scenario kind: when to use it, its channels and its required fields."""
        return JSON([_summary(scenario_class(name)) for name in scenario_kinds()])

    @app.get("/v1/kinds/{kind}/schema", responses=_NOT_FOUND, tags=["kinds"])
    def kind_schema(kind: str) -> JSON:
        """The JSON Schema of one kind, for forms and validation in other tools."""
        try:
            cls = scenario_class(kind)
        except UnknownKindError as exc:
            return error_response(404, exc)
        found = schemas.get(cls)
        if found is None:
            found = schemas[cls] = cls.model_json_schema()
        return JSON(found)

    @app.get("/v1/kinds/{kind}/examples", responses=_NOT_FOUND, tags=["kinds"])
    def kind_examples(kind: str) -> JSON:
        """The kind's example scenarios, ready to send to POST /v1/replies."""
        try:
            cls = scenario_class(kind)
        except UnknownKindError as exc:
            return error_response(404, exc)
        return JSON([ex.model_dump(mode="json", exclude_unset=True) for ex in cls.examples()])

    @app.post(
        "/v1/replies",
        response_model=ReplyOut,
        responses=_ERRORS,
        tags=["replies"],
        openapi_extra=_body("ReplyRequest"),
    )
    async def replies(request: Request) -> JSON:
        """Render one scenario for one locale and channel."""
        asked = await _read(request, ReplyRequest)
        return JSON(await run_in_threadpool(_render, kit, asked))

    @app.post(
        "/v1/replies/bilingual",
        response_model=ReplyOut,
        responses=_ERRORS,
        tags=["replies"],
        openapi_extra=_body("BilingualRequest"),
    )
    async def bilingual(request: Request) -> JSON:
        """Render one scenario in two or more languages as one reply, first language first."""
        asked = await _read(request, BilingualRequest)
        return JSON(await run_in_threadpool(_render_bilingual, kit, asked))

    @app.post(
        "/v1/reviews",
        response_model=ReviewOut,
        responses=_ERRORS,
        tags=["reviews"],
        openapi_extra=_body("ReviewRequest"),
    )
    async def reviews(request: Request) -> JSON:
        """Review an apology draft: its parts, what undoes it, a score (the kit's rules too)."""
        asked = await _read(request, ReviewRequest)
        return JSON(await run_in_threadpool(_review, kit, asked))


def _add_compose_page(app: FastAPI, token_required: bool) -> None:
    """``GET /``: the compose page, its style and its script (compose.py)."""

    def page() -> Response:
        return page_response(token_required)

    app.add_api_route(PAGE_PATH, page, include_in_schema=False)
    app.add_api_route(STYLE_PATH, style_response, include_in_schema=False)
    app.add_api_route(SCRIPT_PATH, script_response, include_in_schema=False)


def _summary(cls: type[Scenario]) -> dict[str, Any]:
    return {
        "kind": str(cls.model_fields["kind"].default),
        "description": cls.summary(),
        "channels": list(cls.channels),
        "required": [name for name, info in cls.model_fields.items() if info.is_required()],
    }


def _body(model: str) -> dict[str, Any]:
    """The request body's place in the OpenAPI document (the body is read by hand)."""
    schema = {"$ref": f"#/components/schemas/{model}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def _read(request: Request, model: type[_Model]) -> _Model:
    """The request's JSON body as ``model``, or the library's error naming what is wrong."""
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise HTTPException(
            415,
            f"the body must be sent as Content-Type: application/json, not {media or 'none'!r}",
        )
    data = await request.body()  # BodyLimit has bounded it
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the request body is not UTF-8 ({exc.reason} at byte {exc.start}); send UTF-8 JSON"
        ) from None
    raw = json_object(text, "the request body")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise _request_error(exc) from None


def _request_error(exc: ValidationError) -> InputError:
    """The envelope's errors (locale, channel, format) in the library's words and paths."""
    fields: list[str] = []
    lines: list[str] = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"]) or "(body)"
        fields.append(path)
        lines.append(f"{path}: {error['msg']}")
    noun = "field" if len(lines) == 1 else "fields"
    return InputError(f"the request has {len(lines)} invalid {noun}: " + "; ".join(lines), fields)


def _render(kit: ReplyKit, asked: ReplyRequest) -> dict[str, Any]:
    model = parse_scenario(asked.scenario)
    channel = asked.channel or default_channel(type(model))
    reply = kit.render(model, locale=asked.locale, channel=channel)
    return reply.to_dict(html=asked.format == "full")


def _render_bilingual(kit: ReplyKit, asked: BilingualRequest) -> dict[str, Any]:
    model = parse_scenario(asked.scenario)
    channel = asked.channel or default_channel(type(model))
    try:
        reply = kit.render_bilingual(model, locales=asked.locales, channel=channel)
    except ApologyKitError:
        raise
    except ValueError as exc:  # two locales of one language: the list is what to fix
        raise InputError(str(exc), fields=["locales"]) from None
    return reply.to_dict(html=asked.format == "full")


def _review(kit: ReplyKit, asked: ReviewRequest) -> dict[str, Any]:
    found = review(asked.text, asked.language, rules=kit.review_rules, apology=asked.apology)
    return found.to_dict()


def _add_error_handlers(app: FastAPI) -> None:
    async def library_error(request: Request, exc: Exception) -> JSON:
        assert isinstance(exc, ApologyKitError)
        # The class says: 422 for input the caller can fix, 500 for the server's own templates.
        if exc.http_status >= 500:
            _LOG.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(exc.http_status, exc)

    async def http_error(request: Request, exc: Exception) -> JSON:
        assert isinstance(exc, HTTPException)
        message = str(exc.detail)
        if exc.status_code == 404:
            message = (
                f"no route {request.url.path!r}; the API is under /v1 (the whole of it is "
                "described at /openapi.json)"
            )
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; use {_allowed(exc)}"
        response = problem(exc.status_code, _HTTP_ERRORS.get(exc.status_code, "HTTPError"), message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> JSON:
        assert isinstance(exc, RequestValidationError)
        fields = [".".join(str(part) for part in error["loc"]) for error in exc.errors()]
        return problem(422, "InputError", f"invalid request: {', '.join(fields)}", fields)

    async def unexpected(request: Request, exc: Exception) -> JSON:
        _LOG.exception("%s %s failed", request.method, request.url.path)
        return problem(500, "InternalError", "the server failed on this request; see its log")

    app.add_exception_handler(ApologyKitError, library_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


def _allowed(exc: HTTPException) -> str:
    return (exc.headers or {}).get("Allow", "another method")


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            add_kinds(schema, [scenario_class(name) for name in scenario_kinds()])
            app.openapi_schema = schema
        return app.openapi_schema

    return build
