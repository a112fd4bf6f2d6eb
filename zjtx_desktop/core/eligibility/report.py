"""Results as JSON (``zjtx check --json``) and as plain text lines (terminal, README)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.evaluate import field_label
from zjtx_desktop.core.eligibility.explain import basis_text, unknown_text, value_text
from zjtx_desktop.core.eligibility.model import FieldRef, RuleSetResult

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession


def _labels(session: ApplicationSession, r: RuleSetResult) -> dict[FieldRef, str]:
    refs = {f for c in r.criteria for f in (*c.fields, *c.missing)}
    return {ref: field_label(session, ref) for ref in refs}


def highlight_text(r: RuleSetResult, session: ApplicationSession) -> list[tuple[str, str]]:
    out = []
    for label, qv in r.highlights:
        if qv.value is None:
            shown = unknown_text(qv, lambda ref: field_label(session, ref))
        else:
            basis = basis_text(qv)
            shown = value_text(qv) + (f"（{basis}）" if basis else "")
        out.append((label, shown))
    return out


def result_json(r: RuleSetResult, session: ApplicationSession) -> dict[str, Any]:
    rs = r.ruleset
    labels = _labels(session, r)
    return {
        "id": rs.id,
        "title": rs.title,
        "document": rs.document,
        "date": rs.date,
        "version": rs.version,
        "programme": rs.programme,
        "status": r.status.value,
        "groups": [g.as_json() for g in r.groups],
        "highlights": [{"label": k, "value": v} for k, v in highlight_text(r, session)],
        "criteria": [c.as_json(labels) for c in r.criteria],
    }


def result_lines(r: RuleSetResult, session: ApplicationSession) -> list[str]:
    rs = r.ruleset
    lines = [
        T.RULESET_LINE.format(
            title=rs.title, document=rs.document, status=T.STATUS_TEXT[r.status.value]
        )
    ]
    for label, shown in highlight_text(r, session):
        lines.append(f"  {label}：{shown}")
    for g in r.groups:
        lines.append(
            "  "
            + T.GROUP_LINE.format(
                title=g.group.title,
                status=T.STATUS_TEXT[g.status.value],
                met=g.met,
                not_met=g.not_met,
                unknown=g.unknown,
            )
            + ("" if g.gate else T.NOT_GATE)
        )
        for c in r.criteria:
            if c.criterion.group != g.group.id:
                continue
            mark = T.STATUS_MARK[c.status.value]
            lines.append(f"    {mark} [{c.criterion.id}] {c.criterion.title}")
            lines.append(f"        {T.STATUS_TEXT[c.status.value]}：{c.explanation}")
    return lines
