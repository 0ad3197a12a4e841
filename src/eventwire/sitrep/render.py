"""A situation report as Markdown, or as a standalone HTML page with a map and a timeline drawn
as inline SVG (no script, nothing fetched)."""

from __future__ import annotations

import html
import json
from collections import Counter
from datetime import date
from pathlib import Path

from .build import Sentence, Sitrep

COUNTRY_OUTLINES = Path(__file__).resolve().parent.parent / "web" / "static" / "countries.geojson"
"""Country outlines (Natural Earth via the npm package world-atlas), written by the web build."""


def _cites(sentence: Sentence) -> str:
    return "".join(f"[{n}]" for n in sentence.cites)


def _quoted(sentence: Sentence) -> str:
    return f" Evidence: \u201c{sentence.quote}\u201d" if sentence.quote else ""


def markdown(report: Sitrep) -> str:
    lines = [f"# Situation report {report.since} to {report.until or 'now'}", ""]
    lines += [f"{report.overview.text} {_cites(report.overview)}", ""]
    for area in report.areas:
        lines += [f"## {area.name}", ""]
        for actor, sentences in area.actors.items():
            lines += [f"### {actor}", ""]
            for sentence in sentences:
                lines.append(f"- {sentence.text}{_quoted(sentence)} {_cites(sentence)}")
            lines.append("")
        if area.left_out:
            lines += [f"{area.left_out} less reported incident(s) left out.", ""]
    if report.new_incidents:
        lines += ["## New incidents (first reported in this period)", ""]
        lines += [f"- {s.text} {_cites(s)}" for s in report.new_incidents]
        lines.append("")
    lines += ["## Contested claims", ""]
    if report.contested:
        lines += [f"- {s.text} {_cites(s)}" for s in report.contested]
    else:
        lines.append("- No claims in this period contradict each other in the stored reports.")
    lines += ["", "## Sources", ""]
    for source in report.sources:
        parts = [source.outlet, source.published or "undated"]
        if source.title:
            parts.append(f"\u201c{source.title}\u201d")
        if source.url:
            parts.append(source.url)
        lines.append(f"[{source.number}] {', '.join(parts)} (article {source.article_id})")
    return "\n".join(lines) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _cite_links(sentence: Sentence) -> str:
    return "".join(f'<a href="#s{n}">[{n}]</a>' for n in sentence.cites)


def page(report: Sitrep) -> str:
    title = f"Situation report {report.since} to {report.until or 'now'}"
    body = [
        f"<h1>{_h(title)}</h1>",
        f"<p>{_h(report.overview.text)} {_cite_links(report.overview)}</p>",
    ]
    body.append('<div class="charts">' + map_svg(report) + timeline_svg(report) + "</div>")
    for area in report.areas:
        body.append(f"<h2>{_h(area.name)}</h2>")
        for actor, sentences in area.actors.items():
            body.append(f"<h3>{_h(actor)}</h3><ul>")
            for s in sentences:
                quote = f" <q>{_h(s.quote)}</q>" if s.quote else ""
                body.append(f"<li>{_h(s.text)}{quote} {_cite_links(s)}</li>")
            body.append("</ul>")
        if area.left_out:
            body.append(f"<p>{area.left_out} less reported incident(s) left out.</p>")
    if report.new_incidents:
        body.append("<h2>New incidents (first reported in this period)</h2><ul>")
        for s in report.new_incidents:
            body.append(f"<li>{_h(s.text)} {_cite_links(s)}</li>")
        body.append("</ul>")
    body.append("<h2>Contested claims</h2><ul>")
    for s in report.contested or [Sentence("No claims in this period contradict each other.", [])]:
        body.append(f"<li>{_h(s.text)} {_cite_links(s)}</li>")
    body.append("</ul><h2>Sources</h2><ol>")
    for source in report.sources:
        link = (
            f' <a href="{_h(source.url)}">{_h(source.url)}</a>'
            if source.url and source.url.startswith(("http://", "https://"))
            else ""
        )
        body.append(
            f'<li id="s{source.number}">{_h(source.outlet)}, {_h(source.published or "undated")}'
            f"{', ' + _h(source.title) if source.title else ''}{link}</li>"
        )
    body.append("</ol>")
    style = (
        "body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em}"
        "q{color:#444;font-style:italic}.charts{display:flex;gap:1em;flex-wrap:wrap}"
        "svg{border:1px solid #ccc;background:#f4f7fa}"
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_h(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(body)}</body></html>\n"
    )


def map_svg(report: Sitrep, width: int = 480, height: int = 260) -> str:
    """Incidents on an equirectangular map, framed on them, over country outlines when built."""
    points = report.points
    if not points:
        return ""
    lats = [p["lat"] for p in points]
    lons = [p["lon"] for p in points]
    pad = 3.0
    west, east = min(lons) - pad, max(lons) + pad
    south, north = min(lats) - pad, max(lats) + pad
    scale = min(width / (east - west), height / (north - south))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    shapes = []
    for ring in _outline_rings(west, south, east, north):
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring))
        shapes.append(f'<polygon points="{path}" fill="#e3e3dc" stroke="#999" stroke-width="0.5"/>')
    for point in points:
        x, y = xy(point["lon"], point["lat"])
        label = _h(f"{point['type']} {point['place'] or ''} {point['date'] or ''}")
        shapes.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#c0392b" fill-opacity="0.7">'
            f"<title>{label}</title></circle>"
        )
    return (
        f'<svg role="img" aria-label="map of incidents" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(shapes)}</svg>'
    )


def _outline_rings(west: float, south: float, east: float, north: float):
    if not COUNTRY_OUTLINES.is_file():
        return
    data = json.loads(COUNTRY_OUTLINES.read_text(encoding="utf-8"))
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            ring = polygon[0]
            if any(west <= lon <= east and south <= lat <= north for lon, lat in ring):
                yield ring


def timeline_svg(report: Sitrep, width: int = 480, height: int = 260) -> str:
    """Incidents per day as bars."""
    days = Counter(p["date"] for p in report.points if p["date"])
    if not days:
        return ""
    first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
    span = (last - first).days + 1
    bar = width / span
    top = max(days.values())
    bars = []
    for day, count in sorted(days.items()):
        x = (date.fromisoformat(day) - first).days * bar
        h = (height - 30) * count / top
        bars.append(
            f'<rect x="{x:.1f}" y="{height - 20 - h:.1f}" width="{max(bar - 1, 1):.1f}" '
            f'height="{h:.1f}" fill="#2c6fbb"><title>{day}: {count}</title></rect>'
        )
    bars.append(f'<text x="2" y="{height - 5}" font-size="11">{first.isoformat()}</text>')
    bars.append(
        f'<text x="{width - 2}" y="{height - 5}" font-size="11" text-anchor="end">'
        f"{last.isoformat()}</text>"
    )
    return (
        f'<svg role="img" aria-label="incidents per day" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(bars)}</svg>'
    )
