"""Place-name keys: what two spellings of one name have in common.

`name_key` folds case, diacritics, apostrophes and hyphens ("Bāzārak" → "bazarak"); `name_forms`
adds the forms without a Persian izafe ("Baghlan-e Jadid" → "baghlan jadid"); `skeleton` keeps the
consonants only, so transliteration variants meet ("Andarab"/"Andrab", "Panjshir"/"Panjsher"/
"Panjshayr" → "andrb", "pnjshr").
"""

from __future__ import annotations

import re
import unicodedata

from ..datafiles import jsonl_rows

_APOSTROPHES = re.compile(r"[’'‘`ʿʾʻʼ]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_IZAFE = re.compile(r"\b(\w{3,})[ -](?:e|i|ye|yi|y)\b(?= \w)")
_VOWELS = re.compile(r"[aeiouy]")
_ARTICLE = re.compile(r"^the | of the\b")
SKELETON_MIN_LENGTH = 4
"""Shorter consonant skeletons match too many unrelated names to be worth a lookup."""


_LATIN_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
     "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
     "ı": "i", "ħ": "h", "Ħ": "H"}
)  # fmt: skip
"""Latin letters Unicode does not decompose into a base letter and a mark ("Łódź" → "Lodz")."""


def fold(text: str) -> str:
    """Lower case, diacritics removed, apostrophes dropped; other scripts are kept as they are."""
    latin = _APOSTROPHES.sub("", text).translate(_LATIN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(text: str) -> str:
    """The lookup key of a name: folded, words of letters and digits joined by single spaces."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def is_latin(text: str) -> bool:
    """True when the folded name is in Latin letters (the only keys English text can hit)."""
    return bool(name_key(text)) and fold(text).isascii()


def name_forms(text: str) -> set[str]:
    """The key of a name and of its forms without an izafe particle or an article ("Democratic
    Republic of the Congo" → "democratic republic of congo")."""
    folded = " ".join(re.sub(r"[^\w-]+", " ", fold(text)).split())
    key = name_key(text)
    forms = {key}
    without_izafe = _IZAFE.sub(r"\1", folded)
    if without_izafe != folded:
        forms.add(name_key(without_izafe))
    without_article = _ARTICLE.sub(lambda m: "" if m.group().startswith("the") else " of", key)
    if without_article != key:
        forms.add(without_article)
    return {f for f in forms if f}


def skeleton(key: str) -> str | None:
    """Consonants of a key (its first letter kept whatever it is), or None when too short."""
    if not key:
        return None
    words = [w[0] + _VOWELS.sub("", w[1:]) for w in key.split()]
    squeezed = re.sub(r"(.)\1+", r"\1", " ".join(words))
    return squeezed if len(squeezed.replace(" ", "")) >= SKELETON_MIN_LENGTH else None


def data_rows(filename: str) -> tuple[dict, ...]:
    """The rows of a JSON Lines file in `eventwire/places/data/`."""
    return jsonl_rows("eventwire.places", filename)
