"""The web console: HTML pages served at ``/`` beside the API, for a person in a browser.

A layer beside ``api/``: its routes parse a form, call the same services with the same
:class:`~infisical_kit.server.actor.Actor` and permission checks, and render a template.
No queries of its own (``tests/server/test_layers.py``). See ``docs/console.md``.
"""

from __future__ import annotations

from fastapi import FastAPI

from .routes import ROUTERS


def install(app: FastAPI) -> None:
    """Add the console's routes to ``app`` (after the API's, so the API keeps its paths)."""
    for router in ROUTERS:
        app.include_router(router)
