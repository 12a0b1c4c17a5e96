"""Roles and what each may do, as data; and the organs a user may see (their organ's subtree).

Every route names the action it needs (`require(...)`) or is listed as public in `app.PUBLIC_PATHS`;
a test walks the routes and fails on one that does neither."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    OFFICE = "office"  # 政务公开办: supervises its organ and every unit under it
    CLERK = "clerk"  # 经办人: one organ's clerk
    HEAD = "head"  # 负责人: approves 延期 and 答复
    READER = "reader"  # 只读: a researcher


ROLE_NAMES: dict[Role, str] = {
    Role.ADMIN: "管理员",
    Role.OFFICE: "公开办",
    Role.CLERK: "经办人",
    Role.HEAD: "负责人",
    Role.READER: "只读",
}


def parse_role(text: str) -> Role:
    """A role by its key (`clerk`) or its Chinese name (`经办人`)."""
    for role, name in ROLE_NAMES.items():
        if text in (role.value, name):
            return role
    choices = "、".join(f"{n}（{r.value}）" for r, n in ROLE_NAMES.items())
    raise ValueError(f"没有“{text}”这个角色，可选：{choices}")


class Action(StrEnum):
    READ = "read"  # reports, findings, statistics within scope
    UPLOAD = "upload"
    CORRECT = "correct"  # set a misread cell right
    COMPOSE = "compose"  # write and submit the organ's own annual report
    REVIEW = "review"  # return or publish the reports of units under one's organ
    CASES_READ = "cases_read"
    CASES_WRITE = "cases_write"
    APPROVE = "approve"  # 延期 and 答复 approval
    ADMIN = "admin"


_CLERK = {Action.READ, Action.UPLOAD, Action.CORRECT, Action.COMPOSE, Action.CASES_READ, Action.CASES_WRITE}
PERMISSIONS: dict[Role, set[Action]] = {
    Role.ADMIN: set(Action),
    Role.OFFICE: {Action.READ, Action.UPLOAD, Action.CORRECT, Action.REVIEW, Action.CASES_READ},
    Role.CLERK: _CLERK,
    Role.HEAD: _CLERK | {Action.APPROVE},
    Role.READER: {Action.READ},
}


@dataclass(frozen=True)
class User:
    """A signed-in account as a request sees it: who, what role, and which organs it may see."""

    id: int
    name: str
    role: Role
    organ_id: int
    organ: str
    scope: frozenset[int]

    def can(self, action: Action) -> bool:
        return action in PERMISSIONS[self.role]

    def sees(self, organ_id: int | None) -> bool:
        """An admin sees everything; others the organs in their subtree (never a report of no organ)."""
        if self.role is Role.ADMIN:
            return True
        return organ_id is not None and organ_id in self.scope

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]
