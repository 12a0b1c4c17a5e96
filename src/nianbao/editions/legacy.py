"""Reports for the years before 2019, under the 2008 条例 (《中华人民共和国政府信息公开条例》,
国务院令第492号, in force from 2008-05-01 until the revision took effect on 2019-05-15; reports for 2018
were its last).

No national format existed. 第三十一条 had every organ publish its report by 3月31日; 第三十二条 listed what
the report covers: 主动公开, 依申请公开 and 不予公开, 收费及减免, 复议 and 诉讼, 问题及改进, 其他事项. Reports
attached a statistics table of one indicator per row with its unit (`统计指标 | 单位 | 统计数`, or
`指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计`); the indicators below are those such tables share, under
keys of this project. Sections reuse the keys of the 2019 outline where they mean the same.
"""

from __future__ import annotations

from .common import S1_PATTERNS, S2_PATTERNS, S4_PATTERNS, S5_PATTERNS, S6_PATTERNS
from .form import Indicator, LegacyEdition, Section, StatisticsTable

COUNT, ITEMS, TIMES, PEOPLE, VISITS, UNITS, WAN_YUAN = "件", "条", "次", "人", "人次", "个", "万元"
UNIT_WORDS = (COUNT, ITEMS, TIMES, PEOPLE, VISITS, UNITS, WAN_YUAN, "篇", "项", "元")
# Rows counted within the row above start so (`其中：主动公开规范性文件数`).
SUB_ROW_PREFIX = "其中："

_I = Indicator
INDICATORS = (
    _I("g_active", "一、主动公开情况", "", group=True),
    _I("active_items", "主动公开政府信息数", ITEMS, ("主动公开信息数", "主动公开政府信息总数"), "g_active"),
    _I("active_normative", "其中：主动公开规范性文件数", ITEMS, ("主动公开规范性文件数",), "active_items"),
    _I("normative_issued", "制发规范性文件总数", COUNT, ("新增的行政规范性文件数",), "g_active"),
    _I("g_channels", "通过不同渠道和方式公开政府信息的情况", "", parent="g_active", group=True),
    _I("via_gazette", "政府公报公开政府信息数", ITEMS, parent="g_channels"),
    _I("via_website", "政府网站公开政府信息数", ITEMS, parent="g_channels"),
    _I("via_weibo", "政务微博公开政府信息数", ITEMS, parent="g_channels"),
    _I("via_wechat", "政务微信公开政府信息数", ITEMS, parent="g_channels"),
    _I("via_other", "其他方式公开政府信息数", ITEMS, parent="g_channels"),
    _I("g_response", "二、回应解读情况", "", group=True),
    _I("resp_issues", "回应公众关注热点或重大舆情数", TIMES, parent="g_response"),
    _I("resp_press", "参加或举办新闻发布会总次数", TIMES, parent="g_response"),
    _I("resp_press_heads", "其中：主要负责同志参加新闻发布会次数", TIMES, parent="resp_press"),
    _I("resp_interviews", "政府网站在线访谈次数", TIMES, parent="g_response"),
    _I(
        "resp_interviews_heads", "其中：主要负责同志参加政府网站在线访谈次数", TIMES, parent="resp_interviews"
    ),
    _I("resp_readings", "政策解读稿件发布数", "篇", parent="g_response"),
    _I("g_requests", "三、依申请公开情况", "", group=True),
    _I("req_received", "收到申请数", COUNT, ("申请总数", "受理申请数"), "g_requests"),
    _I("req_in_person", "当面申请数", COUNT, parent="req_received"),
    _I("req_fax", "传真申请数", COUNT, parent="req_received"),
    _I("req_online", "网络申请数", COUNT, ("网上申请数",), "req_received"),
    _I("req_letter", "信函申请数", COUNT, parent="req_received"),
    _I("req_concluded", "申请办结数", COUNT, parent="g_requests"),
    _I("req_on_time", "按时办结数", COUNT, parent="req_concluded"),
    _I("req_extended", "延期办结数", COUNT, parent="req_concluded"),
    _I("req_answered", "申请答复数", COUNT, ("对申请的答复总数",), "g_requests"),
    _I("ans_already_public", "属于已主动公开范围数", COUNT, parent="req_answered"),
    _I("ans_granted", "同意公开答复数", COUNT, parent="req_answered"),
    _I("ans_partial", "同意部分公开答复数", COUNT, parent="req_answered"),
    _I("ans_denied", "不同意公开答复数", COUNT, ("否决公开答复总数",), "req_answered"),
    _I("den_state_secret", "涉及国家秘密", COUNT, parent="ans_denied"),
    _I("den_commercial_secret", "涉及商业秘密", COUNT, parent="ans_denied"),
    _I("den_privacy", "涉及个人隐私", COUNT, parent="ans_denied"),
    _I("den_security", "危及国家安全、公共安全、经济安全和社会稳定", COUNT, parent="ans_denied"),
    _I("den_not_gov_info", "不是《条例》所指政府信息", COUNT, parent="ans_denied"),
    _I("den_other_law", "法律法规规定的其他情形", COUNT, parent="ans_denied"),
    _I("ans_not_this_organ", "不属于本行政机关公开", COUNT, ("非本部门掌握",), "req_answered"),
    _I("ans_not_exist", "申请信息不存在", COUNT, ("信息不存在",), "req_answered"),
    _I("ans_correct", "告知作出更改补充", COUNT, parent="req_answered"),
    _I("ans_other_route", "告知通过其他途径办理", COUNT, parent="req_answered"),
    _I("review_total", "四、行政复议数量", COUNT, ("行政复议数",)),
    _I("review_upheld", "维持具体行政行为数", COUNT, parent="review_total"),
    _I("review_corrected", "被依法纠错数", COUNT, parent="review_total"),
    _I("review_other", "其他情形数", COUNT, parent="review_total"),
    _I("lit_total", "五、行政诉讼数量", COUNT, ("行政诉讼数",)),
    _I("lit_upheld", "维持具体行政行为或者驳回原告诉讼请求数", COUNT, parent="lit_total"),
    _I("lit_corrected", "被依法纠错数", COUNT, parent="lit_total"),
    _I("lit_other", "其他情形数", COUNT, parent="lit_total"),
    _I("complaints_total", "六、举报投诉数量", COUNT, ("举报投诉数", "行政申诉数")),
    _I("compl_upheld", "维持具体行政行为数", COUNT, parent="complaints_total"),
    _I("compl_corrected", "被纠错数", COUNT, parent="complaints_total"),
    _I("compl_other", "其他情形数", COUNT, parent="complaints_total"),
    _I("fees_wan_yuan", "七、依申请公开信息收取的费用", WAN_YUAN, ("依申请公开收取的费用",)),
    _I("g_capacity", "八、机构建设和保障经费情况", "", group=True),
    _I("cap_offices", "政府信息公开工作专门机构数", UNITS, parent="g_capacity"),
    _I("cap_reading_points", "设置政府信息公开查阅点数", UNITS, parent="g_capacity"),
    _I("cap_staff", "从事政府信息公开工作人员数", PEOPLE, parent="g_capacity"),
    _I(
        "cap_staff_full",
        "专职人员数（不包括政府公报及政府网站工作人员数）",
        PEOPLE,
        ("专职人员数",),
        "cap_staff",
    ),
    _I("cap_staff_part", "兼职人员数", PEOPLE, parent="cap_staff"),
    _I(
        "cap_budget_wan_yuan",
        "政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
        WAN_YUAN,
        ("政府信息公开专项经费",),
        "g_capacity",
    ),
    _I("g_training", "九、政府信息公开会议和培训情况", "", group=True),
    _I("train_meetings", "召开政府信息公开工作会议或专题会议数", TIMES, parent="g_training"),
    _I("train_courses", "举办各类培训班数", TIMES, parent="g_training"),
    _I("train_people", "接受培训人员数", VISITS, parent="g_training"),
)

STATISTICS = StatisticsTable(
    title="政府信息公开情况统计表",
    label_headers=("统计指标", "指标名称"),
    unit_headers=("单位", "计量单位"),
    # The column that holds the year's figure, where a table has several (本期实际 is the last quarter's).
    value_headers=("统计数", "本年累计", "本年度", "数量", "数值"),
    indicators=INDICATORS,
)

# The outline reports of the time followed, from 第三十二条's list of contents.
SECTIONS = (
    Section("s1_overview", "一、概述", ("主要工作概述", "总体情况"), S1_PATTERNS),
    Section("s2_active", "二、主动公开政府信息情况", ("主动公开情况",), S2_PATTERNS),
    Section(
        "s3_requests",
        "三、依申请公开政府信息情况",
        ("依申请公开政府信息和不予公开政府信息的情况", "政府信息依申请公开办理情况"),
        (
            r"^(?:政府信息)?依申请公开.{0,16}情况$",
            r"^(?:收到|受理)(?:和|及)?(?:处理|办理).{0,10}申请.{0,4}情况$",
        ),
    ),
    Section(
        "s_fees",
        "四、政府信息公开的收费及减免情况",
        ("收费及减免情况",),
        (r"收费.{0,4}减免", r"^.{0,10}收费(?:的)?情况$"),
    ),
    Section(
        "s4_review_litigation", "五、因政府信息公开申请行政复议、提起行政诉讼的情况", patterns=S4_PATTERNS
    ),
    Section(
        "s5_problems",
        "六、政府信息公开工作存在的主要问题及改进情况",
        ("存在的主要问题和改进措施", "主要问题和改进措施"),
        (*S5_PATTERNS, r"^(?:工作中)?(?:存在的)?(?:主要)?(?:问题|不足)(?:和|及|与)(?:下一步|今后)"),
    ),
    Section("s6_other", "七、其他需要报告的事项", ("需要说明的事项",), S6_PATTERNS),
)

LEGACY = LegacyEdition(
    key="legacy",
    law="《中华人民共和国政府信息公开条例》（国务院令第492号）",
    last_year=2018,
    deadline=(3, 31),
    deadline_article="第三十一条",
    sections=SECTIONS,
    statistics=STATISTICS,
)
