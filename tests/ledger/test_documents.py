"""The 文书 of a case: each kind for a sample case (DOCX in 公文 style, numbered per the organ's pattern,
the number kept once issued), the 答复书 for every outcome with its legal basis and rights notice, and
every kind converted to PDF pages by LibreOffice (PNG pages kept under NIANBAO_LETTERS_DIR to look at)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from tooling import IN_CI
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.editions.outcomes import BASES, all_outcome_keys
from nianbao.ledger import (
    Applicant,
    Case,
    ConsultationEnded,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Extended,
    FeeNotified,
    FeePaid,
    Ledger,
    Replied,
    Settings,
)
from nianbao.ledger.documents import KINDS, compose, render_letter
from nianbao.ledger.store import open_ledgers
from nianbao.render.pdf import docx_to_pdf_many, find_soffice

ORGAN = "示例县城关镇人民政府"
SETTINGS = Settings(
    number_pattern="城政依{kind}〔{year}〕{seq}号", review_organ="示例县人民政府", court="示例县人民法院"
)
runner = CliRunner()


def sample_case(outcome: str = "r_partial") -> Case:
    return Case(
        number="2025-007",
        applicant=Applicant(name="王五", type="natural"),
        channel="post",
        received_on=date(2025, 6, 3),
        request="2024年度某街道老旧小区改造项目的验收报告",
        events=(
            CorrectionRequested(
                on=date(2025, 6, 5), deadline=date(2025, 6, 20), items="所需验收报告涉及的小区名称"
            ),
            CorrectionReceived(on=date(2025, 6, 10)),
            ConsultationStarted(on=date(2025, 6, 12), addressee="某建设工程有限公司"),
            ConsultationEnded(on=date(2025, 6, 26)),
            Extended(on=date(2025, 7, 10), approved_by="办公室主任", notified_on=date(2025, 7, 11)),
            FeeNotified(on=date(2025, 7, 14), amount_yuan=Decimal(100), method="per_piece", units=1),
            FeePaid(on=date(2025, 7, 16)),
            Replied(on=date(2025, 8, 1), outcome=outcome, legal_basis=BASES[outcome][0].citation),
        ),
    )


def _text(data: bytes, tmp: Path) -> str:
    path = tmp / "x.docx"
    path.write_bytes(data)
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_every_kind_for_a_sample_case(tmp_path: Path) -> None:
    ledger = Ledger(organ=ORGAN, opening_year=2025, settings=SETTINGS, cases=[sample_case()])
    case = ledger.cases[0]
    state = ledger.status(case, date(2025, 8, 2))
    texts = {}
    for kind in KINDS:
        letter = compose(ledger, case, state, kind, f"城政依〔2025〕{kind}号")
        texts[kind] = _text(render_letter(letter, ORGAN), tmp_path)
        assert KINDS[kind][0] in texts[kind] and ORGAN in texts[kind]
    assert "请于2025年6月20日（星期五）前" not in texts["correction"]  # dates are written plainly
    assert "2025年6月20日前" in texts["correction"] and "第三十条" in texts["correction"]
    assert "某建设工程有限公司：" in texts["consultation"] and "第三十二条" in texts["consultation"]
    assert "延长20个工作日" in texts["extension"]
    assert "100元" in texts["fee"] and "第11" not in texts["fee"]
    assert "第三十七条" in texts["reply"] and "示例县人民政府申请行政复议" in texts["reply"]
    assert "6个月内向示例县人民法院提起行政诉讼" in texts["reply"]


def test_reply_for_every_outcome_cites_its_basis_and_rights(tmp_path: Path) -> None:
    for outcome in all_outcome_keys():
        ledger = Ledger(organ=ORGAN, opening_year=2025, settings=SETTINGS, cases=[sample_case(outcome)])
        case = ledger.cases[0]
        letter = compose(ledger, case, ledger.status(case, date(2025, 8, 2)), "reply", "城政依答〔2025〕1号")
        text = "".join(letter.paragraphs)
        assert BASES[outcome][0].decision in text, outcome
        assert "申请行政复议" in text, outcome
        if outcome.startswith("r_denied_"):
            # 不予公开 after 2024: 行政复议 first (行政复议法第二十三条), then suit.
            assert "对行政复议决定不服的" in text and "6个月内" not in text, outcome
        else:
            assert "6个月内" in text, outcome


def test_numbers_follow_the_pattern_and_stay(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    store = open_ledgers(db)
    store.create(ORGAN, 2025, SETTINGS, "管理员")
    store.add_cases(
        ORGAN,
        [sample_case(), sample_case().model_copy(update={"number": "2025-008"})],
        "李四",
        date(2025, 8, 2),
    )
    common = ["--organ", ORGAN, "--db", db, "--today", "2025-08-02"]
    first = runner.invoke(
        app, ["ledger", "letter", "2025-007", "答复书", *common, "-o", str(tmp_path / "a.docx")]
    )
    second = runner.invoke(
        app, ["ledger", "letter", "2025-008", "答复书", *common, "-o", str(tmp_path / "b.docx")]
    )
    again = runner.invoke(
        app, ["ledger", "letter", "2025-007", "答复书", *common, "-o", str(tmp_path / "c.docx")]
    )
    assert "城政依答〔2025〕1号" in first.output and "城政依答〔2025〕2号" in second.output
    assert "城政依答〔2025〕1号" in again.output
    refused = runner.invoke(
        app, ["ledger", "letter", "2025-007", "通知", *common, "-o", str(tmp_path / "d.docx")]
    )
    assert refused.exit_code == 2 and "未知的文书" in refused.output


def test_every_kind_as_pdf_pages(tmp_path: Path) -> None:
    """Each 文书 through LibreOffice to PDF, then pdftoppm to PNG: one A4 page each, with ink on it."""
    if find_soffice() is None or shutil.which("pdftoppm") is None:
        message = "LibreOffice or pdftoppm not installed (scripts/install-system-deps.sh)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    ledger = Ledger(organ=ORGAN, opening_year=2025, settings=SETTINGS, cases=[sample_case()])
    case = ledger.cases[0]
    state = ledger.status(case, date(2025, 8, 2))
    sources = []
    for seq, kind in enumerate(KINDS, start=1):
        number = SETTINGS.number_pattern.format(kind=KINDS[kind][1], year=2025, seq=seq)
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(render_letter(compose(ledger, case, state, kind, number), ORGAN))
        sources.append(path)
    pdfs = docx_to_pdf_many(sources, tmp_path / "pdf")
    keep = Path(os.environ.get("NIANBAO_LETTERS_DIR", tmp_path / "png"))
    keep.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    for pdf in pdfs:
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(keep / pdf.stem)], check=True)
        pages = sorted(keep.glob(f"{pdf.stem}-*.png"))
        assert len(pages) == 1, pdf.stem
        with Image.open(pages[0]) as image:
            width, height = image.size
            assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
            ink = sum(image.convert("L").histogram()[:128])
            assert ink > 2000, pdf.stem  # text was drawn
