"""The checks every request passes before the API sees it: its token and its size.

Both are plain ASGI middleware, so they run before any body is read: a
wrong token or a body over the limit costs the server a header's worth of
work, never the body's.
"""

from __future__ import annotations

import hmac
from collections.abc import Collection

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .responses import error_body


class BearerToken:
    """Refuses (401) any request without ``Authorization: Bearer <token>``.

    The comparison takes the same time whatever the guess, so a caller
    cannot find the token a byte at a time. ``public`` paths (the health
    check) need no token: load balancers call them without one.
    """

    def __init__(self, app: ASGIApp, token: str, public: Collection[str] = ()) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()
        self.public = frozenset(public)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.public:
            await self.app(scope, receive, send)
            return
        given = b""
        for name, value in scope["headers"]:
            if name == b"authorization":
                given = value
                break
        if hmac.compare_digest(given, self.expected):
            await self.app(scope, receive, send)
            return
        problem = "has the wrong token" if given else "is missing"
        await send_error(
            send,
            401,
            "Unauthorized",
            f"the Authorization header {problem}; send 'Authorization: Bearer <token>' "
            "with the token the server was started with",
            extra_headers=[(b"www-authenticate", b'Bearer realm="apologykit"')],
        )


class BodyLimit:
    """Refuses (413) a request body over ``limit`` bytes, before reading it.

    A declared ``Content-Length`` over the limit is refused at once; a body
    without one (chunked) is counted as it arrives and refused as soon as it
    passes the limit, so no more than ``limit`` bytes are ever held.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = value
                break
        if declared is not None:
            if not declared.isdigit() or len(declared) > 20:
                await send_error(
                    send, 400, "BadRequest", "the Content-Length header is not a number"
                )
                return
            if int(declared) > self.limit:
                await send_error(send, 413, "PayloadTooLarge", self.message(int(declared)))
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, self.message(None))
            return message

        await self.app(scope, counted, send)

    def message(self, size: int | None) -> str:
        """What a caller is told: the limit, and the size when the header said it."""
        got = f" ({size:,} bytes)" if size is not None else ""
        return (
            f"the request body is larger than {self.limit:,} bytes{got}; "
            "a scenario is a few kilobytes: send one scenario per request"
        )


async def send_error(
    send: Send,
    status: int,
    kind: str,
    message: str,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Answer with the service's JSON error, straight from the middleware."""
    body = error_body(kind, message)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra_headers or []),
    ]
    if status == 413:  # the rest of the body is not read: tell the client not to reuse the line
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
