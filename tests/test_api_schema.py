"""schemathesis against the OpenAPI spec: whatever valid or invalid request the spec allows, no
route answers with a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from conftest import REPO, SAMPLE, run_eventwire
from eventwire.api import Settings, create_app

TOKEN = "fuzz-token"
OPERATIONS = sorted(
    f"{method.upper()} {path}"
    for path, methods in __import__("json")
    .loads((REPO / "docs" / "openapi.json").read_text())["paths"]
    .items()
    for method in methods
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    ingested = run_eventwire("ingest", "-q", str(SAMPLE), "--published", "2021-08-24", "--db", db)
    assert ingested.returncode == 0
    app = create_app(Settings(db=db, token=TOKEN))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("operation_name", OPERATIONS)
def test_no_request_makes_the_server_fail(api_schema, operation_name):
    method, path = operation_name.split(" ", 1)
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code < 500, (case.formatted_path, response.text[:300])
        content_type = response.headers["content-type"]
        if isinstance(content_type, list):
            content_type = content_type[0]
        assert content_type.startswith("application/json")

    fuzz()
