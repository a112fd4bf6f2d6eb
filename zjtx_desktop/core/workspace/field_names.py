"""A field named as the forms print it, for officials who never type field ids: the comment
picker's targets (comment_targets.py) and every view of a comment's place (``Comment.place``).
Its own module so the workspace's ``Comment`` can use it without importing the picker."""

from __future__ import annotations

from zjtx_desktop.core.forms.registry import UnknownForm, get_form

SEPARATOR = " › "


def field_name(form_id: str, field_id: str) -> str:
    """'表名 › 部分 › 官方标签（年份/列）' of one field; the id itself for an unknown form/field."""
    try:
        form = get_form(form_id)
    except UnknownForm:
        return field_id
    f = form.fields.get(field_id)
    if f is None:
        return field_id
    section = form.sections.get(f.section)
    parts = [form.short_title or form.title, section.title if section else "", f.display_label]
    return SEPARATOR.join(p for p in parts if p)


def comment_place(form_id: str, field_id: str, file: str = "", slot: str = "") -> str:
    """Where a comment points, as a person reads the forms: the field's printed label
    (“营业收入（2020年）”, its row in brackets), “佐证材料 E003” or “整体” — what the
    window's list, ``zjtx review comments`` and the enterprise's ``package open-return``
    show instead of ``nat-xjr-application-2021 operating_revenue.y2``."""
    if form_id == "evidence":
        return f"佐证材料 {file}".strip()
    if not field_id:
        return "整体"
    label = field_name(form_id, field_id).split(SEPARATOR)[-1]
    return f"{label}（{slot}）" if slot else label
