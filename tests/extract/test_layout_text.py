"""Text laid out by spaces (`pdftotext -layout`): rows found by their labels even when a label wraps above
and below its numbers or a vertical label's pieces lead its lines; page numbers between rows are left out;
headings stay sections."""

from __future__ import annotations

from nianbao.extract import extract
from nianbao.readers import read_bytes

PAGE = """\
示例县城关镇人民政府 2022 年政府信息公开
                 工作年度报告
   一、总体情况
   本年度工作平稳推进。
   二、主动公开政府信息情况
                   第二十条第（一）项
        信息内容       本年制发件数   本年废止件数   现行有效件数
规章                    0        0         0
行政规范性文件                 2        1        5
   三、收到和处理政府信息公开申请情况
                                       申请人情况
（本列数据的勾稽关系为：第一项加第二
 项之和，等于第三项加第四项之和）   自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计
一、本年新收政府信息公开申请数量       5      1    0   0   0         0    6
二、上年结转政府信息公开申请数量       0       0     0   0   0         0     0
三、 （一）予以公开             2      0     0   0   0         0    2
本年 （二）部分公开（区分处理的，只
                           1   0    0        0   0     0     1
度办 计这一情形，不计其他情形）
理结      1.属于国家秘密           0   0    0        0   0     0     0
果       2.其他法律行政法规禁
                           1   1    0        0   0     0     2

                      —2—
        止公开
   （七）总计                           4    1        0        0      0   0     5
四、结转下年度继续办理                        1    0         0        0      0   0      1
     四、政府信息公开行政复议、行政诉讼情况
          行政复议                               行政诉讼
                                未经复议直接起诉                          复议后起诉
结果   结果    其他    尚未
维持   纠正    结果    审结     总计
0    0     0     1   1    0    0 0  0     0       0       0   0   0   0
     五、存在的主要问题及改进情况
     无。
"""


def test_layout_text_rows_are_found_by_their_labels() -> None:
    report = extract(read_bytes(PAGE.encode("utf-8"), "a.txt"))
    t2, t3 = report.tables["active"], report.tables["applications"]
    assert t2["normative_docs"] == {"made": 2, "repealed": 1, "valid": 5}
    assert t3["new_received"]["total"] == 6
    # Wrapped around its numbers, with the pieces of 三、本年度办理结果 leading its lines.
    assert t3["r_partial"]["natural"] == 1
    # Wrapped below its numbers and across a page number.
    assert t3["r_denied_law_prohibited"]["total"] == 2
    assert t3["r_denied_state_secret"]["total"] == 0
    assert t3["carry_forward"]["total"] == 1
    assert report.tables["review_litigation"]["review"]["total"] == 1
    assert report.organ == "示例县城关镇人民政府"


def test_layout_text_headings_stay_sections_and_table_lines_leave_the_text() -> None:
    report = extract(read_bytes(PAGE.encode("utf-8"), "a.txt"))
    keys = [s.key for s in report.sections]
    assert keys == ["s1_overview", "s2_active", "s3_requests", "s4_review_litigation", "s5_problems"]
    assert all("予以公开" not in s.text and "—2—" not in s.text for s in report.sections)


def test_prose_with_a_few_numbers_is_not_a_laid_out_table() -> None:
    prose = "全年新收申请  12  件，办结  11  件。\n" * 3
    text = "示例县2024年政府信息公开工作年度报告\n一、总体情况\n" + prose
    report = extract(read_bytes(text.encode("utf-8"), "a.txt"))
    assert report.tables == {}
