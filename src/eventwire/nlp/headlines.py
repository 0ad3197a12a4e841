"""The `eventwire_headlines` component: a headline in Title Case or in capitals parsed as prose.

The small English model reads "Hungary Agrees to Withdraw from Seized Territory" as a run of
proper nouns: no verb, no event. The component sets such a line in sentence case — a word keeps
its capital only when the article writes it capitalised mid-sentence, the model tags it as a place
or nationality, or the model's word list does not know it (a name) — runs the model on that line
alone and copies tags, lemmas, parse and entities back onto the original tokens. The text is never
changed: evidence offsets still point at the headline as printed.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..datafiles import word_set

TITLE_SHARE = 0.8
"""Share of a line's content words written with a capital for it to count as Title Case."""
MIN_CONTENT_WORDS = 3
PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
KEEP_CAPITAL_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
"""Labels the model still gives reliably in Title Case: such a word keeps its capital."""


def _minor_words() -> frozenset[str]:
    return word_set("eventwire.nlp", "headline_words.jsonl", kind="minor")


@Language.factory("eventwire_headlines")
def make_headlines(nlp: Language, name: str) -> HeadlineCase:
    return HeadlineCase(nlp, name)


class HeadlineCase:
    """Re-parses Title Case and all-capitals lines in sentence case (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self._known: frozenset[str] | None = None

    @property
    def known(self) -> frozenset[str]:
        if self._known is None:
            self._known = dictionary_words(self.nlp)
        return self._known

    def __call__(self, doc: Doc) -> Doc:
        lines = [(s, style) for s in doc.sents if (style := line_style(s)) is not None]
        if not lines:
            return doc
        usage = _body_usage(doc, {s.start for s, _ in lines})
        array = doc.to_array(PARSE_ATTRS)
        entities = list(doc.ents)
        changed = False
        for line, style in lines:
            cased = sentence_case(line, style, usage, self.known)
            if cased == line.text:
                continue
            parsed = self._parse(cased)
            if [(t.idx, len(t)) for t in parsed] != [
                (t.idx - line.start_char, len(t)) for t in line
            ]:
                continue  # tokenised differently in the other case: keep the first reading
            array[line.start : line.end] = parsed.to_array(PARSE_ATTRS)
            entities = [e for e in entities if e.end <= line.start or e.start >= line.end]
            entities += [
                Span(doc, line.start + e.start, line.start + e.end, e.label_) for e in parsed.ents
            ]
            changed = True
        if changed:
            doc.from_array(PARSE_ATTRS, array)
            doc.ents = sorted(entities, key=lambda e: e.start)
        return doc

    def _parse(self, text: str) -> Doc:
        """The model's components (those before this one) run on `text` alone."""
        doc = self.nlp.make_doc(text)
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            doc = component(doc)
        return doc


def line_style(sentence: Span) -> str | None:
    """ "title", "capitals" or None for a line written as prose."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < MIN_CONTENT_WORDS:
        return None
    if sum(t.is_upper for t in words) >= TITLE_SHARE * len(words) and any(
        len(t) > 3 for t in words
    ):
        return "capitals"
    content = [t for t in words[1:] if t.lower_ not in _minor_words()]
    if len(content) < MIN_CONTENT_WORDS:
        return None
    capitalised = sum(t.text[0].isupper() for t in content)
    return "title" if capitalised >= TITLE_SHARE * len(content) else None


def _body_usage(doc: Doc, headline_starts: set[int]) -> dict[str, Counter]:
    """How the article writes each word outside headlines: counts of "lower", "capital"
    (Capitalised mid-sentence), "initial" (Capitalised where a sentence starts, which says little)
    and "upper" (ALL CAPS) by case-folded form."""
    usage: dict[str, Counter] = {}
    for sentence in doc.sents:
        if sentence.start in headline_starts:
            continue
        for token in sentence:
            if not token.is_alpha:
                continue
            opening = token.i == sentence.start or _after_opening(token)
            shape = "initial" if opening and _shape(token) == "capital" else _shape(token)
            usage.setdefault(token.lower_, Counter())[shape] += 1
    return usage


def _after_opening(token: Token) -> bool:
    """A word after an opening quote or a colon may be capitalised as a sentence start."""
    previous = token.doc[token.i - 1]
    return previous.is_quote or previous.text in {":", "(", "—", "-"}


def _shape(token: Token) -> str:
    if token.is_upper and len(token) > 1:
        return "upper"
    return "capital" if token.text[0].isupper() else "lower"


def sentence_case(line: Span, style: str, usage: dict[str, Counter], known: frozenset[str]) -> str:
    """`line`'s text with each word in the case the article (or the model) suggests; the first
    word keeps its capital. Every word keeps its length, so offsets do not move."""
    text = list(line.text)
    first = next((t for t in line if t.is_alpha), None)
    for token in line:
        if not token.is_alpha or token.i == first.i or not token.text[0].isupper():
            continue
        written = _case_of(token, style, usage.get(token.lower_), known)
        if len(written) == len(token.text):
            start = token.idx - line.start_char
            text[start : start + len(token.text)] = written
    return "".join(text)


def _case_of(token: Token, style: str, seen: Counter | None, known: frozenset[str]) -> str:
    word = token.text
    capitalised = word[0] + word[1:].lower()
    if style == "title" and token.is_upper and len(word) > 1:
        return word  # an acronym in a Title Case line
    if seen:
        if seen["upper"] and seen["upper"] >= seen["capital"]:
            return word.upper()
        if seen["capital"] > seen["lower"]:
            return capitalised
        if seen["lower"]:
            return word.lower()
        # only ever written at a sentence start: a name if unknown to the dictionary or an
        # entity in the line
        if seen["initial"] and (
            style == "capitals" or token.ent_type_ or not _is_known(token.lower_, known)
        ):
            return capitalised
        return word.lower()
    if style == "title" and token.ent_type_ in KEEP_CAPITAL_LABELS:
        return capitalised
    if not _is_known(token.lower_, known):
        return word.upper() if style == "capitals" and len(word) <= 3 else capitalised
    return word.lower()


def _is_known(word: str, known: frozenset[str]) -> bool:
    """Whether `word` or a base form of it ("agrees", "seized", "talks") is a dictionary word."""
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-3] + "y", word[:-4]}
    return any(len(stem) > 2 and stem in known for stem in stems)


def dictionary_words(nlp: Language) -> frozenset[str]:
    """Dictionary words of the model's lemmatizer (its WordNet-derived `lemma_index` table)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)
