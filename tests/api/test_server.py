"""The real server: `alliances serve` in a subprocess, spoken to over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.conftest import DATA


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`alliances serve` on a free port, once /api/health answers: the process and its base URL."""
    port = free_port()
    log = tempfile.TemporaryFile()  # not a pipe: a long test's access log must never block the server
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise AssertionError(f"the server did not start within 30 s:\n{output}")
        time.sleep(0.2)


def test_the_served_api_answers_over_http(tmp_path: Path) -> None:
    env = {**os.environ, "ALLIANCES_DB": str(tmp_path / "srv.sqlite3"), "ALLIANCES_BACKEND": "embedded",
           "ALLIANCES_TOKEN": "s3cret"}
    subprocess.run([sys.executable, "-m", "cli", "load", str(DATA / "sample.yaml")], env=env, check=True,
                   capture_output=True)
    proc, base = serve(env)
    try:
        paths = httpx.get(f"{base}/api/paths", params={"source": "nvidia", "target": "coreweave"}).json()
        assert paths[0][0]["claims"][0]["source"]["url"].startswith("https://")
        assert httpx.get(f"{base}/api/entities", params={"q": "nvdia"}).json()["items"][0]["id"] == "nvidia"
        denied = httpx.post(f"{base}/api/facts", json={"facts": []})
        assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
