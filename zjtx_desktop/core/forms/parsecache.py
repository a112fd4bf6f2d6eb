"""Definition files parsed once: a file that passed its checks is cached as JSON keyed by the
hash of its text and its schema, so start-up skips YAML and the schema check."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_VERSION = "1"


def _cache_dir() -> Path | None:
    env = os.environ.get("ZJTX_CACHE")
    if env == "off":
        return None
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("zjtx-desktop", appauthor=False)) / "forms"


def cached_parse(
    path: Path, text: str, salt: bytes, parse: Callable[[Path, str], dict[str, Any]]
) -> dict[str, Any]:
    """``parse(path, text)``, or its JSON copy from the cache when the text has not changed."""
    digest = hashlib.sha256(text.encode() + salt + CACHE_VERSION.encode()).hexdigest()
    cache_dir = _cache_dir()
    cached = cache_dir / f"{path.stem}-{digest[:20]}.json" if cache_dir else None
    if cached is not None and cached.exists():
        try:
            data: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            pass
    data = parse(path, text)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(cached)
        except OSError:
            pass  # a read-only cache only costs speed
    return data
