"""The 依申请公开台账 for the web: whose ledgers a user may see or change, the case list with its
filters, one case with its timeline and the derivation of its deadline, new cases and events, the
文书, 台账 imports and the public application form. Every change goes through the ledger's own API
(`ledger.store.LedgerStore`), which checks, audits and keeps frozen years; nothing here decides a date.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from weakref import WeakKeyDictionary

from pydantic import ValidationError

from ..editions.outcomes import outcome_label
from ..ledger import BeforeLedger, Case, InvalidEvent, Ledger, OutcomeNotInEdition, Settings, Status
from ..ledger.cases import FeeNotified, Replied, Withdrawn
from ..ledger.clock import working_days_left
from ..ledger.documents import KINDS, NotApplicable, compose, render_letter
from ..ledger.parsing import ValueProblem, build_event, parse_applicant_type, parse_channel, parse_date
from ..ledger.sheet import ImportRefused, read_cases
from ..ledger.store import LedgerError, LedgerStore
from ..ledger.words import APPLICANT_TYPES, CHANNELS, EVENTS, STATES
from ..store import Store
from .permissions import Action, Role, User

# Events that need the approval of the office's head (负责人): 延期 and 答复.
APPROVED_EVENTS = ("extended", "replied")
# Who the ledger's audit log names for an application sent through the public form.
PUBLIC_APPLICANT = "网上申请"
ONLINE_RECEIPT = "online"
# Problems a ledger change may be refused for; each carries a message for people.
REFUSALS = (LedgerError, InvalidEvent, ValueProblem, BeforeLedger, OutcomeNotInEdition, NotApplicable)


class CaseRefused(ValueError):
    """A change or a reading the ledger refuses, with the reason for people (Chinese)."""


class NotFound(LookupError):
    """No such ledger or case within the user's scope (answered as 404, as if absent)."""


def reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(e["msg"]) for e in exc.errors())
    return str(exc)


@dataclass(frozen=True)
class Book:
    """One organ's ledger as a request sees it."""

    organ_id: int
    organ: str
    ledger: Ledger
    ids: dict[str, int]  # 编号 → case row id


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    applicant: str
    applicant_type: str
    channel: str
    received_on: date
    state: str
    due: date | None
    days_left: int | None
    overdue: bool
    provisional: bool
    concluded_on: date | None
    outcome: str | None

    @property
    def state_name(self) -> str:
        return STATES[self.state]


def ledgers(store: Store) -> LedgerStore:
    return LedgerStore(store)


def books_in_scope(store: Store, user: User) -> dict[int, str]:
    """The ledgers the user may read: organ id → organ name (an admin reads every ledger)."""
    if not user.can(Action.CASES_READ):
        return {}
    found = ledgers(store).books()
    return {i: name for i, name in sorted(found.items(), key=lambda p: p[1]) if user.sees(i)}


def can_write(user: User, organ_id: int) -> bool:
    """Clerks and heads change their own organ's ledger; an admin any; a 公开办 only reads."""
    return user.can(Action.CASES_WRITE) and (user.role is Role.ADMIN or organ_id == user.organ_id)


def open_book(store: Store, user: User, organ_id: int) -> Book:
    if not user.can(Action.CASES_READ) or not user.sees(organ_id):
        raise NotFound()
    book = ledgers(store)
    name = book.books([organ_id]).get(organ_id)
    if name is None:
        raise NotFound()
    return Book(organ_id, name, book.load(name), book.case_ids(name))


def row_of(book: Book, case: Case, state: Status, today: date) -> CaseRow:
    limit = state.due or state.projected_due
    open_case = state.state != "concluded"
    due = limit.due if limit is not None else None
    left = working_days_left(book.ledger.calendar, today, due) if open_case and due is not None else None
    return CaseRow(
        id=book.ids[case.number],
        number=case.number,
        applicant=case.applicant.name,
        applicant_type=APPLICANT_TYPES[case.applicant.type],
        channel=CHANNELS[case.channel],
        received_on=case.received_on,
        state=state.state,
        due=due,
        days_left=left,
        overdue=state.overdue,
        provisional=state.provisional,
        concluded_on=state.concluded_on,
        outcome=outcome_label(state.outcome) if state.outcome else None,
    )


def case_rows(book: Book, today: date, state: str | None = None, year: int | None = None) -> list[CaseRow]:
    """The cases, filtered by state (a key of STATES, or `overdue`) and receipt year."""
    rows = []
    for case, status in book.ledger.statuses(today):
        if year is not None and case.received_on.year != year:
            continue
        if state == "overdue" and not (status.overdue and status.state != "concluded"):
            continue
        if state not in (None, "overdue") and status.state != state:
            continue
        rows.append(row_of(book, case, status, today))
    # Open cases first, the most urgent on top; then those concluded, the latest first.
    open_rows = sorted(
        (r for r in rows if r.state != "concluded"), key=lambda r: (r.due or date.max, r.number)
    )
    done = sorted(
        (r for r in rows if r.state == "concluded"), key=lambda r: (r.received_on, r.number), reverse=True
    )
    return open_rows + done


# Per store: organ id → ((ledger version, day), open cases past their deadline that day). A ledger's
# version moves with every change to it (LedgerStore.versions), so a count is recomputed only for the
# units whose ledger changed, or when the day turns.
_OVERDUE: WeakKeyDictionary[Store, dict[int, tuple[tuple[int, date], int]]] = WeakKeyDictionary()


def _open_overdue(ledger: Ledger, today: date) -> int:
    count = 0
    for case in ledger.cases:
        # Answered or withdrawn by today: concluded, whatever came before (no fold needed).
        if any(isinstance(e, Replied | Withdrawn) and e.on <= today for e in case.events):
            continue
        status = ledger.status(case, today)
        count += status.overdue and status.state != "concluded"
    return count


def overdue_counts(store: Store, organ_ids: list[int], today: date) -> dict[int, int]:
    """Per organ with a ledger: its open cases past their deadline today."""
    book = ledgers(store)
    kept = _OVERDUE.setdefault(store, {})
    versions = book.versions(organ_ids)
    stale = [i for i, v in versions.items() if kept.get(i, ((-1, today), 0))[0] != (v, today)]
    if stale:
        for organ_id, name in book.books(stale).items():
            kept[organ_id] = ((versions[organ_id], today), _open_overdue(book.load(name), today))
    return {i: kept[i][1] for i in versions}


@dataclass(frozen=True)
class CaseView:
    book: Book
    case: Case
    status: Status
    row: CaseRow
    # (date, what happened, details) in date order; warnings and the deadline's derivation beside.
    timeline: list[tuple[date, str, str]]
    explanation: list[str]
    letters: list[tuple[str, str]]  # (kind, title) of the 文书 this case's events allow


def _details(event: object) -> str:
    parts = []
    for name, label in (
        ("deadline", "补正期限"),
        ("items", "补正内容"),
        ("addressee", "征求对象"),
        ("approved_by", "批准人"),
        ("notified_on", "告知日期"),
        ("working_days", "延长工作日"),
        ("amount_yuan", "金额（元）"),
        ("outcome", "办理结果"),
        ("legal_basis", "依据"),
        ("note", "备注"),
    ):
        value = getattr(event, name, None)
        if value in (None, ""):
            continue
        parts.append(f"{label}：{outcome_label(value) if name == 'outcome' else value}")
    return "；".join(parts)


def find_case(store: Store, user: User, case_id: int) -> tuple[Book, Case]:
    found = ledgers(store).locate(case_id)
    if found is None:
        raise NotFound()
    book = open_book(store, user, found[0])
    return book, book.ledger.case(found[2])


def view(store: Store, user: User, case_id: int, today: date) -> CaseView:
    book, case = find_case(store, user, case_id)
    status = book.ledger.status(case, today)
    limit = status.due or status.projected_due
    explanation = limit.explain() if limit is not None else []
    if status.state == "awaiting_correction" and status.correction_due:
        explanation = [f"等待补正，答复期限暂停计算；补正期限为{status.correction_due}。", *explanation]
    events = sorted(enumerate(case.events), key=lambda p: (p[1].on, p[0]))
    timeline = [(case.received_on, "收到申请", f"{CHANNELS[case.channel]}；{case.request}")]
    timeline += [(e.on, EVENTS[e.kind], _details(e)) for _, e in events]
    letters = [(k, title) for k, (title, _) in KINDS.items() if _letter_allowed(book.ledger, case, status, k)]
    return CaseView(book, case, status, row_of(book, case, status, today), timeline, explanation, letters)


def _letter_allowed(ledger: Ledger, case: Case, status: Status, kind: str) -> bool:
    try:
        compose(ledger, case, status, kind, "")
    except NotApplicable:
        return False
    return True


def _refusing() -> type[Exception] | tuple[type[Exception], ...]:
    return (*REFUSALS, ValidationError)


def new_case(store: Store, user: User, organ_id: int, form: Mapping[str, str], today: date) -> int:
    """Register an application from the form's fields (申请人, 类型, 方式, 收到日期, 内容, 身份证号);
    its 编号 is the year's next unless one is given. Returns the case's row id."""
    if not can_write(user, organ_id):
        raise NotFound()
    book = open_book(store, user, organ_id)
    try:
        received = parse_date(form.get("received_on") or today.isoformat())
        number = (form.get("number") or "").strip() or book.ledger.next_number(received.year)
        case = _case(store, book, number, form, received)
        ledgers(store).add_cases(book.organ, [case], user.name, today)
    except _refusing() as exc:
        raise CaseRefused(reason(exc)) from None
    return ledgers(store).case_ids(book.organ)[number]


def _case(store: Store, book: Book, number: str, form: Mapping[str, str], received: date) -> Case:
    identity = (form.get("identity") or "").strip()
    key = ledgers(store).identity_key(book.organ, identity) if identity else None
    return Case.model_validate(
        {
            "number": number[:60],
            "applicant": {
                "name": (form.get("applicant") or "").strip()[:200],
                "type": parse_applicant_type(form.get("applicant_type") or ""),
                "identity_key": key,
                "contact": (form.get("contact") or "").strip()[:200],
            },
            "channel": parse_channel(form.get("channel") or CHANNELS[ONLINE_RECEIPT]),
            "received_on": received,
            "request": (form.get("request") or "").strip()[:5000],
        }
    )


EVENT_FIELDS = (
    "note",
    "deadline",
    "items",
    "party",
    "addressee",
    "notified_on",
    "working_days",
    "amount_yuan",
    "method",
    "units",
    "outcome",
    "legal_basis",
)


def add_event(store: Store, user: User, case_id: int, form: Mapping[str, str], today: date) -> None:
    """Record an event from the form (kind, date and the kind's own fields). 延期 and 答复 need a
    负责人: the approver recorded is the signed-in head."""
    book, case = find_case(store, user, case_id)
    if not can_write(user, book.organ_id):
        raise NotFound()
    given: dict[str, object] = {k: form.get(k) for k in EVENT_FIELDS if form.get(k) not in (None, "")}
    try:
        kind = form.get("kind") or ""
        event = build_event(kind, form.get("on") or today.isoformat(), {**given, "approved_by": user.name})
        if event.kind in APPROVED_EVENTS and not user.can(Action.APPROVE):
            raise CaseRefused(f"{EVENTS[event.kind]}须经负责人批准，请由负责人账户记录")
        ledgers(store).add_event(book.organ, case.number, event, user.name, today)
    except _refusing() as exc:
        raise CaseRefused(reason(exc)) from None


def letter(store: Store, user: User, case_id: int, kind: str, today: date) -> tuple[str, bytes]:
    """A 文书 of the case as DOCX, numbered by the organ's pattern (the same 文号 when made again).
    Making it issues its number, so only users who may write to the ledger make one."""
    book, case = find_case(store, user, case_id)
    if kind not in KINDS:
        raise NotFound()
    if not can_write(user, book.organ_id):
        raise NotFound()
    ledger = book.ledger
    status = ledger.status(case, today)
    quote = None
    if kind == "fee":
        notices = [e for e in case.events if isinstance(e, FeeNotified)]
        quote = ledger.fee_quote(case, notices[-1]) if notices else None
    try:
        draft = compose(ledger, case, status, kind, "", quote)
        number = ledgers(store).issue(
            book.organ, kind, case.number, draft.signed.year, ledger.settings.number_pattern, user.name, today
        )
    except _refusing() as exc:
        raise CaseRefused(reason(exc)) from None
    return f"{case.number}-{KINDS[kind][0]}.docx", render_letter(replace(draft, number=number), book.organ)


def create_book(store: Store, user: User, opening_year: int) -> None:
    """The user's own organ's ledger, from `opening_year` (cases received earlier and still open then
    are its opening balance)."""
    if not user.can(Action.CASES_WRITE):
        raise NotFound()
    try:
        ledgers(store).create(user.organ, opening_year, Settings(), user.name)
    except REFUSALS as exc:
        raise CaseRefused(reason(exc)) from None


def import_sheet(store: Store, user: User, organ_id: int, name: str, data: bytes, today: date) -> int:
    """A 台账 file (XLSX or CSV, told apart by content): every row imported, or none, with the bad rows
    named by their Excel line (ImportRefused). Returns how many cases were added."""
    if not can_write(user, organ_id):
        raise NotFound()
    book = open_book(store, user, organ_id)
    suffix = ".xlsx" if data[:4] == b"PK\x03\x04" else ".csv"
    with tempfile.TemporaryDirectory(prefix="nianbao-ledger-") as folder:
        path = Path(folder) / f"台账{suffix}"
        path.write_bytes(data)
        try:
            parsed = read_cases(path, book.ids)
        except ImportRefused as exc:
            lines = exc.details()
            raise CaseRefused(
                f"{name}：{len(exc.problems)}行有误，整个文件未导入。" + "；".join(lines)
            ) from None
        except ValueProblem as exc:
            raise CaseRefused(f"{name}：{str(exc).replace(str(path), '文件')}") from None
    try:
        ledgers(store).add_cases(book.organ, parsed.cases, user.name, today)
    except _refusing() as exc:
        raise CaseRefused(reason(exc)) from None
    return len(parsed.cases)


# ---- the public form -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicStatus:
    """What the applicant sees by the 查询号: the organ, the dates and the state, nothing else."""

    organ: str
    received_on: date
    state: str
    due: date | None
    provisional: bool
    concluded_on: date | None

    @property
    def state_name(self) -> str:
        return STATES[self.state]


def public_organs(store: Store) -> dict[int, str]:
    """The organs that take applications online: those keeping a ledger here."""
    return dict(sorted(ledgers(store).books().items(), key=lambda p: p[1]))


def apply_online(
    store: Store, organ_id: int, form: Mapping[str, str], today: date
) -> tuple[str, PublicStatus]:
    """An application through the public form: a case received today online in the organ's ledger,
    numbered as the year's next; the applicant gets its 查询号 and the due date."""
    book = ledgers(store)
    organ = book.books([organ_id]).get(organ_id)
    if organ is None:
        raise NotFound()
    for field, what in (("applicant", "申请人姓名或名称"), ("request", "所需政府信息的内容描述")):
        if not (form.get(field) or "").strip():
            raise CaseRefused(f"请填写{what}")
    fields = {**form, "channel": CHANNELS[ONLINE_RECEIPT], "received_on": today.isoformat(), "number": ""}
    try:
        ledger = book.load(organ)
        number = ledger.next_number(today.year)
        target = Book(organ_id, organ, ledger, {})
        book.add_cases(organ, [_case(store, target, number, fields, today)], PUBLIC_APPLICANT, today)
        code = book.query_code(organ, number, PUBLIC_APPLICANT, today)
    except _refusing() as exc:
        raise CaseRefused(reason(exc)) from None
    found = public_status(store, code, today)
    assert found is not None
    return code, found


def public_status(store: Store, code: str, today: date) -> PublicStatus | None:
    found = ledgers(store).find_query(code.strip().upper())
    if found is None:
        return None
    organ, number = found
    ledger = ledgers(store).load(organ)
    status = ledger.status(ledger.case(number), today)
    limit = status.due or status.projected_due
    return PublicStatus(
        organ=organ,
        received_on=ledger.case(number).received_on,
        state=status.state,
        due=limit.due if limit is not None and status.state != "concluded" else None,
        provisional=status.provisional,
        concluded_on=status.concluded_on,
    )
