"""The console's routers, in the order the app includes them."""

from __future__ import annotations

from . import assets, folders, login, org, projects, secret

ROUTERS = (
    assets.router,
    login.router,
    projects.router,
    folders.router,
    secret.router,
    org.router,
)
