"""The REST API over the store: listings with filters and pages, GeoJSON map layers, one route to
ingest an article. Reads are open on loopback; writes always need the token."""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..exports import EVENT_COLUMNS, INCIDENT_COLUMNS, feature_collection, shape
from ..ingest.decode import MAX_ARTICLE_BYTES
from ..store import Store, StoreError
from ..store.query import BBox, FilterError, Filters, Page
from .limits import BodyLimit

MAX_PAGE = 1000
MAX_OFFSET = 10**9
MAX_MAP_FEATURES = 20000
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


@dataclass(frozen=True)
class Settings:
    db: str
    token: str | None = None
    """`EVENTWIRE_TOKEN`: needed for writes; without it writes are refused."""
    reads_need_token: bool = False
    max_body: int = MAX_ARTICLE_BYTES + 64 * 1024


class ArticleIn(BaseModel):
    """An article to ingest: its text or its HTML page, and what is known about it."""

    text: str | None = Field(None, max_length=MAX_ARTICLE_BYTES)
    html: str | None = Field(None, max_length=MAX_ARTICLE_BYTES)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:-]+$")

    @model_validator(mode="after")
    def _has_content(self) -> ArticleIn:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError('give "text" or "html"')
        return self


def _listing(items: list[dict[str, Any]], total: int | None, page: Page) -> dict[str, Any]:
    """A page of a listing; `total` is None where counting is not offered."""
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


def page_query(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Page:
    """The page asked for: `limit` rows (at most 1000) after `offset`."""
    return Page(limit, offset)


def filters_query(
    actor: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[list[str] | None, Query(max_length=50)] = None,
    mode: Annotated[str | None, Query(max_length=50)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    hedged: bool | None = None,
) -> Filters:
    """The listing filters of the query string."""
    try:
        box = BBox.parse(bbox) if bbox else None
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from None
    return Filters(
        actor=actor,
        types=tuple(type or ()),
        mode=mode,
        place=place,
        bbox=box,
        since=since,
        until=until,
        source=source,
        hedged=hedged,
    )


PageQ = Annotated[Page, Depends(page_query)]
FiltersQ = Annotated[Filters, Depends(filters_query)]


def create_app(settings: Settings) -> FastAPI:
    """The API and dashboard over the database at `settings.db`."""
    store = Store(settings.db)
    app = FastAPI(
        title="eventwire",
        version="0.1.0",
        description="Events, incidents and contradictions extracted from news, with evidence.",
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)
    app.state.store = store
    _errors_as_json(app)

    def check_token(request: Request) -> None:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {settings.token}" if settings.token else None
        if expected is None or not hmac.compare_digest(given.encode(), expected.encode()):
            raise HTTPException(401, "a valid token is needed (Authorization: Bearer <token>)")

    def read_access(request: Request) -> None:
        if settings.reads_need_token:
            check_token(request)

    def write_access(request: Request) -> None:
        if not settings.token:
            raise HTTPException(403, "writes are disabled: start the server with EVENTWIRE_TOKEN")
        check_token(request)

    reads = [Depends(read_access)]

    @app.get("/api/articles", dependencies=reads, tags=["articles"])
    def list_articles(page: PageQ) -> dict[str, Any]:
        """Stored articles, oldest ingested first."""
        return _listing(store.articles(page), store.count("articles"), page)

    @app.get("/api/articles/{article_id}", dependencies=reads, tags=["articles"])
    def get_article(article_id: str) -> dict[str, Any]:
        """One article's whole document (cleaned text, entities, places, quotes, events) and
        the incident each of its events belongs to (`incident_of`)."""
        found = store.document(article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return found | {"incident_of": store.incidents_of(article_id)}

    @app.post(
        "/api/articles",
        status_code=201,
        tags=["articles"],
        dependencies=[Depends(write_access)],
    )
    def post_article(article: ArticleIn) -> dict[str, Any]:
        """Extract and store one article (needs the token); already stored is not an error."""
        from ..extraction import extract
        from ..ingest import InputError

        try:
            document = extract(**article.model_dump())
            result = store.save(document)
        except InputError as exc:
            raise HTTPException(422, exc.reason) from None
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None
        if result.stored:
            try:
                store.rebuild_incidents()
            except StoreError as exc:
                detail = f"stored as {result.id}, but incidents were not rebuilt: {exc}"
                raise HTTPException(503, detail) from None
        return {"id": result.id, "stored": result.stored}

    @app.get("/api/entities", dependencies=reads, tags=["actors"])
    def list_entities(
        page: PageQ, article_id: str | None = None, actor_id: str | None = None
    ) -> dict[str, Any]:
        """Entities of each article: mentions grouped per referent, linked actor, roles."""
        rows = store.entities(page, article_id=article_id, actor_id=actor_id)
        return _listing(rows, None, page)

    @app.get("/api/actors", dependencies=reads, tags=["actors"])
    def list_actors(page: PageQ) -> dict[str, Any]:
        """Registry actors found in the stored articles, most mentioned first."""
        return _listing(_with_registry_names(store.actors(page)), None, page)

    @app.get("/api/places", dependencies=reads, tags=["places"])
    def list_places(page: PageQ, article_id: str | None = None) -> dict[str, Any]:
        """Resolved places of each article, with coordinates and ACLED geo precision."""
        return _listing(store.places(page, article_id=article_id), None, page)

    @app.get("/api/quotes", dependencies=reads, tags=["quotes"])
    def list_quotes(page: PageQ, article_id: str | None = None) -> dict[str, Any]:
        """Quotes, direct and indirect, with speaker, cue and channel."""
        return _listing(store.quotes(page, article_id=article_id), None, page)

    @app.get("/api/events", dependencies=reads, tags=["events"])
    def list_events(page: PageQ, filters: FiltersQ) -> dict[str, Any]:
        """Events matching the filters, with actor, target, place, date, attribution and the
        evidence span."""
        return _listing(store.events(filters, page), store.count("events", filters), page)

    @app.get("/api/events.geojson", dependencies=reads, tags=["events", "map"])
    def events_geojson(filters: FiltersQ) -> dict[str, Any]:
        """Placed events matching the filters as a GeoJSON FeatureCollection (a map layer)."""
        rows = shape(store.events(filters, Page(MAX_MAP_FEATURES, 0), placed=True), EVENT_COLUMNS)
        return feature_collection(rows)[0]

    @app.get("/api/incidents", dependencies=reads, tags=["incidents"])
    def list_incidents(
        page: PageQ,
        filters: FiltersQ,
        min_reports: Annotated[int, Query(ge=1, le=MAX_OFFSET)] = 1,
    ) -> dict[str, Any]:
        """Incidents (reports of one happening merged across articles) matching the filters,
        most independently reported first."""
        rows = store.incidents(min_reports, filters, page)
        return _listing(rows, store.count("incidents", filters, min_reports), page)

    @app.get("/api/incidents.geojson", dependencies=reads, tags=["incidents", "map"])
    def incidents_geojson(
        filters: FiltersQ, min_reports: Annotated[int, Query(ge=1, le=MAX_OFFSET)] = 1
    ) -> dict[str, Any]:
        """Placed incidents as a GeoJSON FeatureCollection."""
        rows = store.incidents(min_reports, filters, Page(MAX_MAP_FEATURES, 0))
        return feature_collection(shape(rows, INCIDENT_COLUMNS))[0]

    @app.get("/api/incidents/{incident_id}", dependencies=reads, tags=["incidents"])
    def get_incident(incident_id: str) -> dict[str, Any]:
        """One incident with every report, its source and evidence, and why they were merged."""
        found = store.incident(incident_id)
        if found is None:
            raise HTTPException(404, f"no incident with id {incident_id!r}")
        return found

    @app.get("/api/contradictions", dependencies=reads, tags=["contradictions"])
    def list_contradictions(page: PageQ, filters: FiltersQ) -> dict[str, Any]:
        """The contradiction ledger: both sides of each disagreement with their sources."""
        rows = store.contradictions(filters, page)
        return _listing(rows, store.count("contradictions", filters), page)

    _dashboard(app, reads)
    return app


def app_from_environment() -> FastAPI:
    """The app for server worker processes (`eventwire serve --workers N`): its settings come
    from the environment the command sets."""
    return create_app(
        Settings(
            db=os.environ["EVENTWIRE_DB"],
            token=os.environ.get("EVENTWIRE_TOKEN") or None,
            reads_need_token=os.environ.get("EVENTWIRE_READS_NEED_TOKEN") == "1",
        )
    )


def _with_registry_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..actors import load_registry

    registry = load_registry()
    for row in rows:
        actor = registry.actors.get(row["actor_id"])
        if actor is not None:
            row["name"], row["kind"] = actor.name, actor.kind
    return rows


def _dashboard(app: FastAPI, reads: list) -> None:
    @app.get("/", include_in_schema=False, dependencies=reads)
    def index() -> FileResponse:
        return _static_file("index.html")

    @app.get("/static/{name}", include_in_schema=False, dependencies=reads)
    def static(name: str) -> FileResponse:
        return _static_file(name)


def _static_file(name: str) -> FileResponse:
    path = (STATIC / name).resolve()
    if path.parent != STATIC.resolve() or not path.is_file():
        raise HTTPException(404, f"no such file: {name}")
    return FileResponse(path)


def _errors_as_json(app: FastAPI) -> None:
    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'body'}: {e['msg']}"
            for e in exc.errors()
        ]
        return error(422, "; ".join(problems))

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return error(503, str(exc))
