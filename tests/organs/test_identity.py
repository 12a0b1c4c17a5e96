"""One organ identity for check and the store: same place (by division code), same organ; places that
disagree or are unknown never merge; the mapping file corrects names and places."""

from __future__ import annotations

from pathlib import Path

from nianbao.organs import OrganType, identify, load_mapping, organ_type, same_organ


def test_longer_and_shorter_names_of_one_organ_are_one() -> None:
    assert same_organ("海原县李俊乡人民政府", "海原县李俊乡")
    assert same_organ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert same_organ("江苏省淮安市洪泽区", "洪泽区")
    assert same_organ("淮安市洪泽区教育局", "洪泽区教育局")
    assert same_organ("城关街道办事处", "城关街道")
    assert same_organ("示例县城关镇人民政府", "示例县城关镇")


def test_organs_whose_places_disagree_or_are_unknown_are_not_merged() -> None:
    assert not same_organ("南京市鼓楼区", "开封市鼓楼区")
    assert not same_organ("鼓楼区人民政府", "南京市鼓楼区")
    assert not same_organ("鼓楼区人民政府", "开封市鼓楼区人民政府")
    assert not same_organ("海原县李俊乡", "海原县关桥乡")
    assert not same_organ("洪泽区教育局", "洪泽区")
    # Unknown to the table: only the same name is the same organ.
    assert not same_organ("示例市东区教育局", "东区教育局")
    assert not same_organ(None, "洪泽区")


def test_organ_types_for_deadlines() -> None:
    assert organ_type("淮安市洪泽区人民政府") is OrganType.GOVERNMENT
    assert organ_type("平潭综合实验区") is OrganType.GOVERNMENT
    assert organ_type("广州市") is OrganType.GOVERNMENT
    assert organ_type("海原县李俊乡人民政府") is OrganType.TOWNSHIP
    assert organ_type("城关街道办事处") is OrganType.TOWNSHIP
    assert organ_type("淮安市洪泽区教育局") is OrganType.DEPARTMENT
    assert organ_type("广东省人民政府办公厅") is OrganType.DEPARTMENT
    assert organ_type(None) is OrganType.DEPARTMENT


def test_mapping_file_corrects_names_and_places(tmp_path: Path) -> None:
    csv_mapping = tmp_path / "organs.csv"
    csv_mapping.write_text(
        "name,canonical,province,city\n花马池镇人民政府,盐池县花马池镇,宁夏回族自治区,吴忠市\n"
        "鼓楼区人民政府,,江苏省,南京市\n",
        encoding="utf-8",
    )
    yaml_mapping = tmp_path / "organs.yaml"
    yaml_mapping.write_text(
        "- name: 花马池镇\n  canonical: 盐池县花马池镇\n  province: 宁夏回族自治区\n  city: 吴忠市\n"
        "- name: 鼓楼区\n  province: 江苏省\n  city: 南京市\n",
        encoding="utf-8",
    )
    mapping = load_mapping(csv_mapping)
    assert mapping == load_mapping(yaml_mapping)
    town = identify("花马池镇人民政府", mapping)
    assert town.name == "盐池县花马池镇"
    assert town.place.region == "宁夏回族自治区/吴忠市/盐池县/花马池镇"
    assert town.key == identify("盐池县花马池镇").key
    # A place given by the mapping settles an ambiguous name: this 鼓楼区 is Nanjing's.
    assert identify("鼓楼区人民政府", mapping).key == identify("南京市鼓楼区").key
    assert identify("鼓楼区人民政府").key != identify("南京市鼓楼区").key
