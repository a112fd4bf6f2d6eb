"""Who the paper is about: the default 申报编号 and the check of the name typed to sign.

The 申报编号 printed in every footer and QR code must tell applications apart. A stored
application has its own id; an export from a DATA.json used to take the file's name, so two
enterprises' ``DATA.json`` printed the same 申报编号. ``default_app_id`` derives it from what
identifies an application instead: the enterprise and the batch of its forms (stable across
edits and machines, different for two enterprises or two batches).
"""

from __future__ import annotations

import hashlib

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.fieldtypes import fold

LEGAL_REP_LABEL = "法定代表人"


def _values_of(session: ApplicationSession, *, type_: str = "", label: str = "") -> list[str]:
    out: list[str] = []
    for st in session.states.values():
        for f in st.form.fields.values():
            if (type_ and f.type == type_) or (label and f.label == label):
                v = st.value(f.id)
                if isinstance(v, str) and v.strip():
                    out.append(v.strip())
    return out


def _batch_of(form_id: str) -> str:
    """Region and batch from a form id: ``jl-zd-basic-2021b2`` → ``jl-2021b2``."""
    parts = form_id.split("-")
    return f"{parts[0]}-{parts[-1]}" if len(parts) > 1 else form_id


def default_app_id(session: ApplicationSession) -> str:
    """``<region-batch>-<10 hex digits of the 企业名称>`` (``jl-2021b2-3F47977DDC``): the same
    for the 基本情况表 and 目标表 of one enterprise (every form prints 企业名称, not every
    form its 信用代码), different for two enterprises or two batches; without a name, the
    统一社会信用代码; "" when neither is filled."""
    batch = "+".join(sorted({_batch_of(st.form.id) for st in session.states.values()}))
    names = _values_of(session, label="企业名称")
    if names:
        name = "".join(fold(names[0]).split())
        return f"{batch}-{hashlib.sha256(name.encode()).hexdigest()[:10].upper()}"
    codes = _values_of(session, type_="uscc")
    return f"{batch}-{codes[0]}" if codes else ""


def signature_mismatch(session: ApplicationSession, name: str) -> str:
    """A message when the name typed for 法定代表人（签名） is not the 法定代表人 of the form
    ("" when it is, or when either is blank)."""
    typed = "".join(fold(name).split())
    if not typed:
        return ""
    reps = _values_of(session, label=LEGAL_REP_LABEL)
    if not reps or any("".join(fold(r).split()) == typed for r in reps):
        return ""
    return f"签名处的姓名“{name.strip()}”与表中填写的法定代表人“{reps[0]}”不一致：请核对"
