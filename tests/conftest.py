"""Shared fixtures: the bundled sample, a runner for the real `eventwire` command, documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.document import validate

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "panjshir.txt"
EVENTWIRE = [sys.executable, "-m", "eventwire"]

ENGLISH_STORY = (
    "Rebels attacked a police post outside the northern town on Tuesday, officials said.\n\n"
    "The provincial governor said two officers were wounded and that reinforcements had been "
    "sent. A spokesman for the rebel movement claimed responsibility in a statement.\n\n"
    "Residents said the fighting lasted several hours before the attackers withdrew."
)


def run_eventwire(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run the real command in a child process, as a user would."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [*EVENTWIRE, *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300
    )


def assert_valid(document: dict) -> dict:
    validate(document)
    return document


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_document(sample_text: str) -> dict:
    from eventwire import extract

    return assert_valid(extract(text=sample_text, published="2021-08-24").to_dict())


@pytest.fixture
def web():
    """A real HTTP server on loopback; add routes with `web.routes[path] = Route(...)`."""
    from web import WebServer

    server = WebServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the session (Debian's, started here)."""
    import tempfile

    from postgres import PostgresServer

    # Not under pytest's temporary folder: that one is private to this user, and under root the
    # server runs as the postgres user.
    server = PostgresServer(Path(tempfile.mkdtemp(prefix="eventwire-postgres-")))
    yield server
    server.close()


@pytest.fixture
def postgres_url(postgres):
    """The URL of an empty database on the session's server, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from eventwire.store import database_url

    name = f"t{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        database_url(postgres.url), isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield postgres.url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
