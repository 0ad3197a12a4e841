"""Whatever the text, cleaning and decoding either work or say why; offsets always hold."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest.decode import decode
from eventwire.ingest.sources import sniff
from eventwire.ingest.text import clean_text, normalise_line

_LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["", "  • twitter", "Also Read: more", "Share", "© 2024 X", "# Head line"]),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_cleaning_keeps_only_lines_of_the_input(lines):
    raw = "\n".join(lines)
    cleaned = clean_text(raw)
    physical_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    normalised = {normalise_line(line) for line in physical_lines}
    normalised |= {re.sub(r"^#{1,6}\s+", "", line) for line in normalised}
    for line in cleaned.text.split("\n"):
        assert line == "" or line in normalised
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text == cleaned.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        text = decode(data)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)
    assert sniff(data) in {"feed", "html", "jsonl", "text"}
