"""Extraction spread over local processes or a Dask cluster: records go out in batches, results
come back in input order, and only a few batches are ever in flight, so memory stays flat
whatever the size of the corpus. Local worker processes are replaced by fresh ones every
`Runner.batches_per_process` batches (see there why)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import Any

from .document import Document
from .events.classifier import THREADS_VARIABLE
from .extraction import batches, extract_many
from .ingest import InputError, Record
from .memory import release_free_memory

Result = Document | InputError
IN_FLIGHT_PER_WORKER = 4
"""Batches queued per worker: enough that a worker never idles while an earlier, slower batch
holds back the results (they are handed out in input order)."""


@dataclass(frozen=True)
class Settings:
    """What every batch is extracted with."""

    published: str | None = None
    url: str | None = None
    actors: tuple[str, ...] = ()
    threads: int | None = None
    """Threads per worker for the sentence classifier; workers get 1 so that N of them on N
    cores do not run N x N threads."""


class RunnerError(Exception):
    """Work cannot be shipped where it was asked to go (say, no Dask scheduler at the address)."""


def extract_batch(batch: list[Record | InputError], settings: Settings) -> list[Result]:
    """The documents and errors of one batch, in its order (runs in a worker). An article that
    breaks the pipeline becomes an error of its own and the rest of the batch goes on."""
    if settings.threads:
        os.environ.setdefault(THREADS_VARIABLE, str(settings.threads))
    try:
        return _extract(batch, settings)
    except Exception:
        if len(batch) == 1:
            raise
    finally:
        release_free_memory()
    results: list[Result] = []
    for item in batch:
        try:
            results += _extract([item], settings)
        except Exception as exc:
            origin = item.origin if isinstance(item, Record | InputError) else "record"
            results.append(InputError(origin, f"internal error: {type(exc).__name__}: {exc}"))
    return results


def _extract(batch: list[Record | InputError], settings: Settings) -> list[Result]:
    results: list[Result] = []
    documents = extract_many(
        batch,
        published=settings.published,
        url=settings.url,
        on_error=results.append,
        actors=settings.actors,
        batch_size=len(batch) or 1,
    )
    for document in documents:
        results.append(document)
    return results


@dataclass
class Runner:
    """Where batches run: in this process (`workers=1`), in `workers` local processes, or on the
    Dask scheduler at `dask` (an address such as tcp://host:8786, or a `distributed.Client`)."""

    workers: int = 1
    dask: Any = None
    batch_size: int = 4
    """Articles per task: small enough that the workers finish together (8 made two workers
    1.59x one, 4 makes them 1.85x on the benchmark pages), large enough to keep the per-task
    overhead negligible."""
    batches_per_process: int = 75
    """Batches a local worker process extracts before the pool is replaced by fresh processes.
    A long-lived worker's peak memory creeps up with the articles it has seen (native heap
    fragmentation: on the benchmark texts, the same texts over again, the busiest worker's peak
    rose from 750 to 890 MiB over 1,500 articles); a fresh process loads in about 3 s, against
    about 200 s for 75 batches."""

    def run(self, records: Iterable[Record | InputError], settings: Settings) -> Iterator[Result]:
        """Documents and errors for `records`, in input order."""
        tasks = batches(records, self.batch_size)
        if self.dask is not None or self.workers > 1:
            settings = replace(settings, threads=1)
        if self.dask is not None:
            yield from self._on_dask(tasks, settings)
        elif self.workers > 1:
            yield from self._in_processes(tasks, settings)
        else:
            for batch in tasks:
                yield from extract_batch(batch, settings)

    def _in_processes(self, batches: Iterator[list], settings: Settings) -> Iterator[Result]:
        context = multiprocessing.get_context("spawn")
        # A pool per generation of batches: the executor's own max_tasks_per_child deadlocks
        # on Python 3.11 and 3.12 (CPython issue 115634).
        per_generation = self.workers * self.batches_per_process
        for first in batches:
            generation = chain([first], islice(batches, per_generation - 1))
            with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
                yield from _ordered(
                    generation, lambda b: pool.submit(extract_batch, b, settings), self.workers
                )

    def _on_dask(self, batches: Iterator[list], settings: Settings) -> Iterator[Result]:
        from distributed import Client

        if isinstance(self.dask, Client):
            client = self.dask
        else:
            try:
                client = Client(self.dask, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise RunnerError(
                    f"cannot reach the Dask scheduler at {self.dask}: {exc}"
                ) from None
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from _ordered(
                batches,
                lambda b: client.submit(extract_batch, b, settings, pure=False),
                workers,
            )
        finally:
            if client is not self.dask:
                client.close()


def _ordered(
    batches: Iterator[list], submit: Callable[[list], Future | Any], workers: int
) -> Iterator[Result]:
    pending: deque = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= limit:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
