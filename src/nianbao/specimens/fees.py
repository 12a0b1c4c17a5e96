"""表二 fee amounts (2021 form, 万元) at the scale each kind of organ collects: a township's few thousand 元,
a department's tens or thousands of 万元, a whole government's tens of thousands (平潭 2024: 18651.06万元),
some converted exactly from 元 (six decimals). A quarter of the reports carry the slip G-UNIT exists for:
the amount in 元 typed into the 万元 column."""

from __future__ import annotations

import random
from decimal import Decimal

from ..editions import ACTIVE, E2021
from .base import DEPARTMENT, GOVERNMENT, KINDS, TOWNSHIP, WRITERS, Specimen, draw

# 万元 a year, from a small fee to a large one, for each kind of organ.
_SCALE = {TOWNSHIP: (Decimal("0.12"), Decimal(60)), DEPARTMENT: (Decimal("0.5"), Decimal(6000)),
          GOVERNMENT: (Decimal(200), Decimal(90000))}  # fmt: skip
_YUAN_PER_WAN = 10000
# A slip shows by magnitude only above what such an organ collects; smaller slips are left to G-UNIT-XYEAR.
_SEEN_SLIP = {TOWNSHIP: Decimal("0.11"), DEPARTMENT: Decimal("1.1"), GOVERNMENT: Decimal(1001)}


def _amount(rng: random.Random, kind: str) -> Decimal:
    low, high = _SCALE[kind]
    # Spread over orders of magnitude, as real amounts are.
    value = Decimal(str(float(low) * (float(high) / float(low)) ** rng.random()))
    places = rng.choice((0, 2, 2, 4, 6))
    return value.quantize(Decimal(1).scaleb(-places)) if places else value.quantize(Decimal(1))


def make(seed: int) -> Specimen:
    kind = KINDS[seed % len(KINDS)]
    start = draw(seed, E2021.first_year, kind)
    rng, report = start.rng, start.report
    amount = _amount(rng, kind)
    planted: tuple[str, ...] = ()
    if rng.random() < 0.25:
        # The fees in 元 (to the 分) typed as they are into the 万元 column.
        amount = (max(amount, _SEEN_SLIP[kind]) * _YUAN_PER_WAN).quantize(Decimal("0.01")).normalize()
        planted = ("G-UNIT",)
    if amount == amount.to_integral_value():
        amount = Decimal(int(amount))
    report.tables[ACTIVE]["admin_fees"]["amount_wan_yuan"] = amount
    suffix = rng.choice(list(WRITERS))
    return Specimen(f"fees-{seed}{suffix}", WRITERS[suffix](report), report, planted)
