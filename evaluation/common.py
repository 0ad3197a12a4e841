"""Where the datasets are and where results go."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "evaluation" / "results"


def datasets_dir() -> Path:
    """`$EVENTWIRE_DATASETS`, else `../shared/datasets` beside the repository."""
    configured = os.environ.get("EVENTWIRE_DATASETS")
    path = Path(configured) if configured else REPO.parent / "shared" / "datasets"
    if not path.is_dir():
        raise SystemExit(
            f"eventwire: error: {path}: datasets folder not found (set EVENTWIRE_DATASETS)"
        )
    return path


def _commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def write_results(name: str, results: dict) -> Path:
    """Write `results` with the run's context to evaluation/results/NAME.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    record = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus",
        "results": results,
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path
