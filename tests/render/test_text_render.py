"""parse(render_text(r)) gives r back: the text writer and reader agree on every cell."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nianbao
from nianbao.render import render_text
from nianbao.synth import generate


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), year=st.sampled_from([2019, 2020, 2021, 2022, 2023, 2024, 2025]))
def test_text_round_trip(tmp_path: Path, seed: int, year: int) -> None:
    report = generate(seed, year)
    path = tmp_path / "r.txt"
    path.write_text(render_text(report), encoding="utf-8")
    parsed = nianbao.parse(path)
    assert parsed.tables == report.tables
    assert (parsed.organ, parsed.year, parsed.edition, parsed.period) == (
        report.organ,
        report.year,
        report.edition,
        report.period,
    )
    assert [s.key for s in parsed.sections] == [s.key for s in report.sections]
    assert parsed.findings == []
