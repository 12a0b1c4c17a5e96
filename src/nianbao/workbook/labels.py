"""The words the fill-in workbook shows its user (Chinese UI text; form labels come from editions)."""

from __future__ import annotations

from ..editions import Edition

INFO_SHEET = "基本信息"
TEXT_SHEET = "文字部分"
TEXT_SECTIONS = ("s1_overview", "s5_problems", "s6_other")
PREAMBLE_LABEL = "开头说明（可不填：留空时自动写明编制依据、统计期限和联系方式）"
YES, NO = "是", "否"
# Columns holding money (decimals allowed); every other table cell is a count (a whole number ≥ 0).
AMOUNT_COLUMNS = frozenset({"amount_wan_yuan", "proc_amount"})
# Information fields that are dates, yes/no answers, counts and amounts (validated as typed).
DATE_FIELDS = ("period_start", "period_end")
YES_NO_FIELDS = ("fee_charged",)
COUNT_FIELDS = ("fee_cases",)
AMOUNT_FIELDS = ("fee_amount",)

INFO_FIELDS = (
    ("organ", "机关名称（全称）"),
    ("year", "报告年度"),
    ("period_start", "统计期限起（年-月-日）"),
    ("period_end", "统计期限止（年-月-日）"),
    ("address", "联系地址"),
    ("postcode", "邮政编码"),
    ("phone", "联系电话（多个用“、”分隔）"),
    ("fax", "传真"),
    ("email", "电子邮箱"),
    ("url", "报告电子版网址"),
    ("fee_charged", "本年是否收取信息处理费（是/否）"),
    ("fee_cases", "收取信息处理费的申请件数"),
    ("fee_amount", "收取信息处理费金额（元）"),
)

INFO_HELP = (
    "黄色单元格由填报人填写，绿色单元格是自动计算的总计；其余单元格已锁定（工作表保护，无密码，"
    "可在“审阅”中撤销）。"
    "表三下方的“勾稽核对”一行随填随查：显示“✗”时请核对数字。"
    "填好后运行：nianbao render 本文件 --to docx -o 报告.docx"
)
TEXT_HELP = (
    "在黄色单元格中填写各部分文字，可用换行分段。二、三、四部分的数字在各自的表格工作表中填写，"
    "此处只填表格前后的说明文字（可不填）。"
)
TABLE_SECTION_NOTE = "（说明文字，可不填；数字在表格工作表中填写）"
LEDGER_CHECK = "勾稽核对（第一项＋第二项＝第三项＋第四项）"


def info_heading(year: int) -> str:
    return f"{year}年政府信息公开工作年度报告填报表"


def table_heading(grid_key: str, edition: Edition) -> str:
    section = next(t.section for t in edition.tables if t.key == grid_key)
    return next(s.heading for s in edition.sections if s.key == section)


def check_formula(diff: str) -> str:
    return f'=IF({diff}=0,"✓ 平衡","✗ 相差"&({diff}))'


COUNT_PROMPT = ("填写件数", "请填写 0 或正整数；没有发生的事项填 0。")
COUNT_ERROR = ("不是件数", "这里只能填写 0 或正整数。")
AMOUNT_PROMPT = ("填写金额", "请填写 0 或正数，可有小数。")
AMOUNT_ERROR = ("不是金额", "这里只能填写 0 或正数。")
DATE_PROMPT = ("填写日期", "请按 年-月-日 填写，例如 2025-01-01。")
DATE_ERROR = ("不是日期", "请按 年-月-日 填写一个日期。")
YES_NO_ERROR = ("只能选是或否", "请从下拉列表中选择“是”或“否”。")
YEAR_ERROR = ("不是年度", "请填写四位年份，例如 2025。")
