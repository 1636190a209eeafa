"""``alliances analytics ...`` in-process: every command, readable and --json, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import DATA


@pytest.fixture
def loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLIANCES_DB", str(tmp_path / "cli.sqlite3"))
    monkeypatch.setenv("ALLIANCES_BACKEND", "embedded")
    assert run("load", str(DATA / "sample.yaml"))[0] == 0


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "check"), [
    (["flows", "openai"], lambda b: b["in"]["contingent_usd"] == 100e9 and b["source_index"]["t-loi"]["url"]),
    (["cycles"], lambda b: [c["id"] for c in b["cycles"]] == ["nvidia.openai", "nvidia.openai.oracle"]),
    (["cycles", "--min-length", "3", "--through", "Oracle"],
     lambda b: [c["entities"][0]["id"] for c in b["cycles"]] == ["oracle"]),
    (["cycles", "--min-amount", "1e9"], lambda b: b["cycles"] == []),
    (["rank", "--metric", "degree", "--type", "company", "-n", "2"],
     lambda b: [i["id"] for i in b["items"]] == ["openai", "nvidia"]),
    (["exposure", "oracle", "-k", "1"], lambda b: "openai" in {d["id"] for d in b["dependents"]}),
    (["concentration", "openai", "--side", "suppliers"], lambda b: b["suppliers"]["counterparties"] == 3),
    (["communities"], lambda b: b["total"] >= 1 and b["communities"][0]["viz_url"].startswith("/viz?center=")),
    (["timeline", "coreweave"], lambda b: [e["date"] for e in b["events"]] == ["2023", "2025-03-10"]),
    (["diff", "2025-08-31", "2025-12-31", "--entity", "oracle"],
     lambda b: [r["key"] for r in b["edges"]["added"]] == ["oracle|supplies|openai"]),
    (["conflicts"], lambda b: b["total"] == 0),
    (["cycles", "--as-of", "2025-09-30"], lambda b: len(b["cycles"]) == 2),
])
def test_analytics_commands_print_json(loaded: None, args: list[str], check) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("analytics", *args, "--json")
    assert code == 0, err
    assert check(json.loads(out))


@pytest.mark.parametrize(("args", "expected"), [
    (["flows", "OpenAI"], "Oracle"),
    (["cycles"], "NVIDIA \u2192 OpenAI \u2192 Oracle \u2192 NVIDIA"),
    (["rank"], "OpenAI"),
    (["exposure", "oracle"], "OpenAI"),
    (["concentration", "openai"], "HHI"),
    (["communities"], "bloc-1"),
    (["timeline", "openai"], "2025-09-22"),
    (["diff", "2025-01-01", "2025-12-31"], "/viz?as_of=2025-12-31&added="),
    (["conflicts"], "0 edge(s)"),
])
def test_analytics_commands_print_for_people(loaded: None, args: list[str], expected: str) -> None:
    code, out, err = run("analytics", *args)
    assert code == 0, err
    assert expected in out


@pytest.mark.parametrize(("args", "message"), [
    (["flows", "nvdia"], "did you mean: nvidia"),
    (["cycles", "--as-of", "2025-09"], "not a day"),
    (["cycles", "--relation", "merges_with"], "unknown relation"),
    (["diff", "2025-12-31", "2025-01-01"], "from must not be after to"),
    (["conflicts", "--field", "colour"], "field must be one of"),
])
def test_analytics_errors_are_one_line(loaded: None, args: list[str], message: str) -> None:
    code, _, err = run("analytics", *args)
    assert code == 1 and message in err and "Traceback" not in err
