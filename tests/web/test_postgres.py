"""The web application on PostgreSQL: the same demo, sign-in, upload, review and the audit log that
the database itself keeps append-only."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from starlette.testclient import TestClient
from web_fixtures import csrf_of, login, planted_report

from nianbao.store import open_store
from nianbao.store.web_tables import audit_t
from nianbao.web.app import create_app
from nianbao.web.demo import load_demo
from nianbao.web.review import reporting_year


def test_the_demo_on_postgres(postgres_url: str) -> None:
    store = open_store(postgres_url)
    load_demo(store)
    load_demo(store)  # twice changes nothing
    app = create_app(store=store)
    office = login(TestClient(app), "gongkaiban")
    page = office.get(f"/office?year={reporting_year()}").text
    for status in ("未开始", "草稿", "已报送", "退回", "已发布"):
        assert status in page
    clerk = login(TestClient(app), "hexi")
    token = csrf_of(clerk.get("/reports").text)
    data, _ = planted_report("docx", 61, "示例县河西乡人民政府")
    uploaded = clerk.post("/reports", data={"csrf_token": token}, files={"files": ("r.docx", data)})
    assert uploaded.status_code == 200 and "T3-LEDGER" in uploaded.text
    # Another township's clerk cannot read it, on PostgreSQL as on SQLite.
    other = login(TestClient(app), "dongshan")
    ids = [r["id"] for r in clerk.get("/api/reports").json()]
    assert ids and all(other.get(f"/reports/{i}").status_code == 404 for i in ids)
    with store.engine.connect() as conn:
        assert conn.scalar(select(audit_t.c.id).limit(1)) is not None
    for statement in ("UPDATE web_audit SET actor = 'x'", "DELETE FROM web_audit"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    store.close()
