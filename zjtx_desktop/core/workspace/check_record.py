"""初核记录单 (§3.5): the per-application record the official prints, signs and files.

The official ticks part 六 by hand on the enterprise's stamped 申请书 (reprinting the page
would break a 骑缝章), so the workspace prints what was checked beside it: the application
and the revision checked (with each form's 校验码, which ties the record to the paper); part
六's indicators with the program's advice (for reference, never ticked) and the official's
ticks; the 推荐意见 of part 六 (004 L1461-1479: class, 必备 count, 同意/不同意); 佐证材料 (已附 /
原件已核); paper copies against 一式N份; the 核查 records (S5); the comments with the
enterprise's answers; the state changes with their reasons; then 初核人/复核人 signature and
date lines. Every page's footer carries a 记录单校验码 (SHA-256 of the record's content),
logged when printed. PDF for signing, xlsx for the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from zjtx_desktop.core.workspace.workspace import Workspace

SIGNATURES = ("初核人（签字）：＿＿＿＿＿＿＿＿＿＿", "复核人（签字）：＿＿＿＿＿＿＿＿＿＿")
DATE_LINE = "日期：＿＿＿＿年＿＿月＿＿日"
ADVICE_NOTE = "程序判断按申报数据计算，仅供参考；初核结论以核实佐证材料为准，由初核人勾选。"


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[int]  # relative column widths
    empty: str = "（无）"
    note: str = ""


@dataclass
class CheckRecord:
    title: str
    unit: str
    facts: list[tuple[str, str]]
    sections: list[Section]
    officers: list[str]

    @property
    def code(self) -> str:
        """12 hex digits of the SHA-256 of the content (what the signature vouches for)."""
        blob = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:12].upper()

    @property
    def code_text(self) -> str:
        c = self.code
        return f"记录单校验码 {c[:4]} {c[4:8]} {c[8:]}"


def _tick(on: bool) -> str:
    return "√" if on else ""


@dataclass(frozen=True)
class IndicatorAdvice:
    """One 初核指标 of part 六 with the program's reading of the enterprise's figures: what
    the record prints beside the official's tick and the review panel shows beside the box."""

    field_id: str  # where the official ticks it: class_indicator or mandatory_indicators
    option: str  # that field's option: a/b/c, or 1-6
    title: str  # the indicator's official wording
    mark: str  # ✓ ✗ ? (the figures say met, not met, cannot tell)
    figures: str = ""  # the figures it reads and how they compare (asked for: figures=True)


def _figures(explanation: str) -> str:
    """The criterion's explanation up to its 口径 (the reading, the other readings and notes
    are the rule's, not the enterprise's): “营业收入 2020年 26800万元 ≥ 10000万元（申请书）；…”."""
    from zjtx_desktop.core.eligibility import text as T

    reading = T.READING.format(text="")
    if explanation.startswith(reading):
        return ""
    return explanation.split(T.JOIN + reading, 1)[0]  # what follows is the rule's wording


def indicator_advice(ws: Workspace, app_id: str, figures: bool = False) -> list[IndicatorAdvice]:
    """The 初核 rule set's verdict on each indicator of part 六, in the printed order (the
    cached verdicts of the current revision); with ``figures`` also the figures each reads."""
    from zjtx_desktop.core.eligibility import rulesets
    from zjtx_desktop.core.eligibility.evaluate import evaluate
    from zjtx_desktop.core.eligibility.model import Status
    from zjtx_desktop.core.workspace.batch import verdicts
    from zjtx_desktop.core.workspace.review import INITIAL_RULES, MARK, build_session

    app = ws.application(app_id)
    advice = verdicts(ws, app)["criteria"]
    rs = rulesets().get(INITIAL_RULES)
    if rs is None:
        return []
    texts: dict[str, str] = {}
    if figures:
        sub = ws.current(app.id)
        result = evaluate(rs, build_session(sub.data, sub.declarations))
        texts = {r.id: _figures(r.explanation) for r in result.criteria}
    out = []
    for c in rs.criteria:
        mark = MARK.get(Status(advice[c.id]), "?") if c.id in advice else "?"
        if c.group == "class":
            out.append(IndicatorAdvice("class_indicator", c.option, c.title, mark,
                                       texts.get(c.id, "")))  # fmt: skip
        elif c.group == "required":
            out.append(IndicatorAdvice("mandatory_indicators", c.id.removeprefix("INIT-M"),
                                       c.title, mark, texts.get(c.id, "")))  # fmt: skip
    return out


def _indicators(ws: Workspace, app_id: str) -> Section:
    part6 = ws.part6(app_id)
    ticked = {str(t) for t in part6.get("mandatory_indicators") or []}
    rows = []
    for a in indicator_advice(ws, app_id):
        if a.field_id == "class_indicator":
            rows.append([f"分类指标 {a.title}", a.mark,
                         _tick(part6.get("class_indicator") == a.option)])  # fmt: skip
        else:
            rows.append([f"必备指标 {a.title}", a.mark, _tick(a.option in ticked)])
    return Section(
        "一、初核指标（第六部分）", ["指标", "程序判断（参考）", "初核结论"], rows, [14, 3, 3]
    )


def _opinion(ws: Workspace, app_id: str) -> Section:
    p = ws.part6(app_id)
    rows = [
        ["1.该企业符合“分类指标”中（a/b/c）类要求", str(p.get("review_class") or "")],
        ["2.该企业符合“6项必备指标”中的项数", str(p.get("review_mandatory_count") or "")],
        ["3.推荐意见（同意/不同意）", str(p.get("review_opinion") or "")],
    ]
    return Section("二、推荐意见（经初审核实）", ["项目", "内容"], rows, [14, 6])


def _evidence(ws: Workspace, app_id: str) -> Section:
    from zjtx_desktop.core.workspace.verification import evidence_status

    rows = [[key, title, status] for key, title, status in evidence_status(ws, app_id)]
    return Section("三、佐证材料", ["编号", "名称", "核对情况"], rows, [3, 11, 6])


def _paper(ws: Workspace, app_id: str) -> Section:
    from zjtx_desktop.core.export.proof import short_digest
    from zjtx_desktop.core.forms.registry import get_form
    from zjtx_desktop.core.workspace.paper import form_paper_status

    app = ws.application(app_id)
    rows = []
    for form_id, sha in ws.current(app.id).digests.items():
        code = short_digest(sha)
        rows.append([get_form(form_id).short_title or form_id, f"{code[:4]} {code[4:8]} {code[8:]}",
                     form_paper_status(ws, app, form_id)])  # fmt: skip
    return Section("四、纸质件（纸电一致）", ["表单", "校验码", "核对情况"], rows, [10, 5, 5])


def _verifications(ws: Workspace, app_id: str) -> Section:
    rows = [
        [str(r[0]), str(r[1]), str(r[2]), str(r[3])]
        for r in ws.conn.execute(
            "SELECT channel, date, conclusion, actor FROM verifications "
            "WHERE application_id = ? ORDER BY id",
            (app_id,),
        )
    ]
    return Section("五、核查记录", ["核查部门或渠道", "日期", "结论", "经办人"], rows, [5, 3, 9, 3])


def _comments(ws: Workspace, app_id: str) -> Section:
    rows = []
    for c in ws.comments(app_id):
        where = c.file or _label(c.form_id, c.field_id) or "整体"
        answer = "；".join(
            t for t in (c.reply_line,
                        f"关闭说明：{c.resolved_note}" if c.resolved_note else "") if t
        )  # fmt: skip
        rows.append([f"#{c.id}", c.severity, where, c.text, c.author, c.status_text,
                     answer])  # fmt: skip
    headers = ["编号", "类别", "位置", "意见", "提出人", "状态", "答复或说明"]
    return Section("六、意见及答复", headers, rows, [3, 3, 6, 7, 3, 3, 6])


def _label(form_id: str, field_id: str) -> str:
    """The field's printed label (with its id, which the window's list finds)."""
    from zjtx_desktop.core.forms.registry import UnknownForm, get_form

    try:
        f = get_form(form_id).fields.get(field_id)
    except UnknownForm:  # "general", "evidence" or a form this build does not know
        f = None
    return f"{f.label}（{field_id}）" if f is not None and f.label else field_id


def _states(ws: Workspace, app_id: str) -> Section:
    rows = [
        [str(at)[:16].replace("T", " "), str(actor), f"{old} → {new}", str(reason)]
        for at, actor, old, new, reason in ws.conn.execute(
            "SELECT at, actor, old, new, reason FROM audit "
            "WHERE action = 'state' AND application_id = ? ORDER BY seq",
            (app_id,),
        )
    ]
    return Section("七、处理过程", ["时间", "操作人", "状态", "原因"], rows, [4, 3, 5, 8])


def build_record(ws: Workspace, app_id: str) -> CheckRecord:
    """The record of the application's current revision, as it stands now."""
    app = ws.application(app_id)
    sub = ws.current(app.id)
    from zjtx_desktop.core.workspace.flags import grouped, key_phrase

    phrase = key_phrase(sub.kind, sub.signer, sub.key_status, sub.flags, ws.flag_acks(sub.id))
    source = (
        f"交换包，{phrase}（签名指纹 {grouped(sub.signer)}）" if phrase else "DATA.json，未校验来源"
    )
    profile = ws.profile
    unit = str(profile.get("unit", ""))
    level = str(profile.get("level", ""))
    facts = [
        ("推荐单位", f"{unit}（{level}级）" if level else unit),
        ("企业名称", app.enterprise),
        ("统一社会信用代码", app.credit_code),
        ("申报编号", app.id),
        ("核对的版本", f"第{app.revision}版（接收于 {app.received_at[:16].replace('T', ' ')}）"),
        ("来源", source),
        ("当前状态", str(app.state)),
    ]
    sections = [
        _indicators(ws, app.id),
        _opinion(ws, app.id),
        _evidence(ws, app.id),
        _paper(ws, app.id),
        _verifications(ws, app.id),
        _comments(ws, app.id),
        _states(ws, app.id),
    ]
    return CheckRecord("初核记录单", unit, facts, sections, ws.officers())
