"""The ``alliances`` command line, run in-process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli.main import app
from tests.conftest import DATA


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    db = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("ALLIANCES_DB", str(db))
    monkeypatch.setenv("ALLIANCES_BACKEND", "embedded")
    return {**os.environ, "ALLIANCES_DB": str(db), "ALLIANCES_BACKEND": "embedded"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_load_prints_a_summary_and_a_second_load_adds_nothing(env: dict[str, str]) -> None:
    code, out, _ = run("load", str(DATA / "sample.yaml"), "--json")
    assert code == 0 and json.loads(out)["facts_added"] == 9
    code, out, _ = run("load", str(DATA), "--json")
    report = json.loads(out)
    assert code == 0 and report["facts_added"] == 0 and report["facts_unchanged"] == 9


def test_a_bad_file_is_rejected_with_file_line_and_field(env: dict[str, str], tmp_path: Path) -> None:
    run("load", str(DATA / "sample.yaml"))
    _, before, _ = run("stats", "--json")
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,relation,object,amount_usd,date,source_url\n"
                   "NVIDIA,invests_in,OpenAI,5,2025-01-01,https://example.org/1\n"
                   "NVIDIA,merges_with,OpenAI,,2025-01-01,https://example.org/1\n"
                   "NVIDIA,invests_in,OpenAI,,2025-02-31,https://example.org/1\n"
                   "NVIDIA,invests_in,OpenAI,lots,2025-01-01,https://example.org/1\n")
    code, _, err = run("load", str(bad))
    assert code == 1
    assert f"{bad}:3: relation" in err and f"{bad}:4: date" in err and f"{bad}:5: amount_usd" in err
    _, after, _ = run("stats", "--json")
    assert json.loads(after) == json.loads(before)


def test_the_summary_counts_updated_entities_and_rejected_files_apart(env: dict[str, str], tmp_path: Path) -> None:
    run("load", str(DATA / "sample.yaml"))
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "good.yaml").write_text(
        "sources: [{id: g1, url: 'https://example.org/g1'}]\n"
        "entities: [{id: openai, name: OpenAI, type: company, aliases: [OpenAI Global]},\n"
        "           {id: broadcom, name: Broadcom, type: company}]\n"
        "facts: [{subject: Broadcom, relation: supplies, object: OpenAI, source: g1}]\n")
    (folder / "unknown[names].yaml").write_text(
        "sources: [{id: b1, url: 'https://example.org/b1'}]\n"
        "facts: [{subject: Nobody Corp, relation: invests_in, object: OpenAI, source: b1},\n"
        "        {subject: Nobody Corp, relation: partners_with, object: Oracle, source: b1}]\n")
    code, out, _ = run("load", str(folder), "--json")
    report = json.loads(out)
    assert code == 1
    assert (report["entities_added"], report["entities_updated"], report["facts_added"]) == (1, 1, 1)
    assert report["files_rejected"] == 1 and report["facts_rejected"] == 2
    code, out, err = run("load", str(folder))
    assert "updated" in out and "1 file(s) rejected, 2 fact(s) in them" in err
    assert "unknown[names].yaml" in err  # file names are printed as they are, never read as markup


def test_names_with_brackets_print_as_they_are(env: dict[str, str], tmp_path: Path) -> None:
    facts = tmp_path / "brackets.yaml"
    facts.write_text("sources: [{id: k1, url: 'https://example.org/k1', title: '[Update] Acme deal'}]\n"
                     "entities: [{id: acme-labs, name: 'Acme [Labs]', type: company},\n"
                     "           {id: bolt-ai, name: 'Bolt [red]AI[/red]', type: company}]\n"
                     "facts: [{subject: acme-labs, relation: partners_with, object: bolt-ai, source: k1}]\n")
    assert run("load", str(facts))[0] == 0
    code, out, _ = run("show", "acme-labs")
    assert code == 0 and "Acme [Labs]" in out and "Bolt [red]AI[/red]" in out
    code, out, _ = run("neighbors", "bolt-ai")
    assert code == 0 and "Acme [Labs]" in out
    code, _, err = run("show", "[bold]nobody")
    assert code == 1 and "'[bold]nobody'" in err


def test_show_lists_claims_with_amount_date_and_source(env: dict[str, str]) -> None:
    run("load", str(DATA / "sample.yaml"))
    code, out, _ = run("show", "openai")
    assert code == 0
    assert "NVIDIA invests_in OpenAI" in out
    assert "up to $100B, 2025-09-22" in out and "https://example.org/nvidia-openai" in out
    code, out, _ = run("show", "Open AI", "--json")
    assert json.loads(out)["entity"]["id"] == "openai"


def test_unknown_entity_is_one_line_with_suggestions(env: dict[str, str]) -> None:
    run("load", str(DATA / "sample.yaml"))
    code, _, err = run("show", "nvdia")
    assert code == 1 and "unknown entity 'nvdia'" in err and "nvidia" in err


def test_neighbors_filter_by_relation_and_direction(env: dict[str, str]) -> None:
    run("load", str(DATA / "sample.yaml"))
    code, out, _ = run("neighbors", "openai", "--relation", "supplies", "--direction", "in", "--json")
    edges = json.loads(out)
    assert code == 0 and {e["subject"] for e in edges} == {"nvidia", "oracle", "coreweave"}
    code, _, err = run("neighbors", "openai", "--relation", "loves")
    assert code == 1 and "unknown relation" in err


def test_path_prints_the_facts_along_it(env: dict[str, str]) -> None:
    run("load", str(DATA / "sample.yaml"))
    code, out, _ = run("path", "oracle", "coreweave", "-k", "2")
    assert code == 0 and "path 1 (2 step(s))" in out and "path 2 (2 step(s))" in out
    assert "CoreWeave supplies OpenAI" in out and "NVIDIA invests_in CoreWeave" in out
    assert "https://example.org/coreweave" in out
    code, _, err = run("path", "oracle", "metaculus")
    assert code == 1 and "no chain" in err


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_read_back_with_the_same_counts(env: dict[str, str], tmp_path: Path, fmt: str,
                                                      reader) -> None:  # type: ignore[no-untyped-def]
    run("load", str(DATA / "sample.yaml"))
    target = tmp_path / f"g.{fmt}"
    code, _, _ = run("export", "--format", fmt, "-o", str(target))
    assert code == 0
    graph = reader(target)
    _, stats, _ = run("stats", "--json")
    counts = json.loads(stats)
    assert graph.number_of_nodes() == counts["entities"] and graph.number_of_edges() == counts["edges"]


def test_graphml_declares_attribute_types_and_has_no_nested_values(env: dict[str, str], tmp_path: Path) -> None:
    run("load", str(DATA / "sample.yaml"))
    target = tmp_path / "g.graphml"
    run("export", "--format", "graphml", "-o", str(target))
    text = target.read_text()
    assert 'attr.name="amount_usd" attr.type="double"' in text and 'attr.name="claim_count"' in text
    assert "{" not in text and "[" not in text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_exports_reload_into_an_empty_store_with_nothing_lost(
        env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    run("load", str(DATA / "sample.yaml"))
    _, stats, _ = run("stats", "--json")
    target = tmp_path / f"dump.{fmt}"
    run("export", "--format", fmt, "-o", str(target))
    monkeypatch.setenv("ALLIANCES_DB", str(tmp_path / "copy.sqlite3"))
    code, _, err = run("load", str(target))
    assert code == 0, err
    _, copied, _ = run("stats", "--json")
    before, after = json.loads(stats), json.loads(copied)
    assert after["facts"] == before["facts"] and after["edges"] == before["edges"]
    assert after["sources"] == before["sources"]
    # CSV holds claims only: entities without any claim (here one) are not in it; JSON holds everything.
    assert after["entities"] == before["entities"] - (1 if fmt == "csv" else 0)


def _big_csv(path: Path, rows: int) -> None:
    with path.open("w") as fh:
        fh.write("subject,subject_type,relation,object,object_type,amount_usd,source_url\n")
        for i in range(rows):
            fh.write(f"Fund {i % 997},fund,invests_in,Startup {i},company,{i + 1},https://example.org/big\n")


def test_a_load_killed_halfway_leaves_the_store_as_it_was(env: dict[str, str], tmp_path: Path) -> None:
    run("load", str(DATA / "sample.yaml"))
    _, before, _ = run("stats", "--json")
    big = tmp_path / "big.csv"
    _big_csv(big, 60_000)
    db = Path(env["ALLIANCES_DB"])
    wal = db.with_name(db.name + "-wal")
    base = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([sys.executable, "-m", "cli", "load", str(big)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > base + 256 * 1024:  # the file's transaction is being written
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the load finished before it could be killed"
    _, after, _ = run("stats", "--json")
    assert json.loads(after) == json.loads(before)
