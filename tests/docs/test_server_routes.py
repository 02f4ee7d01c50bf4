"""docs/server-routes.md is generated from the server's OpenAPI document and must be current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from infisical_kit.testing.plugin import require_server

ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_server_routes", ROOT / "scripts" / "gen_server_routes.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_server_routes_page_is_current() -> None:
    """Regenerate with ``python scripts/gen_server_routes.py`` when routes change."""
    require_server()
    gen = _generator()
    document = gen.openapi_document()
    expected = gen.render(document)
    committed = (ROOT / "docs" / "server-routes.md").read_text(encoding="utf-8")
    assert committed == expected, "docs/server-routes.md is stale: run scripts/gen_server_routes.py"
    # the page really lists the served routes, e.g. the ones every Infisical client uses
    for path in ("/api/v4/secrets/{name}", "/api/v1/auth/universal-auth/login"):
        assert path in document["paths"] and f"`{path}`" in committed
