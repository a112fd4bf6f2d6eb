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
JUDGE = "须由审核人员判断：{text}"
READING = "口径：{text}"
ALTERNATIVE = "按“{reading}”口径则为{status}"
NOT_GATE = "（不计入总体结论）"
PARTS = "其中 {parts}"

RULESET_LINE = "{title}（{document}）：{status}"
GROUP_LINE = "{title}：{status}（满足 {met}，不满足 {not_met}，待定 {unknown}）"
