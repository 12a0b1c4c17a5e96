"""Every specimen class, 40 documents each: every cell and the metadata read right, no finding that a misread
caused, every planted slip found."""

from __future__ import annotations

import pytest

from nianbao.specimens import CLASSES, Score, read_specimen, score

DOCUMENTS = 40


@pytest.mark.parametrize("key", sorted(CLASSES))
def test_specimen_class_reads_exactly(key: str) -> None:
    total = Score()
    for specimen in CLASSES[key].many(range(DOCUMENTS)):
        total.add(score(specimen, read_specimen(specimen)))
    assert total.cells > 0
    assert total.cells_right == total.cells
    assert total.metadata_wrong == []
    assert total.misread_findings == []
    assert total.missed_findings == []


def test_specimens_are_the_same_for_the_same_seed_and_vary_between_seeds() -> None:
    for key, kind in CLASSES.items():
        first, again, other = kind.make(3), kind.make(3), kind.make(4)
        assert first.data == again.data, key
        assert first.data != other.data, key


def test_fee_class_plants_unit_slips_and_score_reports_a_missed_one() -> None:
    planted = [s for s in (CLASSES["fee_scale"].make(seed) for seed in range(DOCUMENTS)) if s.planted]
    assert 5 <= len(planted) <= DOCUMENTS // 2
    specimen = planted[0]
    parsed = read_specimen(specimen)
    parsed.findings = [f for f in parsed.findings if f.rule != "G-UNIT"]
    assert score(specimen, parsed).missed_findings == [f"{specimen.name}: G-UNIT"]


def test_score_counts_a_wrong_cell_and_wrong_metadata() -> None:
    specimen = CLASSES["year_first"].make(1)
    parsed = read_specimen(specimen)
    parsed.organ = "别的机关"
    parsed.tables["applications"]["r_total"]["natural"] = 999999
    result = score(specimen, parsed)
    assert result.cells_right == result.cells - 1
    assert result.metadata_wrong == [f"{specimen.name}: organ"]
