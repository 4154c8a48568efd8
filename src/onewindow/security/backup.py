"""Database backup and restore (docs/reliability.md "Backups").

SQLite: the online backup API (a consistent copy while the site keeps writing; WAL included).
PostgreSQL: pg_dump in custom format, pg_restore --clean into the configured database. Uploaded
files (MEDIA_ROOT) are plain files: copy them with the backup (rsync), they are not in the database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now

SQLITE_SUFFIX = ".sqlite3"
PG_SUFFIX = ".pgdump"


def _db() -> dict:
    return dict(settings.DATABASES["default"])


def default_backup_path() -> Path:
    suffix = SQLITE_SUFFIX if connection.vendor == "sqlite" else PG_SUFFIX
    return Path(settings.VAR_DIR) / "backups" / f"onewindow-{now():%Y%m%d-%H%M%S}{suffix}"


def _pg_env() -> dict[str, str]:
    db = _db()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = _db()
    args = ["-d", str(db["NAME"])]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise Invalid("tool_missing", f"找不到 {name}", f"{name} is not installed", detail={"tool": name})
    return found


def backup_create(*, path: Path | None = None) -> Path:
    """Write a backup of the default database to `path` (a new file) and return it."""
    path = Path(path) if path is not None else default_backup_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise Invalid("backup_exists", "备份文件已存在", "The backup file already exists",
                      detail={"path": str(path)})
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        # Arguments come from settings and our own path, never from a request.
        args = [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *_pg_args()]
        subprocess.run(args,  # noqa: S603
                       check=True, env=_pg_env(), capture_output=True, timeout=3600)
    else:  # pragma: no cover - the two supported backends
        raise Invalid("backend_unsupported", "不支持的数据库", "Unsupported database",
                      detail=connection.vendor)
    return path


def backup_restore(*, path: Path) -> None:
    """Replace the default database's contents with the backup at `path`. Stop the app first."""
    path = Path(path)
    if not path.is_file():
        raise Invalid("backup_missing", "备份文件不存在", "No such backup file", detail={"path": str(path)})
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise Invalid("backup_corrupt", "备份文件已损坏", "The backup file is corrupt",
                              detail={"path": str(path)})
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        for conn in connections.all():
            conn.close()  # pg_restore --clean drops tables: no open transaction may hold them
        subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S603
                        "--exit-on-error", *_pg_args(), str(path)],
                       check=True, env=_pg_env(), capture_output=True, timeout=3600)
    else:  # pragma: no cover
        raise Invalid("backend_unsupported", "不支持的数据库", "Unsupported database",
                      detail=connection.vendor)
