"""Every shell command in the README works as written (run in a scratch folder that mirrors the repo)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in _BLOCK.findall(text):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command and not command.startswith("make "):
                commands.append(command)
    return commands


def test_readme_has_commands() -> None:
    assert any(c.startswith(".venv/bin/nianbao parse") for c in readme_commands())


def test_every_readme_command_runs(tmp_path: Path, corpus: Path) -> None:
    """Commands run in order (later ones use files earlier ones wrote). Exit 1 means findings were
    reported, which the examples are built to show; 2 or a traceback means the README is wrong."""
    work = tmp_path / "main"
    work.mkdir()
    for name in (".venv", "examples", "src"):
        (work / name).symlink_to(ROOT / name)
    (tmp_path / "shared").symlink_to(corpus.parent)
    for command in readme_commands():
        done = subprocess.run(["bash", "-c", command], cwd=work, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), f"{command}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr, f"{command}\n{done.stderr[-2000:]}"


@pytest.mark.parametrize("target", ["demo", "test", "bench", "examples", "rules-doc"])
def test_readme_make_targets_exist(target: str) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(target)}:", makefile, re.M)
