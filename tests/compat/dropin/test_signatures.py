"""The drop-ins have the public names and signatures of the real packages: compared with the
installed package where it installs here (infisicalsdk, infisical-python), else with the
signatures `scripts/compat_signatures.py` read from its 1.1.0 wheel (infisical-httpx-sdk pins
httpx, pydantic and keyring to exact versions, so it is not installed next to ours)."""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
from pathlib import Path
from typing import Any

import pytest

from infisical_kit.compat import infisical_client as legacy
from infisical_kit.compat import infisicalsdk
from infisical_kit.compat.infisical_httpx import clients as httpx_clients
from infisical_kit.compat.infisical_httpx.credentials import providers
from infisical_kit.compat.infisical_httpx.resources import certificates, folders, secrets

SIGNATURES = Path(__file__).parent / "signatures"


def params(func: Any) -> list[list[Any]]:
    """``[name, kind, has_default]`` per parameter (as scripts/compat_signatures.py writes)."""
    return [
        [p.name, p.kind.name, p.default is not inspect.Parameter.empty]
        for p in inspect.signature(func).parameters.values()
    ]


def public(obj: Any) -> dict[str, Any]:
    """The public methods the class of `obj` defines (not callables stored on the instance)."""
    cls = type(obj)
    kinds = (staticmethod, types.FunctionType)
    return {
        name: getattr(obj, name)
        for name in dir(cls)
        if not name.startswith("_") and isinstance(inspect.getattr_static(cls, name), kinds)
    }


def test_infisicalsdk_client_and_namespaces() -> None:
    real = pytest.importorskip("infisical_sdk")
    theirs = real.InfisicalSDKClient(host="http://127.0.0.1:9", cache_ttl=None)
    ours = infisicalsdk.InfisicalSDKClient(host="http://127.0.0.1:9", cache_ttl=None)
    assert params(type(ours).__init__) == params(type(theirs).__init__)
    paths = ["", "auth.universal_auth", "auth.aws_auth", "auth.oidc_auth", "auth.token_auth",
             "auth.ldap_auth", "secrets", "folders", "kms", "dynamic_secrets",
             "dynamic_secrets.leases"]  # fmt: skip
    for path in paths:
        a, b = theirs, ours
        for part in filter(None, path.split(".")):
            a, b = getattr(a, part), getattr(b, part)
        expected = {n: f for n, f in public(a).items() if not inspect.isclass(f)}
        got = public(b)
        assert set(expected) <= set(got), (path, set(expected) - set(got))
        for name, func in expected.items():
            assert params(got[name]) == params(func), f"{path}.{name}"
    for name in real.__all__ if hasattr(real, "__all__") else dir(real):
        if not name.startswith("_") and not inspect.ismodule(getattr(real, name)):
            assert hasattr(infisicalsdk, name), name


def legacy_reference() -> dict[str, Any]:
    return json.loads((SIGNATURES / "infisical-python-2.3.5.json").read_text())


def test_infisical_python_matches_the_committed_list_and_the_real_package() -> None:
    reference = legacy_reference()
    for spec, members in reference.items():
        name = spec.partition(":")[2]
        ours = getattr(legacy, name)
        if dataclasses.is_dataclass(ours):
            assert [f.name for f in dataclasses.fields(ours)] == members["__fields__"], name
        for method, expected in members.items():
            if method != "__fields__":
                assert params(getattr(ours, method)) == expected, f"{name}.{method}"
    real = pytest.importorskip("infisical_client")  # the list itself is the real one
    for spec, members in reference.items():
        theirs = getattr(real, spec.partition(":")[2])
        if dataclasses.is_dataclass(theirs):
            assert [f.name for f in dataclasses.fields(theirs)] == members["__fields__"]
        for method, expected in members.items():
            if method != "__fields__":
                assert params(getattr(theirs, method)) == expected
    exported = {n for n in dir(real) if not n.startswith("_") and n[0].isupper()}
    assert exported - set(legacy.__all__) == {"RustInfisicalClient"}  # the compiled core


OURS_HTTPX = {
    "InfisicalClient": httpx_clients.InfisicalClient,
    "InfisicalAsyncClient": httpx_clients.InfisicalAsyncClient,
    "SecretsV3": secrets.SecretsV3,
    "FoldersV1": folders.FoldersV1,
    "CertificatesV1": certificates.CertificatesV1,
    "CertificatesV2": certificates.CertificatesV2,
    "InfisicalCredentialProviderChain": providers.InfisicalCredentialProviderChain,
    "BaseInfisicalProvider": providers.BaseInfisicalProvider,
    "InfisicalExplicitProvider": providers.InfisicalExplicitProvider,
    "InfisicalCredentials": providers.InfisicalCredentials,
    "CreateSecretRequest": secrets.CreateSecretRequest,
    "UpdateSecretRequest": secrets.UpdateSecretRequest,
    "DeleteSecretRequest": secrets.DeleteSecretRequest,
    "Secret": secrets.Secret,
    "Folder": folders.Folder,
    "CreateFolderRequest": folders.CreateFolderRequest,
    "UpdateFolderRequest": folders.UpdateFolderRequest,
    "DeleteFolderRequest": folders.DeleteFolderRequest,
}
#: their low-level request hooks, which would be a second HTTP path (docs/drop-in.md)
NOT_PROVIDED = {"create_request", "handle_request"}


def test_infisical_httpx_sdk() -> None:
    reference = json.loads((SIGNATURES / "infisical-httpx-sdk-1.1.0.json").read_text())
    client_params = reference.pop("infisical._types:InfisicalClientParams")["__fields__"]
    for spec, members in reference.items():
        name = spec.partition(":")[2]
        ours = OURS_HTTPX[name]
        fields = members.pop("__fields__", None)
        if fields is not None and hasattr(ours, "model_fields"):
            declared = set(fields) - {"_secret_id"}  # a private attribute there, not a field
            inherited = set(ours.model_fields) - declared  # from InfisicalResourceRequest
            assert declared <= set(ours.model_fields), name
            assert inherited <= {"workspace_id", "environment"}, name
        for method, expected in members.items():
            if method in NOT_PROVIDED:
                continue
            got = params(getattr(ours, method))
            if name.startswith("Infisical") and name.endswith("Client") and method == "__init__":
                # theirs: **kwargs typed by InfisicalClientParams; ours: those keywords, spelled out
                assert sorted(p[0] for p in got[1:]) == sorted(client_params), name
                continue
            if method == "__init__" and expected[1:2] == [["client", "POSITIONAL_OR_KEYWORD",
                                                           False]]:  # fmt: skip
                continue  # resources are built by the client
            assert got == expected, f"{name}.{method}"
