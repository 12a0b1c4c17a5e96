"""Hostile text in organ names, typed fields and uploaded reports: escaped in every page, never
evaluated as a template, and text (never a formula) in the XLSX the 公开办 downloads."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient
from web_fixtures import csrf_of, login

from nianbao.render import render
from nianbao.store import open_store
from nianbao.synth import generate
from nianbao.web.accounts import add_user
from nianbao.web.app import create_app
from nianbao.web.permissions import Role
from nianbao.web.review import reporting_year

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{7*7}}"
FORMULA = "=cmd|' /C calc'!A0"
ORGAN = f"示例县{SCRIPT}{TEMPLATE}镇人民政府"
PASSWORD = "hostile-test-1"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = open_store(str(tmp_path_factory.mktemp("hostile") / "h.db"))
    add_user(store, "office", Role.OFFICE, "示例县人民政府", PASSWORD)
    add_user(store, "clerk", Role.CLERK, ORGAN, PASSWORD)
    return create_app(store=store)


def test_hostile_draft_and_upload_are_escaped_and_neutralised(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    year = reporting_year()
    clerk = login(TestClient(app), "clerk", PASSWORD)
    token = csrf_of(clerk.get(f"/compose?year={year}").text)
    assert (
        clerk.post(
            "/compose/start", data={"csrf_token": token, "year": str(year), "start": "blank"}
        ).status_code
        == 200
    )
    text = f"{SCRIPT} {TEMPLATE} {FORMULA}"
    form = {"csrf_token": token, "section:s1_overview": text, "action": "save"}
    assert clerk.post(f"/compose/save?year={year}", data=form).status_code == 200
    page = clerk.get(f"/compose?year={year}").text
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert TEMPLATE in page  # shown as typed, not evaluated to 49
    # An uploaded report naming the hostile organ, with hostile text in its body.
    report = generate(5, year, ORGAN)
    report.sections[0].text = text
    out = tmp_path / "r.html"
    render(report, "html", out, draft=False)
    uploaded = clerk.post(
        "/reports", data={"csrf_token": token}, files={"files": (f"{SCRIPT}.html", out.read_bytes())}
    )
    assert uploaded.status_code == 200
    assert SCRIPT not in uploaded.text and "&lt;script&gt;" in uploaded.text
    report_page = clerk.get("/reports/1").text
    assert SCRIPT not in report_page and TEMPLATE in report_page
    # Submit (a blank draft has warnings only), then the 公开办 sees it and downloads the findings.
    form["action"] = "submit"
    assert clerk.post(f"/compose/save?year={year}", data=form).status_code == 200
    office = login(TestClient(app), "office", PASSWORD)
    listing = office.get(f"/office?year={year}").text
    assert (
        SCRIPT not in listing
        and f"示例县&lt;script&gt;alert(1)&lt;/script&gt;{TEMPLATE}镇人民政府" in listing
    )
    # The 整改意见 starts with "="; in the findings workbook it stays text.
    token = csrf_of(listing)
    returned = office.post(
        "/office/return", data={"csrf_token": token, "organ_id": "2", "year": str(year), "comment": FORMULA}
    )
    assert returned.status_code == 200
    page = login(TestClient(app), "clerk", PASSWORD).get(f"/compose?year={year}").text
    assert FORMULA.replace("'", "&#39;") in page
    workbook = office.get(f"/office/{year}/findings.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert rows and {row[0].value for row in rows} == {ORGAN}
    comments = [row[header.index("整改意见")] for row in rows]
    assert all(c.value == FORMULA and c.data_type in ("s", "inlineStr") for c in comments)
    assert all(cell.data_type != "f" for row in rows for cell in row)
