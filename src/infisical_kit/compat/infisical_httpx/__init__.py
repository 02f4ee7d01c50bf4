"""Drop-in for ``infisical-httpx-sdk`` 1.1.0 (``import infisical``).

Replace the ``infisical.`` prefix of your imports with ``infisical_kit.compat.infisical_httpx.``
(``from infisical import InfisicalClient`` becomes
``from infisical_kit.compat.infisical_httpx import InfisicalClient``); the submodules
``clients``, ``credentials.providers``, ``exceptions`` and ``resources.secrets`` /
``resources.folders`` are where the original has them.
"""

from __future__ import annotations

from infisical_kit.compat.infisical_httpx.clients import InfisicalAsyncClient, InfisicalClient

__all__ = ["InfisicalAsyncClient", "InfisicalClient"]
