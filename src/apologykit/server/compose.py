"""The compose page (``GET /``): a form and a live Arabic and English preview for agents.

The page is one Jinja template, one CSS file and one script, shipped inside
the package (no CDN, no build step). It is rendered by its own autoescaping
Jinja environment, never the company's sandbox: the page is the service's
code, not a reply template. Everything the page shows about kinds comes
from the API at run time, so the page holds no data and stays public when
a token guards the API; the page asks for the token and sends it itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

from babel import Locale
from babel.numbers import get_currency_name, list_currencies
from jinja2 import Environment, StrictUndefined, select_autoescape
from starlette.responses import Response

from ..__about__ import __version__

#: The page and its two static files: public even when a token guards the API.
PAGE_PATH = "/"
STYLE_PATH = "/compose/compose.css"
SCRIPT_PATH = "/compose/compose.js"
COMPOSE_PATHS = (PAGE_PATH, STYLE_PATH, SCRIPT_PATH)

#: Locales a customer is commonly in, Arabic first; any other can be typed into the API.
LOCALES = (
    "ar-SA",
    "ar-AE",
    "ar-KW",
    "ar-QA",
    "ar-BH",
    "ar-OM",
    "ar-EG",
    "ar-JO",
    "ar-LB",
    "ar-MA",
    "ar-DZ",
    "ar-TN",
    "en-GB",
    "en-US",
    "en-AU",
    "en-IN",
)
#: The currencies listed first: the Gulf, the wider region, then the usual foreign ones.
COMMON_CURRENCIES = (
    "SAR",
    "AED",
    "KWD",
    "QAR",
    "BHD",
    "OMR",
    "EGP",
    "JOD",
    "MAD",
    "USD",
    "EUR",
    "GBP",
)
#: Time zones offered for a customer's zone (the field takes any IANA name).
ZONES = (
    "Asia/Riyadh",
    "Asia/Dubai",
    "Asia/Kuwait",
    "Asia/Qatar",
    "Asia/Bahrain",
    "Asia/Muscat",
    "Africa/Cairo",
    "Asia/Amman",
    "Asia/Beirut",
    "Africa/Casablanca",
    "Africa/Algiers",
    "Africa/Tunis",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "UTC",
)

#: Headers of every compose answer: only the page's own files may run or style it.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@dataclass(frozen=True)
class Choice:
    """One option of a select: what is sent and what is shown."""

    value: str
    label: str


def locale_choices() -> list[Choice]:
    """The customer locales, each named in English ('Arabic (Saudi Arabia)')."""
    return [Choice(tag, f"{Locale.parse(tag, sep='-').get_display_name('en')}") for tag in LOCALES]


def currency_choices() -> tuple[list[Choice], list[Choice]]:
    """The common currencies, then every other ISO 4217 code the library accepts."""
    common = [
        Choice(code, f"{code} · {get_currency_name(code, locale='en')}")
        for code in COMMON_CURRENCIES
    ]
    rest = sorted(set(list_currencies()) - set(COMMON_CURRENCIES))
    others = [Choice(code, f"{code} · {get_currency_name(code, locale='en')}") for code in rest]
    return common, others


def offset_choices(now: dt.datetime | None = None) -> list[Choice]:
    """UTC offsets for a date and time, each with the zones that use it today."""
    now = now or dt.datetime.now(dt.UTC)
    places: dict[str, list[str]] = {}
    for zone in ZONES:
        offset = now.astimezone(ZoneInfo(zone)).utcoffset() or dt.timedelta()
        places.setdefault(_offset(offset), []).append(zone.rsplit("/", 1)[-1].replace("_", " "))
    choices = []
    for quarter in range(-12 * 4, 14 * 4 + 1):
        text = _offset(dt.timedelta(minutes=15 * quarter))
        if quarter % 4 and text not in places:
            continue  # odd quarter hours only where a listed zone uses one
        where = places.get(text)
        label = f"UTC{text}" + (f" ({', '.join(where)})" if where else "")
        choices.append(Choice(text, label))
    return choices


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


@cache
def _environment() -> Environment:
    return Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def asset(name: str) -> bytes:
    """One of the page's files, read once from the package."""
    return files("apologykit.server").joinpath("assets", name).read_bytes()


def _fingerprint(name: str) -> str:
    return hashlib.sha256(asset(name)).hexdigest()[:12]


@cache
def page_html(token_required: bool) -> bytes:
    """The page, rendered once per token setting (it holds no request data)."""
    template = _environment().from_string(asset("compose.html.j2").decode("utf-8"))
    common, others = currency_choices()
    return template.render(
        version=__version__,
        token_required=token_required,
        style_url=f"{STYLE_PATH}?v={_fingerprint('compose.css')}",
        script_url=f"{SCRIPT_PATH}?v={_fingerprint('compose.js')}",
        locales=locale_choices(),
        common_currencies=common,
        other_currencies=others,
        offsets=offset_choices(),
        zones=ZONES,
    ).encode("utf-8")


def page_response(token_required: bool) -> Response:
    """``GET /``: the page."""
    return Response(
        page_html(token_required), media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS
    )


def style_response() -> Response:
    """``GET /compose/compose.css``."""
    return Response(
        asset("compose.css"), media_type="text/css; charset=utf-8", headers=SECURITY_HEADERS
    )


def script_response() -> Response:
    """``GET /compose/compose.js``."""
    return Response(
        asset("compose.js"), media_type="text/javascript; charset=utf-8", headers=SECURITY_HEADERS
    )
