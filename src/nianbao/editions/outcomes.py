"""The result rows of 表三 as outcomes of one application: which rows a 答复 can land in, the articles
it cites, and the decision it states (used by the ledger and its 答复书).

Keys are the row keys of the form; an outcome that an edition does not print (E2019 has one （六）其他处理
row where E2021 has three) counts in its nearest ancestor row that the edition does print. Articles are
those of 《中华人民共和国政府信息公开条例》 (国务院令第711号) unless another instrument is named; see
shared/ledger.md §2.2 for where each comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import EDITIONS
from .common import DENIED
from .form import Edition, Row

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

GRANTED = "r_granted"
PARTIAL = "r_partial"
UNCLEAR_AFTER_CORRECTION = "r_unable_unclear_after_correction"
NO_CORRECTION = "r_other_no_correction"
FEE_UNPAID = "r_other_fee_unpaid"
OTHER_ENDING = "r_other_other"  # withdrawal and other terminations
TOTAL = "r_total"


@dataclass(frozen=True)
class Basis:
    """One legal ground for an outcome: the article cited and the decision the 答复书 states."""

    citation: str
    decision: str


def _law(article: str, decision: str) -> Basis:
    return Basis(f"{REGULATION}{article}", decision)


BASES: dict[str, tuple[Basis, ...]] = {
    GRANTED: (
        _law("第三十六条第（一）项", "您申请获取的政府信息已经主动公开，现告知获取该政府信息的方式、途径。"),
        _law("第三十六条第（二）项", "您申请获取的政府信息属于可以公开的政府信息，现予以提供。"),
    ),
    PARTIAL: (
        _law(
            "第三十七条",
            "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，"
            "现向您提供可以公开的部分，不予公开的部分说明理由如下。",
        ),
    ),
    "r_denied_state_secret": (
        _law("第十四条、第三十六条第（三）项", "您申请获取的政府信息属于国家秘密，依法不予公开。"),
    ),
    "r_denied_law_prohibited": (
        _law(
            "第十四条、第三十六条第（三）项",
            "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，依法不予公开。",
        ),
    ),
    "r_denied_three_security_one_stability": (
        _law(
            "第十四条、第三十六条第（三）项",
            "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
        ),
    ),
    "r_denied_third_party": (
        _law(
            "第十五条、第三十二条、第三十六条第（三）项",
            "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依法不予公开。",
        ),
    ),
    "r_denied_internal_affairs": (
        _law(
            "第十六条第一款、第三十六条第（三）项",
            "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，可以不予公开。",
        ),
    ),
    "r_denied_process_info": (
        _law(
            "第十六条第二款、第三十六条第（三）项",
            "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
            "请示报告等过程性信息，可以不予公开。",
        ),
    ),
    "r_denied_enforcement_file": (
        _law(
            "第十六条第二款、第三十六条第（三）项",
            "您申请获取的政府信息属于行政执法案卷信息，可以不予公开。",
        ),
    ),
    "r_denied_admin_query": (
        _law(
            "第三十六条第（七）项",
            "您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的事项，"
            "请按照有关法律、行政法规的规定办理。",
        ),
    ),
    "r_unable_not_held": (
        _law("第三十六条第（四）项", "经检索，本机关没有制作或者获取您申请公开的政府信息。"),
        _law(
            "第三十六条第（五）项",
            "您申请公开的政府信息不属于本机关负责公开，现告知负责公开该政府信息的机关。",
        ),
    ),
    "r_unable_needs_creation": (
        _law(
            "第三十八条",
            "您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
        ),
    ),
    UNCLEAR_AFTER_CORRECTION: (
        _law("第三十条", "您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。"),
    ),
    "r_np_petition_complaint": (
        _law(
            "第三十九条第一款",
            "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
            "您可以通过相应渠道提出。",
        ),
    ),
    "r_np_repeat": (
        _law(
            "第三十六条第（六）项",
            "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
        ),
    ),
    "r_np_publication": (
        _law(
            "第三十九条第二款",
            "您要求提供的是政府公报、报刊、书籍等公开出版物，现告知获取的途径。",
        ),
    ),
    "r_np_mass_repeat": (
        _law(
            "第三十五条",
            "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
        ),
    ),
    "r_np_confirm_reissue": (
        _law(
            "第二条",
            "您要求本机关确认或者重新出具已经获取的信息，不属于申请获取政府信息，本机关不作为政府信息公开申请处理。",
        ),
    ),
    NO_CORRECTION: (
        _law("第三十条", "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。"),
    ),
    FEE_UNPAID: (
        Basis(
            FEE_MEASURES,
            "您逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ),
    ),
    OTHER_ENDING: (Basis("", "您已撤回政府信息公开申请，本机关终止办理。"),),
    # E2019's single （六）其他处理 row: the endings above, as that edition printed them.
    "r_other": (Basis("", "本机关终止办理该政府信息公开申请。"),),
}


def outcome_rows(edition: Edition) -> tuple[Row, ...]:
    """The rows a concluded application can land in: data rows under 本年度办理结果 except （七）总计."""
    return edition.applications.result_leaves


def outcome_row(edition: Edition, key: str) -> str | None:
    """The row of `edition` in which an outcome counts: itself when printed, else its nearest printed
    ancestor (E2021's three （六） rows count in E2019's single （六）其他处理); None if neither."""
    printed = {r.key for r in outcome_rows(edition)}
    parents = {r.key: r.parent for e in EDITIONS.values() for r in e.applications.rows}
    current: str | None = key
    while current is not None:
        if current in printed:
            return current
        current = parents.get(current)
    return None


def is_denial(key: str) -> bool:
    """An outcome under （三）不予公开: since 2024 the 行政复议法 (第二十三条) requires 行政复议 before a
    suit against it, which the 答复书's rights notice must say."""
    parents = {r.key: r.parent for e in EDITIONS.values() for r in e.applications.rows}
    return parents.get(key) == DENIED


def all_outcome_keys() -> tuple[str, ...]:
    """Every outcome any edition prints, in form order (E2021 first, then rows only E2019 has)."""
    keys: list[str] = []
    for edition in sorted(EDITIONS.values(), key=lambda e: -e.first_year):
        keys += [r.key for r in outcome_rows(edition) if r.key not in keys]
    return tuple(keys)


def outcome_label(key: str) -> str:
    """The row label as the form prints it (the newest edition that prints the row)."""
    for edition in sorted(EDITIONS.values(), key=lambda e: -e.first_year):
        for row in edition.applications.rows:
            if row.key == key:
                return row.label
    raise KeyError(key)
