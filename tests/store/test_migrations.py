"""The Alembic migrations build exactly the tables of store/schema.py, and the organ-identity migration
upgrades a database written by the first schema: keys for its organs, duplicate versions renumbered."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import text

from nianbao.organs import identify
from nianbao.store import open_store
from nianbao.store.db import database_url, make_engine, migrate
from nianbao.store.schema import Base
from nianbao.store.work import from_report
from nianbao.synth import generate


def _schema_diff(url: str) -> list[object]:
    engine = make_engine(url)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    return list(diff)


def test_migrations_build_the_schema(tmp_path: Path) -> None:
    assert _schema_diff(f"sqlite:///{tmp_path / 'a.db'}") == []


def test_postgres_migrations_build_the_schema(postgres_url: str) -> None:
    assert _schema_diff(database_url(postgres_url)) == []


def test_organ_keys_and_versions_are_added_to_an_old_database(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    migrate(engine, "0001")
    organ = (
        "INSERT INTO organs (id, name, display_name, city, county, region) "
        "VALUES (:id, :name, :name, :city, :county, :region)"
    )
    report = (
        "INSERT INTO reports (id, sha256, path, format, organ_id, year, version, errors, warnings, infos, "
        "document) VALUES (:id, :sha, 'x.txt', 'txt', :organ, 2024, :version, 0, 0, 0, x'00')"
    )
    with engine.begin() as conn:
        # What the first schema wrote: 广州市天河区 placed as city 广州 + county 市天河区.
        conn.execute(
            text(organ),
            {"id": 1, "name": "广州市天河区", "city": "广州", "county": "市天河区", "region": "x"},
        )
        conn.execute(
            text(organ), {"id": 2, "name": "洪泽区", "city": "淮安市", "county": "洪泽区", "region": "x"}
        )
        # Two organs the new identity sees as one: the later one keeps its own.
        conn.execute(
            text(organ), {"id": 3, "name": "淮安市洪泽区", "city": None, "county": None, "region": None}
        )
        # Two concurrent ingests of the first schema stored version 1 twice.
        for report_id, version in ((1, 1), (2, 1), (3, 2)):
            conn.execute(
                text(report), {"id": report_id, "sha": f"{report_id}" * 64, "organ": 2, "version": version}
            )
    engine.dispose()

    store = open_store(str(db))
    with store.engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT name, key FROM organs")).all())
        versions = conn.execute(text("SELECT id, version FROM reports ORDER BY id")).all()
    assert keys == {
        "广州市天河区": identify("广州市天河区").key,
        "洪泽区": identify("洪泽区").key,
        "淮安市洪泽区": "=淮安市洪泽区",
    }
    assert [tuple(v) for v in versions] == [(1, 1), (2, 2), (3, 3)]
    # New reports of the stored organs find them by identity.
    assert store.organ_id("广州市天河区人民政府") == 1
    assert store.organ_id("江苏省淮安市洪泽区") == 2
    store.close()


def test_report_totals_are_back_filled_with_the_numbers_ingest_gives(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "t.db"))
    for i in range(6):
        report = generate(seed=i, year=2019 + i, organ="示例县城关镇人民政府")
        if i == 2:
            report.tables["review_litigation"]["review"]["total"] = Decimal("3.25")
            report.tables["applications"]["new_received"]["total"] = None
        store.save(from_report(report, f"{i:064x}", f"{i}.txt"))
    query = text("SELECT * FROM report_totals ORDER BY report_id")
    with store.engine.connect() as conn:
        at_ingest = [tuple(r) for r in conn.execute(query)]
    assert len(at_ingest) == 6 and any(v == 3.25 for r in at_ingest for v in r)
    config = Config()
    config.set_main_option("script_location", str(Path(migrate.__code__.co_filename).parent / "migrations"))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    migrate(store.engine)
    with store.engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == at_ingest
    store.close()
