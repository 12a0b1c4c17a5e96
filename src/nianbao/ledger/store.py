"""The ledger in the database: load an organ's Ledger, and change it one audited transaction at a time.

Every change goes through `LedgerStore._change`: the Ledger is loaded in the transaction, the change is
applied to it in memory and checked (a year already frozen must keep its tables, unless the change is
recorded as a correction with a reason), then written with an audit row (who, when, before, after).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from pydantic import TypeAdapter
from sqlalchemy import Connection, Table, func, insert, select, update

from ..model import TableValues
from ..store import Store, open_store
from .book import Ledger, Settings
from .cases import Case, Event, check_event
from .registers import ActiveItem, Appeal, Figure, IssuedDocument, OpeningBalance, PublicQuery
from .schema import AuditRow, BookRow, CaseRow, EntryRow, EventRow, FrozenRow

books_t = cast(Table, BookRow.__table__)
cases_t = cast(Table, CaseRow.__table__)
events_t = cast(Table, EventRow.__table__)
entries_t = cast(Table, EntryRow.__table__)
frozen_t = cast(Table, FrozenRow.__table__)
audit_t = cast(Table, AuditRow.__table__)

EVENT = TypeAdapter(Event)
REGISTERS: dict[str, type[ActiveItem] | type[Figure] | type[Appeal]] = {
    "active": ActiveItem,
    "figure": Figure,
    "appeal": Appeal,
}
DOCUMENTS = "document"
# 查询号 of cases (PublicQuery, numbered by the code itself).
QUERIES = "query"
# A row that withdraws the event it `replaces` (a record entered by mistake); it carries no event.
RETRACTED = "retracted"


class LedgerError(ValueError):
    """A change the ledger refuses; the message is for people (Chinese)."""


class FrozenYear(LedgerError):
    def __init__(self, year: int, cells: list[str]) -> None:
        shown = "、".join(cells[:8]) + ("等" if len(cells) > 8 else "")
        super().__init__(
            f"{year}年已冻结（年报已发布），此项修改会改变该年报表的{len(cells)}个单元格（{shown}）。"
            "如确需更正，请注明更正理由（--correction 理由）。"
        )
        self.year = year
        self.cells = cells


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _tables_json(tables: dict[str, TableValues]) -> str:
    return _json(tables)


def _diff_cells(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    cells = []
    for table, rows in after.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                if before.get(table, {}).get(row, {}).get(col) != value:
                    cells.append(f"{table}.{row}.{col}")
    return cells


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    who: str
    action: str
    entity: str
    key: str
    before: str | None
    after: str | None
    reason: str


class LedgerStore:
    """The ledgers in one database (the same one `nianbao ingest` fills)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # ---- books ---------------------------------------------------------------------------------

    def _book(self, conn: Connection, organ: str) -> tuple[int, int, str] | None:
        organ_id = self.store.organ_id(organ)
        if organ_id is None:
            return None
        row = conn.execute(
            select(books_t.c.id, books_t.c.opening_year, books_t.c.settings).where(
                books_t.c.organ_id == organ_id
            )
        ).first()
        return None if row is None else (int(row[0]), int(row[1]), str(row[2]))

    def exists(self, organ: str) -> bool:
        with self.engine.connect() as conn:
            return self._book(conn, organ) is not None

    def create(self, organ: str, opening_year: int, settings: Settings, who: str) -> None:
        with self.engine.begin() as conn:
            if self._book(conn, organ) is not None:
                raise LedgerError(f"“{organ}”的台账已经建立")
            organ_id = self.store._organ_id(conn, organ)
            book_id = conn.execute(
                insert(books_t),
                {
                    "organ_id": organ_id,
                    "organ": organ,
                    "opening_year": opening_year,
                    "settings": settings.model_dump_json(),
                    "secret": secrets.token_hex(32),
                },
            ).inserted_primary_key
            assert book_id is not None
            self._audit(conn, int(book_id[0]), who, "create", "book", organ, None, settings.model_dump_json())

    def update_settings(self, organ: str, settings: Settings, who: str) -> None:
        with self.engine.begin() as conn:
            book_id, _, before = self._require(conn, organ)
            conn.execute(
                update(books_t).where(books_t.c.id == book_id).values(settings=settings.model_dump_json())
            )
            self._audit(conn, book_id, who, "update", "book", organ, before, settings.model_dump_json())

    def _require(self, conn: Connection, organ: str) -> tuple[int, int, str]:
        found = self._book(conn, organ)
        if found is None:
            raise LedgerError(f"“{organ}”还没有台账，请先运行 nianbao ledger init 或导入台账")
        return found

    # ---- loading -------------------------------------------------------------------------------

    def load(self, organ: str) -> Ledger:
        with self.engine.connect() as conn:
            return self._load(conn, organ)

    def _load(self, conn: Connection, organ: str) -> Ledger:
        book_id, opening_year, settings_json = self._require(conn, organ)
        settings = Settings.model_validate_json(settings_json)
        case_rows = conn.execute(
            select(cases_t.c.id, cases_t.c.data).where(cases_t.c.book_id == book_id).order_by(cases_t.c.id)
        ).all()
        events: dict[int, list[tuple[int, str, int | None]]] = {}
        replaced: set[int] = set()
        rows = conn.execute(
            select(events_t.c.id, events_t.c.case_id, events_t.c.kind, events_t.c.data, events_t.c.replaces)
            .join(cases_t, cases_t.c.id == events_t.c.case_id)
            .where(cases_t.c.book_id == book_id)
            .order_by(events_t.c.id)
        ).all()
        for event_id, case_id, kind, data, replaces in rows:
            if replaces is not None:
                replaced.add(int(replaces))
            if kind != RETRACTED:
                events.setdefault(int(case_id), []).append((int(event_id), str(data), replaces))
        cases = []
        for case_id, data in case_rows:
            own = [EVENT.validate_json(d) for i, d, _ in events.get(int(case_id), []) if i not in replaced]
            cases.append(Case.model_validate_json(data).model_copy(update={"events": tuple(own)}))
        registers: dict[str, list[Any]] = {name: [] for name in REGISTERS}
        entries = conn.execute(
            select(entries_t.c.register, entries_t.c.data)
            .where(entries_t.c.book_id == book_id)
            .order_by(entries_t.c.id)
        ).all()
        opening = OpeningBalance()
        for register, data in entries:
            if register in (DOCUMENTS, QUERIES):
                continue
            if register == "opening":
                opening = OpeningBalance.model_validate_json(data)
            else:
                registers[register].append(REGISTERS[register].model_validate_json(data))
        return Ledger(
            organ=organ,
            opening_year=opening_year,
            settings=settings,
            cases=cases,
            active=registers["active"],
            figures=registers["figure"],
            appeals=registers["appeal"],
            opening=opening,
        )

    # ---- changing ------------------------------------------------------------------------------

    @contextmanager
    def _change(
        self, organ: str, who: str, correction: str | None, as_of: date
    ) -> Iterator[tuple[Connection, int, Ledger]]:
        """One transaction: yields the ledger before the change; on exit checks the frozen years
        against the ledger as it is after the change (reloaded within the transaction)."""
        with self.engine.begin() as conn:
            book_id = self._require(conn, organ)[0]
            yield conn, book_id, self._load(conn, organ)
            after = self._load(conn, organ)
            for year, version, tables in self._frozen(conn, book_id):
                now = after.tables(year, as_of)
                changed = _diff_cells(json.loads(tables), json.loads(_tables_json(now)))
                if not changed:
                    continue
                if not correction:
                    raise FrozenYear(year, changed)
                self._snapshot(conn, book_id, year, version + 1, now, who, correction)
                self._audit(
                    conn, book_id, who, "correction", "year", str(year), tables, _tables_json(now), correction
                )

    def _frozen(self, conn: Connection, book_id: int) -> list[tuple[int, int, str]]:
        rows = conn.execute(
            select(frozen_t.c.year, frozen_t.c.version, frozen_t.c.tables)
            .where(frozen_t.c.book_id == book_id)
            .order_by(frozen_t.c.year, frozen_t.c.version)
        ).all()
        latest: dict[int, tuple[int, int, str]] = {}
        for year, version, tables in rows:
            latest[int(year)] = (int(year), int(version), str(tables))
        return list(latest.values())

    def _snapshot(
        self,
        conn: Connection,
        book_id: int,
        year: int,
        version: int,
        tables: dict[str, TableValues],
        who: str,
        reason: str,
    ) -> None:
        text = _tables_json(tables)
        conn.execute(
            insert(frozen_t),
            {
                "book_id": book_id,
                "year": year,
                "version": version,
                "tables": text,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "at": _now(),
                "by": who,
                "reason": reason,
            },
        )

    def _audit(
        self,
        conn: Connection,
        book_id: int,
        who: str,
        action: str,
        entity: str,
        key: str,
        before: str | None,
        after: str | None,
        reason: str = "",
    ) -> None:
        conn.execute(
            insert(audit_t),
            {
                "book_id": book_id,
                "at": _now(),
                "who": who,
                "action": action,
                "entity": entity,
                "key": key,
                "before": before,
                "after": after,
                "reason": reason,
            },
        )

    def _case_id(self, conn: Connection, book_id: int, number: str) -> int:
        found = conn.scalar(
            select(cases_t.c.id).where(cases_t.c.book_id == book_id, cases_t.c.number == number)
        )
        if found is None:
            raise LedgerError(f"台账中没有编号为“{number}”的申请")
        return int(found)

    def _insert_case(self, conn: Connection, book_id: int, case: Case, who: str) -> int:
        header = case.model_copy(update={"events": ()})
        case_id = conn.execute(
            insert(cases_t),
            {
                "book_id": book_id,
                "number": case.number,
                "applicant_type": case.applicant.type,
                "received_on": case.received_on,
                "data": header.model_dump_json(),
            },
        ).inserted_primary_key
        assert case_id is not None
        self._audit(conn, book_id, who, "create", "case", case.number, None, header.model_dump_json())
        return int(case_id[0])

    def _insert_event(
        self,
        conn: Connection,
        book_id: int,
        case_id: int,
        number: str,
        event: Event,
        who: str,
        replaces: int | None,
    ) -> None:
        data = event.model_dump_json()
        conn.execute(
            insert(events_t),
            {
                "case_id": case_id,
                "kind": event.kind,
                "on": event.on,
                "data": data,
                "replaces": replaces,
                "recorded_at": _now(),
                "recorded_by": who,
            },
        )
        self._audit(conn, book_id, who, "create", "event", number, None, data)

    def add_cases(
        self, organ: str, cases: Sequence[Case], who: str, as_of: date, correction: str | None = None
    ) -> None:
        """Add new cases with their events, all or none."""
        with self._change(organ, who, correction, as_of) as (conn, book_id, ledger):
            known = {c.number for c in ledger.cases}
            for case in cases:
                if case.number in known:
                    raise LedgerError(f"编号“{case.number}”已在台账中")
                known.add(case.number)
                case_id = self._insert_case(conn, book_id, case, who)
                for event in case.events:
                    self._insert_event(conn, book_id, case_id, case.number, event, who, None)

    def add_event(
        self, organ: str, number: str, event: Event, who: str, as_of: date, correction: str | None = None
    ) -> None:
        with self._change(organ, who, correction, as_of) as (conn, book_id, ledger):
            try:
                case = ledger.case(number)
            except KeyError:
                raise LedgerError(f"台账中没有编号为“{number}”的申请") from None
            check_event(case, event)
            self._insert_event(conn, book_id, self._case_id(conn, book_id, number), number, event, who, None)

    def replace_event(
        self,
        organ: str,
        number: str,
        index: int,
        event: Event | None,
        who: str,
        as_of: date,
        reason: str,
        correction: str | None = None,
    ) -> None:
        """Correct the case's `index`-th event (0-based, as listed) by a new one; None withdraws it
        (a replacement that is itself withdrawn). The old record stays, marked as replaced."""
        with self._change(organ, who, correction, as_of) as (conn, book_id, _):
            case_id = self._case_id(conn, book_id, number)
            live = self._live_events(conn, case_id)
            if not 0 <= index < len(live):
                raise LedgerError(f"申请“{number}”没有第{index + 1}个事件")
            old_id, old_data = live[index]
            if event is None:
                conn.execute(
                    insert(events_t),
                    {
                        "case_id": case_id,
                        "kind": RETRACTED,
                        "on": date.fromisoformat(json.loads(old_data)["on"]),
                        "data": "{}",
                        "replaces": old_id,
                        "recorded_at": _now(),
                        "recorded_by": who,
                    },
                )
                self._audit(conn, book_id, who, "delete", "event", number, old_data, None, reason)
                return
            self._insert_event(conn, book_id, case_id, number, event, who, old_id)
            self._audit(
                conn, book_id, who, "update", "event", number, old_data, event.model_dump_json(), reason
            )

    def _live_events(self, conn: Connection, case_id: int) -> list[tuple[int, str]]:
        rows = conn.execute(
            select(events_t.c.id, events_t.c.data, events_t.c.replaces, events_t.c.kind)
            .where(events_t.c.case_id == case_id)
            .order_by(events_t.c.id)
        ).all()
        replaced = {int(r[2]) for r in rows if r[2] is not None}
        return [(int(r[0]), str(r[1])) for r in rows if int(r[0]) not in replaced and r[3] != RETRACTED]

    def update_case(
        self, organ: str, case: Case, who: str, as_of: date, reason: str, correction: str | None = None
    ) -> None:
        """Change a case's own fields (applicant, type, channel, receipt date, request)."""
        with self._change(organ, who, correction, as_of) as (conn, book_id, _):
            case_id = self._case_id(conn, book_id, case.number)
            before = conn.scalar(select(cases_t.c.data).where(cases_t.c.id == case_id))
            header = case.model_copy(update={"events": ()}).model_dump_json()
            conn.execute(
                update(cases_t)
                .where(cases_t.c.id == case_id)
                .values(applicant_type=case.applicant.type, received_on=case.received_on, data=header)
            )
            self._audit(conn, book_id, who, "update", "case", case.number, before, header, reason)

    def put_entry(
        self,
        organ: str,
        register: str,
        number: str,
        entry: ActiveItem | Figure | Appeal | OpeningBalance | IssuedDocument | PublicQuery,
        who: str,
        as_of: date,
        correction: str | None = None,
    ) -> None:
        """Add a register entry, or replace the one with the same number (audited with its old value)."""
        with self._change(organ, who, correction, as_of) as (conn, book_id, _):
            data = entry.model_dump_json()
            where = (
                entries_t.c.book_id == book_id,
                entries_t.c.register == register,
                entries_t.c.number == number,
            )
            before = conn.scalar(select(entries_t.c.data).where(*where))
            if before is None:
                conn.execute(
                    insert(entries_t),
                    {"book_id": book_id, "register": register, "number": number, "data": data},
                )
            else:
                conn.execute(update(entries_t).where(*where).values(data=data))
            action = "create" if before is None else "update"
            self._audit(conn, book_id, who, action, register, number, before, data)

    def issue(
        self, organ: str, kind: str, case_number: str, year: int, pattern: str, who: str, as_of: date
    ) -> str:
        """The 文号 of a case's document of `kind`: the one already issued, else the year's next number."""
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            rows = conn.execute(
                select(entries_t.c.data).where(
                    entries_t.c.book_id == book_id, entries_t.c.register == DOCUMENTS
                )
            ).all()
        issued = [IssuedDocument.model_validate_json(r[0]) for r in rows]
        for doc in issued:
            if doc.kind == kind and doc.case_number == case_number:
                return doc.number
        seq = 1 + max((d.seq for d in issued if d.kind == kind and d.year == year), default=0)
        from .documents import document_number

        number = document_number(pattern, kind, year, seq)
        entry = IssuedDocument(kind=kind, case_number=case_number, year=year, seq=seq, number=number)
        self.put_entry(organ, DOCUMENTS, f"{kind}:{case_number}", entry, who, as_of)
        return number

    # ---- finding cases by key ----------------------------------------------------------------------

    def books(self, organ_ids: Sequence[int] | None = None) -> dict[int, str]:
        """Organ id → the organ's name as its ledger was created, for every ledger (or those given)."""
        query = select(books_t.c.organ_id, books_t.c.organ)
        if organ_ids is not None:
            query = query.where(books_t.c.organ_id.in_(list(organ_ids)))
        with self.engine.connect() as conn:
            return {int(i): str(name) for i, name in conn.execute(query)}

    def versions(self, organ_ids: Sequence[int]) -> dict[int, int]:
        """Organ id → the id of its ledger's latest audit row: it changes with every change of the
        ledger (cases, events, registers, settings), so what is computed from a ledger can be kept
        until it does."""
        query = (
            select(books_t.c.organ_id, func.max(audit_t.c.id))
            .join(audit_t, audit_t.c.book_id == books_t.c.id)
            .where(books_t.c.organ_id.in_(list(organ_ids)))
            .group_by(books_t.c.organ_id)
        )
        with self.engine.connect() as conn:
            return {int(i): int(v) for i, v in conn.execute(query)}

    def case_ids(self, organ: str) -> dict[str, int]:
        """Case 编号 → the case's row id (a stable key for links), within one organ's ledger."""
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            rows = conn.execute(select(cases_t.c.number, cases_t.c.id).where(cases_t.c.book_id == book_id))
            return {str(n): int(i) for n, i in rows}

    def locate(self, case_id: int) -> tuple[int, str, str] | None:
        """The organ id, the ledger's organ name and the 编号 of a case row id (None: no such case)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(books_t.c.organ_id, books_t.c.organ, cases_t.c.number)
                .join(books_t, books_t.c.id == cases_t.c.book_id)
                .where(cases_t.c.id == case_id)
            ).first()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def query_code(self, organ: str, number: str, who: str, as_of: date) -> str:
        """The case's 查询号: the one already given, else a new random one (kept once given)."""
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            rows = conn.execute(
                select(entries_t.c.data).where(
                    entries_t.c.book_id == book_id, entries_t.c.register == QUERIES
                )
            ).all()
        for (data,) in rows:
            found = PublicQuery.model_validate_json(data)
            if found.case_number == number:
                return found.code
        alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read over the phone
        code = "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
        self.put_entry(organ, QUERIES, code, PublicQuery(code=code, case_number=number), who, as_of)
        return code

    def find_query(self, code: str) -> tuple[str, str] | None:
        """The ledger's organ name and the case 编号 a 查询号 names (None: no such code)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(books_t.c.organ, entries_t.c.data)
                .join(books_t, books_t.c.id == entries_t.c.book_id)
                .where(entries_t.c.register == QUERIES, entries_t.c.number == code)
            ).first()
        if row is None:
            return None
        return str(row[0]), PublicQuery.model_validate_json(row[1]).case_number

    # ---- freezing ------------------------------------------------------------------------------

    def freeze(self, organ: str, year: int, who: str, as_of: date) -> str:
        """Freeze a year whose report is published; returns the hash of its tables."""
        with self.engine.begin() as conn:
            book_id = self._require(conn, organ)[0]
            if any(y == year for y, _, _ in self._frozen(conn, book_id)):
                raise LedgerError(f"{year}年已经冻结")
            tables = self._load(conn, organ).tables(year, as_of)
            self._snapshot(conn, book_id, year, 1, tables, who, "年报发布，冻结")
            self._audit(conn, book_id, who, "freeze", "year", str(year), None, _tables_json(tables))
            return hashlib.sha256(_tables_json(tables).encode("utf-8")).hexdigest()

    def frozen_years(self, organ: str) -> dict[int, int]:
        """Frozen years and the number of their latest version (1 = as published)."""
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            return {year: version for year, version, _ in self._frozen(conn, book_id)}

    def audit(self, organ: str) -> list[AuditEntry]:
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            rows = conn.execute(
                select(audit_t).where(audit_t.c.book_id == book_id).order_by(audit_t.c.id)
            ).mappings()
            return [
                AuditEntry(
                    r["at"],
                    r["who"],
                    r["action"],
                    r["entity"],
                    r["key"],
                    r["before"],
                    r["after"],
                    r["reason"],
                )
                for r in rows
            ]

    # ---- applicant identity ----------------------------------------------------------------------

    def identity_key(self, organ: str, raw: str) -> str:
        """A keyed hash (HMAC-SHA256) of an ID number or credit code, with the book's own secret key, so
        the number itself is never stored yet one applicant's applications can be matched."""
        normalised = "".join(raw.split()).upper()
        with self.engine.connect() as conn:
            book_id = self._require(conn, organ)[0]
            key = conn.scalar(select(books_t.c.secret).where(books_t.c.id == book_id))
        return hmac.new(bytes.fromhex(str(key)), normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def open_ledgers(db: str | None = None) -> LedgerStore:
    return LedgerStore(open_store(db))
