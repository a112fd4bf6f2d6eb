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

The versions printed are recorded in the PDF's DATA.json (``recorded_rules``, under
``print.verdict_rules``) so that ``zjtx verify`` on a machine with other rule packs re-renders
these pages under the same versions (``Verdict``), or leaves them out when one is not installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.export.model import Block, Cell, PageBreak, Row, Table, Text

if TYPE_CHECKING:
    from zjtx_desktop.core.eligibility.model import RuleSet, RuleSetResult, ScoreResult
    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.forms.model import FormDef

TITLE = "自评结果"
NOTE = (
    "以下结论由本程序按所列规则和本表数据计算，仅供自查，不代替认定机关的评审。"
    "“尚不能判断”的条件须补充数据、由企业声明或由审核人员判断；"
    "专精特新发展质量评价得分以平台评价结果为准，本程序不估算。"
)
NO_DATE = "未填写自评日期：填写后，按该日期和申请类型选用的认定标准在此打印自评结果。"
BLANK = "\u3000"  # what a left-out page holds when re-rendered (no text to compare)
WIDTHS = (0.42, 0.14, 0.44)  # [编号] 条件或指标 | 结论或得分 | 依据的数据


Chosen = list[tuple["RuleSet", list["RuleSet"]]]  # each rule set printed, with its overlays


@dataclass(frozen=True)
class Verdict:
    """How a re-rendering prints a 自评结果: under the recorded ``rules`` (each base with its
    overlays); or, when one of them is not installed here, as ``blank_pages`` pages holding
    only the heading and the note — the pages the verifier leaves out of its comparison."""

    rules: Chosen | None = None
    blank_pages: int = 0


def chosen_rules(form: FormDef, session: ApplicationSession) -> Chosen:
    """The rule sets reading ``form`` that the assessment's date and type choose among the
    installed versions, each with the overlays that cover it (as ``evaluate`` adds them)."""
    from zjtx_desktop.core.eligibility.choose import assessment_of, overlays_for
    from zjtx_desktop.core.eligibility.evaluate import applicable
    from zjtx_desktop.core.eligibility.loader import all_versions

    a = assessment_of(session)
    return [
        (rs, overlays_for(rs, a, all_versions()) if rs.tier or rs.applies else [])
        for rs in applicable(session, a)
        if form.id in rs.forms
    ]


def _dated(form: FormDef, session: ApplicationSession) -> bool:
    return not (
        "assessment_date" in form.fields and session.state(form.id).value("assessment_date") is None
    )


def recorded_rules(form: FormDef, session: ApplicationSession) -> list[dict[str, Any]] | None:
    """For the DATA.json: the rule set ids and versions the 自评结果 prints (``[]``: none
    reads the form); None when it prints no verdict (no 自评日期), which no version changes."""
    chosen = chosen_rules(form, session)
    if chosen and not _dated(form, session):
        return None
    return [
        {
            "id": rs.id,
            "version": rs.version,
            "overlays": [{"id": o.id, "version": o.version} for o in ovs],
        }
        for rs, ovs in chosen
    ]


def verdict_blocks(
    form: FormDef, session: ApplicationSession, verdict: Verdict | None = None
) -> list[Block]:
    """The 自评结果 of ``form`` (a 自评表) over ``session``; nothing when no rule set reads it.
    ``verdict``: how a re-rendering prints it (default: the versions chosen by date)."""
    from zjtx_desktop.core.eligibility.choose import assessment_of
    from zjtx_desktop.core.eligibility.evaluate import evaluate
    from zjtx_desktop.core.eligibility.report import applied_lines, rules_caption

    if verdict is not None and verdict.blank_pages:
        # the same heading and note start the pages; a blank one stands in for each other page
        out: list[Block] = [Text(TITLE, "heading"), Text(NOTE, "instruction")]
        for _ in range(verdict.blank_pages - 1):
            out += [PageBreak(), Text(BLANK, "body")]
        return out
    chosen = verdict.rules if verdict is not None and verdict.rules is not None else None
    if chosen is None:
        chosen = chosen_rules(form, session)
    if not chosen:
        return []
    if not _dated(form, session):
        return [Text(TITLE, "heading"), Text(NO_DATE, "instruction")]
    a = assessment_of(session)
    results = [evaluate(rs, session, a, chosen=True, overlays=ovs) for rs, ovs in chosen]
    out = [Text(TITLE, "heading"), Text(NOTE, "instruction")]
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
