"""Adding the 自评表 to an application that was started without it (a 申请书, a 基本情况表).

The 自评表 shares the enterprise's facts with the forms already there (企业名称, 统一社会信用
代码, each year's 营业收入 and 研发费用 … — the ``fact:`` keys of the form definitions), so what
was typed once shows in it at once and is never asked twice; only what the 2022 / 2026
standards read and the 2021 forms do not hold is left to fill. The self-check then applies the
rule versions its 自评日期 and 申请类型 choose, beside the application's own rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjtx_desktop.core.rights import Role

if TYPE_CHECKING:
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.forms.model import FormDef
    from zjtx_desktop.core.store.drafts import DraftStore

SELF_ASSESSMENT = "self-assessment-2026"
KIND = "self_assessment"


class AddFormRefused(Exception):
    """The 自评表 cannot be added now; ``str(e)`` says why, in Chinese."""


def why_not_add(store: DraftStore, app_id: str, role: str = Role.ENTERPRISE) -> str:
    """Why the 自评表 cannot be added to ``app_id`` ("" when it can)."""
    from zjtx_desktop.core.forms.registry import get_form

    record = store.get(app_id)
    if role != Role.ENTERPRISE:
        return "自评表由企业填写：请以企业身份打开本申报后添加"
    if record.status == "final":
        return "本申报已定稿，不能添加表单：如需添加，请先重新编辑"
    if store.read_only:
        return store.read_only_reason
    for fid, _version in record.forms:
        if fid == SELF_ASSESSMENT or get_form(fid).kind == KIND:
            return "本申报已有自评表"
    return ""


def add_self_assessment(store: DraftStore, app_id: str, role: str = Role.ENTERPRISE) -> FormDef:
    """Add the 自评表 to ``app_id``; raises ``AddFormRefused`` (nothing changed) when it
    cannot be added. The caller opens the application again to see it."""
    from zjtx_desktop.core.forms.registry import get_form

    reason = why_not_add(store, app_id, role)
    if reason:
        raise AddFormRefused(reason)
    form = get_form(SELF_ASSESSMENT)
    store.add_form(
        app_id, form, f"添加{form.short_title or form.title}（{form.id} v{form.version}）"
    )
    return form


def shared_fields(app: OpenApplication) -> list[str]:
    """The 自评表's fields that already show a value from the other forms (for the message
    after adding it: what the user need not type again)."""
    st = app.session.states.get(SELF_ASSESSMENT)
    if st is None:
        return []
    return [
        f.display_label for f in st.form.fields.values() if f.fact and st.value(f.id) is not None
    ]
