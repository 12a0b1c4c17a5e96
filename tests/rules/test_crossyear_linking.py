"""`check` links an organ's years with the store's organ identity: a longer name of the same place links,
a district name two cities share does not."""

from __future__ import annotations

from nianbao.api import link_years
from nianbao.synth import generate


def test_longer_name_of_the_same_place_links() -> None:
    later = generate(1, 2024, "淮安市洪泽区人民政府")
    earlier = generate(2, 2023, "洪泽区人民政府")
    assert link_years([later, earlier]) == {0: 1}


def test_districts_of_two_cities_are_not_linked() -> None:
    nanjing = generate(1, 2024, "南京市鼓楼区人民政府")
    kaifeng = generate(2, 2023, "开封市鼓楼区人民政府")
    bare = generate(3, 2023, "鼓楼区人民政府")
    assert link_years([nanjing, kaifeng, bare]) == {}
    same = generate(4, 2023, "江苏省南京市鼓楼区")
    assert link_years([nanjing, kaifeng, bare, same]) == {0: 3}
