"""Reading YAML definition files: duplicate keys are errors, not silently the last one wins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from zjtx_desktop.core.forms.errors import LoaderCode, problem

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster


class UniqueKeyLoader(_Base):  # type: ignore[misc]
    """PyYAML silently keeps the last of two equal keys; a form author must hear about it."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"重复的键“{key}”", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node))


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


MAX_DEFINITION_CHARS = 2_000_000  # the largest shipped definition is ~60 KB


def _refuse_aliases(path: Path, text: str) -> None:
    """A definition never needs YAML aliases (*name), and a few nested ones expand to billions
    of nodes ("billion laughs") once the schema check or the cache walks them."""
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else 0
            raise problem(path, f"第{line}行", LoaderCode.YAML_ALIAS)


def load_yaml(path: Path, text: str) -> Any:
    if len(text) > MAX_DEFINITION_CHARS:
        raise problem(path, "", LoaderCode.TOO_LARGE, limit=MAX_DEFINITION_CHARS)
    try:
        _refuse_aliases(path, text)
        return yaml.load(text, Loader=UniqueKeyLoader)
    except RecursionError:
        raise problem(path, "", LoaderCode.TOO_DEEP) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise problem(
            path, where, LoaderCode.YAML_SYNTAX, problem=getattr(e, "problem", e)
        ) from None
