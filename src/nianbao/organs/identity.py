"""Which organ a name denotes: one identity for `check` (linking years) and the store (one organ row).

Two names are one organ when they resolve to the same division of the table (by its code) with the
same township and 部门: 洪泽区人民政府 = 淮安市洪泽区 = 江苏省淮安市洪泽区. A name whose place the table does
not settle (鼓楼区 alone: Nanjing's, Xuzhou's, Fuzhou's or Kaifeng's; 示例县, which is not in it) is only
ever the same organ as the same normalised name: two organs whose places disagree or are unknown are
never merged. A mapping file (`--organs`) can rename an organ and give its place."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache

from .places import Place, normalise, place_from_fields, place_of

PLACE_FIELDS = ("province", "city", "county", "township", "department")
_DIVISION_FIELDS = ("province", "city", "county")


@dataclass(frozen=True)
class OrganMapping:
    """Corrections from a mapping file: a normalised name → the canonical name and/or place fields."""

    names: dict[str, str] = field(default_factory=dict)
    places: dict[str, dict[str, str]] = field(default_factory=dict)

    def __hash__(self) -> int:
        # Cheap and consistent with equality: identities are cached per (name, mapping).
        return hash((len(self.names), len(self.places)))


@dataclass(frozen=True)
class OrganIdentity:
    name: str  # the normalised (or canonical) name
    place: Place
    # Equal keys, same organ: the division code with township and 部门, or the name when unplaced.
    key: str


_NO_MAPPING = OrganMapping()


def identify(raw: str, mapping: OrganMapping = _NO_MAPPING) -> OrganIdentity:
    """The identity of the organ a report names."""
    return _identify(raw, mapping)


@lru_cache(maxsize=4096)
def _identify(raw: str, mapping: OrganMapping) -> OrganIdentity:
    name = normalise(raw)
    canonical = mapping.names.get(name, name)
    place = place_of(canonical)
    overrides = mapping.places.get(canonical) or mapping.places.get(name) or {}
    if overrides:
        place = replace(
            place, **{k: v or None for k, v in overrides.items() if k in (*PLACE_FIELDS, "level")}
        )
        if any(k in overrides for k in _DIVISION_FIELDS):
            place = place_from_fields(place)
    return OrganIdentity(canonical, place, _key(canonical, place))


def _key(name: str, place: Place) -> str:
    if place.code is None:
        return f"={name}"
    return f"{place.code}|{place.township or ''}|{place.department or ''}"


def same_organ(a: str | None, b: str | None) -> bool:
    """Whether two organ names denote one organ (see the module's rule)."""
    if not a or not b:
        return False
    return identify(a).key == identify(b).key


class OrganType(Enum):
    GOVERNMENT = "government"  # 县级以上人民政府 (its whole-government report)
    TOWNSHIP = "township"  # 乡、镇人民政府，街道办事处
    DEPARTMENT = "department"  # 县级以上人民政府部门 and every other organ


def organ_type(organ: str | None) -> OrganType:
    """What kind of organ a name denotes (its deadline depends on it). A bare place name
    (平潭综合实验区, 淮安市洪泽区) titles the whole local government's report too."""
    if not organ:
        return OrganType.DEPARTMENT
    place = identify(organ).place
    if place.department:
        return OrganType.DEPARTMENT
    if place.township:
        return OrganType.TOWNSHIP
    if place.province or place.city or place.county:
        return OrganType.GOVERNMENT
    return OrganType.DEPARTMENT
