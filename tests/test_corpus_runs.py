"""Corpus runs: the same database whatever runs the extraction (one process, several, a Dask
cluster), whatever stores it (SQLite, PostgreSQL), and however often the run is killed."""

from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest

from conftest import EVENTWIRE, SAMPLE, run_eventwire
from corpus import story, write_corpus
from dbdump import dump
from eventwire.ingest import Record
from eventwire.parallel import Runner, Settings

CORPUS_SIZE = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return write_corpus(folder / "stories.jsonl", CORPUS_SIZE)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The database of one uninterrupted run in one process."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}"
    result = run_eventwire("ingest", "--quiet", str(corpus), "--db", url)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    return dump(url)


def test_the_reference_run_stores_every_story_with_its_incidents(reference):
    assert len(reference["articles"]) == CORPUS_SIZE
    assert reference["events"] and reference["incidents"]
    assert reference["state"] == [("incidents_stale", "0")]


def test_two_worker_processes_store_exactly_what_one_process_stores(corpus, reference, tmp_path):
    url = f"sqlite:///{tmp_path / 'two.db'}"
    result = run_eventwire("ingest", "--workers", "2", str(corpus), "--db", url)
    assert result.returncode == 0, result.stderr
    assert dump(url) == reference


def test_postgresql_stores_exactly_what_sqlite_stores(corpus, reference, postgres_url):
    result = run_eventwire("ingest", str(corpus), "--db", postgres_url)
    assert result.returncode == 0, result.stderr
    assert dump(postgres_url) == reference


def test_a_dask_cluster_extracts_what_one_process_extracts():
    from distributed import Client, LocalCluster

    records = [Record(origin=f"story {n}", **story(n)) for n in range(4)]
    local = list(Runner().run(records, Settings()))
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        remote = list(Runner(dask=client, batch_size=2).run(records, Settings()))
    assert [d.to_dict() for d in remote] == [d.to_dict() for d in local]


def test_worker_processes_replaced_mid_run_extract_what_one_process_extracts():
    records = [Record(origin=f"story {n}", **story(n)) for n in range(5)]
    local = list(Runner().run(records, Settings()))
    # two workers, one batch of one story each before fresh processes take over: three pools
    recycled = Runner(workers=2, batch_size=1, batches_per_process=1)
    assert [d.to_dict() for d in recycled.run(records, Settings())] == [d.to_dict() for d in local]


def test_an_unreachable_dask_scheduler_is_one_line(corpus, tmp_path):
    result = run_eventwire(
        "ingest", str(corpus), "--dask", "tcp://127.0.0.1:9", "--db", f"sqlite:///{tmp_path}/x.db"
    )
    assert result.returncode == 1
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("eventwire: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_killing_the_run_at_random_points_then_resuming_gives_the_same_database(
    corpus, reference, tmp_path
):
    rng = random.Random(20261129)
    for run in range(5):
        url = f"sqlite:///{tmp_path / f'killed{run}.db'}"
        command = [*EVENTWIRE, "ingest", "--quiet", str(corpus), "--db", url]
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(3.0, 14.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        result = subprocess.run(command, capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert dump(url) == reference, f"run {run} differs after resuming"


def test_a_run_that_finds_everything_stored_extracts_nothing(corpus, tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    assert run_eventwire("ingest", "-q", str(corpus), "--db", url).returncode == 0
    again = run_eventwire("ingest", str(corpus), "--db", url)
    assert again.returncode == 0
    lines = again.stderr.decode().splitlines()
    assert lines[-1] == f"0 stored, {CORPUS_SIZE} already stored, 0 failed  ({url})"


def test_quiet_prints_only_the_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run_eventwire(
        "ingest", "-q", str(SAMPLE), str(empty), "--db", f"sqlite:///{tmp_path}/q.db"
    )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [f"eventwire: error: {empty}: empty input"]
