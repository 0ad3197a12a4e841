"""The `eventwire` command: inputs of every kind, JSON Lines out, exit codes, the stored views."""

import json

from conftest import ENGLISH_STORY, SAMPLE, assert_valid, run_eventwire
from eventwire.ingest.sources import Record, read_inputs, sniff


def _lines(result) -> list[dict]:
    return [assert_valid(json.loads(line)) for line in result.stdout.decode().splitlines()]


def test_extract_writes_one_valid_document_per_article_in_input_order(tmp_path):
    (tmp_path / "b.txt").write_text(ENGLISH_STORY.replace("Tuesday", "Monday"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Talks resume\n\n" + ENGLISH_STORY, encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF-1.4")
    result = run_eventwire("extract", str(SAMPLE), str(tmp_path))
    assert result.returncode == 0, result.stderr
    documents = _lines(result)
    assert [d["article"]["title"] for d in documents] == [
        "Besieged Panjshir fights on, but lengthy negotiations with Taliban may not be far away",
        None,
        "Talks resume",
    ]


def test_extract_writes_to_a_file_with_out(tmp_path):
    out = tmp_path / "out.jsonl"
    result = run_eventwire("extract", str(SAMPLE), "--out", str(out), "--published", "2021-08-24")
    assert result.returncode == 0
    assert result.stdout == b""
    (document,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert document["article"]["published"] == "2021-08-24"


def test_stdin_is_read_as_text_html_or_json_lines():
    text = run_eventwire("extract", "-", stdin=ENGLISH_STORY.encode())
    assert _lines(text)[0]["article"]["text"].startswith("Rebels attacked")
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in ENGLISH_STORY.split("\n\n"))
        + "</article></body></html>"
    )
    assert _lines(run_eventwire("extract", "-", stdin=html.encode()))[0]["article"]["text"]
    jsonl = "\n".join(
        json.dumps({"id": f"r{i}", "text": ENGLISH_STORY + f" Update {i}."}) for i in range(3)
    )
    assert [d["id"] for d in _lines(run_eventwire("extract", "-", stdin=jsonl.encode()))] == [
        "r0",
        "r1",
        "r2",
    ]


def test_published_and_url_fill_in_what_the_input_lacks():
    result = run_eventwire(
        "extract",
        "-",
        "--published",
        "2024-02-03",
        "--url",
        "https://news.example/a",
        stdin=ENGLISH_STORY.encode(),
    )
    article = _lines(result)[0]["article"]
    assert article["published"] == "2024-02-03"
    assert article["url"] == "https://news.example/a"
    assert article["source"] == "news.example"


def test_a_jsonl_record_keeps_its_metadata(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "voa-1",
                "text": ENGLISH_STORY,
                "url": "https://voa.example/1",
                "title": "Rebels attack police post",
                "published": "2024-03-14 20:30:26Z",
                "source": "VOA",
                "section": "Africa",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (document,) = _lines(run_eventwire("extract", str(path), "--published", "2000-01-01"))
    assert document["id"] == "voa-1"
    assert document["article"] == {
        "url": "https://voa.example/1",
        "title": "Rebels attack police post",
        "published": "2024-03-14",
        "source": "VOA",
        "language": "en",
        "fetched": None,
        "text": ENGLISH_STORY,
    }


def test_ingest_then_list_articles_and_entities_in_every_format(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run_eventwire("ingest", str(SAMPLE), "--db", db).returncode == 0
    table = run_eventwire("articles", "--db", db).stdout.decode()
    assert table.splitlines()[0].split() == [
        "id",
        "published",
        "source",
        "entities",
        "characters",
        "title",
    ]
    assert "Besieged Panjshir" in table
    (row,) = [
        json.loads(line)
        for line in run_eventwire("articles", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    assert row["entities"] > 10
    csv_rows = run_eventwire("entities", "--db", db, "--format", "csv").stdout.decode().splitlines()
    assert csv_rows[0] == (
        "article_id,id,type,mentions,name,aliases,actor_id,kind,roles,affiliation"
    )
    assert any(",PERSON," in line and "Amrullah Saleh" in line for line in csv_rows)


def test_an_empty_store_says_so(tmp_path):
    result = run_eventwire("articles", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert result.returncode == 0
    assert b"nothing stored yet" in result.stdout


def test_sniffing_tells_html_json_lines_and_text_apart():
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff(b"{Braces} open this text but it is prose.") == "text"
    assert sniff(ENGLISH_STORY.encode()) == "text"


def test_a_directory_is_read_recursively_in_name_order(tmp_path):
    for name in ("b.html", "a.txt", "z/c.jsonl", "z/skip.csv"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("x", encoding="utf-8")
    origins = [r.origin for r in read_inputs([str(tmp_path)]) if isinstance(r, Record)]
    assert [o.rsplit("/", 1)[-1] for o in origins] == ["a.txt", "b.html"]


def test_an_article_that_cannot_be_stored_is_reported_and_the_others_are_stored(tmp_path):
    db = f"sqlite:///{tmp_path / 'ids.db'}"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "wire-1", "text": ENGLISH_STORY}) + "\n", encoding="utf-8")
    assert run_eventwire("ingest", str(first), "--db", db).returncode == 0
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "wire-1", "text": "A different story about a flood in the south."})
        + "\n"
        + json.dumps({"id": "wire-2", "text": ENGLISH_STORY + " Later update."})
        + "\n",
        encoding="utf-8",
    )
    result = run_eventwire("ingest", str(batch), "--db", db)
    assert result.returncode == 1
    assert "eventwire: error: wire-1: not stored: another article is already stored" in (
        result.stderr.decode()
    )
    ids = [
        json.loads(line)["id"]
        for line in run_eventwire("articles", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    assert ids == ["wire-1", "wire-2"]


def test_an_unwritable_out_file_is_a_usage_error(tmp_path):
    result = run_eventwire("extract", str(SAMPLE), "--out", str(tmp_path / "no" / "dir" / "x"))
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
