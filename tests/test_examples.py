"""The bundled examples: current with the generator, clean ones clean, the planted error found exactly."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nianbao

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_examples_are_what_the_generator_writes() -> None:
    for name, text in _generator().example_texts().items():
        assert (EXAMPLES / name).read_text(encoding="utf-8") == text, f"run `make examples` ({name})"


def test_both_editions_are_represented() -> None:
    editions = {nianbao.parse(p).edition for p in EXAMPLES.glob("*.txt")}
    assert editions == {"E2019", "E2021"}


def test_clean_examples_have_no_error_level_finding() -> None:
    clean = sorted(EXAMPLES.glob("*无误.txt"))
    assert len(clean) >= 2
    for path in clean:
        assert [f for f in nianbao.parse(path).findings if f.severity == "error"] == [], path.name


def test_planted_error_gives_exactly_the_ledger_rule() -> None:
    (path,) = EXAMPLES.glob("*勾稽错误.txt")
    errors = [f for f in nianbao.parse(path).findings if f.severity == "error"]
    assert {f.rule for f in errors} == {"T3-LEDGER"}
    # The planted extra application breaks the 自然人 column and the 总计 column.
    assert sorted(f.message[:3] for f in errors) == ["总计列", "自然人"]
