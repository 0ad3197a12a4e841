"""A real PostgreSQL server for tests: a fresh cluster in a temporary folder on a free port,
started with Debian's binaries (installed by `.ci/services`) and stopped afterwards."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from web import free_port


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: run .ci/services (it installs Debian's postgresql)"
        )
    return Path(found[-1]).parent


class PostgresServer:
    """One cluster; `url` reaches its `postgres` database as a trusted user."""

    def __init__(self, folder: Path) -> None:
        self.bin = _bindir()
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.url = f"postgresql://eventwire@127.0.0.1:{self.port}/postgres"
        # The server refuses to run as root; under root it runs as Debian's postgres user.
        self.user = "postgres" if os.geteuid() == 0 else None
        folder.mkdir(parents=True, exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "eventwire",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120, cwd=self.folder)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -F"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop at once, as a crash or a pulled cable would."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
