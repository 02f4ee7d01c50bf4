"""Async entry point: ``from infisical_kit.aio import AsyncClient`` (and the namespace types).

Exactly the async layer's public names (`infisical_kit._async.__all__`).
"""

from infisical_kit._async import *  # noqa: F403
from infisical_kit._async import __all__ as __all__
