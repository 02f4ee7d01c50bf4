"""The request dependencies the routers declare their parameters with, declared once.

``Db`` is the request's session (closed after the response; see ``state.get_session``),
``Ctx`` the server context, ``Who`` an actor acting in an organization, ``AnyWho`` any
authenticated actor (also a user with no organization selected yet), ``WhoOrService`` is
``Who`` or a legacy service token (the routes Infisical accepts them on) and ``Raw`` the merged
query string and JSON body that a route validates with its parameter model; ``LoginSlot``
admits a password or client-secret login to the argon2 check.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.deps import require_actor, require_actor_or_service, require_any_actor
from ..auth.hashing import login_slot
from ..params import request_params
from ..state import ServerContext, get_context, get_session

Ctx = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_session)]
Who = Annotated[Actor, Depends(require_actor)]
AnyWho = Annotated[Actor, Depends(require_any_actor)]
WhoOrService = Annotated[Actor, Depends(require_actor_or_service)]
Raw = Annotated[dict[str, Any], Depends(request_params)]
#: A login slot (``auth/hashing.py``): password and client-secret logins queue for it on the
#: event loop before they take a request thread.
LoginSlot = Annotated[None, Depends(login_slot)]
