"""The web application under a county's load: the 公开办 page over 100 units with their reports (this
year's and last year's, drafts at every stage) and 10,000 cases in their 台账 (100 a unit over the last
year), and the case list of one unit, on SQLite and on PostgreSQL.

Goals (issue 13): the 公开办 page answers in under 500 ms on 2 cores, the case list of one unit in under
200 ms. The 公开办 page keeps each unit's overdue count until that unit's ledger changes (or the day
turns), so its first request after a start computes every unit's and is reported apart. Measured
in-process (the ASGI app through Starlette's TestClient, so the network is not counted), the median of
repeated requests, with the CPU time of this process beside the wall time because the machine is shared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from nianbao.ledger import Settings
from nianbao.ledger.sample import random_cases
from nianbao.ledger.store import LedgerStore
from nianbao.store import Store, open_store
from nianbao.store.work import from_report
from nianbao.synth import generate
from nianbao.web.accounts import add_user, user_by_name
from nianbao.web.app import create_app
from nianbao.web.permissions import Role
from nianbao.web.review import reporting_year, save_draft, start_draft, submit_draft

UNITS = 100
CASES_PER_UNIT = 100
REPEATS = 15
GOAL_MS = 500.0
LIST_GOAL_MS = 200.0
PASSWORD = "bench-password-1"
ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("NIANBAO_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def unit_name(index: int) -> str:
    if index % 4 == 3:
        return f"示例县第{index}局"
    return f"示例县第{index}镇人民政府"


def fill(store: Store) -> None:
    """A county 公开办 and 100 units, each with a 台账 of 100 cases over the last year; every unit's report
    for last year, 60 this year, 30 drafts; a clerk of the first unit."""
    year = reporting_year()
    today = date.today()
    book = LedgerStore(store)
    add_user(store, "office", Role.OFFICE, "示例县人民政府", PASSWORD)
    add_user(store, "clerk0", Role.CLERK, unit_name(0), PASSWORD)
    for index in range(UNITS):
        organ = unit_name(index)
        first = today - timedelta(days=365)
        book.create(organ, first.year, Settings(), "bench")
        cases = random_cases(3000 + index, CASES_PER_UNIT, first, today - timedelta(days=1), today)
        book.add_cases(organ, cases, "bench", today)
        for seed, when in ((index, year - 1), (1000 + index, year)):
            if when == year and index % 10 >= 6:
                continue
            report = generate(seed, when, organ)
            store.save(from_report(report, uuid.uuid4().hex * 2, f"{organ}{when}.json"))
        if index % 10 >= 7:
            add_user(store, f"clerk{index}", Role.CLERK, organ, PASSWORD)
            clerk = user_by_name(store, f"clerk{index}")
            assert clerk is not None
            start_draft(store, clerk, year, from_last_year=True)
            if index % 2:
                filled = generate(2000 + index, year, organ).cell_values()
                form = {f"cell:{k}": "" if v is None else str(v) for k, v in filled.items()}
                save_draft(store, clerk, year, form)
                submit_draft(store, clerk, year)


def _timed(call: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _client(store: Store, name: str) -> TestClient:
    client = TestClient(create_app(store=store))
    token = client.get("/login").text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client


def _median(call: Callable[[], None]) -> tuple[float, float]:
    samples = [_timed(call) for _ in range(REPEATS)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def measure(store: Store) -> dict[str, float]:
    client, clerk = _client(store, "office"), _client(store, "clerk0")
    year = reporting_year()

    def office() -> None:
        response = client.get(f"/office?year={year}")
        assert response.status_code == 200 and response.text.count('<tr data-organ="') == UNITS
        assert response.text.count('class="overdue-cases') == UNITS

    def cases() -> None:
        response = clerk.get("/cases")
        assert response.status_code == 200 and response.text.count(' data-case="') == CASES_PER_UNIT

    first = _timed(office)  # cold: every unit's overdue count computed
    office_wall, office_cpu = _median(office)
    cases()  # warm-up: templates compiled
    list_wall, list_cpu = _median(cases)
    return {
        "first_ms": first[0],
        "wall_ms": office_wall,
        "cpu_ms": office_cpu,
        "list_wall_ms": list_wall,
        "list_cpu_ms": list_cpu,
    }


@contextmanager
def sqlite_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-web-") as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        yield store
        store.close()


@contextmanager
def postgres_store() -> Iterator[Store | None]:
    admin_url = PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        subprocess.run(["sh", str(ROOT / "scripts" / "start-postgres.sh")], check=False)
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"nianbao_bench_web_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception:
        yield None
        return
    store = open_store(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield store
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


def run() -> str:
    rows = []
    for label, opener in (("SQLite", sqlite_store), ("PostgreSQL", postgres_store)):
        with opener() as store:
            if store is None:
                rows.append(f"| {label} | 未能连接 PostgreSQL | | | |")
                continue
            fill(store)
            f = measure(store)
            for page, wall, cpu, goal in (
                ("公开办页面", f["wall_ms"], f["cpu_ms"], GOAL_MS),
                ("公开办页面（启动后首次）", f["first_ms"], None, GOAL_MS),
                ("一个单位的台账列表", f["list_wall_ms"], f["list_cpu_ms"], LIST_GOAL_MS),
            ):
                verdict = "达到" if wall < goal else "未达到"
                shown = "" if cpu is None else f"{cpu:.0f} ms"
                rows.append(f"| {label} | {page} | {wall:.0f} ms | {shown} | {verdict}（< {goal:.0f} ms） |")
    return "\n".join(
        [
            "## 网页应用：公开办页面和台账列表 / Web application: the 公开办 page and the case list",
            "",
            f"{UNITS} 个下级单位（上年报告全部入库，本年 60 份已入库，30 份在编制或已报送），每个单位的台账有"
            f"最近一年的 {CASES_PER_UNIT} 件申请（共 {UNITS * CASES_PER_UNIT:,} 件，ledger.sample 生成）。"
            f"登录为县公开办请求 `/office`、登录为一个单位的经办人请求 `/cases`，各 {REPEATS} 次取中位数"
            "（进程内 ASGI，不含网络）。公开办页面上各单位的超期申请数在该单位台账改动或换日之前沿用，"
            "启动后第一次请求要计算全部单位，单列一行。",
            "",
            "| 数据库 | 页面 | 墙钟时间 | CPU 时间 | 目标 |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(run())
