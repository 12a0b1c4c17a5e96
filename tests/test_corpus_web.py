"""Real government CMS pages in ../shared/corpus/web parse to their hand-checked answers in gold-new/."""

from __future__ import annotations

import json
from pathlib import Path

from gold import assert_matches_gold

import nianbao


def _check(corpus: Path, name: str) -> None:
    report = nianbao.parse(corpus / "web" / f"{name}.html")
    gold = json.loads((corpus / "gold-new" / f"{name}.json").read_text(encoding="utf-8"))
    assert_matches_gold(report.to_dict(), gold)
    assert (report.fee.model_dump() if report.fee else None) == gold["fee"]


def test_shared_corpus_web_pingtan_2019_cms_page_matches_gold(corpus: Path) -> None:
    _check(corpus, "pingtan-2019-web")


def test_shared_corpus_web_shanghai_2019_year_first_title_heading_variant_match_gold(corpus: Path) -> None:
    _check(corpus, "shanghai-2019")
