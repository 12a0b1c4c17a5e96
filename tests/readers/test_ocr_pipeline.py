"""The parts of the OCR reader on drawn pages: straightening, rules and specks, the recogniser's strips,
settling an unsure number, and the thread budget."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nianbao.document import Cell
from nianbao.model import Location
from nianbao.readers import budget, ocr
from nianbao.readers.ocr_layout import cell_pieces, find_layout
from nianbao.readers.ocr_prepare import measure_skew, prepare
from nianbao.readers.ocr_recognise import Reading, _owner, _pack
from nianbao.synth_scan import ScanLook, scan_page


def _drawn_page() -> Image.Image:
    """An A4 page at 300 dpi: lines of 'text' (short dark bars) above a ruled table with marks."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    rng = random.Random(5)
    for line in range(12):
        y, x = 300 + line * 90, 300
        while x < 2150:
            width = rng.randint(25, 45)
            draw.rectangle((x, y, x + width, y + 40), fill=0)
            x += width + 12
    top, left = 1500, 300
    for row in range(9):
        draw.line((left, top + row * 90, 2180, top + row * 90), fill=0, width=3)
    for x in (left, 900, 1300, 1740, 2180):
        draw.line((x, top, x, top + 8 * 90), fill=0, width=3)
    for row in range(8):
        for x in (1080, 1500, 1940):
            draw.rectangle((x, top + row * 90 + 25, x + 22, top + row * 90 + 65), fill=0)
    return page


def _look(angle: float) -> ScanLook:
    return ScanLook(angle, 1.0, 0.0, (0.0, 0.0), 0.6, 230, 40, 0.08, 3.0, 0, 75)


@pytest.mark.parametrize("angle", [-1.2, -0.45, 0.7, 1.2])
def test_skew_is_measured_from_rules_and_lines_both_ways(angle: float) -> None:
    scanned = np.asarray(scan_page(_drawn_page(), _look(angle), random.Random(1)))
    page = prepare(scanned)
    assert abs(page.skew - angle) < 0.05
    assert abs(measure_skew(page.ink)) < 0.05  # straight after turning back


def test_boxes_on_the_straightened_page_map_back_to_the_scan() -> None:
    scanned = np.asarray(scan_page(_drawn_page(), _look(1.1), random.Random(2)))
    page = prepare(scanned)
    layout = find_layout(page)
    top = min(e.at for e in layout.edges if e.horizontal)
    left = min(e.at for e in layout.edges if not e.horizontal)
    x0, y0, _x1, _y1 = page.to_scan((left - 2, top - 2, left + 2, top + 2))
    # The table's top left corner on the scan: drawn at (300, 1500) at 300 dpi, turned 1.1° about
    # the centre of the page as the scanner placed it.
    cx, cy = scanned.shape[1] / 2, scanned.shape[0] / 2
    theta = np.radians(-1.1)
    px, py = 300 * 2 / 3 - cx, 1500 * 2 / 3 - cy
    want = (cx + np.cos(theta) * px - np.sin(theta) * py, cy + np.sin(theta) * px + np.cos(theta) * py)
    assert abs(x0 + 2 - want[0]) < 4 and abs(y0 + 2 - want[1]) < 4


def test_rules_found_and_specks_left_out() -> None:
    rng = random.Random(3)
    look = _look(0.3)
    scanned = np.asarray(scan_page(_drawn_page(), look, rng))
    # Dust in the empty first column of the table, away from any mark.
    specked = scanned.copy()
    for row in range(8):
        y = int((1500 + row * 90 + 45) * 2 / 3)
        specked[y : y + 3, 420:423] = 40
    layout = find_layout(prepare(specked))
    horizontal = [e for e in layout.edges if e.horizontal and e.end - e.start > 1000]
    vertical = [e for e in layout.edges if not e.horizontal and e.end - e.start > 400]
    assert len(horizontal) == 9 and len(vertical) == 5
    rows = sorted(e.at for e in horizontal)
    columns = sorted(e.at for e in vertical)
    for top, bottom in itertools.pairwise(rows):
        box = (int(columns[0]), int(top), int(columns[1]), int(bottom))
        assert cell_pieces(layout, box) == ([], [])  # only a speck: visibly empty, not read
        marked = (int(columns[1]), int(top), int(columns[2]), int(bottom))
        pieces, _boxes = cell_pieces(layout, marked)
        assert len(pieces) == 1


def test_strips_give_each_piece_its_own_characters() -> None:
    widths = [40, 300, 40, 1300, 60, 60]
    strips = _pack(widths)
    assert [i for s in strips for i in s] == list(range(len(widths)))
    assert [3] in strips  # wider than a strip: alone
    placed = [(0, 40, 0), (56, 356, 1), (372, 412, 2)]
    assert _owner(placed, 20) == 0 and _owner(placed, 200) == 1 and _owner(placed, 390) == 2
    assert _owner(placed, 362) == 1 and _owner(placed, 368) == 2  # in the gap: the nearer piece


def _cell() -> Cell:
    return Cell("", Location(page=1, bbox=(0.0, 0.0, 10.0, 10.0)))


def test_unsure_number_stands_when_read_again_alike_else_is_uncertain() -> None:
    first = ocr._number(Reading("17", (0.99, 0.42), ("", "2")))
    assert first is not None and first.confidence < ocr.SURE
    agreeing = [Reading("17", (0.99, 0.95), ("", "")), Reading("17", (0.98, 0.9), ("", ""))]
    cell = _cell()
    ocr._settle(cell, first, agreeing)
    assert cell.text == "17" and not cell.uncertain
    disagreeing = [Reading("12", (0.99, 0.8), ("", "7")), Reading("17", (0.97, 0.6), ("", ""))]
    cell = _cell()
    ocr._settle(cell, first, disagreeing)
    assert cell.uncertain and set(cell.candidates) == {"17", "12"}


def test_number_readings_drop_specks_and_read_lookalikes() -> None:
    def number(text: str, runner_ups: str = "") -> str | None:
        found = ocr._number(Reading(text, tuple(0.99 for _ in text), tuple(runner_ups or " " * len(text))))
        return found.text if found else None

    assert number("·53") == "53" and number("0．") == "0" and number("0°") == "0"
    assert number("—3") == "-3" and number("一5") == "-5" and number("12.5") == "12.5"
    assert number("O") == "0" and number("〇") == "0" and number("１２") == "12"
    assert number("Q", "0") == "0"  # no digit, but its second choice is: read again before it stands
    assert number("规章") is None and number("-") is None


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("·—、总体情况", "一、总体情况"),  # a speck before a heading whose 一 became a dash
        ("七)总计", "（七）总计"),  # the opening bracket lost
        ("（=）依申请公开", "（二）依申请公开"),
        ("·范性文件、财政预决算", "范性文件、财政预决算"),
        (".5元", ".5元"),  # a decimal point is not a speck
        ("（七）总计", "（七）总计"),
        ("七十二项", "七十二项"),
        ("示例省交通运输厅2.021年政府信息公开", "示例省交通运输厅2021年政府信息公开"),
        ("统计期限为20·21年1月1日", "统计期限为2021年1月1日"),
        ("收费2.5年", "收费2.5年"),
        ("共1.234年", "共1.234年"),
    ],
)
def test_enumerators_years_and_leading_specks_are_repaired_in_text_lines(read: str, meant: str) -> None:
    assert ocr._repair_line(read) == meant


def test_thread_budget_shares_the_cores_among_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "cores", lambda: 2)
    assert budget.share(2) == 1 and budget.share(1) == 2 and budget.share(8) == 1
    from nianbao.store.work import parse_batch

    try:
        assert parse_batch([], threads=1) == []
        assert budget.threads() == 1
        assert ocr._engine().threads == 1  # the recogniser keeps to the budget
    finally:
        budget.set_threads(None)
    assert budget.threads() == 2
