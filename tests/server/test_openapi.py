"""The OpenAPI document at ``/api/docs/json``: every route is there with its path, query and
JSON-body parameters (taken from the pydantic model the handler actually validates with), the
error envelope on every operation, and the document is valid OpenAPI 3.1."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from infisical_kit.server.api.login_params import form_or_json
from infisical_kit.server.app import create_app
from infisical_kit.server.console.render import ConsoleRoute
from infisical_kit.server.openapi import ENVELOPE, MODEL_KEY
from infisical_kit.server.params import request_params
from infisical_kit.server.settings import ServerSettings
from infisical_kit.testing import LocalServer

BODY_METHODS = {"POST", "PATCH", "PUT", "DELETE"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(ServerSettings(data_dir=tmp_path_factory.mktemp("oa-app"), dev=True))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with LocalServer(Path(tmp_path_factory.mktemp("oa-served"))) as srv:
        resp = httpx.get(f"{srv.url}/api/docs/json", timeout=30)
        assert resp.status_code == 200
        yield resp.json()


def _api_routes(app: FastAPI) -> list[Any]:
    """Every API route of the app (through included routers), as route contexts: all but
    the web console's pages (``ConsoleRoute``, never in the document)."""
    return [
        c
        for c in iter_route_contexts(app.routes)
        if isinstance(c.original_route, APIRoute) and not isinstance(c.original_route, ConsoleRoute)
    ]


def test_only_the_console_is_left_out_of_the_api_routes(app: FastAPI) -> None:
    console = [
        c.original_route
        for c in iter_route_contexts(app.routes)
        if isinstance(c.original_route, ConsoleRoute)
    ]
    assert len(console) >= 30
    assert not [r.path for r in console if r.path.startswith("/api")]
    assert not [r.path for r in console if r.include_in_schema]


def _reads_params(route: Any) -> bool:
    """The route reads the merged query/body (or a login's JSON or form body): as a
    dependency, or by validating a model."""
    readers = (request_params, form_or_json)

    def walk(dep: Any) -> bool:
        return any(d.call in readers or walk(d) for d in dep.dependencies)

    return walk(route.original_route.dependant) or bool(parsed_models(route.endpoint))


def _model(value: Any) -> type[BaseModel] | None:
    return value if isinstance(value, type) and issubclass(value, BaseModel) else None


def parsed_models(func: Callable[..., Any], depth: int = 3) -> set[type[BaseModel]]:
    """Models the handler validates with: ``parse(Model, ...)``, or a model handed to another
    server function (``_prepared(request, ctx, GetParams)``), here or in what it calls."""
    found: set[type[BaseModel]] = set()
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    # names the handler sees: its module's globals and, for handlers made by a factory, the
    # factory's variables it closes over
    scope = {**func.__globals__, **inspect.getclosurevars(func).nonlocals}  # type: ignore[attr-defined]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        target = scope.get(node.func.id)
        if not (inspect.isfunction(target) or inspect.isclass(target)) or not (
            target.__module__.startswith("infisical_kit.server")
        ):
            continue
        for arg in node.args:
            model = _model(scope.get(arg.id)) if isinstance(arg, ast.Name) else None
            if model is not None:
                found.add(model)
        if (
            depth > 0
            and inspect.isfunction(target)
            and target is not func
            and node.func.id != "parse"
        ):
            found |= parsed_models(target, depth - 1)
    return found


def _field_names(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _required(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items() if info.is_required()}


def _schema_routes(app: FastAPI) -> list[Any]:
    return [r for r in _api_routes(app) if r.include_in_schema]


def test_every_route_is_documented(app: FastAPI, served: dict[str, Any]) -> None:
    paths = served["paths"]
    documented_endpoints = set()
    for route in _schema_routes(app):
        item = paths.get(route.path_format)
        assert item is not None, f"{route.path_format} missing from the document"
        for method in route.methods:
            assert method.lower() in item, f"{method} {route.path_format} missing"
        documented_endpoints.add(route.endpoint)
    hidden = [r for r in _api_routes(app) if not r.include_in_schema]
    for route in hidden:  # aliases (trailing slash, old prefixes) share a documented handler
        assert route.endpoint in documented_endpoints, route.path_format
    n_ops = sum(len(r.methods) for r in _schema_routes(app))
    assert n_ops >= 100
    assert n_ops == sum(
        1 for item in paths.values() for m in item if m in {"get", "post", "patch", "delete"}
    )


def test_parameters_come_from_the_validated_model(app: FastAPI, served: dict[str, Any]) -> None:
    checked = 0
    for route in _schema_routes(app):
        for method in route.methods:
            op = served["paths"][route.path_format][method.lower()]
            label = f"{method} {route.path_format}"
            path_params = set(re.findall(r"{(\w+)}", route.path_format))
            documented_path = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert documented_path == path_params, label
            for p in op.get("parameters", []):
                if p["in"] == "path":
                    assert p["required"] is True, label
            if not _reads_params(route):
                assert MODEL_KEY not in op, label
                assert "requestBody" not in op, label
                continue
            models = parsed_models(route.endpoint)
            assert len(models) == 1, (label, models)
            (model,) = models
            assert op.get(MODEL_KEY) == model.__name__, f"{label} documents the wrong model"
            if method == "GET":
                query = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
                assert set(query) == _field_names(model), label
                assert {n for n, p in query.items() if p["required"]} == _required(model), label
                assert "requestBody" not in op, label
            else:
                assert method in BODY_METHODS
                schema = op["requestBody"]["content"]["application/json"]["schema"]
                assert set(schema["properties"]) == _field_names(model), label
                assert set(schema.get("required", [])) == _required(model), label
                assert "$ref" not in str(schema), label  # nested models are inlined
            checked += 1
    assert checked >= 40


def test_error_envelope_on_every_operation(served: dict[str, Any]) -> None:
    envelope = served["components"]["schemas"][ENVELOPE]
    assert set(envelope["required"]) == {"reqId", "statusCode", "message", "error"}
    ref = f"#/components/schemas/{ENVELOPE}"
    for path, item in served["paths"].items():
        for method, op in item.items():
            for code in ("4XX", "422"):
                schema = op["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": ref}, (method, path, code)
    assert "HTTPValidationError" not in served["components"]["schemas"]


def test_document_is_valid_openapi(served: dict[str, Any]) -> None:
    import schemathesis
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    assert served["openapi"].startswith("3.1")
    OPENAPI_31_VALIDATOR.validate(served)
    api = schemathesis.openapi.from_dict(served)
    api.validate()
    operations = [r.ok() for r in api.get_all_operations()]
    assert len(operations) == sum(len(item) for item in served["paths"].values())


def test_sample_operation_shapes(served: dict[str, Any]) -> None:
    """Spot checks of what a reader of the document sees (alias names, enums, bounds)."""
    get_v4 = served["paths"]["/api/v4/secrets/{name}"]["get"]
    names = {p["name"] for p in get_v4["parameters"]}
    assert {"projectId", "workspaceId", "environment", "secretPath", "version", "type"} <= names
    version = next(p for p in get_v4["parameters"] if p["name"] == "version")
    assert version["schema"]["type"] == "integer" and version["schema"]["minimum"] == 1
    create = served["paths"]["/api/v2/secret-imports"]["post"]["requestBody"]
    body = create["content"]["application/json"]["schema"]
    assert "import" in body["properties"] and "import_" not in body["properties"]
    assert "import" in body["required"]
    by_id = served["paths"]["/api/v4/secrets/id/{secret_id}"]["get"]
    assert [p["name"] for p in by_id["parameters"]] == ["secret_id"]
