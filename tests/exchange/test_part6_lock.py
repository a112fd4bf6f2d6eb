"""signing.md §9 item 6 on the demo 申请书 as the app writes it: part 六's text fields lie on
its printed blanks; the 推荐单位 fills them and signs in one revision (every signature valid);
a later change of a locked part-六 value invalidates the 推荐单位's signature — judged by
pyhanko's own validator, called directly, and by ``zjtx verify`` — although the enterprise's
signatures (DocMDP P=2, form filling allowed) still say valid."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.test_exchange_pdf import RECOMMENDER_PAGE, Made
from zjtx_desktop.core.exchange.part6 import part6_values
from zjtx_desktop.core.exchange.pdfsign import sign_recommendation
from zjtx_desktop.core.exchange.pdfverify import verify_pdf

# every box and blank of part 六 the official fills (004 L1383-1479), in the lock's order
PART6 = [*(f"part6_class_indicator_{v}" for v in "abc"),
         *(f"part6_mandatory_indicators_{k}" for k in "123456"),
         *(f"part6_review_class_{v}" for v in "abc"),
         "part6_review_mandatory_count", "part6_review_opinion",
         "part6_review_date_year", "part6_review_date_month", "part6_review_date_day"]  # fmt: skip
VALUES = {"review_class": "b", "review_mandatory_count": "3", "review_opinion": "同意",
          "class_indicator": "b", "mandatory_indicators": "1、2、6",
          "review_date": "2021年5月6日"}  # fmt: skip
# what goes into the fields: a √ in each ticked box, the date's three numbers in their gaps
WRITTEN = {"review_class_b": "√", "review_mandatory_count": "3", "review_opinion": "同意",
           "class_indicator_b": "√", "mandatory_indicators_1": "√", "mandatory_indicators_2": "√",
           "mandatory_indicators_6": "√", "review_date_year": "2021", "review_date_month": "5",
           "review_date_day": "6"}  # fmt: skip


class Signed:
    def __init__(self, folder: Path) -> None:
        self.made = Made(folder)
        # the 推荐单位's revision on top of the enterprise's two signatures
        self.pdf = sign_recommendation(self.made.sig2, self.made.pki.recommender, VALUES)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    return Signed(tmp_path_factory.mktemp("part6"))


def _fields(pdf: bytes) -> dict[str, Any]:
    from pypdf import PdfReader

    return dict(PdfReader(io.BytesIO(pdf)).get_fields() or {})


def _pyhanko(pdf: bytes, root_pem: bytes) -> dict[str, Any]:
    """Each signature's status straight from pyhanko (no code of ours)."""
    import warnings

    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.sign.validation import validate_pdf_signature

    _t, _h, der = pem.unarmor(root_pem)
    vc = ValidationContext(trust_roots=[x509.Certificate.load(der)], allow_fetching=False)
    r = PdfFileReader(io.BytesIO(pdf), strict=False)
    return {es.field_name: validate_pdf_signature(es, vc) for es in r.embedded_signatures}


def _change(pdf: bytes, name: str, value: str) -> bytes:
    """An incremental update, as any PDF tool can append one: a part-六 field rewritten (a
    box ticked or cleared, the opinion or the date changed)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for ref in w.root["/AcroForm"]["/Fields"]:
        fld = ref.get_object()
        if fld.get("/T") == name:
            fld[generic.NameObject("/V")] = generic.TextStringObject(value)
            w.update_container(fld)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_part6_text_fields_lie_on_the_blanks_and_the_recommender_field_locks_them(
    signed: Signed,
) -> None:
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    prepared = signed.made.prepared
    assert [n for n in _fields(prepared) if n.startswith("part6_")] == PART6
    reader = PdfReader(io.BytesIO(prepared))
    annots = [a.get_object() for a in reader.pages[RECOMMENDER_PAGE - 1]["/Annots"]]
    rects = {str(a["/T"]): [float(v) for v in a["/Rect"]] for a in annots if "/T" in a}
    lock = next(a for a in annots if a.get("/T") == "RecommenderSeal")["/Lock"]
    assert lock["/Action"] == "/Include" and list(lock["/Fields"]) == PART6
    # each blank sits right after its printed words, on their line (PDFium's text positions)
    doc = pdfium.PdfDocument(prepared)
    tp = doc[RECOMMENDER_PAGE - 1].get_textpage()
    text = tp.get_text_range()
    for before, name in (
        ("推荐意见：", "part6_review_opinion"),
        ("中的", "part6_review_mandatory_count"),
    ):
        _left, bottom, right, top = tp.get_charbox(text.find(before) + len(before) - 1)
        x0, y0, x1, y1 = rects[name]
        assert right <= x0 <= right + 2 and y0 <= bottom and top <= y1
    x0, _y0, x1, _y1 = rects["part6_review_mandatory_count"]
    assert x1 <= tp.get_charbox(text.find("项。"))[0]  # the count's room ends before 项
    doc.close()


def test_the_recommender_fills_and_signs_in_one_revision_and_all_three_stay_valid(
    signed: Signed,
) -> None:
    assert part6_values(signed.pdf) == WRITTEN
    status = _pyhanko(signed.pdf, signed.made.pki.root_pem)
    assert list(status) == ["LegalRepSignature", "EnterpriseSeal", "RecommenderSeal"]
    assert all(s.bottom_line for s in status.values())
    assert status["RecommenderSeal"].coverage.name == "ENTIRE_FILE"
    assert status["LegalRepSignature"].modification_level.name == "FORM_FILLING"
    v = verify_pdf(signed.made.file("recommended.pdf", signed.pdf), trust=signed.made.trust)
    assert v.exit_code == 0, v.problems


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("part6_review_opinion", "不同意"),
        ("part6_class_indicator_a", "√"),  # a box left empty, ticked later
        ("part6_mandatory_indicators_2", ""),  # a ticked box cleared
        ("part6_review_date_day", "9"),
    ],
)
def test_a_locked_part6_value_changed_later_breaks_the_recommender_signature(
    signed: Signed, name: str, value: str
) -> None:
    forged = _change(signed.pdf, name, value)
    assert part6_values(forged)[name.removeprefix("part6_")] == value
    status = _pyhanko(forged, signed.made.pki.root_pem)
    # pyhanko alone: the enterprise's signatures allow form filling and still say valid …
    assert status["LegalRepSignature"].bottom_line and status["EnterpriseSeal"].bottom_line
    # … but the 推荐单位's lock on part 六 does not
    rec = status["RecommenderSeal"]
    assert rec.intact and not rec.bottom_line
    assert rec.modification_level.name == "OTHER"
    v = verify_pdf(signed.made.file("forged.pdf", forged), trust=signed.made.trust)
    assert v.exit_code == 1
    assert any(p.startswith("RecommenderSeal：") for p in v.problems), v.problems


def test_before_the_recommender_signs_part6_may_be_filled(signed: Signed) -> None:
    """The enterprise's signatures allow the 推荐单位 to write part 六 at all (FORM_FILLING)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from zjtx_desktop.core.exchange.part6 import fill_fields

    w = IncrementalPdfFileWriter(io.BytesIO(signed.made.sig2))
    fill_fields(w, {"review_opinion": "同意"})
    out = io.BytesIO()
    w.write(out)
    status = _pyhanko(out.getvalue(), signed.made.pki.root_pem)
    assert all(s.bottom_line for s in status.values())
    assert {s.modification_level.name for s in status.values()} == {"FORM_FILLING"}


def test_a_booklet_prepared_before_the_boxes_had_fields_gets_the_class_and_date_as_words() -> None:
    """Booklets signed by enterprises before part 六's boxes had fields hold one text field for
    the class and one for the date: the official's review still fits them (the table's boxes
    stay for the pen); a value with no field of its own is refused, never dropped."""
    from zjtx_desktop.core.exchange.part6 import widget_values

    old = {"review_class", "review_mandatory_count", "review_opinion", "review_date"}
    assert widget_values(VALUES, old) == {
        "review_class": "b类", "review_mandatory_count": "3", "review_opinion": "同意",
        "review_date": "2021年5月6日",
    }  # fmt: skip
    new = {name.removeprefix("part6_") for name in PART6}
    assert widget_values(VALUES, new) == WRITTEN
    with pytest.raises(KeyError):
        widget_values({**VALUES, "mandatory_indicators": "1、7"}, new)
