"""OpenAPI helpers: parameter and body schemas built from the pydantic models the routes
validate with, and the error envelope on every operation.

Routes read their parameters from the merged query + JSON body (``params.request_params``) and
validate them with a model inside the handler, so FastAPI cannot see them. A route names that
model once, in its decorator::

    @router.get("", openapi_extra=query_params(ListParams))
    @router.post("/{name}", openapi_extra=json_body(CreateParams))

``x-params-model`` in the operation records the model's name; tests compare it with the model
the handler actually parses. ``install_openapi`` adds the envelope schema and 4xx responses.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

MODEL_KEY = "x-params-model"
ENVELOPE = "ErrorEnvelope"
ENVELOPE_REF = {"$ref": f"#/components/schemas/{ENVELOPE}"}

ENVELOPE_SCHEMA: dict[str, Any] = {
    "title": ENVELOPE,
    "type": "object",
    "description": "Every error response: Infisical's envelope.",
    "required": ["reqId", "statusCode", "message", "error"],
    "properties": {
        "reqId": {"type": "string"},
        "statusCode": {"type": "integer"},
        "message": {
            "description": "A sentence, or zod-like issues for a validation failure.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["code", "path", "message"],
                        "properties": {
                            "code": {"type": "string"},
                            "path": {"type": "array", "items": {}},
                            "message": {"type": "string"},
                        },
                    },
                },
            ],
        },
        "error": {"type": "string"},
    },
}


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """Replace ``#/$defs/X`` references by the definitions (the models are not recursive)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = copy.deepcopy(defs[ref.removeprefix("#/$defs/")])
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return _inline({**target, **rest}, defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema (by alias, validation mode) with nested models inlined."""
    raw = model.model_json_schema(by_alias=True, mode="validation")
    defs = raw.pop("$defs", {})
    result: dict[str, Any] = _inline(raw, defs)
    return result


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter cannot be JSON null (absence is its null): drop that branch."""
    options = schema.get("anyOf")
    if not isinstance(options, list):
        return schema
    kept = [o for o in options if o != {"type": "null"}]
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    if rest.get("default", 0) is None:
        rest.pop("default")
    if len(kept) == 1:
        return {**kept[0], **rest}
    return {**rest, "anyOf": kept}


def query_params(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` documenting ``model``'s fields as query parameters."""
    schema = model_schema(model)
    required = set(schema.get("required", []))
    params = [
        {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": _without_null(prop),
        }
        for name, prop in schema.get("properties", {}).items()
    ]
    return {"parameters": params, MODEL_KEY: model.__name__}


def json_body(model: type[BaseModel], *, required: bool = True) -> dict[str, Any]:
    """``openapi_extra`` documenting ``model`` as the JSON request body."""
    schema = model_schema(model)
    body_required = required and bool(schema.get("required"))
    return {
        "requestBody": {
            "required": body_required,
            "content": {"application/json": {"schema": schema}},
        },
        MODEL_KEY: model.__name__,
    }


def add_error_envelope(document: dict[str, Any]) -> dict[str, Any]:
    """Add the envelope schema and point every operation's 4xx (and 422) responses at it."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas[ENVELOPE] = ENVELOPE_SCHEMA
    content = {"application/json": {"schema": ENVELOPE_REF}}
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses["422"] = {"description": "Validation failure", "content": content}
            responses["4XX"] = {"description": "Error envelope", "content": content}
    used = str(document.get("paths"))
    for name in ("HTTPValidationError", "ValidationError"):
        if name in schemas and f"/{name}'" not in used:
            schemas.pop(name)
    return document


def install_openapi(app: FastAPI) -> None:
    """Serve the document with the error envelope added (built once, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = add_error_envelope(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
