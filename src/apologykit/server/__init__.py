"""apologykit behind a small HTTP API, for helpdesks that are not written in Python.

Needs the optional extra ``apologykit[server]`` (FastAPI and uvicorn); the
library itself never imports this package. :func:`create_app` gives the ASGI
app for mounting in your own; ``apologykit serve`` runs it with uvicorn.
"""

from __future__ import annotations

from .app import create_app
from .settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
