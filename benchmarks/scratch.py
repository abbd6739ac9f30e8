"""What the benchmarks share: a scratch database of their own, and progress lines on stderr."""

import os
import shutil
import sys
import tempfile
from urllib.parse import urlsplit, urlunsplit


def log(message):
    print(message, file=sys.stderr, flush=True)


def scratch_database(suffix):
    """(DATABASE_URL for a scratch database, cleanup function).

    PostgreSQL when DATABASE_URL points at one (a database `<name>_<suffix>`, dropped afterwards),
    else a SQLite file in a temporary folder.
    """
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/')}_{suffix}"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return urlunsplit(parts._replace(path="/" + name)), drop
    folder = tempfile.mkdtemp(prefix=f"fangxin-{suffix}-")
    return f"sqlite:///{folder}/bench.sqlite3", lambda: shutil.rmtree(folder, ignore_errors=True)


def run_in_scratch_database(suffix, run, **environ):
    """Point Django at a fresh scratch database (and `environ`), call run(), drop it, print the JSON."""
    import json

    url, cleanup = scratch_database(suffix)
    os.environ.update(DATABASE_URL=url, **environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        import django

        django.setup()
        result = run()
    finally:
        cleanup()
    print(json.dumps(result, ensure_ascii=False))


def scratch_copy(suffix):
    """(DATABASE_URL for a copy of the database DATABASE_URL names, cleanup function).

    PostgreSQL: `CREATE DATABASE <name>_<suffix> TEMPLATE <name>` (nobody may be connected to the
    source meanwhile), dropped afterwards. SQLite: the file copied into a temporary folder (with no
    DATABASE_URL, the project's db.sqlite3). A missing source gives an empty database.
    """
    from pathlib import Path

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        source = parts.path.lstrip("/")
        name = f"{source}_{suffix}"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [source]).fetchone()
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{source}"' if exists else ""))

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return urlunsplit(parts._replace(path="/" + name)), drop
    default = Path(__file__).resolve().parent.parent / "db.sqlite3"
    source = Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else default
    folder = tempfile.mkdtemp(prefix=f"fangxin-{suffix}-")
    if source.exists():
        shutil.copyfile(source, f"{folder}/copy.sqlite3")
    return f"sqlite:///{folder}/copy.sqlite3", lambda: shutil.rmtree(folder, ignore_errors=True)
