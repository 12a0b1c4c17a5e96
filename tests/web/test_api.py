"""The JSON API: upload → 201 with the report contract, read back, correct; and schemathesis over
the OpenAPI schema (no 5xx, every response as documented)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance
from starlette.testclient import TestClient
from web_fixtures import PLANTED_CELL, planted_report

from nianbao.model import Report
from nianbao.web.accounts import issue_token


@pytest.fixture(scope="module")
def hexi_token(demo_store) -> str:  # type: ignore[no-untyped-def]
    return issue_token(demo_store, "hexi")


def test_upload_returns_201_with_the_report_contract(demo_app, hexi_token: str) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(demo_app, headers={"authorization": f"Bearer {hexi_token}"})
    data, right = planted_report("docx", 77, "示例县河西乡人民政府")
    created = client.post("/api/reports", files={"file": ("任意名字.txt", data)})
    assert created.status_code == 201, created.text
    body = created.json()
    report = Report.from_json(body["report"])
    assert report.source.format == "docx" and report.organ == "示例县河西乡人民政府"
    assert any(f.rule == "T3-LEDGER" and PLANTED_CELL in f.cells for f in report.findings)
    again = client.get(f"/api/reports/{body['id']}")
    assert again.status_code == 200 and again.json() == body
    fixed = client.post(
        f"/api/reports/{body['id']}/corrections", json={"cell": PLANTED_CELL, "value": str(right)}
    )
    assert fixed.status_code == 200
    after = Report.from_json(fixed.json()["report"])
    assert after.cell("applications", "new_received", "natural") == right
    assert not any(f.rule == "T3-LEDGER" and PLANTED_CELL in f.cells for f in after.findings)


def test_unreadable_upload_is_422_with_a_reason(demo_app, hexi_token: str) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(demo_app, headers={"authorization": f"Bearer {hexi_token}"})
    response = client.post("/api/reports", files={"file": ("x.pdf", b"%PDF-1.4 broken")})
    assert response.status_code == 422
    assert response.json()["detail"]


def test_openapi_lists_the_api_and_no_pages(demo_app) -> None:  # type: ignore[no-untyped-def]
    schema = TestClient(demo_app).get("/openapi.json").json()
    assert set(schema["paths"]) >= {"/api/reports", "/api/reports/{report_id}"}
    assert all(path.startswith("/api/") for path in schema["paths"])


def test_api_by_schemathesis(demo_app, hexi_token: str) -> None:  # type: ignore[no-untyped-def]
    """Every operation of /openapi.json with generated requests (valid and not): every default check
    of schemathesis — no 5xx, documented status codes, responses matching their schema, requests that
    break the schema rejected."""
    loaded = schemathesis.openapi.from_asgi("/openapi.json", demo_app)
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) >= 4
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case) -> None:  # type: ignore[no-untyped-def]
            # A schema-valid upload may still not be an annual report: 422 by design, so the check that
            # every schema-valid request succeeds does not apply here.
            case.call_and_validate(
                headers={"authorization": f"Bearer {hexi_token}"}, excluded_checks=[positive_data_acceptance]
            )

        run()
