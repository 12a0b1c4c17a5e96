"""Organ names: normalising, placing in the region tree, correcting from a mapping file, and linking
one organ's years even when its name is written longer or shorter."""

from __future__ import annotations

from pathlib import Path

from nianbao.render.text import render_text
from nianbao.store import infer_place, ingest, load_mapping, normalise, open_store
from nianbao.synth import generate


def test_government_suffix_is_ignored_for_matching() -> None:
    assert normalise("海原县李俊乡人民政府") == normalise("海原县 李俊乡") == "海原县李俊乡"
    assert normalise("人民政府") == "人民政府"


def test_places_are_inferred_from_names() -> None:
    town = infer_place("银川市西夏区兴泾镇人民政府")
    assert (town.level, town.city, town.county, town.township) == ("乡镇", "银川市", "西夏区", "兴泾镇")
    assert town.region == "银川市/西夏区/兴泾镇"
    bureau = infer_place("淮安市洪泽区教育局")
    assert (bureau.level, bureau.region, bureau.department) == ("部门", "淮安市/洪泽区", "教育局")
    province = infer_place("宁夏回族自治区石嘴山市平罗县")
    assert (province.province, province.city, province.county) == ("宁夏回族自治区", "石嘴山市", "平罗县")


def test_mapping_file_corrects_names_and_places(tmp_path: Path) -> None:
    mapping = tmp_path / "organs.csv"
    mapping.write_text(
        "name,canonical,province,city\n花马池镇人民政府,盐池县花马池镇,宁夏回族自治区,吴忠市\n",
        encoding="utf-8",
    )
    yaml_mapping = tmp_path / "organs.yaml"
    yaml_mapping.write_text(
        "- name: 花马池镇\n  canonical: 盐池县花马池镇\n  province: 宁夏回族自治区\n  city: 吴忠市\n",
        encoding="utf-8",
    )
    assert load_mapping(mapping) == load_mapping(yaml_mapping)
    corpus = tmp_path / "c"
    corpus.mkdir()
    for year, name in ((2020, "花马池镇人民政府"), (2021, "盐池县花马池镇人民政府")):
        (corpus / f"{year}.txt").write_text(
            render_text(generate(seed=year, year=year, organ=name)), encoding="utf-8"
        )
    store = open_store(str(tmp_path / "db.sqlite"), load_mapping(mapping))
    ingest(store, [corpus], workers=1)
    current = store.current_reports()
    assert {r.organ_name for r in current} == {"盐池县花马池镇"}
    assert {r.region for r in current} == {"宁夏回族自治区/吴忠市/盐池县/花马池镇"}
    store.close()


def test_longer_name_of_the_same_organ_is_linked(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for year, name in ((2023, "洪泽区人民政府"), (2024, "淮安市洪泽区人民政府"), (2024, "示例区人民政府")):
        path = corpus / f"{year}-{name}.txt"
        path.write_text(render_text(generate(seed=year, year=year, organ=name)), encoding="utf-8")
    store = open_store(str(tmp_path / "db.sqlite"))
    ingest(store, [corpus], workers=1)
    organs = {(r.organ, r.organ_name) for r in store.current_reports()}
    assert ("淮安市洪泽区人民政府", "洪泽区") in organs and ("洪泽区人民政府", "洪泽区") in organs
    latest = store.latest_report("淮安市洪泽区人民政府", 2024)
    assert latest is not None
    previous = store.previous_report(latest)
    assert previous is not None and previous.organ == "洪泽区人民政府"
    # The place is completed from the longer name.
    assert {r.region for r in store.current_reports() if r.organ_name == "洪泽区"} == {"淮安市/洪泽区"}
    store.close()
