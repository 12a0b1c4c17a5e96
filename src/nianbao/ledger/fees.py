"""信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), computed and explained.

第三条: one application is charged either 按件 or 按量, never both, each excess-progressive.
第四条 按件: the applicant's cumulative applications (pieces) in the natural month — the 1st–10th are
free, the 11th–30th cost 100 元 each, and from the 31st each further band of 10 costs 100 元 more
(31st–40th 200 元, 41st–50th 300 元, …).
第五条 按量 (pages of one application): up to 30 free, 31–100 at 10 元, 101–200 at 20 元, 201 on at 40 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .cases import Case, FeeMethod
from .words import FEE_METHODS

FREE_PIECES = 10
FIRST_PIECE_BAND = (11, 30, 100)
PIECE_BAND_SIZE = 10
# (first page, last page or None, yuan per page)
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = ((31, 100, 10), (101, 200, 20), (201, None, 40))
FREE_PAGES = 30


def piece_rate(k: int) -> int:
    """Yuan for the k-th piece (1-based) of one applicant within a natural month."""
    if k <= FREE_PIECES:
        return 0
    if k <= FIRST_PIECE_BAND[1]:
        return FIRST_PIECE_BAND[2]
    return 100 * (2 + (k - 31) // PIECE_BAND_SIZE)


@dataclass(frozen=True)
class Band:
    first: int
    last: int
    rate: int

    @property
    def amount(self) -> int:
        return (self.last - self.first + 1) * self.rate


@dataclass(frozen=True)
class FeeQuote:
    method: FeeMethod
    units: int
    before: int  # pieces of the same applicant earlier in the month (按件 only)
    bands: tuple[Band, ...]

    @property
    def amount(self) -> Decimal:
        return Decimal(sum(b.amount for b in self.bands))

    def explain(self) -> list[str]:
        name = FEE_METHODS[self.method]
        if self.method == "per_piece":
            head = (
                f"{name}：本件为该申请人本自然月第{self.before + 1}件"
                + (f"至第{self.before + self.units}件" if self.units > 1 else "")
                + f"申请（本月此前已有{self.before}件），每月前{FREE_PIECES}件免费。"
            )
            unit = "件"
        else:
            head = f"{name}：共{self.units}页，{FREE_PAGES}页以内免费。"
            unit = "页"
        lines = [head]
        for band in self.bands:
            if band.rate:
                lines.append(
                    f"第{band.first}至第{band.last}{unit}，每{unit}{band.rate}元，"
                    f"{band.last - band.first + 1}{unit}共{band.amount}元。"
                )
        lines.append(f"合计{self.amount}元。" if self.amount else "不收费。")
        return lines


def _bands(first: int, last: int, rate_of: Iterable[tuple[int, int | None, int]]) -> tuple[Band, ...]:
    out = []
    for low, high, rate in rate_of:
        lo, hi = max(first, low), min(last, high if high is not None else last)
        if lo <= hi:
            out.append(Band(lo, hi, rate))
    return tuple(out)


def per_piece(before: int, pieces: int = 1) -> FeeQuote:
    """按件: the pieces numbered before+1 … before+pieces within the month."""
    first, last = before + 1, before + pieces
    rates: list[tuple[int, int | None, int]] = [(1, FREE_PIECES, 0), (11, 30, 100)]
    band_start = 31
    while band_start <= last:
        rates.append((band_start, band_start + PIECE_BAND_SIZE - 1, piece_rate(band_start)))
        band_start += PIECE_BAND_SIZE
    return FeeQuote("per_piece", pieces, before, _bands(first, last, rates))


def per_volume(pages: int) -> FeeQuote:
    return FeeQuote("per_volume", pages, 0, _bands(1, pages, ((1, FREE_PAGES, 0), *PAGE_BANDS)))


def applicant_key(case: Case) -> tuple[str, ...]:
    """Who an application belongs to for the monthly count: the identity hash, else name and type."""
    if case.applicant.identity_key:
        return ("id", case.applicant.identity_key)
    return ("name", case.applicant.name.strip(), case.applicant.type)


def pieces_before(case: Case, cases: Iterable[Case]) -> int:
    """Pieces of the same applicant received earlier in the same natural month (same day: by 编号)."""
    key, month = applicant_key(case), (case.received_on.year, case.received_on.month)
    order = (case.received_on, case.number)
    return sum(
        other.pieces
        for other in cases
        if other.number != case.number
        and applicant_key(other) == key
        and (other.received_on.year, other.received_on.month) == month
        and (other.received_on, other.number) < order
    )


def quote(case: Case, cases: Iterable[Case], method: FeeMethod, pages: int | None = None) -> FeeQuote:
    """The fee 109号 allows for this application, by the method chosen."""
    if method == "per_piece":
        return per_piece(pieces_before(case, cases), case.pieces)
    if pages is None:
        raise ValueError("按量计收需要页数")
    return per_volume(pages)
