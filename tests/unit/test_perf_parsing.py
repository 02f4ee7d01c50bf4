"""The fast parse path (bytes -> model in pydantic-core) gives the same answers as before.

Behavioural only: nulls still mean "absent", odd bodies still get the specific error, and
request building encodes the query exactly once (no timing assertions here; see bench/).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import httpx
import pytest

from infisical_kit import _http_request
from infisical_kit._core import secrets as api
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.secrets import parse_secret, parse_secret_list
from infisical_kit._http_request import to_httpx
from infisical_kit.errors import ApprovalRequiredError, NotFoundError, UnexpectedResponseError
from infisical_kit.models import Folder, Secret, SecretList

SCOPE = ResolvedScope("p1", "dev", "/a b")
REQUEST = api.list_secrets(SCOPE)


def wire_secret(key: str, **extra: object) -> dict[str, object]:
    """A secret as the server sends it, nulls in the optional fields as the real one does."""
    return {
        "id": f"id-{key}",
        "secretKey": key,
        "secretValue": f"value-{key}",
        "secretComment": "",
        "version": 1,
        "secretReminderNote": None,
        "secretReminderRepeatDays": None,
        "metadata": None,
        "tags": [{"id": "t", "slug": "s", "name": "n", "color": None}],
        "createdAt": "2026-01-02T03:04:05.000Z",
        **extra,
    }


def respond(body: object, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode())


def test_list_parses_from_bytes_with_nulls_in_optional_fields() -> None:
    body = {"secrets": [wire_secret(f"K{i}") for i in range(100)], "imports": []}
    result = parse_secret_list(REQUEST, respond(body))
    assert [s.key for s in result.secrets] == [f"K{i}" for i in range(100)]
    first = result.secrets[0]
    assert first.value == "value-K0" and first.reminder_note is None
    assert first.tags[0].color is None and first.created_at is not None
    assert result == SecretList.model_validate(body)


def test_nulls_in_required_shaped_fields_still_fall_back_to_defaults() -> None:
    body = {
        "secrets": [
            wire_secret("A", secretComment=None, secretValue=None, tags=None, type=None),
            wire_secret("B", tags=[{"slug": None, "name": "x"}]),
        ],
        "imports": None,
    }
    result = parse_secret_list(REQUEST, respond(body))
    a, b = result.secrets
    assert (a.comment, a.value, a.tags, a.type) == ("", "", (), "shared")
    assert b.tags[0].slug == "" and b.tags[0].name == "x"
    assert result.imports == []
    assert Secret.model_validate_json(json.dumps(body["secrets"][0])).comment == ""


def test_a_wrong_type_is_still_an_error_not_a_default() -> None:
    body = {"secrets": [wire_secret("A", secretValue={"nested": "object"})]}
    with pytest.raises(UnexpectedResponseError, match="cannot parse secrets"):
        parse_secret_list(REQUEST, respond(body))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"secrets": "nope"}', "cannot parse secrets"),
    ],
)
def test_odd_list_bodies_get_the_specific_error(content: bytes, message: str) -> None:
    with pytest.raises(UnexpectedResponseError, match=message):
        parse_secret_list(REQUEST, httpx.Response(200, content=content))


def test_error_status_is_mapped_before_parsing() -> None:
    body = {"statusCode": 404, "message": "Secret not found", "error": "NotFound"}
    with pytest.raises(NotFoundError, match="Secret not found"):
        parse_secret_list(REQUEST, respond(body, 404))


def test_single_secret_fast_path_and_fallbacks() -> None:
    get = api.get_secret("A", SCOPE)
    secret = parse_secret(get, respond({"secret": wire_secret("A", secretComment=None)}))
    assert secret.key == "A" and secret.comment == "" and secret.version == 1
    with pytest.raises(ApprovalRequiredError) as caught:
        parse_secret(get, respond({"approval": {"id": "ap1"}}))
    assert caught.value.approval_id == "ap1"
    with pytest.raises(UnexpectedResponseError, match="no 'secret' object"):
        parse_secret(get, respond({"secret": None}))
    with pytest.raises(UnexpectedResponseError, match="cannot parse secret"):
        parse_secret(get, respond({"secret": {"secretKey": ["not", "a", "string"]}}))


def test_value_never_in_a_parse_error() -> None:
    body = {"secrets": [wire_secret("A", secretValue="hunter2-secret", version="not-int")]}
    with pytest.raises(UnexpectedResponseError) as caught:
        parse_secret_list(REQUEST, respond(body))
    assert "hunter2-secret" not in str(caught.value)
    assert "hunter2-secret" not in repr(caught.value)


def test_request_query_is_what_httpx_params_would_send() -> None:
    built = to_httpx(REQUEST, "http://h:1", {"Authorization": "Bearer t"})
    reference = httpx.Request("GET", "http://h:1/api/v4/secrets", params=list(REQUEST.params))
    assert built.url == reference.url
    assert parse_qsl(built.url.query.decode()) == list(REQUEST.params)
    assert built.headers["authorization"] == "Bearer t"
    assert built.content == b""


def test_request_json_body_is_encoded_once_and_unchanged() -> None:
    request = api.create_secret("K", "v", SCOPE, comment="c")
    built = to_httpx(request, "http://h:1")
    assert json.loads(built.content) == dict(request.json or {})
    assert built.headers["content-type"] == "application/json"
    assert "?" not in str(built.url)


def test_url_memo_is_bounded_and_keyed_by_everything() -> None:
    first = to_httpx(REQUEST, "http://h:1")
    again = to_httpx(REQUEST, "http://h:1")
    other_base = to_httpx(REQUEST, "http://h:2")
    other_flag = to_httpx(api.list_secrets(SCOPE, recursive=True), "http://h:1")
    assert first.url == again.url
    assert other_base.url.port == 2 and other_base.url.query == first.url.query
    assert ("recursive", "true") in parse_qsl(other_flag.url.query.decode())
    assert ("recursive", "false") in parse_qsl(first.url.query.decode())
    for i in range(3 * _http_request._MAX_URLS):
        to_httpx(api.get_secret(f"K{i}", SCOPE), "http://h:1")
        assert len(_http_request._URLS) <= _http_request._MAX_URLS
    assert to_httpx(api.get_secret("K0", SCOPE), "http://h:1").url.path == "/api/v4/secrets/K0"


def test_generic_parsers_take_the_bytes_path_and_keep_their_errors() -> None:
    req = ApiRequest("GET", "/api/v1/folders")
    folders = [
        {"id": f"f{i}", "name": f"n{i}", "description": None, "version": None} for i in range(3)
    ]
    parsed = parse_list(req, respond({"folders": folders, "other": 1}), "folders", Folder)
    assert [f.name for f in parsed] == ["n0", "n1", "n2"]
    assert parsed == [Folder.model_validate(f) for f in folders]
    nulls = parse_list(req, respond({"folders": [{"id": "x", "name": None}]}), "folders", Folder)
    assert nulls[0].name == ""
    one = parse_object(req, respond({"folder": folders[0]}), "folder", Folder)
    assert one.id == "f0"
    with pytest.raises(ApprovalRequiredError):
        parse_object(req, respond({"approval": {"id": "a"}}), "folder", Folder)
    with pytest.raises(UnexpectedResponseError, match="expected a Folder object"):
        parse_list(req, respond({"folders": [None]}), "folders", Folder)
    with pytest.raises(UnexpectedResponseError, match="no 'folders' list"):
        parse_list(req, respond({"item": []}), "folders", Folder)
    with pytest.raises(UnexpectedResponseError, match="no 'folder' object"):
        parse_object(req, respond({"item": folders[0]}), "folder", Folder)
    with pytest.raises(NotFoundError):
        parse_list(req, respond({"message": "no", "error": "NotFound"}, 404), "folders", Folder)
