"""Pages through the in-process client: statistics with charts, public pages that never show an
upload, the audit log of changes with before and after."""

from __future__ import annotations

from sqlalchemy import select
from starlette.testclient import TestClient

from nianbao.store import Store
from nianbao.store.web_tables import audit_t, uploads_t
from nianbao.web.review import public_reports


def test_stats_page_and_charts(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("yanjiu")
    for by in ("year", "region", "level", "organ"):
        page = client.get(f"/stats?by={by}")
        assert page.status_code == 200 and "实质公开率" in page.text, by
    assert client.get("/stats?by=nonsense").status_code == 400
    for kind in ("trend", "outcomes"):
        chart = client.get(f"/stats/{kind}.png")
        assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


def test_public_pages_list_published_reports_and_never_uploads(demo_app, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(demo_app)
    published = {row[0] for row in public_reports(demo_store)}
    listing = client.get("/public").text
    for report_id in published:
        assert f'href="/public/reports/{report_id}"' in listing
        page = client.get(f"/public/reports/{report_id}")
        assert page.status_code == 200 and "script-src" not in page.headers["content-security-policy"]
    with demo_store.engine.connect() as conn:
        uploaded = set(conn.scalars(select(uploads_t.c.report_id)))
    assert uploaded and not uploaded & published
    for report_id in uploaded:
        assert client.get(f"/public/reports/{report_id}").status_code == 404


def test_changes_are_in_the_audit_log_with_before_and_after(demo_store: Store) -> None:
    with demo_store.engine.connect() as conn:
        rows = conn.execute(select(audit_t)).all()
    actions = {r.action for r in rows}
    expected = {"user.add", "report.upload", "draft.start", "draft.save", "draft.submit", "draft.return"}
    assert expected <= actions
    returned = next(r for r in rows if r.action == "draft.return")
    assert returned.actor == "gongkaiban" and '"submitted"' in returned.before and "comment" in returned.after
