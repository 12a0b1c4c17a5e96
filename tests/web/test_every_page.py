"""Every page a role may open renders (no 5xx), for every demo account."""

from __future__ import annotations

import pytest

from nianbao.web.demo import ACCOUNTS
from nianbao.web.review import reporting_year

PAGES = (
    "/",
    "/reports",
    "/stats",
    "/stats?by=organ",
    "/compose",
    "/office",
    "/public",
    "/cases",
    "/cases?status=overdue",
    "/cases/1",
    "/registers",
    "/public/apply",
    "/public/status?code=XXXX",
    "/reports/1",
    "/reports/1/source",
)


@pytest.mark.parametrize("name", [a[0] for a in ACCOUNTS])
def test_every_page_renders_for_every_role(client_for, name: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(name)
    for path in (*PAGES, f"/compose?year={reporting_year()}", f"/office?year={reporting_year() - 1}"):
        response = client.get(path)
        assert response.status_code in (200, 403, 404), (name, path, response.status_code)
        assert "Traceback" not in response.text
