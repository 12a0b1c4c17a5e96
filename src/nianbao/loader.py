"""The front door: every input nianbao knows becomes a checked Report through `load`.

Report documents (every reader: PDF, scans, DOCX, DOC/WPS/RTF, HTML, Markdown, text), the report
contract as JSON or YAML (what `parse --json` writes), the fill-in workbook of `nianbao template`, and zip
archives of any of them. The kind is told from the content (the name only breaks a tie between JSON/YAML
and a text report). `walk` is the one way files are found under directories and inside archives;
`load_many` pairs each file found with its Report or the reason, in Chinese, it could not be read.

Every command (`parse`, `check`, `render`, `ingest`, the web app) reads its inputs here, so a report
given as a PDF, as its JSON or as a filled workbook gives the same cells and the same findings."""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import ValidationError

from .extract import extract
from .extract.published import publication
from .model import SCHEMA, Report
from .readers import ReadError, read_bytes
from .readers.limits import time_limit
from .readers.sniffing import is_docx, sniff_container
from .rules import run_rules
from .rules.locations import label_findings
from .workbook import MAP_SHEET, read_workbook

# Report documents, taken by suffix when a directory or an archive is walked (a file named on the
# command line is read whatever its name).
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".text", ".pdf", ".docx", ".doc", ".wps", ".rtf", ".html", ".htm"}
)
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CONTRACT_SUFFIXES = frozenset({".json", ".yaml", ".yml"})
ARCHIVE_SUFFIX = ".zip"
# What a walk takes. Report JSON/YAML is read when named (on the command line or as the only member of
# an archive): folders of reports often keep exports and annotated answers next to each document,
# which a walk would count twice.
WALKED_SUFFIXES = DOCUMENT_SUFFIXES | WORKBOOK_SUFFIXES
MEMBER_SEPARATOR = "!"
KNOWN_KINDS = "可读取 PDF、扫描图片、Word、WPS、网页、文本、报告 JSON/YAML 和 Excel 填报表"

_FOLDER_NOTES = frozenset({"readme", "license", "changelog"})
_YAML_SCHEMA_LINE = re.compile(r"^schema:\s*['\"]?nianbao\.report/1", re.M)
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    zlib.error,
)


@dataclass(frozen=True)
class Input:
    """One file to read: on disk (`member` None) or a member of the zip archive at `path`."""

    path: str
    member: str | None = None

    @property
    def display(self) -> str:
        return f"{self.path}{MEMBER_SEPARATOR}{self.member}" if self.member else self.path

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member or self.path).suffix.lower()

    def read(self) -> bytes:
        """The file's bytes; a ReadError (in Chinese) when it is missing or cannot be read."""
        path = Path(self.path)
        if not path.exists():
            raise ReadError(self.display, "文件不存在")
        if path.is_dir():
            raise ReadError(self.display, "这是一个目录，不是文件")
        try:
            if self.member is None:
                return path.read_bytes()
            with zipfile.ZipFile(path) as archive:
                return archive.read(self.member)
        except KeyError as exc:
            raise ReadError(self.display, "压缩包中没有这个文件") from exc
        except _ZIP_ERRORS as exc:
            raise ReadError(self.display, f"无法读取文件（{getattr(exc, 'strerror', None) or exc}）") from exc


def wanted(name: str) -> bool:
    """A file a walk takes: a report document or workbook, not hidden, not an Office lock file (~$…),
    not a folder's own README (its documentation, not a report)."""
    path = PurePosixPath(name)
    if any(p.startswith((".", "__MACOSX", "~$")) for p in path.parts):
        return False
    if path.stem.lower() in _FOLDER_NOTES:
        return False
    return path.suffix.lower() in WALKED_SUFFIXES


def _archive_members(path: Path) -> list[str] | None:
    """The report files inside a zip archive in name order; None when the file is no archive of files
    (broken, or a DOCX/XLSX package named .zip: that is one report)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except _ZIP_ERRORS:
        return None
    if _is_office_package(set(names)):
        return None
    return sorted(n for n in names if wanted(n) or PurePosixPath(n).suffix.lower() in CONTRACT_SUFFIXES)


def _is_office_package(names: set[str]) -> bool:
    return "word/document.xml" in names or "xl/workbook.xml" in names


def _file(path: Path) -> Iterator[Input]:
    if path.suffix.lower() == ARCHIVE_SUFFIX and path.is_file():
        members = _archive_members(path)
        if members:
            yield from (Input(str(path), m) for m in members)
            return
    # A broken or empty archive is itself an input that fails, with its reason, when loaded.
    yield Input(str(path))


def is_fill_in_workbook(path: Path) -> bool:
    """A workbook made by `nianbao template` (it names its hidden cell map sheet in xl/workbook.xml)."""
    try:
        with zipfile.ZipFile(path) as package:
            return f'name="{MAP_SHEET}"'.encode() in package.read("xl/workbook.xml")
    except (*_ZIP_ERRORS, KeyError):
        return True  # a broken workbook is reported when it is loaded, not skipped silently


def walk(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Every input under the given paths in a stable order (arguments, then names): files as given,
    directories walked (hidden entries skipped), zip archives opened."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).as_posix()
                if not child.is_file() or any(p.startswith(".") for p in PurePosixPath(relative).parts):
                    continue
                if child.suffix.lower() in WORKBOOK_SUFFIXES and not is_fill_in_workbook(child):
                    continue  # another spreadsheet (a findings list written here before), not a report
                if child.suffix.lower() == ARCHIVE_SUFFIX or wanted(relative):
                    yield from _file(child)
        else:
            yield from _file(path)


def load(source: str | Path | Input, data: bytes | None = None) -> Report:
    """Read one input of any kind nianbao knows and check it: the Report with every cell, its sources and
    all findings of the single-report rules. Raises ReadError with a reason for people."""
    item = source if isinstance(source, Input) else Input(str(source))
    if data is None:
        data = item.read()
    with time_limit(item.display):
        return _load(data, item.display, item.suffix)


def load_bytes(data: bytes, name: str) -> Report:
    """`load` for a file held in memory (an upload); `name` is only shown to people and breaks ties."""
    return load(Input(name), data)


def load_many(paths: Iterable[str | Path]) -> Iterator[tuple[Input, Report | ReadError]]:
    """Each input under `paths` (see `walk`) with its Report or the reason it could not be read."""
    for item in walk(paths):
        try:
            yield item, load(item)
        except ReadError as exc:
            yield item, exc


def _load(data: bytes, name: str, suffix: str) -> Report:
    if not data.strip():
        raise ReadError(name, "文件为空")
    kind = sniff_container(data)
    if kind == "zip" and not is_docx(data):
        if _is_workbook(data):
            return _checked(read_workbook(name, data))
        return _single_member(data, name)
    if kind == "text" and _is_contract(data, suffix):
        return _checked(_contract(data, name))
    report = extract(read_bytes(data, name))
    if report.title is None and not report.sections and not report.tables:
        raise ReadError(name, "未发现年度报告的标题、章节或表格，可能不是政府信息公开工作年度报告")
    report.findings.extend(run_rules(report))
    label_findings(report)
    return report


def _checked(report: Report) -> Report:
    """A Report nianbao did not extract (contract JSON/YAML, a workbook): its publication date is taken
    from what it carries (a closing date line counts), then every rule runs, as after extraction."""
    report.source.published = publication(report)
    report.findings = list(run_rules(report))
    label_findings(report)
    return report


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            return "xl/workbook.xml" in package.namelist()
    except _ZIP_ERRORS:
        return False


def _single_member(data: bytes, name: str) -> Report:
    """A zip archive given where one report is expected: its only report file."""
    inner = b""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = [
                i.filename
                for i in archive.infolist()
                if not i.is_dir()
                and (wanted(i.filename) or PurePosixPath(i.filename).suffix.lower() in CONTRACT_SUFFIXES)
            ]
            if len(members) == 1:
                inner = archive.read(members[0])
    except _ZIP_ERRORS as exc:
        raise ReadError(name, "压缩包已损坏，无法打开（也不是 DOCX 或 Excel 文件）") from exc
    if not members:
        raise ReadError(
            name, "压缩包中没有报告文件（可读取 PDF、Word、WPS、网页、文本、JSON/YAML 和 Excel 填报表）"
        )
    if len(members) > 1:
        raise ReadError(
            name, f"压缩包中有 {len(members)} 份报告；逐份读取请用 load_many 或命令行（会逐个列出）"
        )
    member = members[0]
    return _load(inner, f"{name}{MEMBER_SEPARATOR}{member}", PurePosixPath(member).suffix.lower())


def _is_contract(data: bytes, suffix: str) -> bool:
    if suffix in CONTRACT_SUFFIXES:
        return True
    head = data[:4096].decode("utf-8-sig", errors="ignore")
    return head.lstrip().startswith("{") or bool(_YAML_SCHEMA_LINE.search(head))


def _contract(data: bytes, name: str) -> Report:
    """The report contract (nianbao.report/1) as JSON or YAML; stored findings are dropped (rules re-run)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(name, "文件不是 UTF-8 编码的 JSON 或 YAML") from exc
    raw: Any
    fmt = "json"
    try:
        raw = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as json_error:
        if text.lstrip().startswith("{"):
            raise ReadError(
                name, f"JSON 格式有误：第{json_error.lineno}行第{json_error.colno}列（{json_error.msg}）"
            ) from json_error
        fmt = "yaml"
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark is not None else "某处"
            raise ReadError(name, f"YAML 格式有误：{where}无法解析") from exc
    if not isinstance(raw, dict):
        raise ReadError(name, f"内容不是一份报告（应为 {SCHEMA} 形状的对象）")
    if raw.get("schema", SCHEMA) != SCHEMA:
        raise ReadError(name, f"不是 nianbao 报告（schema 为“{raw.get('schema')}”，应为 {SCHEMA}）")
    raw.setdefault("source", {"path": name, "format": fmt})
    raw.pop("findings", None)
    try:
        return Report.from_json(raw)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(map(str, e['loc'])) or '顶层'}：{_reason(e)}" for e in exc.errors()[:5]
        )
        raise ReadError(name, f"报告内容不符合 {SCHEMA} 契约：{problems}") from exc


_PYDANTIC_REASONS = {
    "extra_forbidden": "不认识的字段",
    "missing": "缺少此字段",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "string_type": "应为文字",
    "date_from_datetime_parsing": "应为日期（如 2025-01-20）",
    "date_parsing": "应为日期（如 2025-01-20）",
    "literal_error": "取值不在允许范围内",
    "dict_type": "应为对象",
    "list_type": "应为列表",
}


def _field(error: Any) -> str:
    return ".".join(map(str, error.get("loc", ()))) or "顶层"


def _reason(error: Any) -> str:
    return _PYDANTIC_REASONS.get(str(error.get("type")), str(error.get("msg")))
