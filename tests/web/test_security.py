"""The security core through the app: headers, CSRF, lockout, session timeout, upload limits,
escaping, the audit log that cannot be changed."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update
from starlette.testclient import TestClient
from web_fixtures import csrf_of, login, planted_report

from nianbao.store import open_store
from nianbao.store.web_tables import audit_t, sessions_t
from nianbao.web.accounts import Policy, add_user, issue_token
from nianbao.web.app import create_app
from nianbao.web.audit import now
from nianbao.web.permissions import Role
from nianbao.web.reports import Limits
from nianbao.web.security import CONTENT_SECURITY_POLICY

PASSWORD = "correct-horse-1"


@pytest.fixture
def small_app(tmp_path):  # type: ignore[no-untyped-def]
    """A fresh app with tight limits: two files of 64 KB at most."""
    store = open_store(str(tmp_path / "s.db"))
    add_user(store, "clerk", Role.CLERK, "示例县城关镇人民政府", PASSWORD)
    limits = Limits(max_files=2, max_file_bytes=64 * 1024, max_zip_members=3, max_unzipped_bytes=200 * 1024)
    return create_app(store=store, limits=limits, policy=Policy(max_failed_logins=3))


def test_every_response_has_the_security_headers(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for().get("/login")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    # No external resource anywhere in the page, and no inline script or style.
    html = response.text
    assert "http://" not in html and "https://" not in html
    assert "<script>" not in html and "style=" not in html


def test_session_cookie_is_httponly_and_samesite(small_app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(small_app)
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": token}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"]
    assert "nb_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_a_form_without_its_csrf_token_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("chengguan")
    data, _ = planted_report("html", 3, "示例县城关镇人民政府")
    refused = client.post("/reports", files={"files": ("a.html", data, "text/html")})
    assert refused.status_code == 403
    assert "CSRF" in refused.text
    wrong = client.post("/reports", data={"csrf_token": "0" * 64}, files={"files": ("a.html", data)})
    assert wrong.status_code == 403
    # A login form from another site (no token) is refused too.
    assert client_for().post("/login", data={"name": "x", "password": "y"}).status_code == 403


def test_a_write_from_another_origin_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("chengguan")
    token = csrf_of(client.get("/reports").text)
    response = client.post("/logout", data={"csrf_token": token}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_lockout_after_repeated_failures(small_app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(small_app)
    for _ in range(2):
        token = csrf_of(client.get("/login").text)
        page = client.post("/login", data={"name": "clerk", "password": "wrong", "csrf_token": token})
        assert page.status_code == 401 and "用户名或密码不正确" in page.text
    token = csrf_of(client.get("/login").text)
    page = client.post("/login", data={"name": "clerk", "password": "wrong", "csrf_token": token})
    assert "已锁定" in page.text
    # Even the right password is refused while the lock holds.
    token = csrf_of(client.get("/login").text)
    page = client.post("/login", data={"name": "clerk", "password": PASSWORD, "csrf_token": token})
    assert page.status_code == 401 and "已锁定" in page.text
    store = small_app.store
    with store.engine.connect() as conn:
        actions = list(conn.scalars(select(audit_t.c.action).where(audit_t.c.target == "user:clerk")))
    assert actions.count("login.failed") == 2 and "login.locked" in actions


def test_session_times_out_when_idle(small_app) -> None:  # type: ignore[no-untyped-def]
    client = login(TestClient(small_app), "clerk", PASSWORD)
    assert client.get("/reports").status_code == 200
    with small_app.store.engine.begin() as conn:
        conn.execute(update(sessions_t).values(seen_at=now() - timedelta(minutes=31)))
    response = client.get("/reports", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_upload_over_the_limit_gets_413(small_app) -> None:  # type: ignore[no-untyped-def]
    client = login(TestClient(small_app), "clerk", PASSWORD)
    token = csrf_of(client.get("/reports").text)
    big = b"0" * (200 * 1024)
    response = client.post("/reports", data={"csrf_token": token}, files={"files": ("big.txt", big)})
    assert response.status_code == 413
    # Under the request limit but over the per-file limit: 413 as well.
    medium = b"1" * (100 * 1024)
    response = client.post("/reports", data={"csrf_token": token}, files={"files": ("m.txt", medium)})
    assert response.status_code == 413
    # Too many files.
    three = [("files", (f"{i}.txt", b"x")) for i in range(3)]
    assert client.post("/reports", data={"csrf_token": token}, files=three).status_code == 413
    # A zip bomb-ish archive: more members than allowed.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(5):
            archive.writestr(f"r{i}.txt", "x")
    response = client.post(
        "/reports", data={"csrf_token": token}, files={"files": ("r.zip", buffer.getvalue())}
    )
    assert response.status_code == 413


def test_api_upload_over_the_limit_gets_413(small_app) -> None:  # type: ignore[no-untyped-def]
    token = issue_token(small_app.store, "clerk")
    client = TestClient(small_app)
    response = client.post(
        "/api/reports",
        files={"file": ("big.pdf", b"%PDF" + b"0" * (200 * 1024))},
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413


def test_audit_log_rows_cannot_be_changed_or_deleted(small_app) -> None:  # type: ignore[no-untyped-def]
    engine = small_app.store.engine
    with engine.connect() as conn:
        assert conn.scalar(select(audit_t.c.id).limit(1)) is not None
    for statement in ("UPDATE web_audit SET actor = 'x'", "DELETE FROM web_audit"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))


def test_upload_names_never_reach_the_file_system(client_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = client_for("chengguan")
    token = csrf_of(client.get("/reports").text)
    data, _ = planted_report("html", 4, "示例县城关镇人民政府")
    name = "../../../../tmp/nianbao-evil-<b>x</b>.html"
    page = client.post("/reports", data={"csrf_token": token}, files={"files": (name, data)})
    assert page.status_code == 200
    # Only the last part of the name is kept, and only ever shown (escaped).
    assert "<h2>b&gt;.html</h2>" in page.text and "<b>" not in page.text
    from pathlib import Path

    assert not Path("/tmp/nianbao-evil-<b>x</b>.html").exists()
