"""Direct and indirect quotes with their speaker, cue and channel, found on the dependency parse.

Direct: a quotation-mark span (`nlp.quotation_marks.quote_spans`, paired once per document in
`Referents`) whose cue is a reporting verb right after it (`"…," he claims`) or right before it
(`said in his tweet: "…"`). A quote with no cue that follows an attributed quote continues it; a
short one with no cue is a scare quote or a title and is not a quote at all.
Indirect: a reporting verb (`data/cue_verbs.jsonl`) with a clausal complement ("claimed that the
Taliban fighters have laid siege …"), and "according to X" with the clause it qualifies.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..actors.coref import Referents
from ..datafiles import jsonl_rows

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acl"})
CUE_WINDOW_TOKENS = 12
"""How far after a quote's closing mark (or before its opening mark) a cue verb may stand."""
SCARE_QUOTE_MAX_WORDS = 5
"""An unattributed quoted phrase this short is a scare quote or a title, not a quote."""
MAX_QUOTES_PER_DOC = 2000
"""Past this many quotation-mark pairs the rest are kept without speaker search (bounded time)."""


@cache
def _cue_verbs() -> dict[str, str]:
    return {r["lemma"]: r["kind"] for r in jsonl_rows("eventwire.quotes", "cue_verbs.jsonl")}


@cache
def _complements(lemma: str) -> tuple[str, ...]:
    """What a cue verb's reported content can be: a clause, an object, an infinitive."""
    for row in jsonl_rows("eventwire.quotes", "cue_verbs.jsonl"):
        if row["lemma"] == lemma:
            return tuple(row["takes"])
    return ()


@cache
def _channels() -> dict[str, str]:
    return {r["word"]: r["channel"] for r in jsonl_rows("eventwire.quotes", "channels.jsonl")}


@dataclass
class QuoteFinding:
    kind: str
    """direct, indirect or mixed (an indirect quote that quotes words directly)."""
    start: int
    end: int
    speaker: int | None = None
    """Index of the speaker's entity cluster."""
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    cue_lemma: str | None = None
    channel: str | None = None


def find_quotes(doc: Doc, referents: Referents) -> list[QuoteFinding]:
    """Every quote of `doc`, in text order."""
    marks = Marks(referents.quotes)
    direct = _direct_quotes(doc, marks, referents)
    used_cues = {q.cue_span for q in direct if q.cue_span}
    indirect = _indirect_quotes(doc, marks, referents, used_cues)
    # A quotation with no cue of its own inside reported speech is part of that mixed quote.
    direct = [
        q
        for q in direct
        if q.cue_span is not None
        or not any(r.start <= q.start and q.end <= r.end for r in indirect)
    ]
    return sorted(direct + indirect, key=lambda q: (q.start, q.end))


def _direct_quotes(doc, marks, referents) -> list[QuoteFinding]:
    found: list[QuoteFinding] = []
    previous: QuoteFinding | None = None
    for number, (start, end) in enumerate(marks):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or number >= MAX_QUOTES_PER_DOC:
            continue
        cue = _cue_after(doc, span, marks) or _cue_before(doc, span, marks)
        if cue is not None:
            quote = _attributed(QuoteFinding("direct", start, end), cue, referents, span)
        elif (colon := _colon_speaker(doc, span, referents)) is not None:
            quote = colon
            quote.start, quote.end = start, end
        elif previous is not None and _continues(doc, previous, start):
            quote = QuoteFinding(
                "direct",
                start,
                end,
                previous.speaker,
                previous.speaker_span,
                None,
                None,
                previous.channel,
            )
        elif len([t for t in span if t.is_alpha]) > SCARE_QUOTE_MAX_WORDS and any(
            t.pos_ in {"VERB", "AUX"} for t in span
        ):
            quote = QuoteFinding("direct", start, end)
        else:
            continue
        found.append(quote)
        previous = quote
    return found


COLON_SPEAKER_MAX_TOKENS = 6


def _colon_speaker(doc: Doc, quote: Span, referents: Referents) -> QuoteFinding | None:
    """`Trump: "…"`: a short name or pronoun phrase, then a colon, then the quote."""
    colon = quote.start - 1
    while colon >= 0 and doc[colon].is_space:
        colon -= 1
    if colon < 1 or doc[colon].text != ":":
        return None
    return _before_colon(doc, colon, referents)


def _colon_claim(colon: Token, marks: Marks, referents: Referents) -> QuoteFinding | None:
    """The headline form `Graham: Trump's rhetoric destroying GOP`: the rest of the line is
    what the short named phrase before the colon says (quotes after a colon are direct)."""
    doc = colon.doc
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end].text and not doc[end].is_sent_start:
        end += 1
    content = _trim(doc[colon.i + 1 : end]) if end > colon.i + 1 else None
    if content is None or content[0].text in OPENING_MARKS or sum(t.is_alpha for t in content) < 3:
        return None
    quote = _before_colon(doc, colon.i, referents)
    if quote is None:
        return None
    quote.kind = "mixed" if marks.overlapping(content.start_char, content.end_char) else "indirect"
    quote.start, quote.end = content.start_char, content.end_char
    return quote


OPENING_MARKS = frozenset('"“„«')


def _before_colon(doc: Doc, colon: int, referents: Referents) -> QuoteFinding | None:
    start = colon
    while start > 0 and not doc[start - 1].is_sent_end and "\n" not in doc[start - 1].text:
        start -= 1
    phrase = doc[start:colon]
    if not 0 < len(phrase) <= COLON_SPEAKER_MAX_TOKENS:
        return None
    named = [t for t in phrase if t.i in referents.owner or t.lower_ in {"he", "she", "they"}]
    if not named:
        return None
    speaker = speaker_of(phrase.root, phrase, referents)
    return QuoteFinding(
        "direct",
        0,
        0,
        speaker,
        (phrase.start_char, phrase.end_char),
        (doc[colon].idx, doc[colon].idx + 1),
        ":",
        None,
    )


def _continues(doc: Doc, previous: QuoteFinding, start: int) -> bool:
    """A follow-on quote in the same or the next paragraph, with no new speech in between."""
    between = _text(doc)[previous.end : start]
    return between.count("\n\n") + (between.count("\n") > 0) <= 1 and len(between) < 400


def _text(doc: Doc) -> str:
    """The document's text, built once: `Doc.text` joins every token on each access."""
    if doc.user_data.get("eventwire_text") is None:
        doc.user_data["eventwire_text"] = doc.text
    return doc.user_data["eventwire_text"]


class Marks:
    """The document's quotation-mark spans, with a fast "is this offset quoted" test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def __iter__(self):
        return iter(self.spans)

    def covers(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.spans[k][0] <= i < self.spans[k][1]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        k = max(bisect_right(self.starts, start) - 1, 0)
        found = []
        while k < len(self.spans) and self.spans[k][0] < end:
            if self.spans[k][1] > start:
                found.append(self.spans[k])
            k += 1
        return found


def _is_cue(token: Token, marks: Marks, kinds: frozenset[str] = frozenset()) -> bool:
    kind = _cue_verbs().get(token.lemma_.casefold())
    return (
        token.pos_ in {"VERB", "AUX"}
        and kind is not None
        and (not kinds or kind in kinds)
        and not marks.covers(token.idx)
    )


_SPEECH = frozenset({"speech"})
_INTRODUCERS = frozenset({":", ",", "that", "—", "–", "-"})
"""What may stand right before a quote that a preceding verb introduces."""


def _cue_after(doc: Doc, quote: Span, marks) -> Token | None:
    """`"…," he claims` / `"…," said Saleh`: a cue within a few tokens after the closing mark,
    before the next quote or paragraph."""
    for token in doc[quote.end : quote.end + CUE_WINDOW_TOKENS]:
        if "\n" in token.text or marks.covers(token.idx):
            return None
        if _is_cue(token, marks, _SPEECH):
            return token
        if token.text in {".", "!", "?"} and token.i > quote.end:
            return None
    return None


def _cue_before(doc: Doc, quote: Span, marks) -> Token | None:
    """`said in his tweet: "…"` / `Massoud said "…"`: a speech verb earlier in the sentence, with
    nothing, or words ending in a colon, comma or "that", between it and the opening mark. After a
    colon the sentence may end a paragraph before a quote set off as a block."""
    before = quote.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0:
        return None
    block = doc[before].text == ":" and "\n" in doc[before : quote.start].text
    sentence_start = doc[before].sent.start
    window = doc[max(sentence_start, quote.start - CUE_WINDOW_TOKENS * 2) : before + 1]
    last = doc[before]
    if last.lower_ not in _INTRODUCERS and not _is_cue(last, marks):
        return None
    candidates = [
        t
        for t in window
        if _is_cue(t, marks, _SPEECH) and (block or "\n" not in doc[t.i : quote.start].text)
    ]
    return candidates[-1] if candidates else None


def _attributed(
    quote: QuoteFinding, cue: Token, referents: Referents, content: Span | None
) -> QuoteFinding:
    quote.cue_span = _cue_span(cue)
    quote.cue_lemma = cue.lemma_.casefold()
    subject = _subject(cue)
    if subject is not None:
        mention = _subject_span(subject)
        quote.speaker_span = (mention.start_char, mention.end_char)
        quote.speaker = speaker_of(subject, mention, referents)
    quote.channel = _channel(cue, content)
    return quote


def _cue_span(cue: Token) -> tuple[int, int]:
    return (cue.idx, cue.idx + len(cue.text))


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it depends on ("was seen saying"), or the
    agent of a passive ("was claimed by X")."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "nsubjpass" and current is verb:
                continue  # "Trump is expected to win": not Trump's expectation
            if child.dep_ in SUBJECT_DEPS and child.i != verb.i:
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ not in CLIMB_DEPS or current.head is current:
            return None
        current = current.head
    return None


def _subject_span(subject: Token) -> Span:
    """The subject noun phrase: "Spokeswoman Haley Morris", "Northern Alliance's leader and
    acting president Armrullah", cut before a comma (an apposition or relative clause)."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for token in doc[subject.i + 1 : end]:
        if token.text in {",", "(", "—", "–"} or "\n" in token.text:
            end = token.i
            break
    while start < subject.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


_RELATIVE = frozenset({"who", "which", "that"})


def speaker_of(subject: Token, mention: Span, referents: Referents) -> int | None:
    """The entity cluster a speaker's subject refers to: the entity it names, what a pronoun or
    description refers to, else the person (or failing that the entity) its phrase names."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Trump, who said …": the noun the clause is about
        mention = subject.doc[subject.left_edge.i : subject.i + 1]
    if subject.i in referents.owner:
        return referents.owner[subject.i]
    found = referents.of_token(subject)
    if found is not None:
        return found
    named = [referents.owner[t.i] for t in mention if t.i in referents.owner]
    persons = [c for c in named if referents.clusters[c].type == "PERSON"]
    return (persons or named or [None])[-1]


def _channel(cue: Token, content: Span | None) -> str | None:
    """The medium the sentence names around the cue ("in his tweet", "in a video clip"),
    nearest to the cue; a verb such as "tweeted" is its own channel."""
    channels = _channels()
    if cue.lemma_.casefold() in channels:
        return channels[cue.lemma_.casefold()]
    skip = range(content.start, content.end) if content is not None else range(0)
    nouns = [
        t
        for t in cue.sent
        if t.pos_ in {"NOUN", "PROPN"} and t.lower_ in channels and t.i not in skip
    ]
    if not nouns:
        return None
    return channels[min(nouns, key=lambda t: abs(t.i - cue.i)).lower_]


def _indirect_quotes(doc, marks, referents, used_cues) -> list[QuoteFinding]:
    found: list[QuoteFinding] = []
    used_starts = {start for start, _ in used_cues}
    for token in doc:
        if _cue_span(token) in used_cues:
            continue
        if token.lower_ == "according" and not marks.covers(token.idx):
            quote = _according_to(token, referents)
        elif token.text == ":" and not marks.covers(token.idx):
            quote = _colon_claim(token, marks, referents)
        elif _is_cue(token, marks):
            quote = _reported_clause(token, marks, referents)
        else:
            continue
        if quote is not None and not any(quote.start <= s < quote.end for s in used_starts):
            found.append(quote)  # not "was seen [saying “…”]": that quote has its own cue
    return found


_IMPERSONAL = frozenset({"seem", "appear"})
NARRATOR = frozenset({"i", "we", "you", "me", "us"})
"""Outside quotation marks these are the writer or the reader, not a reported source."""


def _reported_clause(cue: Token, marks, referents) -> QuoteFinding | None:
    """The cue's reported content: its clausal complement, before or after it ("claimed that
    the fighters have laid siege", "the siege is on, he said"), else an infinitive ("wants to
    talk") or an object ("criticized the plan") where the verb takes one."""
    content = _content_of(cue)
    if content is None:
        return None
    subject = _subject(cue)
    if subject is None or subject.lower_ in NARRATOR:
        return None  # no one is reported, or it is the writer
    if subject.lower_ == "it" and cue.lemma_ in _IMPERSONAL:
        return None  # "it seems": the reporter's own hedge
    kind = "mixed" if marks.overlapping(content.start_char, content.end_char) else "indirect"
    quote = QuoteFinding(kind, content.start_char, content.end_char)
    return _attributed(quote, cue, referents, content)


_OBJECT_PREPOSITIONS = frozenset({"for", "on", "about", "to", "at", "against", "over", "with"})
"""What a cue's prepositional object may hang on: "called for", "talked about", "referred to"."""


def _content_of(cue: Token) -> Span | None:
    takes = _complements(cue.lemma_.casefold())
    doc = cue.doc
    children = list(cue.children)
    pick: list[Token] = [c for c in children if c.dep_ == "ccomp"]
    if not pick and "infinitive" in takes:
        pick = [c for c in children if c.dep_ == "xcomp" and c.i > cue.i]
    if not pick and "object" in takes:
        objects = [c for c in children if c.dep_ in {"dobj", "dative"} and c.i > cue.i]
        if objects:
            pick = objects + [c for c in children if c.dep_ in {"oprd", "xcomp"} and c.i > cue.i]
        else:
            pick = [
                o
                for c in children
                if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS and 0 < c.i - cue.i <= 2
                for o in c.children
                if o.dep_ == "pobj"
            ]
    if not pick and "object" in takes:
        pick = [c for c in children if c.dep_ in {"xcomp", "advcl"} and c.i > cue.i]
    if not pick and cue.dep_ == "parataxis":
        return _around(cue.head, cue)  # "This campaign, he says, is different."
    if not pick:
        return None
    start = min(t.left_edge.i for t in pick)
    end = max(t.right_edge.i for t in pick) + 1
    return _trim(doc[start:end])


def _around(head: Token, inserted: Token) -> Span | None:
    """The longer side of `head`'s clause around an inserted phrase such as "he says"."""
    doc = head.doc
    cut = range(inserted.left_edge.i, inserted.right_edge.i + 1)
    left = doc[head.left_edge.i : cut.start]
    right = doc[cut.stop : head.right_edge.i + 1]
    if len(left) >= 2 and len(right) >= 2:
        return _trim(doc[head.left_edge.i : head.right_edge.i + 1])
    return _trim(left if len(left) >= len(right) else right)


def _according_to(according: Token, referents) -> QuoteFinding | None:
    """ "According to pro-Taliban accounts, the negotiations …": the source is the object of
    "to", the content the clause "according to" modifies."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in (to.children if to else []) if c.dep_ == "pobj"), None)
    if to is None or source is None:
        return None
    doc = according.doc
    head = according.head
    while head.dep_ not in {"ROOT", "ccomp", "conj"} and head.head is not head:
        head = head.head
    phrase = range(according.left_edge.i, max(according.right_edge.i, source.right_edge.i) + 1)
    left = [i for i in range(head.left_edge.i, head.right_edge.i + 1) if i < phrase.start]
    right = [i for i in range(head.left_edge.i, head.right_edge.i + 1) if i >= phrase.stop]
    part = right if len(right) >= len(left) else left
    if not part:
        return None
    content = _trim(doc[part[0] : part[-1] + 1])
    if content is None:
        return None
    quote = QuoteFinding("indirect", content.start_char, content.end_char)
    quote.cue_span = (according.idx, to.idx + len(to.text))
    quote.cue_lemma = "according to"
    mention = doc[source.left_edge.i : source.right_edge.i + 1]
    quote.speaker_span = (mention.start_char, mention.end_char)
    quote.speaker = speaker_of(source, mention, referents)
    quote.channel = _channel(according, content)
    return quote


def _trim(span: Span) -> Span | None:
    """The span without edge punctuation and spaces."""
    start, end = span.start, span.end
    doc = span.doc
    while (
        start < end
        and (doc[start].is_punct or doc[start].is_space)
        and doc[start].text not in ("“", '"')
    ):
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and doc[end - 1].text not in ("”", '"')
    ):
        end -= 1
    return doc[start:end] if end > start else None
