"""What the service needs besides the kit: who may call it, from where, how much.

Plain data, without FastAPI, so the command line can check a setting (a
public address without a token) before importing the server at all.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

#: Largest request body accepted by default: a scenario is a few kilobytes.
DEFAULT_MAX_BODY_BYTES = 256 * 1024
#: The environment variable the bearer token is read from by default.
TOKEN_ENV = "APOLOGYKIT_TOKEN"


@dataclass(frozen=True)
class ServerSettings:
    """How the service guards itself.

    ``token``: when set, every request but ``GET /healthz`` needs the header
    ``Authorization: Bearer <token>``. ``cors_origins``: browser origins
    allowed to call the API from another site (none by default).
    ``max_body_bytes``: a larger request is refused with 413 before it is read.
    """

    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if self.token is not None and not self.token.strip():
            raise ValueError("the server token is empty; set a long random string or none")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be positive, not {self.max_body_bytes}")


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("192.168.1.4"), is_loopback("example.com")
    (False, False, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost may resolve anywhere
        return False
