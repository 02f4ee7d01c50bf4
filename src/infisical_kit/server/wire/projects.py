"""Shapes of projects and what they contain: environments, folders, secret imports, tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..schema import Environment, Folder, Tag
from ..services.folders import FolderDetails
from ..services.imports import ImportDetails, ImportEntry
from ..services.projects import ProjectDetails
from .common import iso


def project_to_wire(details: ProjectDetails) -> dict[str, Any]:
    """The project object (``SanitizedProjectSchema`` plus ``_id`` and ``environments``)."""
    project = details.project
    return {
        "id": project.id,
        "_id": project.id,
        "name": project.name,
        "description": project.description,
        "type": project.type,
        "defaultProduct": project.type,
        "slug": project.slug,
        "autoCapitalization": project.auto_capitalization,
        "orgId": project.org_id,
        "createdAt": iso(project.created_at),
        "updatedAt": iso(project.updated_at),
        "version": 3,
        "upgradeStatus": None,
        "pitVersionLimit": project.pit_version_limit,
        "kmsCertificateKeyId": None,
        "auditLogsRetentionDays": None,
        "hasDeleteProtection": project.has_delete_protection,
        "secretSharing": project.secret_sharing,
        "showSnapshotsLegacy": False,
        "secretDetectionIgnoreValues": [],
        "environments": [
            {"name": e.name, "slug": e.slug, "id": e.id} for e in details.environments
        ],
    }


def env_to_wire(env: Environment) -> dict[str, Any]:
    """The environment object."""
    return {
        "id": env.id,
        "name": env.name,
        "slug": env.slug,
        "position": env.position,
        "projectId": env.project_id,
        "createdAt": iso(env.created_at),
        "updatedAt": iso(env.updated_at),
    }


def folder_to_wire(
    folder: Folder, *, with_path: bool = True, last_modified: datetime | None = None
) -> dict[str, Any]:
    """The folder object (plus its ``path`` unless ``with_path`` is false)."""
    out: dict[str, Any] = {
        "id": folder.id,
        "name": folder.name,
        "version": folder.version,
        "createdAt": iso(folder.created_at),
        "updatedAt": iso(folder.updated_at),
        "envId": folder.env_id,
        "parentId": folder.parent_id,
        "isReserved": False,
        "description": folder.description,
        "lastSecretModified": iso(last_modified) if last_modified else None,
    }
    if with_path:
        out["path"] = folder.path
    return out


def folder_details_to_wire(details: FolderDetails) -> dict[str, Any]:
    """A folder fetched by id: with its environment and project."""
    env = details.env
    item = folder_to_wire(details.folder, last_modified=details.last_secret_modified)
    item["environment"] = {"envId": env.id, "envName": env.name, "envSlug": env.slug}
    item["projectId"] = env.project_id
    return item


def import_to_wire(entry: ImportEntry) -> dict[str, Any]:
    """The secret import object."""
    row, env = entry.row, entry.source_env
    return {
        "id": row.id,
        "version": row.version,
        "importPath": row.import_path,
        "importEnv": {"name": env.name, "slug": env.slug, "id": env.id},
        "position": row.position,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "folderId": row.folder_id,
        "isReplication": row.is_replication,
    }


def import_details_to_wire(details: ImportDetails) -> dict[str, Any]:
    """A secret import fetched by id: with its folder's environment, project and path."""
    env = details.env
    item = import_to_wire(details)
    item["environment"] = {"id": env.id, "name": env.name, "slug": env.slug}
    item["projectId"] = details.project_id
    item["secretPath"] = details.folder.path
    return item


def tag_to_wire(tag: Tag) -> dict[str, Any]:
    """The tag object."""
    return {
        "id": tag.id,
        "name": tag.name,
        "slug": tag.slug,
        "color": tag.color,
        "createdAt": iso(tag.created_at),
        "updatedAt": iso(tag.updated_at),
        "createdBy": tag.created_by,
        "projectId": tag.project_id,
        "createdByActorType": tag.created_by_actor_type,
    }
