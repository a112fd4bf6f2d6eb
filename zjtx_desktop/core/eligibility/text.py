"""The wording of eligibility explanations: one place for every phrase the checker writes.

Criteria titles, quantity labels, readings and notes come from the rule-set files; this
module holds only the connecting phrases, so the wording can be reviewed in one place.
"""

from __future__ import annotations

STATUS_TEXT = {"met": "满足", "not_met": "不满足", "unknown": "尚不能判断"}
STATUS_MARK = {"met": "✓", "not_met": "✗", "unknown": "?"}

# The relation that holds, by operator and outcome: ">=" that failed is shown as "<".
HOLDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
FAILS = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠", "!=": "="}
FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}

JOIN = "；"
AND_ALSO = "，且 "
OR_ELSE = "；或 "

UNKNOWN_VALUE = "{label}：待定"
MISSING = "待填写：{fields}"
MISSING_OR = "（或填写：{fields}）"
NOT_COMPUTABLE = "无法由 {fields} 计算"
IN_OTHER_FORM = "本申报的表单中没有此项，须在{forms}中填写"
DECLARE = "须由企业声明：{text}"
DECLARED_BASIS = "企业声明"
JUDGE = "须由审核人员判断：{text}"
READING = "口径：{text}"
ALTERNATIVE = "按“{reading}”口径则为{status}"
NOT_GATE = "（不计入总体结论）"
PARTS = "其中 {parts}"

RULESET_LINE = "{title}（{document}）：{status}"
GROUP_LINE = "{title}：{status}（满足 {met}，不满足 {not_met}，待定 {unknown}）"

# Part 六 advice for the 推荐单位 (advice.py): a suggestion, never a tick.
ADVICE_OPTION = "数据显示符合 {option} 类（{id} 满足）"
ADVICE_OPTIONS = "数据显示同时符合 {options} 类，请核实后选一类"
ADVICE_UNKNOWN = "尚不能判断：{ids} 待定"
ADVICE_NONE = "数据显示不符合任何一类"
ADVICE_COUNT = "数据显示满足 {met} 项（共 {total} 项）"
ADVICE_PENDING = "，{ids} 待定"
ADVICE_HEADING = "初核建议（仅供推荐单位参考，不会自动勾选）"

# Points tables and the choice of rule version.
SCORE_PARTIAL = "已得{got}分，另有最多{pending}分的指标待定"
SCORE_LINE = "{title}：{total}分（满分{max}）{state}"
SCORE_INCOMPLETE = "，尚有指标待定（最多另得{pending}分）"
SCORE_GROUP = "{title}：{points}/{max}分"
GRADE = "可信度{grade}级"
GRADE_NAMES = {
    "A": "官方原文",
    "B": "多方转载原文一致",
    "C": "数字多方一致、措辞为整理",
    "D": "单一来源或推断",
}
WAIVED = "本年度不作要求（{reading}）"
BASIS_GIVEN_DATE = "日期为指定"
BASIS_FORM_DATE = "日期取自评表"
BASIS_TODAY = "日期为今天"
BASIS_GIVEN_TYPE = "类型为指定"
BASIS_FORM_TYPE = "类型取自评表"
BASIS_DEFAULT_TYPE = "类型默认新申请"
CONTEXT = "适用规则：{document}（第{version}版），{how}：评估日期 {date}，{type}（{basis}）"
CHOSEN_BY_DATE = "按评估日期和申请类型选定"
CHOSEN_BY_USER = "由用户指定"
NOT_IN_WINDOW = "；注意：此规则的适用范围为 {window}，不含本次评估"
OVERLAYS = "；叠加年度规则 {docs}"
INDICATOR_UNKNOWN = "待定（满分{max}分）"
SCORE_BASIS = "按评价指标逐项计分"
COMPARE_HEAD = "比较：{verdicts}"
COMPARE_OPEN = "? 尚不能判断：{ids}"
APPLIED_HEAD = "适用规则（评估日期 {date}，{type}；{basis}）："
