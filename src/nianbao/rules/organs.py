"""Organ names: the same organ under different spellings, and what kind of organ it is (for deadlines)."""

from __future__ import annotations

import re
from enum import Enum

# Suffixes that name the seat of an organ rather than a different organ.
_GOVERNMENT_SUFFIX = "人民政府"
_SEAT_SUFFIXES = (_GOVERNMENT_SUFFIX, "办事处")
# Administrative divisions a name may be prefixed with (淮安市洪泽区 = 洪泽区).
_DIVISION = re.compile(r"^(.+?(省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))")
_TOWNSHIP = re.compile(r"(乡|镇|街道)$")
_LOCAL_GOVERNMENT = re.compile(r"(省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区)$")
_SPACE = re.compile(r"\s+")


class OrganType(Enum):
    GOVERNMENT = "government"  # 县级以上人民政府 (its whole-government report)
    TOWNSHIP = "township"  # 乡、镇人民政府，街道办事处
    DEPARTMENT = "department"  # 县级以上人民政府部门 and every other organ


def core_name(organ: str) -> str:
    """`海原县李俊乡人民政府` → `海原县李俊乡`; whitespace removed."""
    name = _SPACE.sub("", organ)
    for suffix in _SEAT_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def same_organ(a: str | None, b: str | None) -> bool:
    """Equal after normalisation, or equal once one of them drops leading higher divisions."""
    if not a or not b:
        return False
    first, second = core_name(a), core_name(b)
    if first == second:
        return True
    shorter, longer = sorted((first, second), key=len)
    if not shorter or not longer.endswith(shorter):
        return False
    prefix = longer[: -len(shorter)]
    while prefix:
        match = _DIVISION.match(prefix)
        if match is None:
            return False
        prefix = prefix[match.end() :]
    return True


def organ_type(organ: str | None) -> OrganType:
    if not organ:
        return OrganType.DEPARTMENT
    name = _SPACE.sub("", organ)
    core = core_name(name)
    if _TOWNSHIP.search(core):
        return OrganType.TOWNSHIP
    # A bare place name (平潭综合实验区, 淮安市洪泽区) titles the whole local government's report too.
    if (name.endswith(_GOVERNMENT_SUFFIX) or name == core) and _LOCAL_GOVERNMENT.search(core):
        return OrganType.GOVERNMENT
    return OrganType.DEPARTMENT
