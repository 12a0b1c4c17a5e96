"""How a report names itself: the shape of its title, the furniture printed around the title, and the
preamble sentences that name the organ when a page has lost its title. Data (and the title a
compliant report prints): extract/titles.py reads it.

A title is `{机关}{年度}年{主题}…报告` (spec §2.2) or, as some offices write it, `{年度}年{机关}{主题}…报告`
(`2019年上海市人民政府办公厅政府信息公开工作年度报告`). The subject is what stands between the organ (or the
year) and the closing 报告.
"""

from __future__ import annotations

# A compliant title is `{机关}{年度}` and this tail: what the renderer prints and S-TITLE checks.
TITLE_TAIL = "年政府信息公开工作年度报告"


def report_title(organ: str, year: int | None) -> str:
    """The title of a compliant report: `某县人民政府2024年政府信息公开工作年度报告`."""
    return f"{organ}{year if year is not None else ''}{TITLE_TAIL}"


# Longest first: the organ ends where the first of these begins.
TITLE_SUBJECTS = ("政府信息公开", "政务公开", "信息公开")
TITLE_END = "报告"
# Labels a portal or a crawler writes before a title it copies (`标题：…`): a title about the page, not in it.
TITLE_LABELS = ("标题", "题目", "名称", "文章标题", "信息名称")
# An organ name ending in the first word and a subject starting with the second share that word:
# `某县人民政府信息公开…报告` is 某县人民政府 + 信息公开.
SHARED_WITH_SUBJECT = (("人民", "政府"),)
# Words between the organ and the year that belong to neither: `某局关于2019年…报告`.
ORGAN_TRAILERS = ("关于",)
# Words that refer to the organ without naming it: `现将本机关2022年…报告公布如下` names no organ.
SELF_REFERENCES = (
    "本机关", "本单位", "本部门", "本局", "我局", "本委", "我委", "本办", "我办", "本厅", "我厅", "本院",
    "本中心", "本级", "本区", "我区", "本县", "我县", "本市", "我市", "本镇", "我镇", "本乡", "我乡",
    "本街道", "我街道", "本", "我", "区", "县", "市", "镇", "乡",
)  # fmt: skip
# Verbs with which a preamble introduces the report's own title:
# `特编制某办公室2023年…报告`, `现公布区政府国资局2022年…报告`, `现将某局2022年度…报告公布如下`.
PREAMBLE_VERBS = ("编制完成", "编制", "公布", "发布", "印发", "形成", "现将", "特将", "制作")
# `由某局编制的2017年度…报告`: the organ stands before the verb.
PREAMBLE_BY = ("由", "编制的")
# Page furniture a copied page keeps around its title: navigation, the info bar, column names.
TITLE_CHROME = (
    "当前位置", "您的位置", "首页", "来源", "发布时间", "发布日期", "发布机构", "浏览次数", "点击数",
    "访问量", "字号", "打印", "关闭", "分享", "索引号", "信息公开目录", "年报", "专栏",
)  # fmt: skip
