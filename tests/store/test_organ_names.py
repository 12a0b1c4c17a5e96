"""Organs in the store: one row per organ identity (nianbao.organs), corrected by a mapping file, one
organ's years linked even when its name is written longer or shorter, and two places that share a
district name kept apart."""

from __future__ import annotations

from pathlib import Path

from nianbao.organs import load_mapping
from nianbao.render.text import render_text
from nianbao.store import ingest, open_store
from nianbao.synth import generate


def test_mapping_file_corrects_names_and_places_in_the_store(tmp_path: Path) -> None:
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
    # The place comes from the division table (the province too, though neither name gives it).
    assert {r.region for r in store.current_reports() if r.organ_name == "洪泽区"} == {"江苏省/淮安市/洪泽区"}
    store.close()


def test_two_gulou_districts_stay_two_organs_after_a_bare_gulou(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    names = ((2023, "鼓楼区人民政府"), (2024, "南京市鼓楼区人民政府"), (2024, "开封市鼓楼区人民政府"))
    for year, name in names:
        path = corpus / f"{year}-{name}.txt"
        path.write_text(render_text(generate(seed=year, year=year, organ=name)), encoding="utf-8")
    store = open_store(str(tmp_path / "db.sqlite"))
    ingest(store, [corpus], workers=1)
    organs = {r.organ: (r.organ_name, r.region) for r in store.current_reports()}
    assert organs == {
        "鼓楼区人民政府": ("鼓楼区", "鼓楼区"),
        "南京市鼓楼区人民政府": ("南京市鼓楼区", "江苏省/南京市/鼓楼区"),
        "开封市鼓楼区人民政府": ("开封市鼓楼区", "河南省/开封市/鼓楼区"),
    }
    nanjing = store.latest_report("南京市鼓楼区人民政府", 2024)
    assert nanjing is not None and store.previous_report(nanjing) is None
    store.close()
