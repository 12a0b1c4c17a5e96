"""Administrative naming data used to place an organ in the region tree from its name.

These are the suffixes of China's administrative divisions, not labels of the report form."""

from __future__ import annotations

# The generic word for a people's government; `海原县李俊乡人民政府` and `海原县李俊乡` are one organ.
GOVERNMENT_SUFFIX = "人民政府"

# Municipalities directly under the central government are provinces that end in 市.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# Each level: the endings a unit of that level can have, longest first so 自治县 wins over 县.
PROVINCE_ENDINGS = ("特别行政区", "自治区", "省")
CITY_ENDINGS = ("自治州", "地区", "市", "州", "盟")
COUNTY_ENDINGS = ("自治县", "自治旗", "综合实验区", "新区", "县", "区", "市", "旗")
TOWNSHIP_ENDINGS = ("街道办事处", "街道", "民族乡", "苏木", "乡", "镇")

# Level names stored with each organ (shown to people).
LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWNSHIP, LEVEL_DEPARTMENT = "省", "市", "县", "乡镇", "部门"
