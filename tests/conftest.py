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
