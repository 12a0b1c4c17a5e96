"""The 依申请公开台账 in the web application: the case list (due dates, working days left, overdue in
red, filters), a case with its timeline and deadline derivation, new cases and events (延期 and 答复
only by a 负责人), 文书, import all-or-nothing, export neutralised, the JSON API, and the public form
with its 查询号 — each checked against the ledger's own computation, not against fixed dates."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from starlette.testclient import TestClient
from web_fixtures import csrf_of

from nianbao.ledger.calendar import WorkCalendar
from nianbao.ledger.clock import count_working_days, working_days_left
from nianbao.ledger.store import LedgerStore
from nianbao.web.accounts import issue_token
from nianbao.web.demo import TOWNSHIPS

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{7*7}}"
FORMULA = "=cmd|' /C calc'!A0"
ROW = re.compile(r'<tr class="(overdue)?" data-case="([^"]+)">(.*?)</tr>', re.S)


def _recent_workday(back: int) -> date:
    """A working day `back` or more calendar days ago (the national calendar decides)."""
    calendar = WorkCalendar(())
    day = date.today() - timedelta(days=back)
    while not calendar.day(day).working:
        day -= timedelta(days=1)
    return day


def _new_case(client: TestClient, received: date, **fields: str) -> str:
    token = csrf_of(client.get("/cases").text)
    form = {
        "csrf_token": token,
        "applicant": "测试申请人",
        "applicant_type": "自然人",
        "channel": "当面",
        "received_on": received.isoformat(),
        "request": "某道路改造工程的招标文件",
        **fields,
    }
    response = client.post("/cases/new", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def _event(client: TestClient, where: str, **fields: str) -> int:
    token = csrf_of(client.get(where).text)
    return client.post(
        f"{where}/events", data={"csrf_token": token, **fields}, follow_redirects=False
    ).status_code


def _due(client: TestClient, where: str) -> str | None:
    found = re.search(r'class="due">([0-9-]+)<', client.get(where).text)
    return found.group(1) if found else None


def test_case_list_marks_exactly_the_overdue_cases_and_filters(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    ledger = LedgerStore(demo_store).load(TOWNSHIPS[0])
    today = date.today()
    expected = {c.number: s for c, s in ledger.statuses(today)}
    late = {n for n, s in expected.items() if s.overdue and s.state != "concluded"}
    assert late, "the demo ledger has open cases past their deadline"
    client = client_for("chengguan")
    rows = {m.group(2): (bool(m.group(1)), m.group(3)) for m in ROW.finditer(client.get("/cases").text)}
    assert set(rows) == set(expected)
    for number, (red, cells) in rows.items():
        state = expected[number]
        assert red == (number in late), number
        limit = state.due or state.projected_due
        if state.state != "concluded" and limit is not None:
            assert limit.due.isoformat() in cells
            left = working_days_left(ledger.calendar, today, limit.due)
            assert f"<td>{left}" in cells
    only_late = {m.group(2) for m in ROW.finditer(client.get("/cases?status=overdue").text)}
    assert only_late == late
    year = min(c.received_on.year for c in ledger.cases)
    in_year = {m.group(2) for m in ROW.finditer(client.get(f"/cases?year={year}").text)}
    assert in_year == {c.number for c in ledger.cases if c.received_on.year == year}


def test_correction_and_extension_move_the_deadline_and_letters_download(client_for) -> None:  # type: ignore[no-untyped-def]
    calendar = WorkCalendar(())
    received = _recent_workday(3)
    clerk, head = client_for("chengguan"), client_for("fuzeren")
    where = _new_case(clerk, received)
    page = clerk.get(where).text
    first = count_working_days(calendar, received, 20)
    assert _due(clerk, where) == first.due.isoformat()
    assert "第20个工作日为" in page  # the derivation is shown
    assert _event(clerk, where, kind="correction_requested", on=received.isoformat()) == 303
    assert "待补正" in clerk.get(where).text and _due(clerk, where) is None
    corrected = min(received + timedelta(days=1), date.today())
    assert _event(clerk, where, kind="correction_received", on=corrected.isoformat()) == 303
    restarted = count_working_days(calendar, corrected, 20)
    assert _due(clerk, where) == restarted.due.isoformat()
    # 延期 needs the 负责人: the clerk is refused, the head's approval moves the deadline.
    extension = {"kind": "extended", "on": corrected.isoformat(), "notified_on": corrected.isoformat()}
    assert _event(clerk, where, **extension, working_days="15") == 400
    assert _event(head, where, **extension, working_days="15") == 303
    extended = count_working_days(calendar, corrected, 35)
    assert _due(clerk, where) == extended.due.isoformat()
    assert "经fuzeren批准延期15个工作日" in clerk.get(where).text
    # The 文书: each a Word document with its 文号; made again, the same number.
    for kind, title in (
        ("correction", "补正告知书"),
        ("extension", "延期答复告知书"),
        ("receipt", "登记回执"),
    ):
        response = clerk.get(f"{where}/letters/{kind}.docx")
        assert response.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert title in text and "示1依复〔" in text
        again = clerk.get(f"{where}/letters/{kind}.docx").content
        assert "\n".join(p.text for p in Document(io.BytesIO(again)).paragraphs) == text
    assert clerk.get(f"{where}/letters/reply.docx").status_code == 400  # not answered yet
    assert clerk.get(f"{where}/letters/nonsense.docx").status_code == 404


def test_a_wrong_event_is_refused_with_its_reason(client_for) -> None:  # type: ignore[no-untyped-def]
    received = _recent_workday(2)
    clerk = client_for("chengguan")
    where = _new_case(clerk, received)
    before = (received - timedelta(days=5)).isoformat()
    token = csrf_of(clerk.get(where).text)
    response = clerk.post(
        f"{where}/events", data={"csrf_token": token, "kind": "correction_requested", "on": before}
    )
    assert response.status_code == 400 and "早于收到申请日期" in response.text
    response = clerk.post(f"{where}/events", data={"csrf_token": token, "kind": "飞行", "on": before})
    assert response.status_code == 400 and "未知的事件" in response.text


def test_hostile_case_fields_are_escaped_and_neutralised(client_for) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for("dongshan")
    where = _new_case(
        clerk, _recent_workday(1), applicant=SCRIPT, request=f"{FORMULA} {TEMPLATE}", contact=FORMULA
    )
    for page in (clerk.get(where).text, clerk.get("/cases").text):
        assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert TEMPLATE in clerk.get(where).text  # shown as typed, never evaluated
    book = load_workbook(io.BytesIO(clerk.get("/cases/export.xlsx").content))
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "cmd|" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    exported = list(csv.reader(io.StringIO(clerk.get("/cases/export.csv").content.decode("utf-8-sig"))))
    hostile = [cell for row in exported for cell in row if "cmd|" in cell]
    assert hostile and all(not cell.startswith("=") for cell in hostile)


def test_import_is_all_or_nothing_with_the_bad_rows_named(client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    clerk = client_for("hexi")
    page = clerk.get("/cases").text
    organ_id = re.search(r'name="organ_id" value="(\d+)"', page)
    assert organ_id is not None
    before = len(LedgerStore(demo_store).load(TOWNSHIPS[1]).cases)
    header = "编号,申请人,申请人类型,收到日期,申请内容\n"
    good = "导入-1,赵六,自然人,2025-03-03,某文件\n"
    bad = "导入-2,钱七,外星人,2025-02-30,某文件\n"
    token = csrf_of(page)
    refused = clerk.post(
        "/cases/import",
        data={"csrf_token": token, "organ_id": organ_id.group(1)},
        files={"file": ("台账.csv", (header + good + bad).encode("utf-8"))},
    )
    assert refused.status_code == 400 and "第3行" in refused.text and "未导入" in refused.text
    assert len(LedgerStore(demo_store).load(TOWNSHIPS[1]).cases) == before
    done = clerk.post(
        "/cases/import",
        data={"csrf_token": token, "organ_id": organ_id.group(1)},
        files={"file": ("anything.bin", (header + good).encode("utf-8"))},
    )
    assert done.status_code == 200
    assert len(LedgerStore(demo_store).load(TOWNSHIPS[1]).cases) == before + 1


def test_the_public_form_creates_a_case_the_clerk_sees(demo_app, client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    public = TestClient(demo_app)
    form = public.get("/public/apply").text
    organ_id = re.search(rf'<option value="(\d+)">{TOWNSHIPS[2]}</option>', form)
    assert organ_id is not None
    fields = {
        "csrf_token": csrf_of(form),
        "organ_id": organ_id.group(1),
        "applicant": "网上申请人甲",
        "applicant_type": "自然人",
        "request": "本镇某年度财政预算",
        "identity": "110101199003070011",
    }
    answer = public.post("/public/apply", data=fields)
    assert answer.status_code == 200
    code = re.search(r'class="query-code">([^<]+)<', answer.text)
    assert code is not None
    due = count_working_days(WorkCalendar(()), date.today(), 20).due.isoformat()
    assert due in answer.text
    status = public.get("/public/status", params={"code": code.group(1)})
    assert status.status_code == 200 and due in status.text and "办理中" in status.text
    # The status page tells nothing but the organ, dates and state.
    assert "网上申请人甲" not in status.text and "财政预算" not in status.text
    assert public.get("/public/status", params={"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 404
    # The clerk sees it, received online today; the ID number itself is stored nowhere.
    case = next(
        c for c in LedgerStore(demo_store).load(TOWNSHIPS[2]).cases if c.applicant.name == "网上申请人甲"
    )
    assert case.channel == "online" and case.received_on == date.today()
    assert case.applicant.identity_key and "110101199003070011" not in case.model_dump_json()
    assert f'data-case="{case.number}"' in client_for("dongshan").get("/cases").text
    # Without the form's CSRF token nothing is created.
    fields.pop("csrf_token")
    assert TestClient(demo_app).post("/public/apply", data=fields).status_code == 403


def test_missing_fields_on_the_public_form_are_named(demo_app) -> None:  # type: ignore[no-untyped-def]
    public = TestClient(demo_app)
    form = public.get("/public/apply").text
    organ_id = re.search(r'<option value="(\d+)"', form)
    assert organ_id is not None
    answer = public.post(
        "/public/apply", data={"csrf_token": csrf_of(form), "organ_id": organ_id.group(1), "applicant": " "}
    )
    assert answer.status_code == 400 and "请填写申请人姓名或名称" in answer.text


@pytest.fixture(scope="module")
def tokens(demo_store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    names = ("chengguan", "fuzeren", "hexi", "gongkaiban", "yanjiu", "admin")
    return {name: issue_token(demo_store, name) for name in names}


def _api(demo_app, token: str) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(demo_app, headers={"authorization": f"Bearer {token}"})


def test_cases_through_the_api(demo_app, tokens: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    clerk, head = _api(demo_app, tokens["chengguan"]), _api(demo_app, tokens["fuzeren"])
    received = _recent_workday(4)
    created = clerk.post(
        "/api/cases",
        json={"applicant": "接口申请人", "applicant_type": "商业企业", "received_on": received.isoformat()},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    case_id = body["summary"]["id"]
    assert body["summary"]["due"] == count_working_days(WorkCalendar(()), received, 20).due.isoformat()
    assert body["explanation"] and "第20个工作日" in body["explanation"][0]
    reply = {"kind": "答复", "on": date.today().isoformat(), "outcome": "予以公开"}
    assert clerk.post(f"/api/cases/{case_id}/events", json=reply).status_code == 400
    answered = head.post(f"/api/cases/{case_id}/events", json=reply)
    assert answered.status_code == 201, answered.text
    assert answered.json()["summary"]["state"] == "concluded"
    assert clerk.get(f"/api/cases/{case_id}").json()["case"]["events"][-1]["kind"] == "replied"
    listed = clerk.get("/api/cases", params={"status": "concluded"}).json()
    assert case_id in {r["id"] for r in listed}


def test_every_role_on_the_case_routes(demo_app, tokens: dict[str, str], client_for, demo_store) -> None:  # type: ignore[no-untyped-def]
    book = LedgerStore(demo_store)
    theirs = book.case_ids(TOWNSHIPS[1])  # 河西乡's cases
    own = book.case_ids(TOWNSHIPS[0])
    guess, mine = min(theirs.values()), min(own.values())
    event = {"kind": "撤回申请", "on": date.today().isoformat()}
    # A township clerk and its head: their own cases, never another township's, even by id.
    for name in ("chengguan", "fuzeren"):
        api, page = _api(demo_app, tokens[name]), client_for(name)
        assert api.get(f"/api/cases/{mine}").status_code == 200
        assert api.get(f"/api/cases/{guess}").status_code == 404
        assert api.post(f"/api/cases/{guess}/events", json=event).status_code == 404
        assert (
            api.get("/api/cases", params={"organ_id": book.store.organ_id(TOWNSHIPS[1])}).status_code == 404
        )
        assert page.get(f"/cases/{guess}").status_code == 404
        assert page.get(f"/cases/{guess}/letters/receipt.docx").status_code == 404
        assert page.get(f"/cases?organ_id={book.store.organ_id(TOWNSHIPS[1])}").status_code == 404
        token = csrf_of(page.get("/cases").text)
        assert page.post(f"/cases/{guess}/events", data={"csrf_token": token, **event}).status_code == 404
    # The 公开办 reads every unit's cases and changes none.
    office, office_page = _api(demo_app, tokens["gongkaiban"]), client_for("gongkaiban")
    assert office.get(f"/api/cases/{guess}").status_code == 200
    assert office_page.get(f"/cases/{guess}").status_code == 200
    assert office.post(f"/api/cases/{guess}/events", json=event).status_code == 403
    assert office_page.get(f"/cases/{guess}/letters/receipt.docx").status_code == 403
    # The researcher reads reports, not cases.
    reader, reader_page = _api(demo_app, tokens["yanjiu"]), client_for("yanjiu")
    assert reader.get("/api/cases").status_code == 403
    assert reader.get(f"/api/cases/{guess}").status_code == 403
    assert reader_page.get("/cases").status_code == 403
    # The administrator reads and writes everywhere.
    admin = _api(demo_app, tokens["admin"])
    assert admin.get(f"/api/cases/{guess}").status_code == 200
    # Without a token or session: 401.
    assert TestClient(demo_app).get("/api/cases").status_code == 401
