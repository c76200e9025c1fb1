"""Backups: scripts/backup.sh then scripts/restore.sh into an empty PostgreSQL database.

Runs against this machine's PostgreSQL (127.0.0.1:5432, user postgres, or BACKUP_TEST_PG);
skipped with a message when it cannot be reached.
"""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("BACKUP_TEST_PG", "postgres://postgres@127.0.0.1:5432")


def _psql(database: str, sql: str) -> str:
    return subprocess.run(["psql", f"{PG}/{database}", "-tAc", sql], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def _postgres_reachable() -> bool:
    if not (shutil.which("psql") and shutil.which("pg_dump") and shutil.which("pg_restore")):
        return False
    try:
        _psql("postgres", "SELECT 1")
        return True
    except (subprocess.SubprocessError, OSError):
        return False


@pytest.fixture
def databases():
    if not _postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {PG} (with psql, pg_dump and pg_restore installed).")
    suffix = uuid.uuid4().hex[:8]
    names = (f"spd_backup_src_{suffix}", f"spd_backup_dst_{suffix}")
    for name in names:
        _psql("postgres", f"CREATE DATABASE {name}")
    yield names
    for name in names:
        _psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _env(database: str, var_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ENV", "SECRET_KEY"}}
    env.update({"DATABASE_URL": f"{PG}/{database}", "VAR_DIR": str(var_dir), "MEDIA_ROOT": str(var_dir / "media"),
                "CACHE_URL": "locmem://", "DJANGO_ENV": "development"}, **extra)
    return env


def _run(args, env, cwd=ROOT):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SEED = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from campaign.editions.models import EditionPage, HomePage
from wagtail.models import Page, Site
from django.contrib.auth import get_user_model
root = Page.get_first_root_node()
home = root.add_child(instance=HomePage(title="Social Prescribing Day", slug="spd-home"))
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
home.add_child(instance=EditionPage(title="Social Prescribing Day 2027", slug="2027", year=2027, theme="Backed up"))
get_user_model().objects.create_user("moderator", "m@example.org", "a long enough password 1")
Document.objects.create(title="Toolkit", file=ContentFile(b"%PDF-1.4 backup me", name="toolkit.pdf"))
"""


def test_backup_then_restore_into_an_empty_database(databases, tmp_path):
    source, target = databases
    source_var, target_var, backups = tmp_path / "source", tmp_path / "target", tmp_path / "backups"
    env = _env(source, source_var)
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    _run([sys.executable, "manage.py", "shell", "-c", SEED], env)
    document = next((source_var / "media" / "documents").iterdir())

    base = _run(["scripts/backup.sh"], {**env, "BACKUP_DIR": str(backups)}).strip().splitlines()[-1]
    assert Path(base + ".dump").stat().st_size > 10_000
    assert Path(base + ".media.tar.gz").exists() and Path(base + ".sha256").exists()

    restore_env = _env(target, target_var)
    _run(["scripts/restore.sh", base], restore_env)
    assert _psql(target, "SELECT theme FROM campaign_editionpage WHERE year = 2027") == "Backed up"
    assert _psql(target, "SELECT count(*) FROM auth_user WHERE username = 'moderator'") == "1"
    assert _psql(target, "SELECT count(*) FROM django_migrations") == _psql(source, "SELECT count(*) FROM django_migrations")
    # Analysed: the planner has statistics before anyone is served (search on unanalysed tables took 2 s).
    assert _psql(target, "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'campaign_editionpage' "
                         "AND last_analyze IS NOT NULL") == "1"
    restored = target_var / "media" / "documents" / document.name
    assert restored.read_bytes() == document.read_bytes()
    # The restored database is usable by the app as it is.
    _run([sys.executable, "manage.py", "migrate", "--check"], restore_env)

    # Restoring over data is refused; a damaged backup is refused.
    refused = subprocess.run(["scripts/restore.sh", base], cwd=ROOT, env=restore_env, capture_output=True, text=True)
    assert refused.returncode == 4 and "already has" in refused.stderr
    with open(base + ".dump", "r+b") as dump:
        dump.seek(100)
        dump.write(b"damaged")
    damaged = subprocess.run(["scripts/restore.sh", base], cwd=ROOT, env=_env(source, tmp_path / "x"),
                             capture_output=True, text=True)
    assert damaged.returncode == 3 and "Checksum mismatch" in damaged.stderr
