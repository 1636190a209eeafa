"""Hostile structured input: alias bombs, deep nesting and duplicate keys are refused quickly and clearly."""

from __future__ import annotations

import json
import resource
import time

import pytest

from graph.errors import InvalidFact
from loaders import parse_fact_file
from loaders.article.document import parse_document
from loaders.safeyaml import MAX_DEPTH


def billion_laughs(levels: int = 9) -> str:
    """About 500 bytes that a plain safe loader expands to 9**9 strings once walked."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def problems(text: str, fmt: str) -> list[dict]:
    with pytest.raises(InvalidFact) as err:
        parse_fact_file(text, "hostile." + fmt, fmt)
    return err.value.problems


def test_an_alias_bomb_is_refused_at_its_first_alias_without_expanding() -> None:
    bomb = billion_laughs()
    assert len(bomb) < 700
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    found = problems(bomb, "yaml")
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB: nothing was expanded
    assert found == [{"location": "hostile.yaml:2", "field": "-", "reason": "invalid YAML: aliases (*name) are not allowed"}]


def test_an_alias_inside_a_fact_is_refused_too() -> None:
    text = "sources:\n- &s {id: s1, url: 'https://example.com/a'}\nfacts:\n- {subject: A, relation: partners_with, object: B, source: *s}\n"
    [p] = problems(text, "yaml")
    assert p["location"] == "hostile.yaml:4" and "aliases" in p["reason"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 3000])
def test_deep_block_yaml_is_refused_at_the_depth_limit(depth: int) -> None:
    text = "".join("  " * i + "k:\n" for i in range(depth))
    [p] = problems(text, "yaml")
    assert p["reason"] == f"invalid YAML: nested deeper than {MAX_DEPTH} levels"
    assert p["location"] == f"hostile.yaml:{MAX_DEPTH}"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_hundred_thousand_nested_brackets_give_one_clear_problem(fmt: str) -> None:
    [p] = problems("[" * 100_000 + "]" * 100_000, fmt)
    assert "nested deeper than" in p["reason"] and "Recursion" not in p["reason"]


def test_nesting_within_the_limit_still_parses_as_json() -> None:
    doc = {"facts": [{"subject": "A", "relation": "partners_with", "object": "B",
                      "source": {"url": "https://example.com/x", "title": "t"}}]}
    assert len(parse_fact_file(json.dumps(doc), "ok.json", "json").facts) == 1


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_key_given_twice_is_refused_with_its_line(fmt: str) -> None:
    text = ('{"facts": [{"subject": "A",\n "subject": "B", "relation": "partners_with", "object": "C"}]}'
            if fmt == "json" else "facts:\n- subject: A\n  subject: B\n  relation: partners_with\n  object: C\n")
    [p] = problems(text, fmt)
    assert "duplicate key 'subject'" in p["reason"]
    assert p["location"] == f"hostile.{fmt}:{2 if fmt == 'json' else 3}"


def test_front_matter_with_an_alias_bomb_is_read_as_plain_lines() -> None:
    text = "---\n" + billion_laughs() + "title: Hello\n---\nNVIDIA invests in OpenAI.\n"
    started = time.process_time()
    doc = parse_document(text, "bomb.md")
    assert time.process_time() - started < 1.0
    assert doc.title == "Hello"
    assert all(len(v) < 200 for v in doc.meta.values())
