"""HTML pages: main text, title, site name and publish date with trafilatura and htmldate."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from .text import chrome_rule_for, normalise_line

_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")


@dataclass(frozen=True)
class PageContent:
    text: str
    title: str | None
    published: str | None
    source: str | None


def extract_page(html: str, url: str | None = None) -> PageContent:
    """The article in an HTML page; raises ValueError when the page holds no article text.

    trafilatura finds the main text and the metadata (its publish date comes from htmldate, looking
    for the original date); the same chrome line rules as for plain text then drop the link teasers,
    share prompts and separators it lets through.
    """
    tree = load_html(html)
    if tree is None:
        raise ValueError("cannot parse the HTML")
    heading = _first_heading(tree)
    result = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, with_metadata=False
    )
    lines = (normalise_line(line) for line in ((result and result.text) or "").split("\n"))
    text = "\n".join(line for line in lines if line and not chrome_rule_for(line))
    if not text:
        raise ValueError("no article text found in the HTML")
    meta = page_metadata(tree, url)
    return PageContent(
        text=text,
        title=page_title(meta.title, heading, meta.sitename, url),
        published=meta.date or None,
        source=meta.sitename or None,
    )


def page_metadata(tree: HtmlElement, url: str | None) -> trafilatura_metadata.Document:
    """Title, site name and original publish date, as trafilatura's metadata step finds them,
    without the author, category, tag and licence searches it also runs (a quarter of the
    cleaning time, and eventwire uses none of them)."""
    meta = trafilatura_metadata.examine_meta(tree)
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader raises on odd pages
        meta = trafilatura_metadata.extract_meta_json(tree, meta)
    meta.title = meta.title or trafilatura_metadata.extract_title(tree)
    meta.url = meta.url or trafilatura_metadata.extract_url(tree, url)
    meta.date = find_date(tree, **{**set_date_params(True), "url": meta.url})
    if not meta.sitename:
        meta.sitename = trafilatura_metadata.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := trafilatura_metadata.META_URL.match(meta.url)):
        meta.sitename = match[1]
    meta.clean_and_trim()
    return meta


def _first_heading(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = normalise_line(h1.text_content())
        if text:
            return text
    return None


def page_title(
    title: str | None, heading: str | None, site: str | None, url: str | None = None
) -> str | None:
    """The article's own title: the page's <h1> when the <title> starts with it, else the <title>
    without trailing site names ("Army retakes town | The Herald")."""
    title = normalise_line(title or "") or None
    if heading and (title is None or title.casefold().startswith(heading.casefold())):
        return heading
    while title:
        separators = list(_TITLE_SEPARATOR.finditer(title))
        if not separators:
            break
        last = separators[-1]
        suffix = title[last.end() :]
        if not (last.group().strip() == "|" or _names_site(suffix, site, url)):
            break
        title = title[: last.start()]
    return title


def _names_site(suffix: str, site: str | None, url: str | None) -> bool:
    """True when `suffix` is the site's name or domain ("Flatworld Solutions" on flatworld.com)."""
    key = re.sub(r"\W", "", suffix.casefold())
    if not key:
        return False
    names = [site or ""]
    if url:
        host = urlsplit(url).hostname or ""
        names += [part for part in host.split(".") if len(part) > 3 and part != "www"]
    for name in names:
        name_key = re.sub(r"\W", "", name.casefold())
        if name_key and (name_key in key or key in name_key):
            return True
    return False


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment that is all article (a feed entry's content), one line per
    block element; a fragment holding no markup is returned as it is."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return html
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (normalise_line(line) for line in root.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)
