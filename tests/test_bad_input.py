"""Bad input gets one line naming it and the reason, exit 1, no traceback; the batch goes on."""

import json

import pytest

from conftest import ENGLISH_STORY, run_eventwire
from eventwire.ingest.decode import MAX_ARTICLE_BYTES


def _errors(result) -> list[str]:
    return result.stderr.decode().strip().splitlines()


def _extracted(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(ENGLISH_STORY, encoding="utf-8")
    return path


def _assert_one_error_and_the_good_article_kept(result, bad, reason: str):
    assert result.returncode == 1
    errors = _errors(result)
    assert errors == [f"eventwire: error: {bad}: {reason}"] or (
        len(errors) == 1
        and errors[0].startswith(f"eventwire: error: {bad}: ")
        and reason in errors[0]
    ), errors
    assert b"Traceback" not in result.stderr
    assert len(_extracted(result)) == 1


def test_an_empty_file(tmp_path, good):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run_eventwire("extract", str(bad), str(good))
    _assert_one_error_and_the_good_article_kept(result, bad, "empty input")


def test_a_binary_file(tmp_path, good):
    bad = tmp_path / "photo.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = run_eventwire("extract", str(bad), str(good))
    _assert_one_error_and_the_good_article_kept(result, bad, "binary data, not text or HTML")


def test_a_file_over_the_size_limit(tmp_path, good):
    bad = tmp_path / "huge.txt"
    bad.write_bytes(b"word " * (50 * 1024 * 1024 // 5))
    assert bad.stat().st_size > MAX_ARTICLE_BYTES
    result = run_eventwire("extract", str(bad), str(good))
    _assert_one_error_and_the_good_article_kept(
        result, bad, "too large (50.0 MiB; the limit is 10 MiB per article)"
    )


def test_a_file_in_a_legacy_encoding_is_decoded(tmp_path):
    story = ENGLISH_STORY.replace("officials said", "officials said at the café «Rendez-vous»")
    path = tmp_path / "legacy.txt"
    path.write_bytes(story.encode("cp1252"))
    result = run_eventwire("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert "café «Rendez-vous»" in _extracted(result)[0]["article"]["text"]


def test_a_jsonl_line_that_is_not_json_and_a_record_without_text(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": ENGLISH_STORY}),
                "{this is not json",
                json.dumps({"id": "c", "url": "https://example.org/x"}),
                json.dumps({"id": "d", "text": ENGLISH_STORY + " More."}),
            ]
        ),
        encoding="utf-8",
    )
    result = run_eventwire("extract", str(path))
    assert result.returncode == 1
    assert _errors(result) == [
        f"eventwire: error: {path}:2: line is not valid JSON",
        f'eventwire: error: {path}:3: record has neither "text" nor "html"',
    ]
    assert [d["id"] for d in _extracted(result)] == ["a", "d"]


def test_a_path_that_does_not_exist(tmp_path, good):
    bad = tmp_path / "missing.html"
    result = run_eventwire("extract", str(bad), str(good))
    _assert_one_error_and_the_good_article_kept(result, bad, "no such file or directory")


def test_a_non_english_article(tmp_path, good):
    bad = tmp_path / "fr.txt"
    bad.write_text(
        "Les rebelles ont attaqué mardi un poste de police à la sortie de la ville du nord, "
        "ont indiqué les autorités. Deux policiers ont été blessés selon le gouverneur.",
        encoding="utf-8",
    )
    result = run_eventwire("extract", str(bad), str(good))
    _assert_one_error_and_the_good_article_kept(
        result, bad, "article is in language 'fr'; only English is supported for now"
    )


def test_undecodable_bytes_are_reported(tmp_path, good):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50)
    result = run_eventwire("extract", str(bad), str(good))
    assert result.returncode == 1
    assert _errors(result)[0].startswith(f"eventwire: error: {bad}: ")
    assert b"Traceback" not in result.stderr


def test_bad_arguments_are_usage_errors():
    assert run_eventwire("extract").returncode == 2
    assert run_eventwire("extract", "--published", "yesterday-ish", "x.txt").returncode == 2
    assert run_eventwire("nonsense").returncode == 2
    result = run_eventwire("articles", "--format", "xml")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_a_bad_database_url_is_one_line(tmp_path, good):
    result = run_eventwire("ingest", str(good), "--db", "nosuchdb://x")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_a_failed_input_does_not_touch_what_is_stored(tmp_path, good):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert run_eventwire("ingest", str(good), "--db", db).returncode == 0
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run_eventwire("ingest", str(empty), "--db", db).returncode == 1
    listed = run_eventwire("articles", "--db", db, "--format", "jsonl")
    assert len(listed.stdout.decode().splitlines()) == 1


def test_a_text_too_long_to_parse_is_refused_before_parsing(tmp_path, good):
    bad = tmp_path / "long.txt"
    bad.write_text((ENGLISH_STORY + "\n\n") * 1200, encoding="utf-8")
    result = run_eventwire("extract", str(bad), str(good))
    assert result.returncode == 1
    (error,) = _errors(result)
    assert error.startswith(f"eventwire: error: {bad}: article text too long (")
    assert error.endswith("characters; the limit is 300,000)")
    assert len(_extracted(result)) == 1
