"""Paper that proves itself: canonical data, its SHA-256, the footer digest and the QR text.

The canonical data of a form is what its paper prints: the values of printed, relevant fields
of the parts the copy shows (part 六 is not on the enterprise's copy), normalised as printed
(numbers and codes; texts as typed, trimmed), in a JSON text with sorted keys. Its SHA-256
goes into the QR code in full and, as the first 12 hex digits, into every page footer.
``check_code`` answers whether data matches a code read off the paper.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zjtx_desktop.core.engine.session import FormState
from zjtx_desktop.core.fieldtypes import fold
from zjtx_desktop.core.forms.model import FieldDef, FormDef

SHORT_LEN = 12
QR_PREFIX = "ZJTX"


def printed(form: FormDef, f: FieldDef) -> bool:
    """Fields that appear on the official form (not tool-only helpers or helper sections)."""
    return not f.helper and form.sections[f.section].printed


def shows_values(form: FormDef, f: FieldDef, copy: str) -> bool:
    """Whether this copy prints the field's value: the enterprise copy leaves the
    recommender's part empty."""
    return copy != "enterprise" or form.filler(f) == "enterprise"


def _canon(v: Any) -> Any:
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, list):
        return [_canon(x) for x in v]
    if isinstance(v, Decimal | float):
        return format(Decimal(str(v)), "f")
    return v


NORMALISED = ("integer", "amount", "percent", "year")


def _as_printed(f: FieldDef, raw: Any, parsed: Any) -> Any:
    """The value as the paper prints it: numbers, codes and provinces in their normalised
    form (“２６８００” and “26800” print alike, a lower-case 信用代码 prints upper-case),
    dates folded to ASCII digits; texts and choices as typed (trimmed)."""
    value = parsed.value if parsed is not None else None
    if value is not None and f.type in ("uscc", "province"):
        return value
    if value is not None and f.type in NORMALISED:
        return format(Decimal(value), "f")
    if value is not None and f.type == "date":
        return fold(str(raw).strip())
    return _canon(raw)


def canonical_values(state: FormState, copy: str = "enterprise") -> dict[str, Any]:
    form = state.form
    out: dict[str, Any] = {}
    for fid, f in form.fields.items():
        if not printed(form, f) or not shows_values(form, f, copy):
            continue
        if not state.relevant.get(fid, True):
            continue
        raw = state.raw(fid)
        if raw is None or raw == "" or raw == []:
            continue
        out[fid] = _as_printed(f, raw, state.parsed.get(fid))
    return out


def canonical_bytes(form: FormDef, values: dict[str, Any], version: str | None = None) -> bytes:
    """The hashed text: form id, form version (``version`` overrides the definition's, for
    data filled against another version) and the printed values."""
    doc = {
        "form": form.id,
        "version": form.version if version is None else version,
        "values": values,
    }
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


def form_sha256(state: FormState, copy: str = "enterprise") -> str:
    return hashlib.sha256(canonical_bytes(state.form, canonical_values(state, copy))).hexdigest()


def short_digest(sha256: str) -> str:
    return sha256[:SHORT_LEN].upper()


def footer_text(proof: Any, page: str = "") -> str:
    """The small footer line of every page in every format: application id, form and version,
    and the 校验码; a blank form (no data, no digest) says it is to be filled by hand.
    ``page`` ("2/8": this page's place in its form) follows the code on PDF pages, so a page
    swapped in from another application or revision shows it."""
    form = f"{proof.form_id} v{proof.version}" if proof.form_id != "*" else "全部表单"
    if not proof.sha256:
        return f"表单 {form}　空白表（手工填写）"
    app = proof.app_id or "（未入库）"
    code = f"{proof.short}-{page}" if page else proof.short
    return f"申报编号 {app}　表单 {form}　校验码 {code}"


def qr_payload(proof: Any) -> str:
    """``ZJTX|app id|form id|version|sha256[|signer fingerprint]`` — plain text any phone
    scanner shows; the full SHA-256 (and the full certificate fingerprint when the paper
    is signed), never the short code."""
    parts = [QR_PREFIX, proof.app_id, proof.form_id, proof.version, proof.sha256]
    if getattr(proof, "signer", ""):
        parts.append(proof.signer)
    return "|".join(parts)


@dataclass(frozen=True)
class Code:
    """A code read off the paper: a short digest, a full SHA-256 or the QR text."""

    digest: str  # lower-case hex, 12 or 64 digits
    form_id: str = ""
    app_id: str = ""
    version: str = ""
    signer: str = ""  # the signing certificate's SHA-256 (QR codes of signed paper)


class BadCode(ValueError):
    pass


def parse_code(text: str) -> Code:
    t = text.strip()
    if t.upper().startswith(QR_PREFIX + "|"):
        parts = t.split("|")
        hex64 = r"[0-9a-fA-F]{64}"
        if (
            len(parts) not in (5, 6)
            or not re.fullmatch(hex64, parts[4])
            or (len(parts) == 6 and not re.fullmatch(hex64, parts[5]))
        ):
            raise BadCode("二维码内容应为 ZJTX|申报编号|表单|版本|SHA-256[|签名指纹]")
        signer = parts[5].lower() if len(parts) == 6 else ""
        return Code(parts[4].lower(), parts[2], parts[1], parts[3], signer)
    t = re.sub(r"-\d+/\d+$", "", t)  # the footer's page suffix (3F47973DDC01-2/8)
    hexpart = re.sub(r"[\s\-]", "", t)
    if re.fullmatch(r"[0-9a-fA-F]{64}", hexpart) or re.fullmatch(
        rf"[0-9a-fA-F]{{{SHORT_LEN}}}", hexpart
    ):
        return Code(hexpart.lower())
    raise BadCode(f"校验码应为页脚上的{SHORT_LEN}位校验码、64位SHA-256或二维码内容")


def check_code(state: FormState, code: Code, copy: str = "enterprise") -> bool:
    """Whether the data of ``state`` is the data printed on the paper that carries ``code``."""
    if code.form_id and code.form_id != state.form.id:
        return False
    return form_sha256(state, copy).startswith(code.digest)


def application_sha256(form_digests: list[str]) -> str:
    """Digest of a whole application: its forms' digests in order, one per line."""
    return hashlib.sha256("\n".join(form_digests).encode("ascii")).hexdigest()
