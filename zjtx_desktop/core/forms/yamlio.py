"""Reading YAML definition files: duplicate keys are errors, not silently the last one wins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from zjtx_desktop.core.forms.loader import FormError

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


def load_yaml(path: Path, text: str) -> Any:
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise FormError(path, [(where, f"YAML 格式错误：{getattr(e, 'problem', e)}")]) from None
