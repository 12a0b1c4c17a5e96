"""Fixtures for the web application: a demo database, an in-process client, a real uvicorn server on
a free localhost port, and Debian's Chromium driven by Playwright (never a downloaded browser).

One demo database, one server and one browser serve the whole session (browser tests are the slow part
of `make test`); tests that change shared data use their own organs or accounts."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.testclient import TestClient
from tooling import IN_CI
from web_fixtures import login

from nianbao.store import Store, open_store
from nianbao.web.app import Application, create_app
from nianbao.web.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a machine without a display or outside network (a root user needs --no-sandbox).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(str(tmp_path_factory.mktemp("web") / "demo.db"))
    load_demo(store)
    return store


@pytest.fixture(scope="session")
def demo_app(demo_store: Store) -> Application:
    return create_app(store=demo_store)


@pytest.fixture
def client_for(demo_app: Application) -> Iterator[Any]:
    """`client_for("hexi")`: a TestClient signed in as that demo account."""
    clients: list[TestClient] = []

    def make(name: str | None = None) -> TestClient:
        client = TestClient(demo_app)
        clients.append(client)
        return login(client, name) if name else client

    yield make
    for client in clients:
        client.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(demo_app: Application) -> Iterator[str]:
    """The demo app under a real uvicorn on 127.0.0.1, in a thread, for the browser."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(demo_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, installed by scripts/install-system-deps.sh; Playwright downloads nothing."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (scripts/install-system-deps.sh installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Screenshots the browser tests take (an ignored folder; README pictures are copied from it)."""
    folder = ROOT / "build" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
