"""The 推荐单位 signs part 六 of an enterprise's booklet from the workspace (issue 9;
signing.md §1.2 rev 5, §9 item 6): the booklet archived with the received package, byte for
byte, plus one revision with the official's part-六 values and the unit's signature — judged
by pyhanko's own validator, read back by pdftotext; and every refusal, by its code."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.core.workspace_helpers import (
    audit_actions,
    complete_part6,
    fixture,
    new_workspace,
    recommend,
    unit_key,
)
from tests.exchange.part6_paper import ticked, written_between
from zjtx_desktop.core.workspace import audit, inbox
from zjtx_desktop.core.workspace.part6_signing import (
    SignRefused,
    default_name,
    refusals,
    sign_part6,
    unit_key_path,
)
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace

# E01's part 六 as the official enters it (workspace_helpers.recommend: class a, ticks
# 1,3,4,5,6, 同意) and the date typed; on the blanks as written by hand on paper
DATE = "2021-05-06"
ON_PAPER = {"review_class": "a类", "review_mandatory_count": "5", "review_opinion": "同意",
            "class_indicator": "a", "mandatory_indicators": "1、3、4、5、6",
            "review_date": "2021年5月6日"}  # fmt: skip
# the printed boxes (by the text before each, 004 L1440-1469) the official's review ticks: 分类
# a in the table, 必备指标 1, 3, 4, 5, 6, and a☐ of sentence 1
TICKED = ["不低于3%；", "入70%以上", "不高于70%", "权5项及以上", "家和地区认证", "故等违法记录",
          "类指标”中a"]  # fmt: skip


def booklet_in(package: Path) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read("print/booklet.pdf")


def received(tmp_path: Path, packages: dict[str, Path], name: str = "E01") -> tuple[Workspace, str]:
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [packages[name]])
    assert out.status == "accepted", out
    return ws, out.application_id


def recommended_e01(tmp_path: Path, packages: dict[str, Path]) -> tuple[Workspace, str]:
    ws, app = received(tmp_path, packages)
    recommend(ws, app)
    ws.set_part6(app, "review_date", DATE)
    return ws, app


def pyhanko_status(pdf: bytes, roots: list[Path]) -> dict[str, Any]:
    """Each signature's status straight from pyhanko (no code of ours), the given
    certificates as trust roots (the enterprise's and the unit's self-issued ones)."""
    import warnings

    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.sign.validation import validate_pdf_signature

    anchors = [x509.Certificate.load(pem.unarmor(p.read_bytes())[2]) for p in roots]
    vc = ValidationContext(trust_roots=anchors, allow_fetching=False)
    r = PdfFileReader(io.BytesIO(pdf), strict=False)
    return {es.field_name: validate_pdf_signature(es, vc) for es in r.embedded_signatures}


def part6_page_text(path: Path) -> str:
    """pdftotext's text (appearances of filled fields included) of the page with part 六's
    opinion, whitespace removed."""
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")  # fmt: skip
    [page] = [p for p in pages if "推荐意见：" in p and "中的" in p]
    return re.sub(r"\s+", "", page)


@pytest.fixture
def signed(tmp_path: Path, packages: dict[str, Path]) -> tuple[Workspace, str, Path, Any]:
    ws, app = recommended_e01(tmp_path, packages)
    ident = unit_key(tmp_path)
    target = tmp_path / "signed.pdf"
    sign_part6(ws, app, ident, target)
    return ws, app, target, ident


def test_the_booklet_signed_by_the_unit_carries_part6_and_every_signature_is_valid(
    signed: tuple[Workspace, str, Path, Any], packages: dict[str, Path], tmp_path: Path
) -> None:
    _ws, _app, target, _ident = signed
    pdf = target.read_bytes()
    original = booklet_in(packages["E01"])
    # the enterprise's booklet byte for byte, then one revision appended
    assert pdf.startswith(original) and len(pdf) > len(original)
    enterprise_crt = packages["_folder"] / "E01" / "identity.crt"
    status = pyhanko_status(pdf, [enterprise_crt, tmp_path / "unit.crt"])
    # the package's booklet carries the 法定代表人's certification signature (its 企业公章 field
    # stays empty for a stamp on paper or an e-seal client); the unit's is the second
    assert list(status) == ["LegalRepSignature", "RecommenderSeal"]
    assert all(s.intact and s.valid and s.trusted and s.bottom_line for s in status.values())
    assert status["RecommenderSeal"].coverage.name == "ENTIRE_FILE"
    assert status["LegalRepSignature"].modification_level.name == "FORM_FILLING"
    text = part6_page_text(target)
    assert "中的5项" in text and "同意。（请填" in text
    assert "a类" not in text  # the class is a tick in its box, not a word after the sentence
    before = tmp_path / "booklet.pdf"
    before.write_bytes(original)
    assert on_paper(before) == ([], {k: "" for k in BLANKS})
    assert on_paper(target) == (
        TICKED,
        dict(zip(BLANKS, ["5", "同意", "2021", "5", "6"], strict=True)),
    )


# part 六's blanks on paper: (printed word before, printed word after, after which word)
BLANKS = {
    "项数": ("中的", "项", ""),
    "推荐意见": ("推荐意见：", "。", ""),
    "年": ("期：", "年", ""),
    "月": ("年", "月", "期："),
    "日": ("月", "日", "期："),
}


def on_paper(pdf: Path) -> tuple[list[str], dict[str, str]]:
    """The boxes ticked and the text on each blank of part 六, read from the rendered page (a
    √ drawn outside every box fails here)."""
    hit, stray = ticked(pdf)
    assert stray == []
    return [b.rsplit("☐", 1)[-1] for b in hit], {
        k: written_between(pdf, *anchors) for k, anchors in BLANKS.items()
    }


def test_the_values_are_written_at_the_body_texts_size_and_the_ticks_fit_their_boxes(
    signed: tuple[Workspace, str, Path, Any],
) -> None:
    """Each field's appearance in the file: the 项数, 推荐意见 and the date's numbers at the
    printed text's 10.5 pt (pyhanko writes whole points: 11), a √ smaller than its box."""
    from pypdf import PdfReader

    _ws, _app, target, _ident = signed
    sizes = {}
    for ref in PdfReader(target).trailer["/Root"]["/AcroForm"]["/Fields"]:
        fld = ref.get_object()
        if str(fld.get("/T", "")).startswith("part6_") and "/AP" in fld:
            stream = fld["/AP"]["/N"].get_object().get_data().decode("latin1")
            sizes[str(fld["/T"])[6:]] = float(re.findall(r"([\d.]+) Tf", stream)[-1])
    words = ["review_mandatory_count", "review_opinion", "review_date_year", "review_date_month",
             "review_date_day"]  # fmt: skip
    assert {sizes[k] for k in words} == {11.0}
    ticks = [k for k in sizes if k not in words]
    assert len(ticks) == len(TICKED) and all(4 <= sizes[k] <= 8 for k in ticks)


def test_the_signing_is_one_audit_row_naming_the_file(
    signed: tuple[Workspace, str, Path, Any],
) -> None:
    import json

    ws, app, target, ident = signed
    row = audit.rows(ws.conn)[-1]
    assert (row["action"], row["application_id"], row["ref"]) == ("sign_part6", app, "signed.pdf")
    new = json.loads(row["new"])
    assert new["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    assert new["signer"] == ident.fingerprint
    assert new["values"] == ON_PAPER
    assert audit.verify(ws.conn).ok
    assert not list(target.parent.glob("*.part"))


def test_without_a_typed_date_the_day_of_signing_is_written(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = received(tmp_path, packages)
    recommend(ws, app)
    done = sign_part6(ws, app, unit_key(tmp_path), tmp_path / "s.pdf", today=dt.date(2021, 7, 1))
    assert done.values["review_date"] == "2021年7月1日"
    blanks = on_paper(done.path)[1]
    assert (blanks["年"], blanks["月"], blanks["日"]) == ("2021", "7", "1")


def _codes(ws: Workspace, app: str, key: Path | None = None) -> list[str]:
    return [r.code for r in refusals(ws, app, key)]


def _refused(ws: Workspace, app: str, tmp_path: Path, ident: Any = None) -> list[str]:
    """sign_part6's refusal codes; nothing written, nothing logged."""
    rows = len(audit_actions(ws))
    target = tmp_path / "refused.pdf"
    with pytest.raises(SignRefused) as e:
        sign_part6(ws, app, ident if ident is not None else unit_key(tmp_path), target)
    assert not target.exists() and len(audit_actions(ws)) == rows
    assert e.value.code == e.value.reasons[0].code
    return [r.code for r in e.value.reasons]


def test_a_plain_data_json_has_no_booklet_to_sign(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [fixture("E01")])
    recommend(ws, out.application_id)
    assert _refused(ws, out.application_id, tmp_path) == ["SIGN_NO_BOOKLET"]


def test_part6_incomplete_or_not_recommended_is_refused(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = received(tmp_path, packages)
    assert _codes(ws, app) == ["SIGN_STATE", *["SIGN_PART6_MISSING"] * 3]
    ws.set_part6(app, "review_class", "a")
    ws.set_part6(app, "review_opinion", "同意")
    assert _refused(ws, app, tmp_path) == ["SIGN_STATE", "SIGN_PART6_MISSING"]
    assert "符合必备指标项数" in str(refusals(ws, app)[1])
    complete_part6(ws, app)
    assert _codes(ws, app) == ["SIGN_STATE"]  # 初核中: the opinion is not decided yet
    ws.set_part6(app, "review_opinion", "不同意")
    ws.set_state(app, State.NOT_RECOMMENDED, "主导产品市场占有率不足全省前三")
    assert _codes(ws, app) == ["SIGN_STATE"]


def test_a_part6_changed_after_recommending_is_refused(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = recommended_e01(tmp_path, packages)
    ws.set_part6(app, "review_opinion", "不同意")  # still 拟推荐
    assert _refused(ws, app, tmp_path) == ["SIGN_NOT_RECOMMENDABLE"]
    ws.set_part6(app, "review_opinion", "同意")
    ws.set_part6(app, "review_date", "2021-02-30")
    assert _codes(ws, app) == ["SIGN_PART6_BAD"]


def test_no_unit_key_is_refused(tmp_path: Path, packages: dict[str, Path]) -> None:
    ws, app = recommended_e01(tmp_path, packages)
    key = unit_key_path(ws.path)
    assert key.name == "ws.sqlite.identity.p12"
    assert _codes(ws, app, key) == ["SIGN_NO_KEY"]
    with pytest.raises(SignRefused) as e:
        sign_part6(ws, app, None, tmp_path / "x.pdf")
    assert e.value.code == "SIGN_NO_KEY" and "zjtx workspace key" in str(e.value)
    assert not (tmp_path / "x.pdf").exists()


def test_the_default_name_follows_the_booklet_export(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = recommended_e01(tmp_path, packages)
    assert default_name(ws, app) == "01_吉林省恒锐精密机床有限公司_推荐单位签署.pdf"


def _archive_booklet_without_fields(ws: Workspace, app: str) -> None:
    """The archived package's booklet replaced by one without form fields (as an older app
    version wrote it), its manifest entry updated: what the workspace holds for the app."""
    import json

    import pikepdf

    sha = json.loads(ws.conn.execute(
        "SELECT archive FROM submissions WHERE id = ?", (ws.application(app).submission,)
    ).fetchone()[0])[0]  # fmt: skip
    row = ws.conn.execute("SELECT bytes FROM archive WHERE sha256 = ?", (sha,)).fetchone()
    blob = bytes(row[0])
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    pdf = pikepdf.open(io.BytesIO(files["print/booklet.pdf"]))
    del pdf.Root["/AcroForm"]
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    out = io.BytesIO()
    pdf.save(out)
    files["print/booklet.pdf"] = out.getvalue()
    manifest = json.loads(files["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "print/booklet.pdf":
            f["sha256"] = hashlib.sha256(out.getvalue()).hexdigest()
    files["manifest.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)
    with ws.transaction():
        ws.conn.execute("UPDATE archive SET bytes = ? WHERE sha256 = ?", (buf.getvalue(), sha))


def test_a_booklet_without_part6_fields_is_refused(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = recommended_e01(tmp_path, packages)
    _archive_booklet_without_fields(ws, app)
    assert _refused(ws, app, tmp_path) == ["SIGN_NO_FIELDS"]
