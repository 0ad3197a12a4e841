"""Quotes: direct and reported speech with speaker, cue and channel; who asserts each claim."""

from .attribution import Claim, claim_for
from .find import QuoteFinding, find_quotes

__all__ = ["Claim", "QuoteFinding", "claim_for", "find_quotes"]
