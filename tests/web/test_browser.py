"""The main flows in a real browser: Debian's Chromium driven by Playwright against uvicorn.

Screenshots go to build/screenshots (ignored); the README's pictures are copied from there."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from web_fixtures import PLANTED_CELL, planted_report

from nianbao.web.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text(f"您好，{name}")).to_be_visible()


def blue_pixels(png: bytes) -> int:
    """Pixels of the highlight colour show.py draws around chosen cells and sentences."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if r < 30 and 70 < g < 110 and b > 230)


@pytest.fixture(scope="module")
def upload_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    folder = tmp_path_factory.mktemp("uploads")
    out: dict[str, tuple[Path, int]] = {}
    for fmt, seed in (("pdf", 41), ("docx", 42)):
        data, right = planted_report(fmt, seed, "示例县城关镇人民政府")
        # The name says nothing true about the content: the format is sniffed.
        path = folder / f"上传测试-{fmt}.bin"
        path.write_bytes(data)
        out[fmt] = (path, right)
    return out


def test_login_page_and_wrong_password(page: Page, live_server: str, screenshots: Path) -> None:
    page.goto(f"{live_server}/")
    expect(page).to_have_url(f"{live_server}/login")
    page.get_by_label("用户名").fill("chengguan")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不正确")
    page.screenshot(path=screenshots / "login-refused.png")


def test_upload_pdf_and_docx_and_see_findings_on_the_source(
    page: Page, live_server: str, screenshots: Path, upload_files: dict[str, tuple[Path, int]]
) -> None:
    sign_in(page, live_server, "chengguan")
    page.get_by_role("link", name="上传核对").first.click()
    page.locator("input[type=file]").set_input_files([str(p) for p, _ in upload_files.values()])
    page.get_by_role("button", name="上传并核对").click()
    expect(page.get_by_role("heading", name="核对结果（2 个文件）")).to_be_visible()
    expect(page.locator("li.sev-error", has_text="T3-LEDGER").first).to_be_visible()
    page.screenshot(path=screenshots / "upload-results.png", full_page=True)

    # The PDF: the finding's cells are drawn in blue on the rendered page.
    page.get_by_role("link", name="查看报告与原文").first.click()
    expect(page.locator("#source img")).to_be_visible()
    finding = page.locator("ul.findings li.sev-error a", has_text="T3-LEDGER").first
    finding.click()
    expect(page.locator("#source .chosen-finding")).to_contain_text("T3-LEDGER")
    image = page.locator("#source img")
    src = image.get_attribute("src") or ""
    assert "finding=" in src
    png = page.request.get(f"{live_server}{src}").body()
    assert blue_pixels(png) > 200
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 500", image.element_handle())
    page.screenshot(path=screenshots / "report-pdf-finding.png", full_page=False)

    # The DOCX: the finding's table row is highlighted in the text beside the tables.
    page.goto(f"{live_server}/reports")
    page.get_by_role("link", name=upload_files["docx"][0].name).first.click()
    page.locator("ul.findings li.sev-error a", has_text="T3-LEDGER").first.click()
    marked = page.locator("#source ol.srctext li.marked")
    expect(marked.first).to_be_in_viewport()  # scrolled to, beside the tables
    assert marked.count() >= 1
    page.screenshot(path=screenshots / "report-docx-finding.png")


def test_correct_a_cell_and_the_rule_runs_again(
    page: Page, live_server: str, screenshots: Path, upload_files: dict[str, tuple[Path, int]]
) -> None:
    sign_in(page, live_server, "chengguan")
    page.goto(f"{live_server}/reports")
    page.get_by_role("link", name=upload_files["pdf"][0].name).first.click()
    natural_error = page.locator("ul.findings li.sev-error", has_text="T3-LEDGER")
    before = natural_error.count()
    assert before >= 1
    page.locator(f"a[data-cell='{PLANTED_CELL}']").click()
    expect(page.locator("#source .chosen-cell")).to_contain_text(PLANTED_CELL)
    right = upload_files["pdf"][1]
    page.get_by_label("更正为").fill(str(right))
    page.get_by_role("button", name="保存更正并重新核对").click()
    expect(page.locator("h2", has_text="更正记录")).to_be_visible()
    expect(page.locator("table.list", has_text=PLANTED_CELL)).to_contain_text("chengguan")
    assert natural_error.count() < before
    page.screenshot(path=screenshots / "report-corrected.png", full_page=True)
