"""Closing pages: the unresolved issues of a draft and the 填报说明 of warnings kept with a 说明.

An error always counts as unresolved (and makes the export a draft); a warning is unresolved
until the user writes a 说明, and then it is printed with that 说明 for the reviewer. Hints are
never printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export.model import Block, Cell, EvidenceLine, Row, Table, Text
from zjtx_desktop.core.issues import Severity

ExplanationKey = tuple[str, str, str, str]  # (form id, field, code, rule)


@dataclass(frozen=True)
class IssueLine:
    form: str
    label: str
    severity: Severity
    message: str
    explanation: str = ""


def issue_lines(
    session: ApplicationSession,
    explanations: Mapping[ExplanationKey, str] | None = None,
    form_ids: list[str] | None = None,
) -> tuple[list[IssueLine], list[IssueLine]]:
    """(unresolved, explained) over the forms ``form_ids`` (default: all)."""
    explanations = explanations or {}
    unresolved: list[IssueLine] = []
    explained: list[IssueLine] = []
    for form_id, issue in session.all_issues():
        if form_ids is not None and form_id not in form_ids:
            continue
        if issue.severity == Severity.HINT:
            continue
        form = session.state(form_id).form
        f = form.fields[issue.field]
        line = IssueLine(
            form.short_title or form.title, f.display_label, issue.severity, issue.message()
        )
        text = explanations.get((form_id, issue.field, issue.code, issue.rule), "").strip()
        if issue.severity == Severity.WARNING and text:
            explained.append(IssueLine(line.form, line.label, line.severity, line.message, text))
        else:
            unresolved.append(line)
    return unresolved, explained


def closing_blocks(unresolved: list[IssueLine], explained: list[IssueLine]) -> list[Block]:
    out: list[Block] = []
    if unresolved:
        # only errors make a draft (the watermark); a warning without 说明 is still open
        drafted = any(ln.severity == Severity.ERROR for ln in unresolved)
        note = "（草稿，请处理后再定稿）" if drafted else "（请改正或填写说明）"
        out.append(Text(f"未解决的问题{note}", "heading"))
        rows = [_header("序号", "表单", "项目", "问题")]
        for i, ln in enumerate(unresolved, 1):
            kind = "错误" if ln.severity == Severity.ERROR else "警告（未写说明）"
            rows.append(_row(str(i), ln.form, ln.label, f"[{kind}] {ln.message}"))
        out.append(Table((0.07, 0.2, 0.28, 0.45), rows))
    if explained:
        out.append(Text("填报说明", "heading"))
        out.append(Text("以下数据经系统提示需要核实，企业已作出说明：", "instruction"))
        rows = [_header("序号", "表单", "项目", "提示与说明")]
        for i, ln in enumerate(explained, 1):
            rows.append(
                _row(str(i), ln.form, ln.label, f"提示：{ln.message}\n说明：{ln.explanation}")
            )
        out.append(Table((0.07, 0.2, 0.28, 0.45), rows))
    return out


def evidence_blocks(evidence: Sequence[EvidenceLine]) -> list[Block]:
    """The 佐证材料目录: title, the item of the official list, pages, SHA-256 short code."""
    from zjtx_desktop.core.export.proof import short_digest

    rows = [_header("序号", "材料名称", "对应清单项", "页数", "SHA-256（前12位）")]
    for i, ev in enumerate(evidence, 1):
        cells = [Cell(str(i), "label"), Cell(ev.title, "value", long=True)]
        cells += [Cell(ev.item or "—", "label"), Cell(str(ev.pages), "label")]
        cells.append(Cell(short_digest(ev.sha256), "label"))
        rows.append(Row(cells))
    return [
        Text("佐证材料目录", "heading"),
        Text(
            f"共 {len(evidence)} 份佐证材料，随交换包提供；校验码为文件 SHA-256 的前12位。", "note"
        ),
        Table((0.08, 0.4, 0.17, 0.09, 0.26), rows),
    ]


def _header(*texts: str) -> Row:
    return Row([Cell(t, "header") for t in texts], header=True)


def _row(*texts: str) -> Row:
    cells = [Cell(texts[0], "label"), Cell(texts[1], "label"), Cell(texts[2], "label")]
    cells.append(Cell(texts[3], "value", long=True))
    return Row(cells)
