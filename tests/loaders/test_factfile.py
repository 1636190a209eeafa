"""Fact-file loaders: YAML, JSON and CSV, and the errors they give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import InvalidFact
from loaders import iter_fact_files, parse_fact_file, read_fact_file
from tests.conftest import DATA

CSV_OK = """subject,subject_type,relation,object,object_type,amount_usd,date,source_url,source_publisher,note
NVIDIA,company,invests_in,OpenAI,company,100000000000,2025-09-22,https://example.org/a,Ex,first
Oracle,company,supplies,OpenAI,company,,2025-09,https://example.org/b,Ex,second
"""


def test_yaml_file_declares_sources_entities_and_facts() -> None:
    batch = read_fact_file(DATA / "sample.yaml")
    assert len(batch.sources) == 3 and len(batch.entities) == 8 and len(batch.facts) == 9
    first = batch.facts[0]
    assert first.location.endswith("sample.yaml:16")
    assert first.fields["evidence"].startswith("The chip maker") and first.fields["source_id"] == "t-loi"


def test_json_and_a_bare_list_of_facts() -> None:
    doc = {"source": {"url": "https://example.org/j"},
           "facts": [{"subject": "A", "subject_type": "company", "relation": "partners_with", "object": "B",
                      "object_type": "company"}]}
    batch = parse_fact_file(json.dumps(doc, indent=1), "f.json", "json")
    assert batch.facts[0].fields["source_id"] == batch.sources[0].id
    assert batch.sources[0].id.startswith("src-")


def test_csv_is_one_fact_per_row_with_inline_sources() -> None:
    batch = parse_fact_file(CSV_OK, "f.csv", "csv")
    assert [f.location for f in batch.facts] == ["f.csv:2", "f.csv:3"]
    assert len(batch.sources) == 2
    assert batch.facts[0].fields["amount_usd"] == "100000000000"


def test_a_source_repeated_on_every_row_is_one_source() -> None:
    rows = "".join(f"A{i},invests_in,B{i},https://x.org/a,Title\n" for i in range(5))
    batch = parse_fact_file("subject,relation,object,source_url,source_title\n" + rows, "f.csv", "csv")
    assert len(batch.sources) == 1
    assert {f.fields["source_id"] for f in batch.facts} == {batch.sources[0].id}


@pytest.mark.parametrize(("text", "fmt", "where", "field", "reason"), [
    ("facts:\n  - {subject: A, relation: funds, object: B, source: s}\nsources: [{id: s, url: 'https://x.org'}]",
     "yaml", "f.yaml:2", "relation", "Input should be"),
    ("sources: [{id: s, url: 'https://x.org'}]\nfacts:\n  - {subject: A, relation: invests_in, object: B,\n"
     "     amount_usd: lots}", "yaml", "f.yaml:3", "amount_usd", "valid number"),
    ("sources: [{id: s, url: 'https://x.org'}]\nfacts:\n  - {subject: A, relation: invests_in, object: B,"
     " date: 2025-13-01}", "yaml", "f.yaml:3", "date", "month 13 does not exist"),
    ("sources: [{id: s, url: 'https://x.org'}]\nfacts:\n  - {subject: A, relation: invests_in, object: B,"
     " colour: red}", "yaml", "f.yaml:3", "colour", "unknown field"),
    ("facts:\n  - {subject: A, relation: invests_in, object: B}", "yaml", "f.yaml:2", "source", "needs a source"),
    ("facts: [\n", "yaml", "f.yaml:2", "-", "invalid YAML"),
    ('{"facts": [}', "json", "f.json:1", "-", "invalid JSON"),
    ("subject,relation,object,wat\n", "csv", "f.csv:1", "wat", "unknown column"),
    ("subject,relation,object,source_url\nA,invests_in,B,https://x.org,extra\n", "csv", "f.csv:2", "-",
     "more cells"),
    ("sources: [{id: s, url: 'not a url'}]\nfacts: []", "yaml", "f.yaml:1", "source.url", "http"),
    ("entities: [{id: Bad Id, name: X, type: company}]", "yaml", "f.yaml:1", "entity.id", "slug"),
    ("entities: [{id: x, name: X, type: planet}]", "yaml", "f.yaml:1", "entity.type", "Input should be"),
    ("sources:\n  - {id: s, url: 'https://x.org'}\n  - {id: s, url: 'https://y.org'}\nfacts: []", "yaml",
     "f.yaml:3", "source.id", "declared twice"),
    ("subject,relation,object,source_id,source_url\nA,invests_in,B,s,https://x.org\nB,invests_in,C,s,https://y.org\n"
     "C,invests_in,D,s,https://x.org\n", "csv", "f.csv:3", "source.id", "declared twice"),
])
def test_errors_name_file_line_field_and_reason(text: str, fmt: str, where: str, field: str, reason: str) -> None:
    with pytest.raises(InvalidFact) as info:
        parse_fact_file(text, where.split(":")[0], fmt)
    problems = info.value.problems
    assert any(p["location"] == where and p["field"] == field and reason in p["reason"] for p in problems), problems
    assert where in info.value.message and "nothing loaded" in info.value.message


@pytest.mark.parametrize(("content", "reason"), [
    (b"\x00\x01\x02binary\x00junk" * 100, "binary"),
    ("sources: [{id: s, title: Caf\u00e9}]".encode("latin-1"), "not UTF-8"),
])
def test_unreadable_files_get_a_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(InvalidFact, match=reason):
        read_fact_file(path)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_text("sources: [{id: s, url: 'https://x.org'}]\nentities: [{id: x, name: Xé, type: fund}]\n",
                    encoding="utf-16")
    assert read_fact_file(path).entities[0].name == "Xé"


def test_files_over_the_size_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.reading as reading

    path = tmp_path / "big.csv"
    path.write_text("subject,relation,object\n" + "A,partners_with,B\n" * 1000)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InvalidFact, match="over the limit"):
        reading.read_text(path, max_bytes=reading.MAX_FILE_BYTES)


def test_folders_load_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    for name in ("b/c/z.csv", "a.yaml", "b/x.json", "notes.txt"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_fact_files([tmp_path])]
    assert found == ["a.yaml", "b/c/z.csv", "b/x.json"]
    with pytest.raises(InvalidFact, match="no such file"):
        list(iter_fact_files([tmp_path / "missing"]))
