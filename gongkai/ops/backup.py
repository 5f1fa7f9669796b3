"""Backup and restore: the database as a Django fixture taken in one consistent snapshot, and the
uploaded files through Django's storage API (local disk or an S3-compatible store), in one .tar.gz.

The fixture format is independent of the database: a backup of SQLite restores into PostgreSQL
and back. A restore goes into an *empty* installation (migrated, no organisations, users or
audit events): it never merges into live data.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.errors import ValidationFailed

FORMAT = 1
# Rebuilt by `migrate` (content types, permissions) or transient (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
# An installation with any of these rows is not empty.
EMPTY_CHECK = ["organisations.Organisation", "organisations.User", "core.AuditEvent"]


def _storage_files(storage, directory: str = "") -> list[str]:
    try:
        dirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{f}" if directory else f for f in files]
    for d in dirs:
        names.extend(_storage_files(storage, f"{directory}/{d}" if directory else d))
    return names


def _referenced_files() -> set[str]:
    """Names stored in every FileField of every model (the files the database points to)."""
    names: set[str] = set()
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names.update(n for n in model._default_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True) if n)
    return names


@contextmanager
def _snapshot():
    """A transaction whose reads all see one moment of the database."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        # SQLite: the transaction (transaction_mode IMMEDIATE) holds the write lock, so the
        # database stays still while it is read; other processes' writes wait for it.
        yield


def backup_write(path: Path) -> dict:
    """Write a backup to `path` (.tar.gz); return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "database.json"
        with _snapshot():
            call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, output=str(fixture), indent=None,
                         verbosity=0)
            referenced = _referenced_files()
            counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()
                      if m._meta.app_label not in ("contenttypes", "sessions") and m._meta.label != "auth.Permission"
                      and not m._meta.proxy}
            migrations = sorted(MigrationRecorder(connection).applied_migrations())
        stored = set(_storage_files(default_storage))
        missing = sorted(referenced - stored)
        files = sorted(stored)
        manifest = {
            "format": FORMAT, "created_at": clock.now().isoformat(), "database": connection.vendor,
            "migrations": [list(m) for m in migrations], "counts": counts, "files": {}, "missing_files": missing,
        }
        with tarfile.open(path, "w:gz") as tar:
            tar.add(fixture, arcname="database.json")
            for name in files:
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                manifest["files"][name] = hashlib.sha256(data).hexdigest()
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                info.mtime = int(dt.datetime.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
            raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return manifest


def _is_empty() -> list[str]:
    return [label for label in EMPTY_CHECK if apps.get_model(label)._default_manager.exists()]


def _read_manifest(tar) -> dict:
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError, AttributeError):
        raise ValidationFailed(_("备份文件不完整：缺少清单（manifest.json）。")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationFailed(_("不支持的备份格式。"))
    shapes = {"migrations": list, "files": dict, "counts": dict}
    if any(not isinstance(manifest.get(key), kind) for key, kind in shapes.items()) or not all(
            isinstance(m, (list, tuple)) and len(m) == 2 for m in manifest["migrations"]):
        raise ValidationFailed(_("备份清单（manifest.json）内容不完整或已损坏。"))
    return manifest


def _member(tar, name: str) -> bytes:
    try:
        member = tar.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise ValidationFailed(_("备份文件不完整：缺少 %(name)s。") % {"name": name})
    return member.read()


def restore_read(path: Path) -> dict:
    """Restore the backup at `path` into this (migrated, empty) installation; return its manifest.

    Whatever is wrong with the file (not a backup, truncated, a member missing, a row this database
    refuses), the answer is ValidationFailed with a Chinese message and nothing is restored.
    """
    path = Path(path)
    try:
        tar = tarfile.open(path, "r:gz")
    except (OSError, EOFError, tarfile.TarError, zlib.error) as exc:
        raise ValidationFailed(_("无法读取备份文件：%(error)s") % {"error": exc}) from None
    try:
        with tar:
            return _restore_from(tar)
    except (EOFError, tarfile.TarError, zlib.error, OSError) as exc:
        raise ValidationFailed(_("备份文件已损坏或不完整（可能复制时被截断）：%(error)s") % {"error": exc}) from None


def _restore_from(tar) -> dict:
    from . import cache

    manifest = _read_manifest(tar)
    occupied = _is_empty()
    if occupied:
        raise ValidationFailed(_("只能恢复到空的安装：当前数据库已有数据（%(what)s）。") % {"what": "、".join(occupied)})
    applied = {tuple(m) for m in MigrationRecorder(connection).applied_migrations()}
    unknown = [m for m in (tuple(m) for m in manifest["migrations"]) if m not in applied]
    if unknown:
        raise ValidationFailed(_("备份来自更新的版本（%(n)d 个迁移本安装没有），请先升级程序再恢复。") % {"n": len(unknown)})
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "database.json"
        fixture.write_bytes(_member(tar, "database.json"))
        written = []
        try:
            with transaction.atomic():
                try:
                    call_command("loaddata", str(fixture), verbosity=0)
                except (DeserializationError, DatabaseError, ValueError, LookupError) as exc:
                    raise ValidationFailed(_("备份中的数据无法写入本数据库，未恢复任何内容：%(error)s")
                                           % {"error": str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__}) from None
                for name, digest in manifest["files"].items():
                    data = _member(tar, f"media/{name}")
                    if hashlib.sha256(data).hexdigest() != digest:
                        raise ValidationFailed(_("备份中的文件已损坏：%(name)s") % {"name": name})
                    if default_storage.exists(name):
                        default_storage.delete(name)
                    saved = default_storage.save(name, ContentFile(data))
                    written.append(saved)
                    if saved != name:
                        raise ValidationFailed(_("文件无法按原名恢复：%(name)s") % {"name": name})
                cache.bump()
        except Exception:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest


def default_backup_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "backups" / f"gongkai-{clock.now():%Y%m%d-%H%M%S}.tar.gz"



