"""What each role can and cannot do, through the pages and the API: scope by the organ tree (a
township clerk never reads another township's reports, even by guessing ids)."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_fixtures import csrf_of

from nianbao.web.accounts import issue_token
from nianbao.web.app import PUBLIC_PATHS
from nianbao.web.demo import TOWNSHIPS
from nianbao.web.reports import visible_reports


def _ids_by_organ(demo_store, demo_app, name: str) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    from nianbao.web.accounts import user_by_name

    user = user_by_name(demo_store, name)
    out: dict[str, list[int]] = {}
    for row in visible_reports(demo_store, user):
        out.setdefault(row.organ or "", []).append(row.id)
    return out


def test_every_route_requires_a_user_or_is_listed_public(demo_app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(demo_app)
    for route in demo_app.fastapi.routes:
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None) or {"GET"}
        if path in PUBLIC_PATHS or any(path.startswith(p + "/") for p in ("/static",)):
            continue
        concrete = path.replace("{report_id}", "1").replace("{page}", "1").replace("{kind}", "trend")
        concrete = concrete.replace("{organ_id}", "1").replace("{year}", "2024").replace("{case_id}", "1")
        concrete = concrete.replace("{fmt}", "xlsx")
        for method in methods - {"HEAD"}:
            response = client.request(method, concrete, follow_redirects=False)
            if path.startswith("/api"):
                assert response.status_code in (401, 403), (method, path, response.status_code)
            else:
                assert response.status_code in (303, 403), (method, path, response.status_code)
                if response.status_code == 303:
                    assert response.headers["location"] == "/login"


@pytest.mark.parametrize("clerk, own, other", [("chengguan", 0, 1), ("hexi", 1, 2), ("dongshan", 2, 0)])
def test_a_clerk_reads_own_reports_and_never_another_townships(
    client_for, demo_store, demo_app, clerk: str, own: int, other: int
) -> None:  # type: ignore[no-untyped-def]
    everything = _ids_by_organ(demo_store, demo_app, "admin")
    mine, theirs = everything[TOWNSHIPS[own]], everything[TOWNSHIPS[other]]
    client = client_for(clerk)
    for report_id in mine:
        assert client.get(f"/reports/{report_id}").status_code == 200
    listing = client.get("/reports").text
    for report_id in theirs:
        # Guessing the id: the page, its source, its page images and the API all say "not found".
        assert client.get(f"/reports/{report_id}").status_code == 404
        assert client.get(f"/reports/{report_id}/source").status_code == 404
        assert client.get(f"/reports/{report_id}/pages/1.png").status_code == 404
        assert client.get(f"/api/reports/{report_id}").status_code == 404
        assert f'href="/reports/{report_id}"' not in listing
    token = csrf_of(listing)
    response = client.post(
        f"/reports/{theirs[0]}/cells",
        data={"csrf_token": token, "cell": "applications.new_received.total", "value": "1"},
    )
    assert response.status_code == 404


def test_office_and_admin_see_every_township(client_for, demo_store, demo_app) -> None:  # type: ignore[no-untyped-def]
    everything = _ids_by_organ(demo_store, demo_app, "admin")
    for name in ("gongkaiban", "yanjiu", "admin"):
        client = client_for(name)
        for organ in TOWNSHIPS:
            for report_id in everything[organ]:
                assert client.get(f"/reports/{report_id}").status_code == 200, (name, organ)


def test_reader_cannot_upload_or_correct(client_for, demo_store, demo_app) -> None:  # type: ignore[no-untyped-def]
    client = client_for("yanjiu")
    page = client.get("/reports").text
    assert "上传并核对" not in page
    token = csrf_of(page)
    assert (
        client.post("/reports", data={"csrf_token": token}, files={"files": ("a.txt", b"x")}).status_code
        == 403
    )
    report_id = _ids_by_organ(demo_store, demo_app, "admin")[TOWNSHIPS[0]][0]
    response = client.post(
        f"/reports/{report_id}/cells",
        data={"csrf_token": token, "cell": "applications.new_received.total", "value": "1"},
    )
    assert response.status_code == 403


def test_api_needs_a_valid_token_or_session(demo_app, demo_store) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(demo_app)
    assert client.get("/api/reports").status_code == 401
    assert client.get("/api/reports", headers={"authorization": "Bearer nonsense"}).status_code == 401
    token = issue_token(demo_store, "hexi")
    listed = client.get("/api/reports", headers={"authorization": f"Bearer {token}"})
    assert listed.status_code == 200
    organs = {row["organ"] for row in listed.json()}
    assert organs == {TOWNSHIPS[1]}
