"""Daily situation reports whose every sentence cites its sources (`eventwire sitrep`)."""

from .build import Sitrep, build_sitrep
from .render import markdown, page

__all__ = ["Sitrep", "build_sitrep", "markdown", "page"]
