"""Test helpers: a real local server for your own tests (`LocalServer`, the pytest plugin)."""

from infisical_kit.testing.server import LocalServer, ServerStartError, free_port

__all__ = ["LocalServer", "ServerStartError", "free_port"]
