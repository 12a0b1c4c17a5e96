"""Parts of the form that both editions share: 表三 rows and columns, 表四, the six sections.

Labels are byte-exact copies of the official form (full-width punctuation). Aliases hold the
variants and typos seen in real reports (spec §8), compared after normalisation.
"""

from __future__ import annotations

from .form import ActiveTable, ApplicationsTable, Block, Column, ReviewTable, Row, Section

ACTIVE_TITLE = "二、主动公开政府信息情况"
ACTIVE_FIRST_HEADER = "信息内容"
# 表二's blocks report items of 条例第二十条, each captioned by its item.
_ART20_ITEMS = {"art20_1": "一", "art20_5": "五", "art20_6": "六", "art20_8": "八", "art20_9": "九"}


def article_block(key: str, rows: tuple[Row, ...], columns: tuple[Column, ...]) -> Block:
    """A block of 表二 for one item of 条例第二十条 (`art20_5` → 第二十条第（五）项)."""
    return Block(key, f"第二十条第（{_ART20_ITEMS[key]}）项", rows, columns)


def active_table(*blocks: Block) -> ActiveTable:
    return ActiveTable(title=ACTIVE_TITLE, first_header=ACTIVE_FIRST_HEADER, blocks=blocks)


APPLICATIONS_TITLE = "三、收到和处理政府信息公开申请情况"
LEDGER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

APPLICANT_COLUMNS = (
    Column("natural", "自然人"),
    Column("org_commercial", "商业企业", ("企业",)),
    Column("org_research", "科研机构"),
    Column("org_social", "社会公益组织", ("社会组织", "公益组织")),
    Column("org_legal", "法律服务机构", ("法律服务",)),
    Column("org_other", "其他"),
    Column("total", "总计"),
)

APPLICANT_HEADER_LABELS = ("申请人情况", "法人或其他组织")

RESULTS = "results"
DENIED = "denied"
UNABLE = "unable"
NOT_PROCESSED = "not_processed"
OTHER = "r_other"

# Rows up to and including 不予处理; the editions differ only in （六）其他处理.
APPLICATION_ROWS_HEAD = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row(RESULTS, "三、本年度办理结果", group=True),
    Row("r_granted", "（一）予以公开", parent=RESULTS),
    Row(
        "r_partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("（二）部分公开",),
        parent=RESULTS,
    ),
    Row(DENIED, "（三）不予公开", group=True, parent=RESULTS),
    Row("r_denied_state_secret", "1.属于国家秘密", parent=DENIED),
    Row("r_denied_law_prohibited", "2.其他法律行政法规禁止公开", parent=DENIED),
    Row("r_denied_three_security_one_stability", "3.危及“三安全一稳定”", parent=DENIED),
    Row("r_denied_third_party", "4.保护第三方合法权益", parent=DENIED),
    Row("r_denied_internal_affairs", "5.属于三类内部事务信息", parent=DENIED),
    Row("r_denied_process_info", "6.属于四类过程性信息", parent=DENIED),
    Row("r_denied_enforcement_file", "7.属于行政执法案卷", parent=DENIED),
    Row("r_denied_admin_query", "8.属于行政查询事项", parent=DENIED),
    Row(UNABLE, "（四）无法提供", group=True, parent=RESULTS),
    Row("r_unable_not_held", "1.本机关不掌握相关政府信息", parent=UNABLE),
    Row("r_unable_needs_creation", "2.没有现成信息需要另行制作", parent=UNABLE),
    Row("r_unable_unclear_after_correction", "3.补正后申请内容仍不明确", parent=UNABLE),
    Row(NOT_PROCESSED, "（五）不予处理", group=True, parent=RESULTS),
    Row("r_np_petition_complaint", "1.信访举报投诉类申请", parent=NOT_PROCESSED),
    Row("r_np_repeat", "2.重复申请", parent=NOT_PROCESSED),
    Row("r_np_publication", "3.要求提供公开出版物", parent=NOT_PROCESSED),
    Row("r_np_mass_repeat", "4.无正当理由大量反复申请", parent=NOT_PROCESSED),
    Row("r_np_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", parent=NOT_PROCESSED),
)

APPLICATION_ROWS_TAIL = (
    Row("r_total", "（七）总计", parent=RESULTS, total=True),
    Row("carry_forward", "四、结转下年度继续办理"),
)

OTHER_LABEL = "（六）其他处理"


def applications_table(other_rows: tuple[Row, ...]) -> ApplicationsTable:
    return ApplicationsTable(
        title=APPLICATIONS_TITLE,
        note=LEDGER_NOTE,
        rows=APPLICATION_ROWS_HEAD + other_rows + APPLICATION_ROWS_TAIL,
        columns=APPLICANT_COLUMNS,
        header_labels=APPLICANT_HEADER_LABELS,
        results=RESULTS,
    )


REVIEW_TABLE = ReviewTable(
    title="四、政府信息公开行政复议、行政诉讼情况",
    groups=(
        Column("review", "行政复议"),
        Column("lit_direct", "未经复议直接起诉"),
        Column("lit_after_review", "复议后起诉"),
    ),
    columns=(
        Column("upheld", "结果维持"),
        Column("corrected", "结果纠正"),
        Column("other", "其他结果"),
        Column("pending", "尚未审结"),
        Column("total", "总计"),
    ),
    header_labels=("行政复议", "行政诉讼"),
)

# Words offices put before a heading's own wording (`五、政府信息公开工作存在的主要问题及改进情况`,
# `一、2019年政府信息公开工作总体情况`): removed, with a leading year, before headings are compared.
HEADING_QUALIFIERS = (
    "政府信息公开工作",
    "政府信息公开",
    "政务公开工作",
    "政务公开",
    "本机关",
    "本单位",
    "本年度",
    "年度",
)

# The wordings of each heading in real reports, as patterns over the qualified-off key (full-width
# punctuation folded to ASCII by NFKC). A heading must match one section's patterns only.
S1_PATTERNS = (r"^(?:工作)?(?:总体|基本|整体|主要工作|工作)(?:工作)?(?:情况|概况|概述)$", r"^(?:概述|概况)$")
S2_PATTERNS = (r"^(?:政府信息)?主动公开(?:政府信息)?(?:的)?(?:工作)?情况$",)
S3_PATTERNS = (
    r"^(?:收到|受理)(?:和|及|与)?(?:处理|办理)(?:政府信息公开)?申请(?:的)?(?:工作)?情况$",
    r"^(?:政府信息)?依申请公开.{0,16}情况$",
)
S4_PATTERNS = (r"^(?:因)?.{0,14}?复议.{0,12}?诉讼.{0,8}?情况$",)
S5_PATTERNS = (
    r"^(?:工作中)?(?:存在|面临)?(?:的)?(?:主要)?(?:问题|不足)(?:和|及|与|以及)(?:改进|整改)(?:的)?(?:情况|措施|方向)?$",
)
S6_PATTERNS = (r"^其他需要(?:报告|说明)(?:的)?事项$", r"^其他(?:事项)?$", r"^需要说明的事项$")

SECTIONS = (
    Section("s1_overview", "一、总体情况", patterns=S1_PATTERNS),
    Section("s2_active", "二、主动公开政府信息情况", ("主动信息公开政府信息情况",), S2_PATTERNS),
    Section("s3_requests", "三、收到和处理政府信息公开申请情况", patterns=S3_PATTERNS),
    Section("s4_review_litigation", "四、政府信息公开行政复议、行政诉讼情况", patterns=S4_PATTERNS),
    Section("s5_problems", "五、存在的主要问题及改进情况", ("存在主要问题及改进情况",), S5_PATTERNS),
    Section("s6_other", "六、其他需要报告的事项", patterns=S6_PATTERNS),
)

# Words that name 信息处理费 in section 6 (E2021 requires the statement).
FEE_WORDS = ("信息处理费",)
