"""YAML parsing that hostile input cannot blow up: no aliases, bounded depth, no duplicate keys.

PyYAML's safe loader still expands aliases: nine levels of anchors in 500 bytes (the "billion laughs") become
gigabytes once walked. Fact files and front matter have no need for aliases (a source is named by its id), so
they are refused outright, with the line of the first one; nesting deeper than ``MAX_DEPTH`` is refused before
the parser recurses; a key given twice in one mapping is an error instead of the last one silently winning.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["BoundedSafeLoader", "MAX_DEPTH", "load"]

#: deepest nesting of mappings and lists accepted (a fact file needs 4)
MAX_DEPTH = 64


class BoundedSafeLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases, nesting over ``MAX_DEPTH`` and duplicate mapping keys."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: let the base class report it
                break
            if duplicate:
                shown = str(key)[:60]
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {shown!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str, loader: type[BoundedSafeLoader] = BoundedSafeLoader) -> Any:
    """Parse one YAML document with a bounded loader (``yaml.YAMLError`` on refusal, with its mark)."""
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
