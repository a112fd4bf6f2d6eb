"""The 推荐单位 signs part 六 of an enterprise's booklet (signing.md §1.2 rev 5, §9 item 6).

The booklet is the enterprise's own signed ``print/booklet.pdf``, byte for byte from the
package archived at import (``booklets.booklet_bytes``); part 六's values are the official's
review kept in the workspace (``Workspace.part6``). Both go into one new incremental revision
(``pdfsign.sign_recommendation``): the values in the booklet's part-六 text fields and the
推荐单位（公章） approval signature, whose FieldMDP lock covers those fields, so a later change
of 推荐意见 breaks this signature while the enterprise's signatures stay valid.

The key is the unit's (``zjtx workspace key``: the same identity module as the enterprise's,
kept beside the workspace file, used for 退回 and 上报 too). It is tamper evidence between the
parties, not a legal 电子公章. Every refusal has a code and its Chinese message (``SignRefused``
lists them all); a signing is one audit row naming the file's SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.rights import EditRefused
from zjtx_desktop.core.workspace.booklets import booklet_bytes, file_name, recommended
from zjtx_desktop.core.workspace.review import APPLICATION_FORM
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

# the states in which the unit's opinion is decided and the booklet goes on (拟推荐, 已上报)
SIGNABLE = (State.RECOMMENDED, State.REPORTED)
# part 六's printed blanks (the booklet's ``part6_<id>`` text fields), with their labels
REQUIRED = {
    "review_class": "符合分类指标",
    "review_mandatory_count": "符合必备指标项数",
    "review_opinion": "推荐意见",
}
DATE = "review_date"
TICKS = ("class_indicator", "mandatory_indicators")  # the table's boxes, ticked by the official
RECOMMENDER_FIELD = "RecommenderSeal"
ACTION = "sign_part6"


class SignRefused(EditRefused):
    """Signing is not possible now: ``code`` and ``str(e)`` are the first reason's,
    ``reasons`` every one (each an ``EditRefused``: a stable code, a Chinese message)."""

    def __init__(self, reasons: list[EditRefused]) -> None:
        super().__init__(reasons[0].code, **reasons[0].params)
        self.reasons = reasons

    @property
    def messages(self) -> list[str]:
        return [str(r) for r in self.reasons]


@dataclass(frozen=True)
class SignedPart6:
    path: Path
    values: dict[str, str]  # field id → the text written on its blank
    sha256: str  # of the signed file (also in the audit row)
    fingerprint: str  # the unit's certificate


def unit_key_path(ws_path: Path) -> Path:
    """The unit's PKCS#12, beside the workspace file (``zjtx workspace key`` makes it)."""
    return ws_path.with_name(ws_path.name + ".identity.p12")


def default_name(ws: Workspace, app_id: str) -> str:
    """``03_企业名称_推荐单位签署.pdf``: the booklet export's name (汇总表 序号 when the
    application is in it) with what was added, so it never overwrites the unsigned one."""
    app = ws.application(app_id)
    rows = recommended(ws)
    number = next((i for i, a in enumerate(rows, 1) if a.id == app.id), app.rank)
    width = max(2, len(str(max(len(rows), number))))
    return file_name(number, width, app.enterprise).removesuffix(".pdf") + "_推荐单位签署.pdf"


def _date_text(value: Any) -> str:
    """``2021年5月6日``: how the date is written on the printed 日期 line."""
    return f"{value.year}年{value.month}月{value.day}日"


def part6_texts(ws: Workspace, app_id: str, today: dt.date | None = None) -> dict[str, str]:
    """The text for each part-六 blank from the official's review: 分类 ``a类``, 项数, 推荐意见
    and 日期 (the one typed in part 六, else the day of signing), and the 初核指标 ticked
    (``class_indicator`` ``a``, ``mandatory_indicators`` ``1、3、4``). Raises SignRefused when a
    value is missing or cannot be read."""
    app = ws.application(app_id)
    if APPLICATION_FORM not in ws.current(app.id).data:
        raise SignRefused([EditRefused("SIGN_NO_PART6")])
    kept = ws.part6(app.id)
    st = ws.session(app.id).state(APPLICATION_FORM)
    reasons: list[EditRefused] = []
    out: dict[str, str] = {}
    for fid, label in REQUIRED.items():
        value = st.value(fid)
        if kept.get(fid) in (None, "", []):
            reasons.append(EditRefused("SIGN_PART6_MISSING", label=label))
        elif value is None:
            reasons.append(EditRefused("SIGN_PART6_BAD", label=label, value=kept[fid]))
        else:
            out[fid] = f"{value}类" if fid == "review_class" else str(value)
    # the 初核指标 ticks (not required: a box left empty is a box not ticked)
    for fid in TICKS:
        value = st.value(fid) if kept.get(fid) not in (None, "", []) else None
        if value:
            out[fid] = "、".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kept.get(DATE) in (None, "", []):
        out[DATE] = _date_text(today or dt.date.today())
    elif st.value(DATE) is None:
        reasons.append(EditRefused("SIGN_PART6_BAD", label="日期", value=kept[DATE]))
    else:
        out[DATE] = _date_text(st.value(DATE))
    if reasons:
        raise SignRefused(reasons)
    return out


def refusals(ws: Workspace, app_id: str, key: Path | None = None) -> list[EditRefused]:
    """Every reason the unit cannot sign this application's part 六 now ([] when it can);
    ``key``, when given, is the PKCS#12 the view will ask the passphrase for."""
    app = ws.application(app_id)
    if APPLICATION_FORM not in ws.current(app.id).data:  # 基本情况表 and 目标表 only
        return [EditRefused("SIGN_NO_PART6")]
    out: list[EditRefused] = []
    try:
        _booklet_with_fields(ws, app.id)
    except SignRefused as e:
        out += e.reasons
    if app.state not in SIGNABLE:
        out.append(EditRefused("SIGN_STATE", state=app.state))
    try:
        part6_texts(ws, app.id)
    except SignRefused as e:
        out += e.reasons
    else:
        problem = ws.recommend_problem(app.id) if app.state == State.RECOMMENDED else ""
        if problem:  # changed since 拟推荐: a 不同意, a 须修改 comment, a PDF flag …
            out.append(EditRefused("SIGN_NOT_RECOMMENDABLE", problem=problem))
    if key is not None and not key.is_file():
        out.append(EditRefused("SIGN_NO_KEY", path=key))
    return out


def _booklet_with_fields(ws: Workspace, app_id: str) -> bytes:
    """The archived booklet, refused when there is none or it has no part-六 fields."""
    from zjtx_desktop.core.exchange.part6 import PREFIX

    try:
        pdf = booklet_bytes(ws, app_id)
    except WorkspaceError as e:
        code = "SIGN_NO_BOOKLET" if "DATA.json" in str(e) else "SIGN_BOOKLET_UNUSABLE"
        raise SignRefused([EditRefused(code, why=str(e))]) from None
    names = _field_names(pdf)
    ids = {n[len(PREFIX) :] for n in names if n.startswith(PREFIX)}
    # a booklet prepared before the boxes had fields has one text field for the class and date
    holds = [any(f == i or i.startswith(f + "_") for i in ids) for f in (*REQUIRED, DATE)]
    if not all(holds) or RECOMMENDER_FIELD not in names:
        raise SignRefused([EditRefused("SIGN_NO_FIELDS")])
    return pdf


def _field_names(pdf: bytes) -> set[str]:
    import io

    from pypdf import PdfReader

    try:
        return set(PdfReader(io.BytesIO(pdf)).get_fields() or {})
    except Exception:  # pypdf raises many kinds for a damaged file
        return set()


def sign_part6(
    ws: Workspace, app_id: str, identity: Any, target: Path, today: dt.date | None = None
) -> SignedPart6:
    """Write the booklet signed by the 推荐单位 to ``target`` (one audit row); raises
    SignRefused with every reason, OSError when ``target`` cannot be written."""
    from zjtx_desktop.core.exchange.pdfsign import sign_recommendation

    app = ws.application(app_id)
    reasons = refusals(ws, app.id)
    if identity is None:
        reasons.append(EditRefused("SIGN_NO_KEY", path=unit_key_path(ws.path)))
    if reasons:
        raise SignRefused(reasons)
    values = part6_texts(ws, app.id, today)
    signed = sign_recommendation(_booklet_with_fields(ws, app.id), identity, values)
    target = Path(target)
    part = target.with_name(target.name + ".part")
    part.write_bytes(signed)
    part.replace(target)  # never a half-written PDF under the chosen name
    sha = hashlib.sha256(signed).hexdigest()
    with ws.transaction():
        ws.log(
            ACTION,
            application_id=app.id,
            revision=app.revision,
            form_id=APPLICATION_FORM,
            new={"values": values, "sha256": sha, "signer": identity.fingerprint},
            reason="推荐单位签署第六部分（防篡改，非电子公章）",
            ref=target.name,
        )
    return SignedPart6(target, values, sha, identity.fingerprint)
