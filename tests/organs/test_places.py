"""Placing organs by name with China's division table: real names with their province, city and county,
names several places share, 某州市 cities, suffixes, townships and departments."""

from __future__ import annotations

import pytest

from nianbao.organs import normalise, place_of

NX = "宁夏回族自治区"

# name → (province, city, county): real divisions, written as reports write them.
REAL_PLACES = {
    "南京市鼓楼区": ("江苏省", "南京市", "鼓楼区"),
    "开封市鼓楼区": ("河南省", "开封市", "鼓楼区"),
    "福州市鼓楼区": ("福建省", "福州市", "鼓楼区"),
    "徐州市鼓楼区": ("江苏省", "徐州市", "鼓楼区"),
    "广州市天河区": ("广东省", "广州市", "天河区"),
    "广州市": ("广东省", "广州市", None),
    "杭州市": ("浙江省", "杭州市", None),
    "苏州市": ("江苏省", "苏州市", None),
    "郑州市": ("河南省", "郑州市", None),
    "杭州市西湖区": ("浙江省", "杭州市", "西湖区"),
    "杭州市临平区": ("浙江省", "杭州市", "临平区"),
    "苏州市吴中区": ("江苏省", "苏州市", "吴中区"),
    "郑州市金水区": ("河南省", "郑州市", "金水区"),
    "淮安市洪泽区": ("江苏省", "淮安市", "洪泽区"),
    "洪泽区": ("江苏省", "淮安市", "洪泽区"),
    "海原县": (NX, "中卫市", "海原县"),
    "宁夏回族自治区石嘴山市平罗县": (NX, "石嘴山市", "平罗县"),
    "盐池县": (NX, "吴忠市", "盐池县"),
    "银川市西夏区": (NX, "银川市", "西夏区"),
    "北京市海淀区": ("北京市", None, "海淀区"),
    "上海市浦东新区": ("上海市", None, "浦东新区"),
    "天津市和平区": ("天津市", None, "和平区"),
    "沈阳市和平区": ("辽宁省", "沈阳市", "和平区"),
    "重庆市渝中区": ("重庆市", None, "渝中区"),
    "东莞市": ("广东省", "东莞市", None),
    "仙桃市": ("湖北省", None, "仙桃市"),
    "神农架林区": ("湖北省", None, "神农架林区"),
    "延边朝鲜族自治州延吉市": ("吉林省", "延边朝鲜族自治州", "延吉市"),
    "吉林省吉林市": ("吉林省", "吉林市", None),
    "昆山市": ("江苏省", "苏州市", "昆山市"),
    "义乌市": ("浙江省", "金华市", "义乌市"),
    "福州市平潭县": ("福建省", "福州市", "平潭县"),
    "长沙市长沙县": ("湖南省", "长沙市", "长沙县"),
    "深圳市南山区": ("广东省", "深圳市", "南山区"),
    "拉萨市城关区": ("西藏自治区", "拉萨市", "城关区"),
    "兰州市城关区": ("甘肃省", "兰州市", "城关区"),
    "和田地区和田县": ("新疆维吾尔自治区", "和田地区", "和田县"),
    "锡林郭勒盟锡林浩特市": ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市"),
    "广西壮族自治区南宁市青秀区": ("广西壮族自治区", "南宁市", "青秀区"),
    "黔东南苗族侗族自治州凯里市": ("贵州省", "黔东南苗族侗族自治州", "凯里市"),
    "三亚市吉阳区": ("海南省", "三亚市", "吉阳区"),
    "济南市莱芜区": ("山东省", "济南市", "莱芜区"),
    "三明市沙县区": ("福建省", "三明市", "沙县区"),
    "徐州市丰县": ("江苏省", "徐州市", "丰县"),
    "齐齐哈尔市": ("黑龙江省", "齐齐哈尔市", None),
    # Provinces and cities are often written without their ending before a full name.
    "江苏淮安市洪泽区": ("江苏省", "淮安市", "洪泽区"),
    "南京鼓楼区": ("江苏省", "南京市", "鼓楼区"),
}


@pytest.mark.parametrize(("name", "expected"), sorted(REAL_PLACES.items()))
def test_real_places_have_their_province_city_and_county(name: str, expected: tuple[str, ...]) -> None:
    place = place_of(name)
    assert (place.province, place.city, place.county) == expected
    assert place.code is not None, "a name the table settles carries its division code"


def test_the_table_has_at_least_thirty_real_places() -> None:
    assert len(REAL_PLACES) >= 30


def test_cities_ending_in_zhou_are_cities() -> None:
    for city in ("广州市", "杭州市", "苏州市", "郑州市", "福州市", "徐州市"):
        place = place_of(f"{city}人民政府")
        assert (place.city, place.county, place.level) == (city, None, "市")
    assert place_of("广州市天河区").city == "广州市"


def test_two_gulou_districts_are_two_places() -> None:
    nanjing, kaifeng = place_of("南京市鼓楼区人民政府"), place_of("开封市鼓楼区人民政府")
    assert nanjing.code != kaifeng.code
    assert (nanjing.province, kaifeng.province) == ("江苏省", "河南省")


def test_a_name_several_places_share_is_not_placed() -> None:
    alone = place_of("鼓楼区人民政府")
    assert (alone.province, alone.city, alone.county, alone.code) == (None, None, "鼓楼区", None)
    # A province narrows it to two cities, still not one place.
    in_jiangsu = place_of("江苏省鼓楼区")
    assert (in_jiangsu.province, in_jiangsu.city, in_jiangsu.code) == ("江苏省", None, None)
    assert place_of("朝阳区").code is None  # 北京 and 长春


def test_government_suffix_is_ignored_for_matching() -> None:
    assert normalise("海原县李俊乡人民政府") == normalise("海原县 李俊乡") == "海原县李俊乡"
    assert normalise("人民政府") == "人民政府"
    assert normalise("城关街道办事处") == "城关街道"


def test_townships_and_departments() -> None:
    town = place_of("银川市西夏区兴泾镇人民政府")
    assert (town.level, town.city, town.county, town.township) == ("乡镇", "银川市", "西夏区", "兴泾镇")
    assert town.region == f"{NX}/银川市/西夏区/兴泾镇"
    bureau = place_of("淮安市洪泽区教育局")
    assert (bureau.level, bureau.region, bureau.department) == ("部门", "江苏省/淮安市/洪泽区", "教育局")
    office = place_of("广东省人民政府办公厅")
    assert (office.province, office.department, office.level) == ("广东省", "办公厅", "部门")
    # 城乡 is part of a bureau's name, not a township.
    housing = place_of("海原县住房和城乡建设局")
    assert (housing.county, housing.township, housing.department) == ("海原县", None, "住房和城乡建设局")
    assert place_of("南京市城市管理局").department == "城市管理局"
    village = place_of("东莞市虎门镇人民政府")
    assert (village.city, village.township) == ("东莞市", "虎门镇")


def test_names_the_table_does_not_know_are_placed_by_suffix_without_a_code() -> None:
    town = place_of("示例县城关镇人民政府")
    assert (town.county, town.township, town.level, town.code) == ("示例县", "城关镇", "乡镇", None)
    pingtan = place_of("平潭综合实验区")
    assert (pingtan.county, pingtan.level, pingtan.code) == ("平潭综合实验区", "县", None)
    made_up = place_of("示例州市东区")
    assert (made_up.city, made_up.county) == ("示例州市", "东区")
    park = place_of("江苏省苏州工业园区管理委员会")
    assert (park.province, park.county, park.department, park.code) == (
        "江苏省",
        "苏州工业园区",
        "管理委员会",
        None,
    )
