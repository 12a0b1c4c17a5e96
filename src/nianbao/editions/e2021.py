"""E2021: 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号."""

from __future__ import annotations

from .common import (
    OTHER,
    OTHER_LABEL,
    RESULTS,
    REVIEW_TABLE,
    SECTIONS,
    active_table,
    applications_table,
    article_block,
)
from .form import Column, Edition, Row

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

ACTIVE = active_table(
    article_block(
        "art20_1",
        (Row("regulations", "规章"), Row("normative_docs", "行政规范性文件", ("规范性文件",))),
        (
            Column("made", "本年制发件数"),
            Column("repealed", "本年废止件数", ("本年度止件数",)),
            Column("valid", "现行有效件数"),
        ),
    ),
    article_block("art20_5", (Row("licensing", "行政许可"),), _DECISIONS),
    article_block(
        "art20_6",
        (Row("punishment", "行政处罚"), Row("coercion", "行政强制")),
        _DECISIONS,
    ),
    article_block(
        "art20_8",
        (Row("admin_fees", "行政事业性收费"),),
        (Column("amount_wan_yuan", "本年收费金额（单位：万元）", ("本年收费金额",)),),
    ),
)

E2021 = Edition(
    key="E2021",
    short_name="2021版",
    form_name="中华人民共和国政府信息公开工作年度报告格式",
    notice="关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
    notice_number="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    active=ACTIVE,
    applications=applications_table(
        (
            # Some E2021 reports still print （六）其他处理 as one row; the reader keeps it as r_other.
            Row(OTHER, OTHER_LABEL, group=True, parent=RESULTS),
            Row(
                "r_other_no_correction",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",),
                parent=OTHER,
            ),
            Row(
                "r_other_fee_unpaid",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                ("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",),
                parent=OTHER,
            ),
            Row("r_other_other", "3.其他", parent=OTHER),
        )
    ),
    review=REVIEW_TABLE,
    sections=SECTIONS,
    signature=(
        "本年制发件数",
        "本年废止件数",
        "本年度止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
    ),
)
