"""年报编制 from the 台账: a draft whose three tables and texts are the ledger's computation, checked by
the rules and downloadable; refused with a reason for an organ without a ledger or a year before it.
And the 公开办 sees each unit's overdue cases as the ledger counts them."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from docx import Document
from starlette.testclient import TestClient
from web_fixtures import csrf_of

from nianbao.ledger.store import LedgerStore
from nianbao.web.accounts import issue_token
from nianbao.web.demo import TOWNSHIPS


def test_a_draft_computed_from_the_ledger(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year
    clerk = client_for("dongshan")
    page = clerk.get(f"/compose?year={year}").text
    assert "从台账计算" in page
    started = clerk.post(
        "/compose/start", data={"csrf_token": csrf_of(page), "year": str(year), "start": "ledger"}
    )
    assert started.status_code == 200
    tables = LedgerStore(demo_store).load(TOWNSHIPS[2]).tables(year, date.today())
    token = issue_token(demo_store, "dongshan")
    draft = TestClient(clerk.app, headers={"authorization": f"Bearer {token}"}).get(f"/api/drafts/{year}")
    assert draft.status_code == 200
    report = draft.json()["report"]
    assert report["tables"]["applications"] == tables["applications"]
    assert report["source"]["format"] == "ledger"
    docx = clerk.get(f"/compose/{year}.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    total = tables["applications"]["new_received"]["total"]
    assert f"新收政府信息公开申请{total}件" in text


def test_from_the_ledger_is_refused_without_one_or_before_it(demo_app, demo_store) -> None:  # type: ignore[no-untyped-def]
    # 民政局 keeps no ledger here; 城关镇's ledger begins with the reporting year.
    for name, year, reason in (
        ("minzheng", date.today().year, "还没有台账"),
        ("chengguan", 2010, "台账从"),
    ):
        token = issue_token(demo_store, name)
        api = TestClient(demo_app, headers={"authorization": f"Bearer {token}"})
        response = api.post(f"/api/drafts/{year}", json={"from_ledger": True})
        assert response.status_code == 409 and reason in response.json()["detail"], response.text


def test_the_office_sees_overdue_cases_per_unit(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    book = LedgerStore(demo_store)
    page = client_for("gongkaiban").get("/office").text
    for organ in TOWNSHIPS:
        ledger = book.load(organ)
        late = sum(1 for _, s in ledger.statuses(date.today()) if s.overdue and s.state != "concluded")
        organ_id = demo_store.organ_id(organ)
        row = re.search(rf'<tr data-organ="{organ_id}">(.*?)</tr>', page, re.S)
        assert row is not None
        cell = re.search(r'class="overdue-cases[^"]*">(.*?)</td>', row.group(1), re.S)
        assert cell is not None and re.sub(r"<[^>]+>", "", cell.group(1)).strip() == str(late)
    # A unit without a ledger shows a dash, not a zero.
    minzheng = demo_store.organ_id("示例县民政局")
    row = re.search(rf'<tr data-organ="{minzheng}">(.*?)</tr>', page, re.S)
    assert row is not None and 'class="overdue-cases">—</td>' in row.group(1)


def _overdue_shown(page: str, organ_id: int) -> str:
    row = re.search(rf'<tr data-organ="{organ_id}">(.*?)</tr>', page, re.S)
    assert row is not None
    cell = re.search(r'class="overdue-cases[^"]*">(.*?)</td>', row.group(1), re.S)
    assert cell is not None
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


def test_the_office_count_follows_a_change_in_the_unit_ledger(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    office = client_for("gongkaiban")
    organ_id = demo_store.organ_id(TOWNSHIPS[1])
    before = int(_overdue_shown(office.get("/office").text, organ_id))
    # An application received three months ago and never answered is past its deadline today.
    clerk = client_for("hexi")
    page = clerk.get("/cases").text
    received = (date.today() - timedelta(days=90)).isoformat()
    form = {
        "csrf_token": csrf_of(page),
        "applicant": "久未答复",
        "applicant_type": "自然人",
        "received_on": received,
    }
    assert clerk.post("/cases/new", data=form, follow_redirects=False).status_code == 303
    assert int(_overdue_shown(office.get("/office").text, organ_id)) == before + 1
