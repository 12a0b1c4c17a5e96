"""The ledger in the database: round trip, append-only corrections, audit, frozen years, identity keys;
on SQLite and on PostgreSQL (the same code, the same migration chain as ingest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nianbao.ledger import Case, Extended, InvalidEvent, Replied, Settings
from nianbao.ledger.registers import ActiveItem, Appeal
from nianbao.ledger.schema import EventRow
from nianbao.ledger.store import FrozenYear, LedgerError, LedgerStore, open_ledgers

ORGAN = "示例县城关镇人民政府"
TODAY = date(2026, 3, 1)


def _case(number: str, received: date, *events: object) -> Case:
    return Case.model_validate(
        {
            "number": number,
            "applicant": {"name": "张三", "type": "natural"},
            "received_on": received,
            "events": [e.model_dump() for e in events],  # type: ignore[attr-defined]
        }
    )


def _book(url: str) -> LedgerStore:
    store = open_ledgers(url)
    store.create(ORGAN, 2024, Settings(regions=("ningxia",)), "管理员")
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return str(request.getfixturevalue("postgres_url"))


def test_round_trip_and_audit(db_url: str) -> None:
    store = _book(db_url)
    case = _case("2024-001", date(2024, 3, 1), Replied(on=date(2024, 3, 15), outcome="r_granted"))
    store.add_cases(ORGAN, [case], "李四", TODAY)
    store.put_entry(
        ORGAN,
        "active",
        "Z1",
        ActiveItem(
            number="Z1",
            title="规范性文件",
            article20_item=1,
            published_on=date(2024, 5, 1),
            document_row="normative_docs",
        ),
        "李四",
        TODAY,
    )
    store.put_entry(
        ORGAN, "appeal", "F1", Appeal(number="F1", kind="review", filed_on=date(2024, 6, 1)), "李四", TODAY
    )
    ledger = store.load(ORGAN)
    assert ledger.cases == [case]
    assert ledger.settings.regions == ("ningxia",)
    assert ledger.active_table(2024)["normative_docs"] == {"made": 1, "repealed": 0, "valid": 1}
    assert ledger.review_table(2024)["review"]["pending"] == 1
    audit = store.audit(ORGAN)
    assert [(a.who, a.action, a.entity) for a in audit] == [
        ("管理员", "create", "book"),
        ("李四", "create", "case"),
        ("李四", "create", "event"),
        ("李四", "create", "active"),
        ("李四", "create", "appeal"),
    ]
    assert audit[2].after is not None and "r_granted" in audit[2].after
    store.store.close()


def test_refusals_leave_the_database_unchanged(db_url: str) -> None:
    store = _book(db_url)
    store.add_cases(ORGAN, [_case("A", date(2024, 3, 1))], "李四", TODAY)
    with pytest.raises(LedgerError, match="已在台账中"):
        store.add_cases(ORGAN, [_case("B", date(2024, 3, 2)), _case("A", date(2024, 3, 3))], "李四", TODAY)
    assert [c.number for c in store.load(ORGAN).cases] == ["A"]  # B was not kept either
    with pytest.raises(LedgerError, match="没有编号"):
        store.add_event(ORGAN, "X", Replied(on=date(2024, 4, 1), outcome="r_granted"), "李四", TODAY)
    with pytest.raises(InvalidEvent, match="早于收到申请日期"):
        store.add_event(ORGAN, "A", Replied(on=date(2024, 2, 1), outcome="r_granted"), "李四", TODAY)
    ext = Extended(on=date(2024, 3, 10), approved_by="主任", notified_on=date(2024, 3, 10))
    store.add_event(ORGAN, "A", ext, "李四", TODAY)
    with pytest.raises(InvalidEvent, match="只能延期一次"):
        store.add_event(ORGAN, "A", ext, "李四", TODAY)
    with pytest.raises(LedgerError, match="还没有台账"):
        store.load("另一个机关")
    store.store.close()


def test_frozen_year_refuses_changes_unless_recorded_as_correction(db_url: str) -> None:
    store = _book(db_url)
    store.add_cases(
        ORGAN,
        [
            _case("A", date(2024, 3, 1), Replied(on=date(2024, 3, 20), outcome="r_granted")),
            _case("B", date(2024, 12, 20)),
        ],
        "李四",
        TODAY,
    )
    store.freeze(ORGAN, 2024, "主任", TODAY)
    # B answered in 2025: 2024 is unchanged (it stays 结转下年度 there).
    store.add_event(ORGAN, "B", Replied(on=date(2025, 1, 6), outcome="r_granted"), "李四", TODAY)
    # A new case received in 2024 would change 2024's tables: refused, nothing stored.
    late = _case("C", date(2024, 6, 1), Replied(on=date(2024, 6, 10), outcome="r_granted"))
    with pytest.raises(FrozenYear) as refused:
        store.add_cases(ORGAN, [late], "李四", TODAY)
    assert "applications.new_received.natural" in refused.value.cells
    assert [c.number for c in store.load(ORGAN).cases] == ["A", "B"]
    # Recorded as a correction with a reason: accepted, the year gets a corrected version.
    store.add_cases(ORGAN, [late], "李四", TODAY, correction="漏登记一件申请，经主任同意补录")
    assert store.frozen_years(ORGAN) == {2024: 2}
    corrections = [a for a in store.audit(ORGAN) if a.action == "correction"]
    assert len(corrections) == 1 and corrections[0].reason.startswith("漏登记")
    store.store.close()


def test_replacing_an_event_keeps_the_old_record(db_url: str) -> None:
    store = _book(db_url)
    store.add_cases(
        ORGAN,
        [_case("A", date(2025, 3, 3), Replied(on=date(2025, 3, 20), outcome="r_granted"))],
        "李四",
        TODAY,
    )
    better = Replied(on=date(2025, 3, 21), outcome="r_partial")
    store.replace_event(ORGAN, "A", 0, better, "王五", TODAY, "答复日期录错")
    assert store.load(ORGAN).case("A").events == (better,)
    store.replace_event(ORGAN, "A", 0, None, "王五", TODAY, "误录，撤销")
    assert store.load(ORGAN).case("A").events == ()
    with store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EventRow)) == 3  # nothing deleted
    assert [a.action for a in store.audit(ORGAN)][-2:] == ["update", "delete"]
    store.store.close()


def test_identity_key_matches_without_storing_the_number(tmp_path: Path) -> None:
    store = _book(str(tmp_path / "l.db"))
    one = store.identity_key(ORGAN, "11010519491231002X")
    assert one == store.identity_key(ORGAN, " 11010519491231002x ")
    assert one != store.identity_key(ORGAN, "110105194912310038")
    assert "11010519491231002X" not in one
    store.store.close()


def test_an_outcome_the_years_form_does_not_print_is_refused(tmp_path: Path) -> None:
    store = _book(str(tmp_path / "l.db"))
    store.add_cases(ORGAN, [_case("A", date(2024, 3, 1))], "李四", TODAY)
    # E2021 prints （六）其他处理 only as a heading over three rows: a 2024 answer cannot land on it.
    with pytest.raises(InvalidEvent, match="不在2024年所用格式"):
        store.add_event(ORGAN, "A", Replied(on=date(2024, 3, 20), outcome="r_other"), "李四", TODAY)
    store.store.close()
