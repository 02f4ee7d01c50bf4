"""Test helpers: a real local server for your own tests.

* `LocalServer` - start a server process yourself (also ``InfisicalServer``, the type of the
  pytest plugin's ``infisical_server`` fixture).
* `InfisicalProject` - the type of the ``infisical_project`` fixture.
* The pytest plugin (`infisical_kit.testing.plugin`, loaded automatically): see
  docs/testing.md.

Importing this package imports neither pytest nor the server.
"""

from infisical_kit.testing.project import InfisicalProject
from infisical_kit.testing.server import LocalServer, ServerStartError, free_port

#: The type of the ``infisical_server`` fixture: a running `LocalServer`.
InfisicalServer = LocalServer

__all__ = ["InfisicalProject", "InfisicalServer", "LocalServer", "ServerStartError", "free_port"]
