"""E2019: 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号."""

from __future__ import annotations

from .common import OTHER, OTHER_LABEL, RESULTS, REVIEW_TABLE, SECTIONS, applications_table
from .form import ActiveTable, Block, Column, Edition, Row

_ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("delta_items", "本年增/减"),
    Column("decisions", "处理决定数量"),
)

ACTIVE = ActiveTable(
    title="二、主动公开政府信息情况",
    first_header="信息内容",
    blocks=(
        Block(
            "art20_1",
            "第二十条第（一）项",
            (Row("regulations", "规章"), Row("normative_docs", "规范性文件")),
            (
                Column("new_made", "本年新制作数量"),
                Column("new_published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
        ),
        Block(
            "art20_5",
            "第二十条第（五）项",
            (Row("licensing", "行政许可"), Row("other_mgmt_services", "其他对外管理服务事项")),
            _ITEMS,
        ),
        Block(
            "art20_6",
            "第二十条第（六）项",
            (Row("punishment", "行政处罚"), Row("coercion", "行政强制")),
            _ITEMS,
        ),
        Block("art20_8", "第二十条第（八）项", (Row("admin_fees", "行政事业性收费"),), _ITEMS[:2]),
        Block(
            "art20_9",
            "第二十条第（九）项",
            (Row("central_procurement", "政府集中采购"),),
            (Column("proc_items", "采购项目数量"), Column("proc_amount", "采购总金额")),
        ),
    ),
)

E2019 = Edition(
    key="E2019",
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
