"""A value the form hides (its ``relevant:`` is false) is neither printed nor hashed: the
verification's data check recomputes each form's digest the same way, so a package whose data
keeps such a value (typed before the answer that hides it changed) is accepted, not refused as
tampered (PKG_DIGEST)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.fixtures.officials.packages import build_package
from zjtx_desktop.core.exchange.verify import verify_package


def test_a_value_hidden_by_relevance_does_not_make_the_digest_differ(tmp_path: Path) -> None:
    # E01 answers 上市情况 “有上市计划”: 股票代码 is asked only of 已上市 enterprises
    package = build_package("E01", tmp_path, {"stock_code": "688001"})
    with zipfile.ZipFile(package) as zf:
        data = json.loads(zf.read("data/nat-xjr-application-2021.json"))
    assert data["values"]["listing_status"] == "有上市计划"
    assert data["values"]["stock_code"] == "688001"  # kept in the data, as typed
    for v in (verify_package(package, booklet=False), verify_package(package, pdf_signature=False)):
        assert v.accepted, [c.code for c in v.checks]
        assert "PKG_DIGEST" not in [c.code for c in v.checks]
