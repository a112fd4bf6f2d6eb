"""The exchange PDF and `zjtx verify FILE.pdf`: signing.md §9 acceptance checks 1–5 and 7–10
on the demo 申请书 as the app writes it, and the page-by-page comparison (a figure edited
with pikepdf, a page swapped in from another application)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.exchange.kit import cli
from tests.exchange.pki import make_pki
from tests.export.test_export_pdf import qr_texts
from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.exchange.booklet import booklet_options, render_booklet
from zjtx_desktop.core.exchange.pdfsign import prepare_pdf, sign_pdf
from zjtx_desktop.core.exchange.pdfverify import signature_rows, verify_pdf
from zjtx_desktop.core.exchange.trust import TrustStore
from zjtx_desktop.core.export.printdoc import print_document
from zjtx_desktop.core.store.drafts import DraftStore

CREDIT_CODE = "91220101MA0Y7K2Q8R"
SIGNATURE_PAGE = 8  # booklet: 目录, then the 申请书's page 7 (真实性声明 and its boxes)
RECOMMENDER_PAGE = 9


class Made:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "drafts.sqlite3"
        store = DraftStore(self.db)
        self.app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
        self.pki = make_pki(CREDIT_CODE)
        opts = booklet_options(self.app, self.pki.legal_rep)
        self.export = render_booklet(self.app, opts)  # rev 1: what reportlab writes
        self.places = list(opts.record_places or [])
        self.doc = print_document(
            self.app.session,
            opts,
            explanations=self.app.explanations,
            title=self.app.record.name,
            booklet=True,
            signed=True,
        )
        self.prepared = prepare_pdf(self.export, self.doc, self.places)  # rev 2
        self.sig1 = sign_pdf(self.prepared, self.pki.legal_rep)
        self.sig2 = sign_pdf(self.sig1, self.pki.seal, "EnterpriseSeal", certify=False)
        self.sig3 = sign_pdf(self.sig2, self.pki.recommender, "RecommenderSeal", certify=False)
        root = folder / "root.pem"
        root.write_bytes(self.pki.root_pem)
        self.trust = TrustStore(folder / "trust")
        self.trust.add_root(root)

    def file(self, name: str, data: bytes) -> Path:
        p = self.folder / name
        p.write_bytes(data)
        return p


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return Made(tmp_path_factory.mktemp("exchange-pdf"))


def _render(pdf: bytes, page: int) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    doc.init_forms()  # draw widget appearances too (signing.md §8)
    try:
        return doc[page - 1].render(scale=1.5).to_pil().tobytes()
    finally:
        doc.close()


def test_1_three_places_exactly_over_the_printed_boxes(made: Made) -> None:
    """Rects measured on the demo 申请书 (signing.md §1.3): the signature room on the line,
    the 44 mm seal rooms beside （企业公章）： and under 推荐单位（公章）：."""
    got = {(p.kind, p.page): p for p in made.places}
    assert len(made.places) == 3
    sig = got[("signature", SIGNATURE_PAGE)]
    # re-measured after issue 11: the 真实性声明 and its boxes now stand under part 五 on
    # its page (004 L1376-1382) instead of alone at the top of a page of their own
    assert abs(sig.rect[1] - 282.9) < 1.0  # directly on the signature line
    assert sig.rect[3] - sig.rect[1] == pytest.approx(14 * 72 / 25.4)
    seal = got[("seal", SIGNATURE_PAGE)].rect
    assert all(abs(a - b) < 1.0 for a, b in zip(seal, (310, 188.5, 434, 313.2), strict=True))
    rec = got[("seal", RECOMMENDER_PAGE)].rect
    # re-measured after issue 11: part 六's 日期 line now prints beside 推荐单位（公章）： as in
    # the template (004 L1477-1479) instead of as a table row, so the seal room sits 21 pt higher
    assert all(abs(a - b) < 1.0 for a, b in zip(rec, (73, 258, 198, 383), strict=True))


def test_1_the_prepared_and_signed_pages_render_as_the_export(made: Made) -> None:
    before = _render(made.export, SIGNATURE_PAGE)
    assert _render(made.prepared, SIGNATURE_PAGE) == before
    assert _render(made.sig1, SIGNATURE_PAGE) == before  # the signature's appearance is empty


def test_2_one_associated_data_json_equal_to_the_input_and_to_the_qr(made, tmp_path) -> None:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(made.sig1))
    assert list(pdf.attachments) == ["DATA.json"]
    spec = pdf.attachments["DATA.json"]
    assert str(spec.obj.get("/AFRelationship")) == "/Data"
    assert "/AF" in pdf.Root and len(pdf.Root.AF) == 1
    data = spec.get_file().read_bytes()
    assert json.loads(data) == made.doc
    attached = tmp_path / "DATA.json"
    attached.write_bytes(data)
    pdf_path = made.file("sig1.pdf", made.sig1)
    [qr] = qr_texts(pdf_path, 2)  # the 申请书's first page
    assert cli(made.db, "verify", str(attached), qr)[0] == 0


def _rows(pdf: bytes, made: Made) -> list[dict]:
    return signature_rows(pdf, made.trust)


def test_3_each_signature_step_leaves_every_signature_valid(made: Made) -> None:
    for n, pdf in enumerate((made.sig1, made.sig2, made.sig3), 1):
        rows = _rows(pdf, made)
        assert len(rows) == n
        for r in rows:
            assert r["intact"] and r["valid"] and r["trusted"] and r["bottom_line"], r
        assert rows[-1]["coverage"] == "ENTIRE_FILE"
        for r in rows[:-1]:
            assert r["coverage"] == "ENTIRE_REVISION"
            assert r["modification"] == "FORM_FILLING"
    assert [r["field"] for r in _rows(made.sig3, made)] == [
        "LegalRepSignature",
        "EnterpriseSeal",
        "RecommenderSeal",
    ]
    assert verify_pdf(made.file("sig3.pdf", made.sig3), trust=made.trust).exit_code == 0


def _flip(pdf: bytes, at: int) -> bytes:
    b = bytearray(pdf)
    b[at] ^= 0x01
    return bytes(b)


def _stream_offset(pdf: bytes, marker: bytes) -> int:
    """An offset inside the stream data of the first object whose dictionary has ``marker``."""
    at = pdf.index(marker)
    start = pdf.index(b"stream", at) + len(b"stream") + 1
    return start + 10


def test_4_bit_flips_break_exactly_the_signatures_covering_them(made: Made) -> None:
    data_stream = _flip(made.sig3, _stream_offset(made.sig3, b"/Type /EmbeddedFile"))
    page_object = _flip(made.sig3, _stream_offset(made.sig3, b"/Length"))  # rev 1's first stream
    last = made.sig3.rindex(b"/Contents")
    date = made.sig3.index(b"/M (D", last)  # sig 3's signing time, after its /Contents
    tail = _flip(made.sig3, date + 12)
    for pdf, broken in ((data_stream, {0, 1, 2}), (page_object, {0, 1, 2}), (tail, {2})):
        rows = _rows(pdf, made)
        assert {i for i, r in enumerate(rows) if not r["intact"]} == broken
        assert verify_pdf(made.file("flipped.pdf", pdf), trust=made.trust).exit_code == 1


def _incremental(pdf: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_5_an_attachment_replaced_or_added_later_fails_every_signature(made: Made) -> None:
    from zjtx_desktop.core.export.printdoc import embed_into

    forged = dict(made.doc)
    forged["print"] = dict(made.doc["print"], app_id="forged")
    for change in (lambda w: embed_into(w, forged),):
        pdf = _incremental(made.sig3, change)
        rows = _rows(pdf, made)
        assert all(r["modification"] == "OTHER" and not r["bottom_line"] for r in rows)
        assert verify_pdf(made.file("attached.pdf", pdf), trust=made.trust).exit_code == 1


def test_7_trust_no_root_pinned_self_issued_and_a_revoking_crl(made, tmp_path) -> None:
    assert not any(r["trusted"] for r in signature_rows(made.sig3, TrustStore(tmp_path / "t0")))
    # a self-issued certificate (the app's own) pinned from the paper is trusted
    from zjtx_desktop.core.exchange.identity import create_identity

    own = create_identity(tmp_path / "k.p12", "吉林省恒锐精密机床有限公司", CREDIT_CODE, b"pw")
    signed = sign_pdf(made.prepared, own)
    pins = TrustStore(tmp_path / "t1")
    path = made.file("own.pdf", signed)
    assert verify_pdf(path, trust=pins).signatures[0]["trusted"] is False
    pins.pin(CREDIT_CODE, own.fingerprint[:16])
    verdict = verify_pdf(path, trust=pins)
    assert verdict.exit_code == 0 and verdict.signatures[0]["trusted"] is True
    # the seal certificate revoked by a CRL brought in by hand ("require" mode)
    crl = tmp_path / "seal.crl"
    crl.write_bytes(made.pki.crl_revoking(made.pki.seal.cert))
    with_crl = TrustStore(tmp_path / "t2")
    root = tmp_path / "root.pem"
    root.write_bytes(made.pki.root_pem)
    with_crl.add_root(root)
    with_crl.add_crl(crl)
    rows = signature_rows(made.sig3, with_crl)
    assert [r["revoked"] for r in rows] == [False, True, False]
    assert verify_pdf(made.file("revoked.pdf", made.sig3), trust=with_crl).exit_code == 1


def test_8_info_changes_pass_pyhanko_but_not_us_and_info_is_never_read(made: Made) -> None:
    """pyhanko allows /Info updates after signing; our verdict does not (the newest signature
    must cover the whole file, signing.md §1.6), and the QR text planted in /Subject is never
    used: the pages still compare equal with the attached data."""
    from pyhanko.pdf_utils import generic

    other_qr = "ZJTX|other|nat-xjr-application-2021|2021.1|" + "0" * 64

    def edit_info(w) -> None:
        info = w.trailer["/Info"].get_object()
        info[generic.NameObject("/Title")] = generic.TextStringObject("改过的标题")
        info[generic.NameObject("/Subject")] = generic.TextStringObject(other_qr)
        w.update_container(info)

    pdf = _incremental(made.sig3, edit_info)
    rows = _rows(pdf, made)
    assert all(r["bottom_line"] for r in rows)
    assert rows[-1]["modification"] in ("LTA_UPDATES", "FORM_FILLING")
    v = verify_pdf(made.file("info.pdf", pdf), trust=made.trust)
    assert v.diffs == [] and v.pages == 9
    assert v.problems == ["RecommenderSeal：最新的签名之后文件还有未签名的修改"]
    assert v.exit_code == 1


def test_9_a_certificate_of_another_enterprise_is_refused(made: Made) -> None:
    from tests.exchange.pki import _issue

    stranger = _issue(made.pki.root_key, made.pki.root, "别的企业", "91110000600000000X")
    pdf = sign_pdf(made.prepared, stranger)
    v = verify_pdf(made.file("stranger.pdf", pdf), trust=made.trust)
    assert v.exit_code == 1 and any("SIGNER_MISMATCH" in p for p in v.problems)
    code, out, _ = cli(made.db, "verify", str(made.folder / "stranger.pdf"))
    assert code == 1 and "SIGNER_MISMATCH" in out


def test_10_a_rewritten_file_fails_whether_its_signature_is_kept_or_lost(made: Made) -> None:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(made.sig1))
    clone = PdfWriter(clone_from=reader)  # keeps the signature dictionary, breaks its range
    buf = io.BytesIO()
    clone.write(buf)
    v = verify_pdf(made.file("rewritten.pdf", buf.getvalue()), trust=made.trust)
    assert v.exit_code == 1 and v.problems == ["LegalRepSignature：签名后文件被改动"]
    pages_only = PdfWriter()  # pages and the attachment copied, no signature left
    for page in reader.pages:
        pages_only.add_page(page)
    pages_only.add_attachment("DATA.json", reader.attachments["DATA.json"][0])
    buf = io.BytesIO()
    pages_only.write(buf)
    v = verify_pdf(made.file("unsigned.pdf", buf.getvalue()), trust=made.trust)
    assert v.diffs == [] and v.signatures == []
    assert v.exit_code == 1 and v.problems[0].startswith("未签名")


# --- the printed pages -----------------------------------------------------------------


def test_an_exported_pdf_matches_and_the_cli_says_so(made: Made, tmp_path: Path) -> None:
    out = tmp_path / "申请书.pdf"
    assert cli(made.db, "export", "--draft", made.app.id, "-o", str(out))[0] == 0
    code, stdout, _ = cli(made.db, "verify", str(out))
    assert code == 0 and "一致" in stdout
    code, js, _ = cli(made.db, "verify", str(out), "--json")
    report = json.loads(js)
    assert code == 0 and report["matches"] and report["differences"] == []


def _figure_edit(src: Path, dst: Path) -> tuple[int, str, str]:
    """Change the last digit of the first multi-digit figure on a page, with pikepdf, as a
    PDF editor would; returns (page, old, new)."""
    import re

    import pikepdf

    pdf = pikepdf.open(src)
    for n, page in enumerate(pdf.pages, 1):
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for s in streams:
            data = s.read_bytes()
            m = re.search(rb"\((\d{3,})\) Tj", data[200:])
            if m and n > 1:
                old = m.group(1)
                new = old[:-1] + (b"7" if old[-1:] != b"7" else b"8")
                at = 200 + m.start(1)
                s.write(data[:at] + new + data[at + len(old) :])
                pdf.save(dst)
                return n, old.decode(), new.decode()
    raise AssertionError("no figure found")


def test_a_figure_edited_with_pikepdf_is_reported_with_its_page(made, tmp_path) -> None:
    src = tmp_path / "a.pdf"
    assert cli(made.db, "export", "--draft", made.app.id, "-o", str(src))[0] == 0
    edited = tmp_path / "edited.pdf"
    page, old, new = _figure_edit(src, edited)
    code, js, _ = cli(made.db, "verify", str(edited), "--json")
    report = json.loads(js)
    assert code == 1 and [d["page"] for d in report["differences"]] == [page]
    diff = report["differences"][0]
    assert any(new in ln for ln in diff["extra"]) and any(old in ln for ln in diff["missing"])
    code, out, _ = cli(made.db, "verify", str(edited))
    assert code == 1 and f"第 {page} 页与数据不符" in out


def test_a_page_swapped_in_from_another_application_is_reported(made, tmp_path) -> None:
    import pikepdf

    ours = tmp_path / "ours.pdf"
    assert cli(made.db, "export", "--draft", made.app.id, "-o", str(ours))[0] == 0
    # another enterprise's application: the demo with another name and revenue
    data = made.app.data("nat-xjr-application-2021")
    data["values"]["enterprise_name"] = "长春另一家机械有限公司"
    src = tmp_path / "other.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = cli(made.db, "drafts", "import", str(src))
    other_id = out.split()[0]
    theirs = tmp_path / "theirs.pdf"
    assert cli(made.db, "export", "--draft", other_id, "-o", str(theirs))[0] == 0
    a, b = pikepdf.open(ours), pikepdf.open(theirs)
    a.pages[1] = b.pages[1]  # the swapped second page
    swapped = tmp_path / "swapped.pdf"
    a.save(swapped)
    code, js, _ = cli(made.db, "verify", str(swapped), "--json")
    report = json.loads(js)
    assert code == 1 and [d["page"] for d in report["differences"]] == [2]


def test_not_a_pdf_or_no_data_is_unusable(made, tmp_path: Path) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_text("不是PDF", encoding="utf-8")
    assert cli(made.db, "verify", str(bad))[0] == 2
    bare = made.file("bare.pdf", made.export)  # rev 1 only: no DATA.json attached
    code, _, err = cli(made.db, "verify", str(bare))
    assert code == 2 and "DATA.json" in err
