"""Results as JSON (``zjtx check --json``) and as plain text lines (terminal, README)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.evaluate import field_label
from zjtx_desktop.core.eligibility.explain import basis_text, unknown_text, value_text
from zjtx_desktop.core.eligibility.model import (
    FieldRef,
    GroupResult,
    RuleSet,
    RuleSetResult,
    ScoreResult,
)

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


def _num(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


def score_json(sr: ScoreResult, session: ApplicationSession) -> dict[str, Any]:
    """``{"total": n, "parts": {group: n}, …}`` with every indicator's working.

    While an indicator is still unknown, ``total``/``parts`` count the known points only and
    ``complete`` is false; ``pending`` is the most the unknown indicators could add.
    """
    return {
        "total": _num(sr.total),
        "parts": {g.id: _num(sr.part(g.id)) for g in sr.table.groups},
        "max": _num(sr.table.max),
        "complete": sr.complete,
        "pending": _num(sr.pending()),
        "groups": [
            {"id": g.id, "title": g.title, "max": _num(g.max), "points": _num(sr.part(g.id))}
            for g in sr.table.groups
        ],
        "indicators": [
            {
                "id": i.indicator.id,
                "title": i.indicator.title,
                "group": i.indicator.group,
                "max": _num(i.indicator.max),
                "points": None if i.points is None else _num(i.points),
                "option": i.band.option if i.band else None,
                "band": i.band.label if i.band else None,
                "figure": i.figure,
                "branch": i.branch or None,
                "others": list(i.others),
                "warnings": list(i.warnings),
                "missing": [
                    {"form": ref[0], "field": ref[1], "label": field_label(session, ref)}
                    for ref in i.missing
                ],
            }
            for i in sr.indicators
        ],
    }


def result_json(r: RuleSetResult, session: ApplicationSession) -> dict[str, Any]:
    rs = r.ruleset
    labels = _labels(session, r)
    out: dict[str, Any] = {
        "id": rs.id,
        "title": rs.title,
        "document": rs.document,
        "date": rs.date,
        "version": rs.version,
        "programme": rs.programme,
        "grade": rs.grade or None,
        "grade_note": rs.grade_note or None,
        "context": r.context or None,
        "status": r.status.value,
        "groups": [g.as_json() for g in r.groups],
        "highlights": [{"label": k, "value": v} for k, v in highlight_text(r, session)],
        "criteria": [c.as_json(labels) for c in r.criteria],
    }
    if r.score is not None:
        out["score"] = score_json(r.score, session)
    return out


def score_lines(sr: ScoreResult, session: ApplicationSession) -> list[str]:
    """The points table with its working, one line per indicator."""
    state = "" if sr.complete else T.SCORE_INCOMPLETE.format(pending=_fmt(sr.pending()))
    lines = [
        T.SCORE_LINE.format(
            title=sr.table.title, total=_fmt(sr.total), max=_fmt(sr.table.max), state=state
        )
    ]
    for g in sr.table.groups:
        lines.append(
            "  " + T.SCORE_GROUP.format(title=g.title, points=_fmt(sr.part(g.id)), max=_fmt(g.max))
        )
        for i in sr.indicators:
            if i.indicator.group != g.id:
                continue
            head = f"    [{i.indicator.id}] {i.indicator.title}："
            if i.points is None:
                missing = "、".join(field_label(session, f) for f in i.missing)
                body = T.INDICATOR_UNKNOWN.format(max=_fmt(i.indicator.max)) + (
                    f"（{T.MISSING.format(fields=missing)}）" if missing else ""
                )
            else:
                band = f"{i.band.option}档 {i.band.label} → " if i.band else ""
                body = f"{band}{_fmt(i.points)}/{_fmt(i.indicator.max)}分（{i.figure}）"
            extra = [x for x in (i.branch, *i.others, *i.warnings) if x]
            lines.append(head + body + ("；" + "；".join(extra) if extra else ""))
    return lines


def _fmt(v: Decimal) -> str:
    return str(_num(v))


def group_line(g: GroupResult) -> str:
    """One group's verdict and counts, as the panel, the text report and the paper say it."""
    counts = T.GROUP_LINE.format(
        title=g.group.title,
        status=T.STATUS_TEXT[g.status.value],
        met=g.met,
        not_met=g.not_met,
        unknown=g.unknown,
    )
    return counts + ("" if g.gate else T.NOT_GATE)


def result_lines(r: RuleSetResult, session: ApplicationSession) -> list[str]:
    rs = r.ruleset
    lines = [
        T.RULESET_LINE.format(
            title=rs.title, document=rs.document, status=T.STATUS_TEXT[r.status.value]
        )
    ]
    if r.context:
        lines.append(f"  {r.context}")
    for label, shown in highlight_text(r, session):
        lines.append(f"  {label}：{shown}")
    if r.score is not None:
        lines += ["  " + line for line in score_lines(r.score, session)]
    for g in r.groups:
        lines.append("  " + group_line(g))
        for c in r.criteria:
            if c.criterion.group != g.group.id:
                continue
            mark = T.STATUS_MARK[c.status.value]
            lines.append(f"    {mark} [{c.criterion.id}] {c.criterion.title}")
            lines.append(f"        {T.STATUS_TEXT[c.status.value]}：{c.explanation}")
    return lines


def applied_lines(results: list[RuleSetResult]) -> list[str]:
    """For the top of the self-check panel: the assessment once, then each rule version used."""
    chosen = [r for r in results if r.context]
    if not chosen:
        return []
    a = chosen[0].assessment
    lines = [T.APPLIED_HEAD.format(date=a.date, type=a.app_type, basis=a.basis)]
    for r in chosen:
        rs = r.ruleset
        line = f"{rs.short_title}：{rs.document}（第{rs.version}版）"
        if r.overlays:
            line += "＋" + "、".join(o.document for o in r.overlays)
        if rs.grade:
            line += f"，{T.GRADE.format(grade=rs.grade)}"
        if rs.grade_note:
            line += f"（{rs.grade_note}）"
        lines.append(line)
    return lines


def rules_caption(sets: Sequence[RuleSet]) -> str:
    """“判断依据：…”: the rules a printed verdict follows — title, document, id, version and
    confidence grade of each (an overlay after its base) — one wording for every export that
    carries a verdict (the 初核清单, the 自评表's 自评结果)."""
    named = "；".join(_named(r) for r in sets)
    return f"判断依据：{named}" if named else "判断依据：（未找到规则集）"


def _named(r: RuleSet) -> str:
    grade = f"，{T.GRADE.format(grade=r.grade)}" if r.grade else ""
    note = f"：{r.grade_note}" if r.grade_note else ""
    return f"{r.title}（{r.document}，{r.id} v{r.version}{grade}{note}）"
