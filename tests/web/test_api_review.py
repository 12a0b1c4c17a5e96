"""The JSON API of the report's way, per role: a clerk edits and submits its own organ's draft, the
公开办 lists its units and returns or publishes, and neither can do the other's part."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from nianbao.store import open_store
from nianbao.synth import generate
from nianbao.web.accounts import add_user, issue_token
from nianbao.web.app import create_app
from nianbao.web.permissions import Role

PASSWORD = "api-review-1"
YEAR = 2024


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TestClient]:
    store = open_store(str(tmp_path_factory.mktemp("api-review") / "a.db"))
    accounts = {
        "office": (Role.OFFICE, "示例县人民政府"),
        "clerk": (Role.CLERK, "示例县城关镇人民政府"),
        "other": (Role.CLERK, "示例县河西乡人民政府"),
        "head": (Role.HEAD, "示例县城关镇人民政府"),
        "reader": (Role.READER, "示例县人民政府"),
        "admin": (Role.ADMIN, "示例县人民政府"),
    }
    app = create_app(store=store)
    out = {}
    for name, (role, organ) in accounts.items():
        add_user(store, name, role, organ, PASSWORD)
        out[name] = TestClient(app, headers={"authorization": f"Bearer {issue_token(store, name)}"})
    return out


def _filled() -> dict[str, str]:
    values = generate(8, YEAR, "示例县城关镇人民政府").cell_values()
    return {k: "" if v is None else str(v) for k, v in values.items()}


def test_the_reports_way_through_the_api(clients: dict[str, TestClient]) -> None:
    clerk, office = clients["clerk"], clients["office"]
    assert clerk.get(f"/api/drafts/{YEAR}").status_code == 404
    started = clerk.post(f"/api/drafts/{YEAR}", json={"from_last_year": False})
    assert started.status_code == 201 and started.json()["status"] == "draft"
    bad = clerk.put(f"/api/drafts/{YEAR}", json={"cells": {"applications.new_received.total": "十二"}})
    assert bad.status_code == 400 and "不是数值" in bad.json()["detail"]
    edited = clerk.put(
        f"/api/drafts/{YEAR}", json={"cells": _filled(), "sections": {"s1_overview": "总体情况。"}}
    )
    assert edited.status_code == 200
    assert not [f for f in edited.json()["report"]["findings"] if f["severity"] == "error"]
    assert clerk.post(f"/api/drafts/{YEAR}/submit").json()["status"] == "submitted"
    assert clerk.put(f"/api/drafts/{YEAR}", json={"cells": {}}).status_code == 409

    units = office.get(f"/api/office/{YEAR}").json()
    chengguan = next(u for u in units if u["organ"] == "示例县城关镇人民政府")
    assert chengguan["status"] == "submitted"
    unit = f"/api/office/{YEAR}/{chengguan['organ_id']}"
    returned = office.post(f"{unit}/return", json={"comment": "请补充第五部分。"})
    assert returned.status_code == 204
    draft = clerk.get(f"/api/drafts/{YEAR}").json()
    assert draft["status"] == "returned" and draft["comment"] == "请补充第五部分。"
    assert clerk.post(f"/api/drafts/{YEAR}/submit").status_code == 200
    published = office.post(f"{unit}/publish")
    assert published.status_code == 200
    report_id = published.json()["report_id"]
    # Published: every role in scope reads it; the other township's clerk does not.
    for name in ("clerk", "head", "office", "reader", "admin"):
        assert clients[name].get(f"/api/reports/{report_id}").status_code == 200, name
    assert clients["other"].get(f"/api/reports/{report_id}").status_code == 404


def test_what_each_role_cannot_do(clients: dict[str, TestClient]) -> None:
    # Readers and the 公开办 write no drafts; clerks and heads review nothing.
    for name in ("reader", "office"):
        assert clients[name].post(f"/api/drafts/{YEAR + 1}", json={}).status_code == 403, name
    for name in ("clerk", "head", "reader", "other"):
        assert clients[name].get(f"/api/office/{YEAR}").status_code == 403, name
        assert clients[name].post(f"/api/office/{YEAR}/1/publish").status_code == 403, name
    # A 公开办 cannot act on its own organ or an organ outside its tree.
    office = clients["office"]
    assert office.post(f"/api/office/{YEAR}/999999/publish").status_code == 409
    # Without a token: 401.
    bare = TestClient(office.app)
    assert bare.get(f"/api/drafts/{YEAR}").status_code == 401
    assert bare.get(f"/api/office/{YEAR}").status_code == 401
