"""What a long ingest says while it runs: a live progress bar on a terminal (articles/s, errors,
ETA when the input can be counted), one line per article otherwise, errors only when quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .ingest.fetch import is_url
from .ingest.sources import SUPPORTED_SUFFIXES, suffix_of


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s")


class Reporter:
    """Says how a run goes: `article()` for each one done, `error()` for each failure."""

    def __init__(
        self,
        quiet: bool = False,
        total: int | None = None,
        live: bool | None = None,
        console: Console | None = None,
    ):
        self.quiet = quiet
        self.live = (not quiet and sys.stderr.isatty()) if live is None else live
        self.errors = 0
        self._progress: Progress | None = None
        if self.live:
            self._progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
                _Rate(),
                TextColumn("{task.fields[errors]} errors"),
                TimeRemainingColumn() if total else TimeElapsedColumn(),
                console=console or Console(stderr=True),
                transient=False,
            )
            self._task = self._progress.add_task("ingest", total=total, errors=0)

    def __enter__(self) -> Reporter:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def article(self, line: str) -> None:
        """One article done; `line` is shown only when there is no progress bar."""
        if self._progress is not None:
            self._progress.advance(self._task)
        elif not self.quiet:
            click.echo(line, err=True)

    def error(self, line: str) -> None:
        self.errors += 1
        if self._progress is not None:
            self._progress.advance(self._task)
            self._progress.update(self._task, errors=self.errors)
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)

    def summary(self, line: str) -> None:
        if not self.quiet:
            click.echo(line, err=True)


def count_articles(paths: Iterable[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know (files, directories and
    JSON Lines); None when any input is a URL, feed, archive, stdin or of unknown kind."""
    total = 0
    for name in paths:
        if name == "-" or is_url(name):
            return None
        path = Path(name)
        if path.is_dir():
            files = [f for f in sorted(path.rglob("*")) if f.is_file() and suffix_of(f)]
        else:
            files = [path]
        for file in files:
            suffix = suffix_of(file) if file.is_file() else ".txt"  # a missing file: one error
            kind = SUPPORTED_SUFFIXES.get(suffix) if suffix else None
            if kind in ("feed", "warc", None):
                return None
            total += _count_lines(file) if kind == "jsonl" else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1
