"""The registers beside the cases, for the web: 主动公开 items (with 规章 and 行政规范性文件, counted in
表二) and 复议/诉讼 cases (表四), listed and added through the ledger's API (`put_entry`, audited)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pydantic import ValidationError

from ..editions import E2021
from ..ledger.parsing import build_active_item, build_appeal
from ..store import Store
from .cases import REFUSALS, CaseRefused, NotFound, can_write, ledgers, open_book, reason
from .permissions import User

DOCUMENT_ROWS = {r.key: r.label for r in E2021.active.blocks[0].rows}


def add_active(
    store: Store, user: User, organ_id: int, form: Mapping[str, str], channels: list[str], today: date
) -> None:
    """Register a 主动公开 item (a second entry with the same number replaces the first, audited)."""
    if not can_write(user, organ_id):
        raise NotFound()
    book = open_book(store, user, organ_id)
    given: dict[str, object] = {k: (form.get(k) or "").strip() for k in form}
    given["channels"] = channels
    given["secrecy_reviewed"] = form.get("secrecy_reviewed") == "on"
    try:
        entry = build_active_item(given)
        ledgers(store).put_entry(book.organ, "active", entry.number, entry, user.name, today)
    except (*REFUSALS, ValidationError) as exc:
        raise CaseRefused(reason(exc)) from None


def add_appeal(store: Store, user: User, organ_id: int, form: Mapping[str, str], today: date) -> None:
    """Register a 复议/诉讼 case, or record its result (same number)."""
    if not can_write(user, organ_id):
        raise NotFound()
    book = open_book(store, user, organ_id)
    try:
        entry = build_appeal({k: (v or "").strip() for k, v in form.items()})
        ledgers(store).put_entry(book.organ, "appeal", entry.number, entry, user.name, today)
    except (*REFUSALS, ValidationError) as exc:
        raise CaseRefused(reason(exc)) from None
