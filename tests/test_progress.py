"""How a long ingest reports itself: a live bar on a terminal, lines otherwise, errors always."""

from __future__ import annotations

import io

from rich.console import Console

from corpus import write_corpus
from eventwire.progress import Reporter, count_articles


def test_the_live_bar_shows_progress_rate_and_errors_and_prints_each_error(tmp_path):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    with Reporter(total=3, live=True, console=console) as report:
        report.article("stored: a")
        report.error("eventwire: error: b.html: empty input")
        report.article("stored: c")
    shown = screen.getvalue()
    assert "eventwire: error: b.html: empty input" in shown
    assert "3/3" in shown and "1 errors" in shown and "articles/s" in shown
    assert "stored: a" not in shown


def test_quiet_shows_errors_only(capsys):
    with Reporter(quiet=True, live=False) as report:
        report.article("stored: a")
        report.error("eventwire: error: b: empty input")
        report.summary("1 stored")
    assert capsys.readouterr().err == "eventwire: error: b: empty input\n"


def test_files_and_json_lines_are_counted_for_the_eta_and_feeds_are_not(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    write_corpus(tmp_path / "stories.jsonl", 4)
    assert count_articles([str(tmp_path)]) == 5
    (tmp_path / "feed.rss").write_text("<rss/>")
    assert count_articles([str(tmp_path)]) is None
    assert count_articles(["https://example.org/feed"]) is None
