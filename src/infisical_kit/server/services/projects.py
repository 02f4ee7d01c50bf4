"""Creating projects (with environments and root folders) and folders."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..crypto import new_data_key, wrap_data_key
from ..errors import bad_request
from ..schema import Environment, Folder, Project, new_id, utcnow

DEFAULT_ENVIRONMENTS = (("Development", "dev"), ("Staging", "staging"), ("Production", "prod"))
FOLDER_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def create_project(
    session: Session,
    root_key: bytes,
    *,
    org_id: str,
    name: str,
    slug: str,
    environments: tuple[tuple[str, str], ...] = DEFAULT_ENVIRONMENTS,
) -> Project:
    """Create a project with a fresh wrapped data key, its environments and root folders."""
    project_id = new_id()
    project = Project(
        id=project_id,
        org_id=org_id,
        name=name,
        slug=slug,
        wrapped_data_key=wrap_data_key(root_key, new_data_key(), project_id),
    )
    session.add(project)
    session.flush()
    for position, (env_name, env_slug) in enumerate(environments, start=1):
        env = Environment(project_id=project_id, name=env_name, slug=env_slug, position=position)
        session.add(env)
        session.flush()
        session.add(Folder(env_id=env.id, parent_id=None, name="root", path="/"))
    session.flush()
    return project


def create_folder(
    session: Session, parent: Folder, name: str, description: str | None = None
) -> Folder:
    """Create ``name`` under ``parent``; 400 on a bad name or an existing folder."""
    clean = name.strip()
    if not FOLDER_NAME.match(clean):
        raise bad_request("Folder name can only contain alphanumeric, dashes and underscores")
    path = ("" if parent.path == "/" else parent.path) + "/" + clean
    exists = session.scalars(
        select(Folder).where(Folder.env_id == parent.env_id, Folder.path == path)
    ).first()
    if exists is not None:
        raise bad_request(f"Folder with name '{clean}' already exists")
    now = utcnow()
    folder = Folder(
        env_id=parent.env_id,
        parent_id=parent.id,
        name=clean,
        path=path,
        description=description,
        created_at=now,
        updated_at=now,
    )
    session.add(folder)
    session.commit()
    return folder
