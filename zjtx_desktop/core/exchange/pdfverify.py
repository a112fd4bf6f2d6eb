"""Checking a PDF we exported: its PAdES signatures (offline, signing.md §1.5–1.6) and its
printed pages against the data it carries (``compare_pdf``)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zjtx_desktop.core.exchange.checks import Check, check
from zjtx_desktop.core.exchange.trust import TrustStore
from zjtx_desktop.core.export.printdoc import DATA_NAME

# signature algorithms pyhanko can check; anything else (SM2 电子印章 …) is "无法在本机核验"
_KNOWN_ALGS = ("rsa", "ecdsa", "ed25519", "ed448", "dsa", "sha256_rsa", "sha384_rsa", "sha512_rsa")


def _alg_name(es: Any) -> str:
    try:
        return str(es.signer_info["signature_algorithm"]["algorithm"].native)
    except (KeyError, ValueError, TypeError):
        return "未知算法"


def _organization_identifier(cert: Any) -> str:
    if cert is None:
        return ""
    try:
        native = cert.subject.native
    except ValueError:
        return ""
    return str(native.get("organization_identifier", "")).strip().upper()


def _supported(alg: str) -> bool:
    return any(k in alg.lower() for k in _KNOWN_ALGS)


def signature_rows(
    pdf: bytes, trust: TrustStore | None = None, pinned: Sequence[bytes] = ()
) -> list[dict[str, Any]]:
    """One row per signature, oldest first: field, signer fingerprint and subject, intact,
    valid, trusted, revoked, coverage, modification level, bottom line, or ``unsupported``."""
    import hashlib

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    from zjtx_desktop.core.exchange.pdfsign import _quiet_pyhanko, _sign_modules

    _sign_modules()
    from pyhanko.sign.validation import validate_pdf_signature

    _quiet_pyhanko()
    r = PdfFileReader(io.BytesIO(pdf), strict=False)
    roots = list(trust.roots_der()) if trust is not None else []
    crls = list(trust.crls_der()) if trust is not None else []
    rows = []
    for es in r.embedded_signatures:
        alg = _alg_name(es)
        cert = es.signer_cert
        fp = hashlib.sha256(cert.dump()).hexdigest() if cert is not None else ""
        row: dict[str, Any] = {"field": es.field_name, "fingerprint": fp, "algorithm": alg}
        row["subject"] = cert.subject.human_friendly if cert is not None else ""
        row["credit_code"] = _organization_identifier(cert)
        row["cert_der"] = cert.dump().hex() if cert is not None else ""
        if cert is None or not _supported(alg):
            row["unsupported"] = True
            rows.append(row)
            continue
        from asn1crypto import x509 as a_x509

        anchors = [a_x509.Certificate.load(d) for d in [*roots, *pinned]]
        vc = ValidationContext(
            trust_roots=anchors,
            allow_fetching=False,
            crls=crls,
            revocation_mode="require" if crls else "soft-fail",
        )
        try:
            st = validate_pdf_signature(es, vc)
        except Exception as e:  # pyhanko raises many kinds for damaged input
            row.update(intact=False, valid=False, error=str(e))
            rows.append(row)
            continue
        row.update(
            intact=bool(st.intact),
            valid=bool(st.valid),
            trusted=bool(st.trusted),
            revoked=bool(getattr(st, "revoked", False)),
            coverage=getattr(st.coverage, "name", str(st.coverage)),
            modification=getattr(st.modification_level, "name", str(st.modification_level)),
            docmdp_ok=bool(getattr(st, "docmdp_ok", True)),
            bottom_line=bool(st.bottom_line),
        )
        rows.append(row)
    return rows


def signature_checks(pdf: bytes, fingerprint: str, trust: TrustStore | None) -> list[Check]:
    """Flags for the package's booklet: unsigned, a broken or partial signature, another
    signer than the package's, or an algorithm we cannot check here."""
    try:
        rows = signature_rows(pdf, trust, [])
    except Exception as e:  # a PDF pyhanko cannot parse at all
        return [check("PKG_PDF_SIGNATURE", detail=f"无法读取签名（{e}）")]
    for r in rows:
        r.pop("cert_der", None)
    if not rows:
        return [check("PKG_PDF_UNSIGNED")]
    out: list[Check] = []
    for i, row in enumerate(rows):
        if row.get("unsupported"):
            out.append(check("PKG_PDF_UNSUPPORTED", alg=row["algorithm"]))
            continue
        problem = signature_problem(row, newest=i == len(rows) - 1)
        if problem:
            out.append(check("PKG_PDF_SIGNATURE", detail=f"{row['field']}：{problem}"))
        elif row["fingerprint"] != fingerprint:
            out.append(check("PKG_PDF_SIGNER"))
    return out


def signature_problem(row: dict[str, Any], newest: bool) -> str:
    """Why a signature row is not acceptable ("" when it is); trust is judged apart."""
    if row.get("error"):
        return "签名无法核验"
    if not row.get("intact"):
        return "签名后文件被改动"
    if not row.get("valid"):
        return "签名值无效"
    if row.get("revoked"):
        return "签名证书已被吊销"
    if not row.get("docmdp_ok", True) or row.get("modification") == "OTHER":
        return "签名后有不允许的修改"
    if newest and row.get("coverage") != "ENTIRE_FILE":
        return "最新的签名之后文件还有未签名的修改"
    return ""


# --- the printed pages against the data ------------------------------------------------


@dataclass
class PageDiff:
    page: int  # 1-based
    missing: list[str]  # lines the data prints on this page that the file lacks
    extra: list[str]  # lines on the file's page the data does not print

    def describe(self) -> str:
        parts = []
        if self.extra:
            parts.append("文件中为：" + "｜".join(self.extra[:3]))
        if self.missing:
            parts.append("按数据应为：" + "｜".join(self.missing[:3]))
        return f"第 {self.page} 页与数据不符：" + "；".join(parts)


@dataclass
class PdfVerdict:
    """``zjtx verify FILE.pdf``: exit 0 when every page and every signature we can check
    agree, 1 when something differs, 2 when the file cannot be used."""

    unusable: str = ""  # why the file cannot be checked at all
    pages: int = 0
    diffs: list[PageDiff] = field(default_factory=list)
    signatures: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # signature and identity failures
    notes: list[str] = field(default_factory=list)  # trust, unsupported algorithms
    signed_expected: bool = False
    # pages (1-based) of a 自评结果 printed under rule versions not installed here: left out
    # of the comparison, said in ``notes`` — “无法在本机核验”, neither matching nor differing
    unchecked: list[int] = field(default_factory=list)
    # every difference lies in a 自评结果 re-rendered under this machine's rule versions (a
    # file that does not record its own): the rule packs may differ, said in ``notes``
    verdict_only: bool = False

    @property
    def matches(self) -> bool:
        return not self.unusable and not self.diffs and not self.problems

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else 0 if self.matches else 1

    def to_json(self) -> dict[str, Any]:
        return {
            "matches": self.matches,
            "unusable": self.unusable,
            "pages": self.pages,
            "differences": [
                {"page": d.page, "missing": d.missing, "extra": d.extra} for d in self.diffs
            ],
            "signatures": self.signatures,
            "problems": self.problems,
            "notes": self.notes,
            "unchecked_pages": self.unchecked,
        }


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]


def compare_pages(
    found: list[str], expected: list[str], left_out: Mapping[int, tuple[int, int]] | None = None
) -> list[PageDiff]:
    """Per page, the lines that differ (a page added or lost is a difference too).
    ``left_out``: by 0-based page, (head, tail): of the file's page only its first ``head`` and
    last ``tail`` lines are compared (the expected page holds just those), the rest is not;
    on those pages the 草稿 mark is left out too (the text extraction puts it among whatever
    lines lie under it, and those differ)."""
    import difflib

    out = []
    for i in range(max(len(found), len(expected))):
        a = _lines(found[i]) if i < len(found) else []
        b = _lines(expected[i]) if i < len(expected) else []
        if left_out and i in left_out:
            head, tail = left_out[i]
            a, b = _unmarked(a), _unmarked(b)
            if len(a) >= head + tail:
                a = a[:head] + a[len(a) - tail :]
        if a == b:
            continue
        extra, missing = [], []
        for op in difflib.ndiff(b, a):
            if op.startswith("+ "):
                extra.append(op[2:])
            elif op.startswith("- "):
                missing.append(op[2:])
        out.append(PageDiff(i + 1, missing, extra))
    return out


def embedded_data(pdf: bytes) -> dict[str, Any] | None:
    """The DATA.json attached to the PDF (None when there is none)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    blobs = reader.attachments.get(DATA_NAME)
    if not blobs:
        return None
    doc = json.loads(blobs[0].decode("utf-8"))
    return doc if isinstance(doc, dict) else None


def verify_pdf(
    path: Path, data: dict[str, Any] | None = None, trust: TrustStore | None = None
) -> PdfVerdict:
    """Re-create the pages from the PDF's own DATA.json (or ``data``: a DATA.json, or the
    forms of ``zjtx drafts show --json``) and compare them with the file's, page by page;
    then check its signatures offline. Never reads /Info (any viewer may change it)."""
    from zjtx_desktop.core.exchange.pagetext import page_texts
    from zjtx_desktop.core.export.printdoc import PrintDocError
    from zjtx_desktop.core.export.rerender import recorded_verdicts, rerender

    v = PdfVerdict()
    try:
        pdf = Path(path).read_bytes()
    except OSError as e:
        v.unusable = f"无法读取 {path}：{e.strerror}"
        return v
    if not pdf.startswith(b"%PDF"):
        v.unusable = f"{Path(path).name} 不是 PDF 文件"
        return v
    try:
        embedded = embedded_data(pdf)
    except Exception:  # pypdf raises many kinds for damaged files
        embedded = None
    doc = _with_data(embedded, data) if data is not None else embedded
    if doc is None:
        _signatures(v, pdf, {}, trust)
        if v.problems:  # a signed file whose data was damaged after signing
            v.problems.append("内嵌的申报数据（DATA.json）无法读取")
            return v
        v.unusable = "PDF 中没有内嵌的申报数据（DATA.json）：请用 --data 给出数据文件"
        return v
    try:
        found = page_texts(pdf)
        recorded = recorded_verdicts(doc)
        absent = {f: r for f, r in (recorded or {}).items() if r.missing}
        spans = {f: verdict_span(found, f) for f in absent}
        blank = {f: span[1] if span else 1 for f, span in spans.items()}
        expected = page_texts(rerender(doc, blank))
    except PrintDocError as e:
        v.unusable = str(e)
        return v
    except Exception as e:  # pdfium cannot read the file
        v.unusable = f"无法读取 PDF 页面：{e}"
        return v
    v.pages = len(found)
    left_out: dict[int, tuple[int, int]] = {}
    for f, r in absent.items():
        span = verdict_span(expected, f)
        if span is None:
            continue
        pages = range(span[0], span[0] + blank[f])
        left_out.update((i, _kept(expected[i])) for i in pages if i < len(expected))
        v.unchecked += [i + 1 for i in pages]
        v.notes.append(
            f"{_page_range(pages)}（自评结果）按规则 {_refs(r.missing)} 印制，"
            f"本机未安装该版本的规则包，这部分未比对、未经核验；安装该规则包后可核验"
        )
    v.diffs = compare_pages(found, expected, left_out)
    if recorded is None and v.diffs:
        _rules_hint(v, doc, found, expected)
    print_opts = doc.get("print") if isinstance(doc.get("print"), dict) else {}
    v.signed_expected = bool((print_opts or {}).get("signed"))
    _signatures(v, pdf, doc, trust)
    return v


_DRAFT_MARK = "草稿"  # the watermark of a draft export (``pdf``), on every page
_PAGE_LINE = re.compile(r"^第\s*\d+\s*页\s*共\s*\d+\s*页$")
_FORM_PAGE = r"表单\s*{}\s+v\S+\s+校验码\s*[0-9A-F]{{12}}-(\d+)/(\d+)"


def verdict_span(pages: list[str], form_id: str) -> tuple[int, int] | None:
    """(first page, 0-based; number of pages) of ``form_id``'s 自评结果: from the page where its
    heading and note begin to the form's last page (by the footer's place in the form)."""
    from zjtx_desktop.core.export.verdict import NOTE, TITLE

    footer = re.compile(_FORM_PAGE.format(re.escape(form_id)))
    for i, text in enumerate(pages):
        lines = _lines(text)
        heads = [k for k, ln in enumerate(lines[:-1]) if ln == TITLE]
        if not any(lines[k + 1].startswith(NOTE[:10]) for k in heads):
            continue
        m = footer.search(text)
        if m is None:
            continue
        n, count = int(m.group(1)), int(m.group(2))
        return i, max(1, min(count - n + 1, len(pages) - i))
    return None


def _kept(page: str) -> tuple[int, int]:
    """(head, tail) of a re-rendered 自评结果 page with nothing printed under the rules: the
    lines above the 自评结果 that belong to the form, the heading and the note; and the footer
    (第 x 页 共 y 页, the form's code), without the 草稿 mark."""
    lines = _unmarked(_lines(page))
    at = max((k for k, ln in enumerate(lines) if _PAGE_LINE.match(ln)), default=len(lines))
    return at, len(lines) - at


def _unmarked(lines: list[str]) -> list[str]:
    out = [ln.replace(_DRAFT_MARK, "").strip() for ln in lines]
    return [ln for ln in out if ln]


def _page_range(pages: range) -> str:
    first, last = pages[0] + 1, pages[-1] + 1
    return f"第 {first} 页" if first == last else f"第 {first}–{last} 页"


def _refs(refs: Sequence[tuple[str, str]]) -> str:
    return "、".join(f"{rid} v{version}" for rid, version in refs)


def _rules_hint(v: PdfVerdict, doc: dict[str, Any], found: list[str], expected: list[str]) -> None:
    """A file that does not record its rule versions, differing only in its 自评结果 pages (and
    the page numbers they shift): say the rule packs may differ, naming those installed here."""
    from zjtx_desktop.core.eligibility.loader import all_versions

    forms = [str(f.get("form")) for f in doc.get("forms") or [] if isinstance(f, dict)]
    verdict_pages: set[int] = set()
    for f in forms:
        for texts in (found, expected):
            span = verdict_span(texts, f)
            if span is not None:
                verdict_pages.update(range(span[0] + 1, span[0] + span[1] + 1))
    if not verdict_pages:
        return
    for d in v.diffs:
        if d.page not in verdict_pages and not all(_numbering(x) for x in d.missing + d.extra):
            return
    here = [rs for rs in all_versions() if set(rs.forms) & set(forms)]
    differing = sorted({d.page for d in v.diffs})
    v.verdict_only = True
    v.notes.append(
        f"第 {'、'.join(map(str, differing))} 页的差异只在自评结果（及其页码）中，"
        "可能来自规则包不同："
        f"这份文件没有记录印制时所用的规则版本（由较早的版本导出），本机按已安装的规则 "
        f"{_refs([(rs.id, rs.version) for rs in here])} 重新生成；"
        "请在导出文件的电脑上核验，或安装与导出时相同的规则包后再核验"
    )


def _numbering(line: str) -> bool:
    return bool(_PAGE_LINE.match(line) or re.search(r"校验码\s*[0-9A-F]{12}-\d+/\d+$", line))


def _with_data(embedded: dict[str, Any] | None, data: dict[str, Any]) -> dict[str, Any]:
    """Forms from the given data; how they were printed from the PDF's own DATA.json."""
    forms = data.get("forms") if "forms" in data else [data]
    doc = dict(embedded or {"format": "zjtx-print"})
    doc["forms"] = forms
    return doc


def _credit_code(doc: dict[str, Any]) -> str:
    from zjtx_desktop.core.forms.registry import get_form

    for f in doc.get("forms") or []:
        try:
            form = get_form(f["form"])
        except Exception:
            continue
        for fid, fd in form.fields.items():
            if fd.fact == "credit_code" and f.get("values", {}).get(fid):
                return str(f["values"][fid]).strip().upper()
    return ""


def _signatures(v: PdfVerdict, pdf: bytes, doc: dict[str, Any], trust: TrustStore | None) -> None:
    code = _credit_code(doc)
    pinned: list[bytes] = []
    try:
        rows = signature_rows(pdf, trust, [])
        if trust is not None and code:
            # a self-issued certificate pinned from the paper is a trust anchor for it
            pinned = [
                bytes.fromhex(r["cert_der"])
                for r in rows
                if r.get("cert_der") and trust.status(code, r["fingerprint"]) == "pinned"
            ]
            if pinned:
                rows = signature_rows(pdf, trust, pinned)
    except Exception as e:
        v.problems.append(f"无法读取签名（{e}）")
        return
    for r in rows:
        r.pop("cert_der", None)
    v.signatures = rows
    if not rows:
        if v.signed_expected:
            v.problems.append("未签名：这份交换文件应带签名，签名已被去掉（文件被重写过）")
        else:
            v.notes.append("未签名")
        return
    for i, row in enumerate(rows):
        name = row["field"]
        if row.get("unsupported"):
            v.notes.append(
                f"{name}：签名算法（{row['algorithm']}）无法在本机核验，请用签章平台核验"
            )
            continue
        problem = signature_problem(row, newest=i == len(rows) - 1)
        if problem:
            v.problems.append(f"{name}：{problem}")
            continue
        enterprise_field = not name.startswith("RecommenderSeal")
        if enterprise_field and code and row.get("credit_code") != code:
            got = row.get("credit_code") or "无"
            v.problems.append(
                f"{name}：SIGNER_MISMATCH 签名证书的统一社会信用代码（{got}）与数据中的 {code} 不符"
            )
            continue
        if row.get("trusted"):
            v.notes.append(f"{name}：签名有效，证书已核验")
        else:
            v.notes.append(f"{name}：签名有效，但证书未经核验（请核对纸质件上的签名指纹）")
