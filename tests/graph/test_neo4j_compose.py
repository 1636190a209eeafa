"""docker-compose.yml, Dockerfile and .dockerignore, checked without Docker (none runs here or in CI):
the YAML parses, the services, health check, named volume and environment are wired as docs/neo4j.md says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service["environment"]
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def _interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ``${VAR:-default}`` and ``$$`` (enough of it for this file)."""
    value = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: variables.get(m[1]) or m[2], value)
    value = re.sub(r"\$\{(\w+)\}", lambda m: variables.get(m[1], ""), value)
    return value.replace("$$", "$")


def test_services_volume_and_health_check(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"neo4j", "api"}
    neo4j = services["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    check = neo4j["healthcheck"]
    assert check["test"][0] in ("CMD", "CMD-SHELL") and "RETURN 1" in " ".join(check["test"][1:])
    assert {"interval", "timeout", "retries"} <= set(check)
    (mount,) = neo4j["volumes"]
    volume, target = mount.split(":")[:2]
    assert target == "/data" and volume in compose["volumes"]  # a named volume, declared at the top level
    assert "7687" in " ".join(neo4j["ports"])
    assert _env(neo4j)["NEO4J_AUTH"].startswith("neo4j/")


def test_the_api_is_built_here_and_wired_by_environment(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    build = api["build"]
    context = build["context"] if isinstance(build, dict) else build
    assert (ROOT / context / "Dockerfile").is_file()
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = _env(api)
    assert env["ALLIANCES_BACKEND"] == "neo4j"
    assert env["ALLIANCES_NEO4J_URI"] == "neo4j://neo4j:7687"
    command = api["command"] if isinstance(api["command"], str) else " ".join(api["command"])
    assert "alliances load --bundled --if-empty && alliances serve --host 0.0.0.0" in command
    # the two services agree on the password, and the settings the API reads are valid
    variables = {"NEO4J_PASSWORD": "s3cret-pass"}
    neo4j_auth = _interpolate(_env(compose["services"]["neo4j"])["NEO4J_AUTH"], variables)
    api_env = {k: _interpolate(v, variables) for k, v in env.items()}
    assert neo4j_auth == f"neo4j/{api_env['ALLIANCES_NEO4J_PASSWORD']}" == "neo4j/s3cret-pass"
    assert _interpolate(_env(compose["services"]["neo4j"])["NEO4J_AUTH"], {}).removeprefix("neo4j/") == \
        _interpolate(env["ALLIANCES_NEO4J_PASSWORD"], {})  # the defaults agree too
    settings = Settings(**{k.removeprefix("ALLIANCES_").lower(): v for k, v in api_env.items() if v})
    assert settings.backend == "neo4j" and settings.neo4j_uri == "neo4j://neo4j:7687"


def test_the_dockerfile_installs_every_package_of_the_project() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.1[1-9]", dockerfile, re.MULTILINE)
    copied = {m[1] for m in re.finditer(r"^COPY (\w+) \./\1$", dockerfile, re.MULTILINE)}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages <= copied and all((ROOT / p).is_dir() for p in copied)
    assert "pip install" in dockerfile and "EXPOSE 8000" in dockerfile
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".venv", ".git", "tests"} <= ignored and not (copied | {"pyproject.toml", "README.md"}) & ignored


def test_compose_accepts_the_file_when_a_compose_cli_is_installed() -> None:
    """`docker compose config` (or the older `docker-compose config`) validates the file without an engine."""
    import shutil
    import subprocess

    candidates = [["docker-compose", "config", "-q"]] if shutil.which("docker-compose") else []
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            candidates.insert(0, ["docker", "compose", "config", "-q"])
    root = Path(__file__).resolve().parents[2]
    for argv in candidates:  # none here means no compose CLI on this machine: the YAML checks above stand
        result = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
