"""The public surface is one list: `_EXPORTS` drives `__all__`, the lazy imports and, checked
here, the ``TYPE_CHECKING`` imports static type checkers read; the namespace types are exported
from `infisical_kit` and (async ones) `infisical_kit.aio`."""

from __future__ import annotations

import ast
import inspect

import infisical_kit
import infisical_kit.aio
from infisical_kit import _async, _sync

NAMESPACES = ("Auth", "Environments", "Folders", "Imports", "KMS", "Projects", "Secrets", "Tags")


def type_checking_imports() -> dict[str, str]:
    """Name -> module of every ``import ... as ...`` inside ``if TYPE_CHECKING:``."""
    tree = ast.parse(inspect.getsource(infisical_kit))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module, ast.unparse(stmt)
                for alias in stmt.names:
                    # `X as X` marks an explicit re-export for type checkers
                    assert alias.asname == alias.name, ast.unparse(stmt)
                    found[alias.name] = stmt.module
    return found


def test_type_checking_imports_agree_with_the_export_table() -> None:
    assert type_checking_imports() == infisical_kit._EXPORTS


def test_all_is_the_export_table() -> None:
    assert sorted(infisical_kit.__all__) == sorted(["__version__", *infisical_kit._EXPORTS])
    assert len(set(infisical_kit.__all__)) == len(infisical_kit.__all__)


def test_every_export_comes_from_its_module() -> None:
    for name, module in infisical_kit._EXPORTS.items():
        value = getattr(infisical_kit, name)
        assert getattr(__import__(module, fromlist=[name]), name) is value, name


def test_namespace_types_are_exported_for_annotations() -> None:
    for name in NAMESPACES:
        assert getattr(infisical_kit, name) is getattr(_sync, name)
        assert getattr(infisical_kit, "Async" + name) is getattr(_async, "Async" + name)
        assert getattr(infisical_kit.aio, "Async" + name) is getattr(_async, "Async" + name)
    client = infisical_kit.Client(
        "http://127.0.0.1:9", token="t", project_id="p", environment="dev", cache_ttl=0
    )
    try:
        for name in NAMESPACES:
            assert isinstance(getattr(client, name.lower()), getattr(infisical_kit, name))
    finally:
        client.close()


def test_aio_exports_the_async_layer() -> None:
    assert sorted(infisical_kit.aio.__all__) == sorted(_async.__all__)
    assert set(infisical_kit.aio.__all__) <= set(infisical_kit.__all__)
