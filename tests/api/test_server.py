"""The real server: `alliances serve` in a subprocess, spoken to over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import DATA
from tests.loaders.test_safeyaml import billion_laughs


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


def serve_sample(tmp_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The sample graph loaded by `alliances load`, then served with the token `s3cret`."""
    env = {**os.environ, "ALLIANCES_DB": str(tmp_path / "srv.sqlite3"), "ALLIANCES_BACKEND": "embedded",
           "ALLIANCES_TOKEN": "s3cret"}
    subprocess.run([sys.executable, "-m", "cli", "load", str(DATA / "sample.yaml")], env=env, check=True,
                   capture_output=True)
    return serve(env)


def test_the_served_api_answers_over_http(tmp_path: Path) -> None:
    proc, base = serve_sample(tmp_path)
    try:
        paths = httpx.get(f"{base}/api/paths", params={"source": "nvidia", "target": "coreweave"}).json()
        assert paths[0][0]["claims"][0]["source"]["url"].startswith("https://")
        assert httpx.get(f"{base}/api/entities", params={"q": "nvdia"}).json()["items"][0]["id"] == "nvidia"
        denied = httpx.post(f"{base}/api/facts", json={"facts": []})
        assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _rss_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


def test_hostile_uploads_are_refused_while_the_server_keeps_answering(tmp_path: Path) -> None:
    """Alias bombs, deep nesting and duplicate keys over HTTP: 422 each, other requests stay fast, memory flat."""
    proc, base = serve_sample(tmp_path)
    hostile = [("bomb.yaml", billion_laughs()), ("deep.json", "[" * 100_000 + "]" * 100_000),
               ("deep.yaml", "".join("  " * i + "k:\n" for i in range(3000))),
               ("dup.yaml", "facts:\n- subject: A\n  subject: B\n")]
    answers: list[tuple[str, int, str]] = []
    try:
        baseline = _rss_kib(proc.pid, "VmRSS")
        count_before = httpx.get(f"{base}/api/stats").json()

        def attack() -> None:
            with httpx.Client(headers={"Authorization": "Bearer s3cret"}, timeout=30) as c:
                for _ in range(5):
                    for name, body in hostile:
                        r = c.post(f"{base}/api/facts", files={"file": (name, body.encode())})
                        answers.append((name, r.status_code, r.json()["error"]["message"]))

        attacker = threading.Thread(target=attack)
        latencies: list[float] = []
        with httpx.Client(timeout=10) as c:
            attacker.start()
            while attacker.is_alive() or len(latencies) < 50:
                started = time.perf_counter()
                assert c.get(f"{base}/api/entities/nvidia").status_code == 200
                latencies.append(time.perf_counter() - started)
            attacker.join()
        latencies.sort()
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        assert p99 < 0.2, f"p99 {p99 * 1000:.0f} ms over {len(latencies)} requests during hostile uploads"
        assert len(answers) == 20 and {status for _, status, _ in answers} == {422}, answers
        reasons = {name: msg for name, _, msg in answers}
        assert "aliases" in reasons["bomb.yaml"] and "duplicate key" in reasons["dup.yaml"]
        assert "nested deeper" in reasons["deep.json"] and "nested deeper" in reasons["deep.yaml"]
        assert all(len(msg) < 400 for msg in reasons.values())
        assert _rss_kib(proc.pid, "VmHWM") - baseline < 300 * 1024
        assert httpx.get(f"{base}/api/stats").json() == count_before
    finally:
        proc.terminate()
        proc.wait(timeout=10)
