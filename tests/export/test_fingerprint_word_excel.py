"""Word and Excel print the signing certificate's fingerprint where the PDF does (issue 9):
on the 目录 and under 法定代表人（签名）, so a stamped Word or Excel printout vouches for the
key as the PDF's does. The expected text is computed here from the certificate file's bytes
(stdlib only), never by the app's formatter."""

from __future__ import annotations

import hashlib
import ssl
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.exchange.conftest import make_evidence
from tests.exchange.kit import cli
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.store.drafts import DraftStore


class Exported:
    def __init__(self, folder: Path) -> None:
        db = folder / "drafts.sqlite3"
        store = DraftStore(db)
        app_id = open_or_create_demo(store, "nat-xjr-2021b3")  # the 申请书: 法定代表人（签名）
        store.close()
        _png, pdf = make_evidence(folder)  # evidence makes the export a booklet with a 目录
        assert cli(db, "evidence", "add", app_id, str(pdf), "--item", "附件2-2")[0] == 0
        assert cli(db, "keys", "create", "--draft", app_id)[0] == 0
        [crt] = folder.rglob("*.crt")
        der = ssl.PEM_cert_to_DER_cert(crt.read_text("ascii"))
        head = hashlib.sha256(der).hexdigest()[:16].upper()
        self.grouped = f"{head[0:4]} {head[4:8]} {head[8:12]} {head[12:16]}"
        self.docx = folder / "申请书.docx"
        self.xlsx = folder / "申请书.xlsx"
        for out in (self.docx, self.xlsx):
            code, _out, err = cli(db, "export", "--draft", app_id, "-o", str(out))
            assert code == 0, err


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    return Exported(tmp_path_factory.mktemp("fingerprint"))


def _docx_paragraphs(path: Path) -> list[str]:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def test_word_prints_the_fingerprint_on_the_toc_and_under_the_signature(
    exported: Exported,
) -> None:
    doc = Document(str(exported.docx))
    body = [p.text for p in doc.paragraphs]
    toc_at = body.index("目　录")
    # the 目录 comes first: the line follows its table, before the first form starts
    assert f"交换包签名指纹：{exported.grouped}" in body[toc_at : toc_at + 6]
    cells = _docx_paragraphs(exported.docx)
    signature = next(i for i, t in enumerate(cells) if t.startswith("法定代表人（签名）"))
    assert f"签名指纹：{exported.grouped}" in cells[signature : signature + 4]


def test_excel_prints_the_fingerprint_on_the_toc_and_under_the_signature(
    exported: Exported,
) -> None:
    wb = load_workbook(exported.xlsx)
    toc = wb["目录"]
    texts = [c.value for row in toc.iter_rows() for c in row if isinstance(c.value, str)]
    assert f"交换包签名指纹：{exported.grouped}" in texts
    sheets = [ws for ws in wb.worksheets if ws.title != "目录"]
    signed = [
        c.value
        for ws in sheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("法定代表人（签名）")
    ]
    assert signed, "no 法定代表人（签名） place"
    assert all(v.endswith(f"签名指纹：{exported.grouped}") for v in signed)
