"""E2019: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号."""

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

_ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("delta_items", "本年增/减"),
    Column("decisions", "处理决定数量"),
)

ACTIVE = active_table(
    article_block(
        "art20_1",
        (Row("regulations", "规章"), Row("normative_docs", "规范性文件")),
        (
            Column("new_made", "本年新制作数量"),
            Column("new_published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
    ),
    article_block(
        "art20_5",
        (Row("licensing", "行政许可"), Row("other_mgmt_services", "其他对外管理服务事项")),
        _ITEMS,
    ),
    article_block(
        "art20_6",
        (Row("punishment", "行政处罚"), Row("coercion", "行政强制")),
        _ITEMS,
    ),
    article_block("art20_8", (Row("admin_fees", "行政事业性收费"),), _ITEMS[:2]),
    article_block(
        "art20_9",
        (Row("central_procurement", "政府集中采购"),),
        (Column("proc_items", "采购项目数量"), Column("proc_amount", "采购总金额")),
    ),
)

E2019 = Edition(
    key="E2019",
    short_name="2019版",
    form_name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    notice="关于政府信息公开工作年度报告有关事项的通知",
    notice_number="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    active=ACTIVE,
    applications=applications_table((Row(OTHER, OTHER_LABEL, parent=RESULTS),)),
    review=REVIEW_TABLE,
    sections=SECTIONS,
    signature=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "政府集中采购",
        "其他对外管理服务事项",
    ),
)
