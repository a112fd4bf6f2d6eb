"""The 自评结果 printed after a 自评表: the verdict of every rule set that reads it.

The issue asks that the rules applied be "printed in every export that carries a verdict".
A 自评表 exists to be checked, so its export carries the check: which rule versions the
assessment date and type chose (as at the top of the self-check panel), then for each rule set
its verdict, the points table with its working and totals where it has one, every criterion
with the figures that decided it, and under it “判断依据：…” (title, document, version, grade)
in the same wording as the 初核清单 (``eligibility.report.rules_caption``). The date-chosen
versions are printed, never the panel's on-screen override: paper states the rules that apply.
Without a 自评日期 no verdict is printed (only a line asking for it): the panel falls back to
today, but paper must read the same when it is re-rendered from its DATA.json another day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjtx_desktop.core.export.model import Block, Cell, Row, Table, Text

if TYPE_CHECKING:
    from zjtx_desktop.core.eligibility.model import RuleSetResult, ScoreResult
    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.forms.model import FormDef

TITLE = "自评结果"
NOTE = (
    "以下结论由本程序按所列规则和本表数据计算，仅供自查，不代替认定机关的评审。"
    "“尚不能判断”的条件须补充数据、由企业声明或由审核人员判断；"
    "专精特新发展质量评价得分以平台评价结果为准，本程序不估算。"
)
NO_DATE = "未填写自评日期：填写后，按该日期和申请类型选用的认定标准在此打印自评结果。"
WIDTHS = (0.42, 0.14, 0.44)  # [编号] 条件或指标 | 结论或得分 | 依据的数据


def verdict_blocks(form: FormDef, session: ApplicationSession) -> list[Block]:
    """The 自评结果 of ``form`` (a 自评表) over ``session``; nothing when no rule set reads it."""
    from zjtx_desktop.core.eligibility.choose import assessment_of
    from zjtx_desktop.core.eligibility.override import evaluate_with
    from zjtx_desktop.core.eligibility.report import applied_lines, rules_caption

    results = [
        r for r in evaluate_with(session, assessment_of(session)) if form.id in r.ruleset.forms
    ]
    if not results:
        return []
    if "assessment_date" in form.fields and session.state(form.id).value("assessment_date") is None:
        return [Text(TITLE, "heading"), Text(NO_DATE, "instruction")]
    out: list[Block] = [Text(TITLE, "heading"), Text(NOTE, "instruction")]
    applied = applied_lines(results)
    if applied:
        out.append(Text("\n".join(applied), "body"))
    for r in results:
        out.append(_table(r, session))
        out.append(Text(rules_caption([r.ruleset, *r.overlays]), "note"))
    return out


def _table(r: RuleSetResult, session: ApplicationSession) -> Table:
    from zjtx_desktop.core.eligibility import text as T
    from zjtx_desktop.core.eligibility.report import group_line

    status = T.STATUS_TEXT[r.status.value]
    rows = [
        Row([Cell(f"{r.ruleset.title}：{status}", "header", colspan=3)], header=True),
        Row([Cell(h, "header") for h in ("条件或指标", "结论或得分", "依据的数据")], True),
    ]
    if r.score is not None:
        rows += _score_rows(r.score, session)
    for g in r.groups:
        rows.append(Row([Cell(group_line(g), "label", colspan=3)]))
        for c in r.criteria:
            if c.criterion.group != g.group.id:
                continue
            rows.append(
                Row(
                    [
                        Cell(f"[{c.id}] {c.title}", long=True),
                        Cell(T.STATUS_TEXT[c.status.value], center=True),
                        Cell(c.explanation, long=True),
                    ]
                )
            )
    return Table(WIDTHS, rows)


def _score_rows(sr: ScoreResult, session: ApplicationSession) -> list[Row]:
    """The points table with its working: each indicator's band, points and deciding figure,
    each group's points, then the total (and what is still open)."""
    from zjtx_desktop.core.eligibility import text as T
    from zjtx_desktop.core.eligibility.evaluate import field_label
    from zjtx_desktop.core.eligibility.report import _fmt

    rows: list[Row] = []
    for g in sr.table.groups:
        rows.append(
            Row(
                [
                    Cell(g.title, "label"),
                    Cell(f"{_fmt(sr.part(g.id))}/{_fmt(g.max)}分", center=True),
                    Cell(""),
                ]
            )
        )
        for i in sr.indicators:
            if i.indicator.group != g.id:
                continue
            if i.points is None:
                points = T.INDICATOR_UNKNOWN.format(max=_fmt(i.indicator.max))
                missing = "、".join(field_label(session, f) for f in i.missing)
                working = T.MISSING.format(fields=missing) if missing else ""
            else:
                points = f"{_fmt(i.points)}/{_fmt(i.indicator.max)}分"
                band = f"{i.band.option}档 {i.band.label}：" if i.band else ""
                working = band + i.figure
            extra = [x for x in (i.branch, *i.others, *i.warnings) if x]
            if extra:
                working += T.JOIN + T.JOIN.join(extra)
            rows.append(
                Row(
                    [
                        Cell(f"[{i.indicator.id}] {i.indicator.title}", long=True),
                        Cell(points, center=True),
                        Cell(working, long=True),
                    ]
                )
            )
    state = (
        ""
        if sr.complete
        else T.SCORE_PARTIAL.format(got=_fmt(sr.total), pending=_fmt(sr.pending()))
    )
    rows.append(
        Row(
            [
                Cell(f"{sr.table.title}合计", "label"),
                Cell(f"{_fmt(sr.total)}/{_fmt(sr.table.max)}分", center=True),
                Cell(state, long=True),
            ]
        )
    )
    return rows
