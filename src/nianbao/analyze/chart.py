"""PNG charts over the store, with Chinese labels drawn in a CJK font: the trend of applications by
year, the composition of outcomes by year, and the organs of one region compared."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..chinese.marks import strip_enumerator
from ..editions import E2021
from ..store import Store
from ..store.totals import OUTCOMES
from .stats import compute_stats

# Font families that carry CJK glyphs, in order of preference (fonts-noto-cjk installs the first).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
)
CHARTS = ("trend", "outcomes", "region")

# Outcome groups named by their rows of the form (enumerator and long note dropped): 予以公开, 部分公开 …
_ROW_LABELS = {row.key: row.label for row in E2021.applications.rows}
OUTCOME_NAMES = {group: strip_enumerator(_ROW_LABELS[row]).split("（")[0] for group, row in OUTCOMES.items()}


class ChartError(Exception):
    """A chart cannot be drawn; the message is for people."""


def cjk_font() -> str:
    """The family name of an installed CJK font, or a ChartError saying how to install one."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise ChartError("没有找到中文字体，请先运行 scripts/install-system-deps.sh 安装 fonts-noto-cjk")


def _figure() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [cjk_font()]
    plt.rcParams["axes.unicode_minus"] = False
    return plt.subplots(figsize=(9, 5), dpi=120)


def _save(fig: Any, out: Path) -> Path:
    import matplotlib.pyplot as plt

    out.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out


def trend_chart(store: Store, out: Path) -> Path:
    rows = [r for r in compute_stats(store, ["year"]) if r.group[0].isdigit()]
    if not rows:
        raise ChartError("数据库中没有带年度的报告")
    years = [r.group[0] for r in rows]
    fig, ax = _figure()
    ax.plot(years, [r.received for r in rows], marker="o", label="本年新收申请")
    ax.plot(years, [r.handled for r in rows], marker="s", label="办理结果总计")
    ax.set_title("政府信息公开申请数量趋势")
    ax.set_xlabel("年度")
    ax.set_ylabel("件数")
    ax.legend()
    return _save(fig, out)


def outcomes_chart(store: Store, out: Path) -> Path:
    rows = [r for r in compute_stats(store, ["year"]) if r.group[0].isdigit() and r.handled]
    if not rows:
        raise ChartError("数据库中没有办理结果")
    years = [r.group[0] for r in rows]
    fig, ax = _figure()
    bottom = [0.0] * len(rows)
    for key in OUTCOMES:
        shares = [100 * (r.outcome_shares[key] or 0.0) for r in rows]
        ax.bar(years, shares, bottom=bottom, label=OUTCOME_NAMES[key])
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
    ax.set_title("办理结果构成（占办理结果总计的百分比）")
    ax.set_xlabel("年度")
    ax.set_ylabel("%")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    return _save(fig, out)


def region_chart(store: Store, out: Path, region: str, year: int | None = None) -> Path:
    organs = {r.organ_name for r in store.current_reports() if r.region and r.region.startswith(region)}
    rows = [
        r
        for r in compute_stats(store, ["organ", "year"])
        if r.group[0] in organs and (year is None or r.group[1] == str(year))
    ]
    if not rows:
        raise ChartError(f"地区“{region}”下没有报告")
    labels = [f"{r.group[0]} {r.group[1]}" for r in rows]
    fig, ax = _figure()
    ax.barh(labels, [r.received for r in rows], label="本年新收申请")
    ax.set_title(f"{region} 各机关申请数量比较")
    ax.set_xlabel("件数")
    ax.invert_yaxis()
    ax.legend()
    return _save(fig, out)
