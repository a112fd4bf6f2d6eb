"""Finding a circular reference among definitions that read each other (calculations,
relevance, rule-set quantities), so the loader refuses it with the path that closes it."""

from __future__ import annotations

from collections.abc import Mapping, Set


def find_cycle(start: str, refs: Mapping[str, Set[str]]) -> list[str]:
    """A path start → … → start through ``refs`` (what each name reads), or [] if none.
    A name that reads itself is the path [start, start]."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(refs.get(node, ())):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []
