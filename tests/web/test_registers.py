"""The 主动公开 and 复议/诉讼 registers in the web application: entries added through the ledger's
API appear on the page and in the ledger's 表二 and 表四; a 公开办 reads them and adds none."""

from __future__ import annotations

from datetime import date

from web_fixtures import csrf_of

from nianbao.ledger.store import LedgerStore
from nianbao.web.demo import TOWNSHIPS

SCRIPT = "<script>alert(1)</script>"


def test_registers_add_and_count_in_the_tables(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for("dongshan")
    page = clerk.get("/registers").text
    token = csrf_of(page)
    today = date.today()
    ledger = LedgerStore(demo_store).load(TOWNSHIPS[2])
    made = ledger.active_table(today.year).get("normative_docs", {}).get("made") or 0
    item = {
        "csrf_token": token,
        "number": "GK-web-1",
        "title": f"关于{SCRIPT}的通知",
        "published_on": today.isoformat(),
        "document_row": "行政规范性文件",
        "secrecy_reviewed": "on",
    }
    response = clerk.post("/registers/active", data=item, follow_redirects=False)
    assert response.status_code == 303, response.text
    appeal = {"csrf_token": token, "number": "FY-web-1", "kind": "行政复议", "filed_on": today.isoformat()}
    assert clerk.post("/registers/appeals", data=appeal, follow_redirects=False).status_code == 303
    shown = clerk.get("/registers").text
    assert "GK-web-1" in shown and "FY-web-1" in shown and "尚未审结" in shown
    assert SCRIPT not in shown and "&lt;script&gt;" in shown
    after = LedgerStore(demo_store).load(TOWNSHIPS[2])
    assert (after.active_table(today.year)["normative_docs"]["made"] or 0) == int(made) + 1
    assert after.review_table(today.year)["review"]["pending"] >= 1
    # A result without its date is refused with the reason; nothing changes.
    wrong = {**appeal, "result": "结果维持"}
    refused = clerk.post("/registers/appeals", data=wrong)
    assert refused.status_code == 400 and "审结结果与审结日期须同时填写" in refused.text
    # The 公开办 reads the township's registers and cannot add to them.
    office = client_for("gongkaiban")
    organ_id = demo_store.organ_id(TOWNSHIPS[2])
    assert "GK-web-1" in office.get(f"/registers?organ_id={organ_id}").text
    office_token = csrf_of(office.get("/registers").text)
    denied = office.post(
        "/registers/active", data={**item, "csrf_token": office_token, "organ_id": str(organ_id)}
    )
    assert denied.status_code == 403
    # Another township's clerk cannot even see them.
    assert client_for("hexi").get(f"/registers?organ_id={organ_id}").status_code == 404
