"""Language identification of cleaned article text."""

from __future__ import annotations

from functools import cache

SUPPORTED_LANGUAGES = frozenset({"en"})
_SAMPLE_CHARS = 5000


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of `text` and the identifier's probability for it."""
    code, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return code, float(probability)
