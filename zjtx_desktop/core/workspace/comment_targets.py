"""What an official may comment on in one application, named as a person reads the forms.

The window's picker lists these instead of asking for field ids (county officials do not know
``operating_revenue.y2``): every field the enterprise fills in each of the application's forms
("小巨人申请书（第三批） › 二、经济效益 › 营业收入（2020年）"), each 佐证材料
("佐证材料 E003 审计报告") and 整体意见. Each name maps to exactly the arguments
``Workspace.add_comment`` takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from zjtx_desktop.core.forms.registry import UnknownForm, get_form
from zjtx_desktop.core.workspace.field_names import SEPARATOR, comment_place, field_name
from zjtx_desktop.core.workspace.review import RECOMMENDER_ROLE, form_order
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

__all__ = ["SEPARATOR", "CommentTarget", "comment_place", "comment_targets", "field_name"]

GENERAL_TEXT = "整体意见"


@dataclass(frozen=True)
class CommentTarget:
    text: str  # what the official sees and types
    form_id: str  # a form id, "evidence" or "general"
    field_id: str = ""
    slot: str = ""
    file: str = ""  # the evidence item ("E003") when form_id is "evidence"


def comment_targets(ws: Workspace, app_id: str) -> list[CommentTarget]:
    """Every target of the application's current revision, in the forms' order; fields the
    recommender fills (part 六, the cover's 推荐单位) are left out: the official's own
    entries are not the enterprise's to correct."""
    sub = ws.current(app_id)
    out = [CommentTarget(GENERAL_TEXT, "general")]
    for form_id in form_order(list(sub.data)):
        try:
            form = get_form(form_id)
        except UnknownForm:
            continue
        for f in form.fields.values():
            if form.filler(f) != RECOMMENDER_ROLE:
                out.append(CommentTarget(field_name(form_id, f.id), form_id, f.id))
    for e in sub.evidence:
        key = str(e.get("path", "")).rsplit("/", 1)[-1].split(".")[0]
        title = str(e.get("title", ""))
        out.append(CommentTarget(f"佐证材料 {key} {title}".strip(), "evidence", file=key))
    return out


def find_target(targets: list[CommentTarget], query: str) -> CommentTarget:
    """The target ``query`` names, for the window's picker and ``zjtx review comment
    --target``: its whole text, a field id or evidence number (for those who know them), or
    a part of its text that only one entry contains. Raises WorkspaceError saying why not."""
    text = query.strip()
    if not text:
        raise WorkspaceError("请选择意见针对的字段、佐证材料或“整体意见”")
    exact = next((t for t in targets if text in (t.text, t.field_id, t.file)), None)
    if exact is not None:
        return exact
    hits = [t for t in targets if text in t.text]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise WorkspaceError(
            f"没有“{text}”这一项：请输入字段名称的一部分（如“营业收入”）后从列表中选择"
        )
    shown = "；".join(t.text for t in hits[:5]) + ("；……" if len(hits) > 5 else "")
    raise WorkspaceError(f"有 {len(hits)} 项包含“{text}”，请写得更具体：{shown}")
