"""The one catalog of user-facing messages: stable code → Chinese text.

Each message says what is wrong and what to do. Parameters are filled with ``str.format``;
a missing parameter renders as an empty string rather than crashing the view.
Tests assert codes, never wording.
"""

from __future__ import annotations

import string
from decimal import Decimal
from typing import Any

CATALOG: dict[str, str] = {
    # --- presence -----------------------------------------------------------------------
    "REQUIRED": "{label}为必填项：请填写",
    "REQUIRED_FILL_ZERO": "所有指标均需填报：{label}没有时请填“0”",
    "OTHER_NEEDS_TEXT": "已勾选“其他”：请在此说明具体内容",
    # --- what may be entered at all (fieldtypes.admit: one rule for every view and format) ---
    "INPUT_CONTROL_CHARS": "{label}中有{count}个不可见的控制字符（常见于从 Word 或网页复制的文字）：已删除，换页符、垂直制表符等已换成换行",
    "INPUT_BAD_CHARS": "{label}含有无法保存的字符（编码错误，如单独的代理码位 {where}）：未保存，请重新输入这段文字",
    "INPUT_TOO_LONG": "{label}有{count}字，超过可保存的上限{max}字：未保存，请删减",
    "INPUT_WRONG_SHAPE": "{label}的值应为{expected}：未保存",
    # --- text ---------------------------------------------------------------------------
    "TEXT_TOO_LONG": "{label}已有{count}字，超过{max}字的限制：请删减{over}字",
    "TEXT_TOO_LONG_TO_PRINT": "{label}有{count}字，导出时只能印出前{max}字（其后注明未印字数）：请删减",
    "TEXT_TOO_SHORT": "{label}只有{count}字，要求不少于{min}字：请补充",
    "TEXT_NO_ATTACHMENT": "{label}“{policy}”：超出部分不能另附页，请在限额内写完",
    "PRODUCT_NAME_ENGLISH": "主导产品名称请勿使用英文名称：请填写中文名称，多个产品之间用“、”分隔",
    "PRODUCT_NAME_SEPARATOR": "多个主导产品之间请用“、”分隔（已发现“{sep}”）",
    "GLYPH_MISSING": "该字符无法打印：“{chars}”不在导出字体中，PDF 上会缺字。请改用常用字，或打印后手写补上",
    # --- numbers ------------------------------------------------------------------------
    "NOT_A_NUMBER": "“{raw}”不是数字：{label}请只填写阿拉伯数字，例如“{example}”",
    "NUMBER_WITH_WORDS": "{label}只填写数字，不要附加文字：单位“{unit}”已印在表上",
    "UNIT_NOT_NEEDED": "单位“{unit}”已印在表上，无需填写：已按“{value}”记录",
    "WRONG_UNIT": "{label}的单位是{unit}：请换算为{unit}后只填写数字",
    "PERCENT_SIGN_NOT_NEEDED": "“%”已印在表上，无需填写：已按“{value}”记录",
    "NOT_INTEGER": "{label}应为整数：请填写整数，例如“{example}”",
    "BELOW_MIN": "{label}不能小于{min}：请核对",
    "ABOVE_MAX": "{label}不能大于{max}：请核对",
    "NUMBER_TOO_LARGE": "{label}的数值过大（超过{digits}位整数）：请核对单位（万元）和数字",
    "NUMBER_TOO_PRECISE": "{label}的小数位过多（超过{places}位）：请保留到合理的位数",
    "TOO_MANY_DECIMALS": "{label}保留{max}位小数即可：当前有{count}位",
    "AMOUNT_IMPLAUSIBLE": "{label}为{a}{unit}，对中小企业而言过大：是否按元填写？应为{suggest}{unit}。如数据属实，请写明说明",
    "AMOUNT_MAGNITUDE": "{label}（{a}{unit}）是{other}（{b}{unit}）的千倍以上：是否按元填写？应为{suggest}{unit}。如数据属实，请写明说明",
    "NEGATIVE_GROWTH_NOTE": "{label}为负数，表示下降：如属实可保留",
    # --- dates --------------------------------------------------------------------------
    "BAD_DATE": "“{raw}”不是有效日期：请按“2015-03-12”或“2015年3月12日”填写",
    "BAD_YEAR": "“{raw}”不是有效年份：请填写4位年份，例如“2015”",
    "DATE_IN_FUTURE": "{label}不能晚于今天（{today}）：请核对营业执照",
    # --- choices ------------------------------------------------------------------------
    "CHOICE_INVALID": "“{raw}”不是{label}的选项：请从{options}中选择",
    "CHOICE_TOO_MANY": "{label}最多选择{max}项：当前选了{count}项",
    "CHOICE_SINGLE": "{label}只能选择一项：请只保留一个选项",
    "CHOICE_EXCLUSIVE": "“{option}”不能与其他选项同时选择：请只保留“{option}”，或去掉它",
    "CHOICE_ZERO_USE_NONE": "此项不是数字：没有时请选择“{option}”，不要填“0”",
    # --- classification codes -----------------------------------------------------------
    "INDUSTRY_UNKNOWN": "“{raw}”不是《国民经济行业分类》（GB/T 4754-2017）的{level}：请按“{example}”的格式填写{digits}位代码及名称",
    "INDUSTRY_NAME_MISMATCH": "代码{code}对应“{expected}”，与填写的名称“{name}”不符：请核对代码或名称",
    "INDUSTRY_NAME_AMBIGUOUS": "名称“{name}”对应多个代码（{codes}）：请填写代码",
    "NICHE_NOT_IN_INDUSTRY": "具体细分领域{code4}不属于所属行业{code2}：4位代码的前两位应与所属行业的2位代码一致",
    "PRODUCT_CODE_FORMAT": "主导产品类别代码应为8位或10位数字（现为{digits}位）：请按“3507060000 冲孔机床”的格式填写",
    "PRODUCT_CODE_NO_NAME": "代码后还需填写产品类别名称：例如“3507060000 冲孔机床”",
    "PRODUCT_CODE_MISSING": "未填写8位或10位代码：如按行业惯例分类或为新产品，请在名称中注明",
    # --- identifiers and contacts -------------------------------------------------------
    "USCC_LENGTH": "统一社会信用代码应为18位（现为{count}位）：请核对营业执照上的18位代码",
    "USCC_FORMAT": "统一社会信用代码含有不允许的字符：只能是数字和大写字母（不含I、O、Z、S、V），请核对营业执照",
    "USCC_CHECKSUM": "统一社会信用代码校验位不正确：请核对营业执照上的18位代码",
    "PHONE_FORMAT": "“{raw}”不像电话号码：固定电话请带区号，例如“0431-88888888”",
    "MOBILE_FORMAT": "“{raw}”不是11位手机号码：请核对，例如“13800000000”",
    "POSTCODE_FORMAT": "邮编应为6位数字：请核对，例如“130000”",
    "EMAIL_FORMAT": "“{raw}”不是有效的电子邮箱：请按“name@example.com”的格式填写",
    # --- cross-field consistency (criteria.md §4) ---------------------------------------
    "MBR_GT_OR": "{col}主营业务收入（{a}万元）大于营业收入（{b}万元）：主营业务收入是营业收入的一部分，请核对",
    "REVIEW_CLASS_MISMATCH": "推荐意见写符合 {a} 类，上面的分类指标勾选的是 {b} 类：请核对后一致",
    "REVIEW_COUNT_MISMATCH": "推荐意见写符合{a}项必备指标，上面勾选了{b}项：请核对后一致",
    "RD_STAFF_GT_EMPLOYEES": "其中研发人员数（{a}人）大于从业人数（{b}人）：请核对",
    "INVENTION_GT_PATENTS": "发明专利（{a}项）多于有效专利总数（{b}项）：发明专利是有效专利的一部分，请核对",
    "PATENT_PARTS_GT_TOTAL": "发明、实用新型、外观设计专利合计{a}项，多于有效专利总数{b}项：请核对（软件著作权不是专利）",
    "SOFTWARE_COUNTED_AS_PATENT": "有效专利总数恰好等于各类专利加软件著作权：软件著作权不是专利，请确认没有计入有效专利总数",
    "APPLIED_GT_INVENTION": "{col}有效发明专利并实际应用数量（{a}）不能多于有效发明专利数：请核对",
    "MP_SHARE_GT_MBR_SHARE": "{col}主导产品销售收入占比（{a}%）高于主营业务收入占比（{b}%）：主导产品属于主营业务，请核对",
    "SHARE_ABOVE_100": "{label}是占比，不能超过100：请核对",
    "EQUITY_AMOUNT_REQUIRED": "已选“是”：请填写近2年新增股权融资金额（万元）",
    "EQUITY_AMOUNT_POSITIVE": "已选“是”，新增股权融资金额应大于0：请核对",
    "STOCK_CODE_REQUIRED": "已选“已上市”：请填写股票代码",
    "DEBT_RATIO_OVER_100": "{col}资产负债率超过100%，表示资不抵债：请核对负债总额和资产总额",
    "NET_PROFIT_GT_REVENUE": "{col}净利润（{a}万元）大于营业收入（{b}万元）：请核对",
    "RD_GT_REVENUE": "{col}研发经费（{a}万元）大于营业收入（{b}万元）：请核对",
    "YEARS_IN_NICHE_GT_AGE": "从事该产品领域的时间（{a}年）长于企业成立年限（约{b}年）：请核对",
    "TARGET_BELOW_BASE": "{label}的目标值（{a}）低于实施期初始值（{b}）：绩效评价将对照初始值，请确认",
    "RATIO_MISMATCH": "{label}填报为{reported}，按“{formula}”计算为{computed}：请核对，或使用计算值",
    "SCALE_MISMATCH": "按《中小企业划型标准规定》（工信部联企业〔2011〕300号）测算，企业规模为“{computed}”，与勾选的“{declared}”不一致：请核对从业人数、营业收入和资产总额",
    "SCALE_LARGE": "按《中小企业划型标准规定》测算为大型企业（{basis}）：不属于中小企业，请核对",
    "SCALE_NOT_COVERED": "所属行业{code}不在《中小企业划型标准规定》的行业范围内：请人工确认企业规模",
    "LISTING_NEEQ_NOT_PLAN": "在新三板挂牌的计划不属于“上市计划”：如仅计划新三板挂牌，请填“无”",
    "GROWTH_UNDEFINED": "上年数值不为正，无法计算增长率：请人工说明",
    # --- who may change what, and when (core/rights.py) ---------------------------------
    "EDIT_FINAL": "申报已定稿，不能修改：如需修改，请先“重新编辑”并写明原因",
    "EDIT_NOT_FILLER": "“{label}”由{filler}填写，{role}不能填写或修改",
    "DECLARE_NOT_ENTERPRISE": "企业声明只能由企业填写，{role}不能修改",
    "DECLARE_UNKNOWN": "没有可由企业声明的“{ruleset}:{quantity}”",
    "FINALISE_BLOCKED": "还有{count}个问题需要处理，不能定稿",
    "ALREADY_FINAL": "申报已经定稿",
    "NOT_FINAL": "申报还是草稿，无需重新编辑",
    "STATUS_NOT_ENTERPRISE": "定稿和重新编辑由企业操作，{role}不能操作",
    "REOPEN_NEEDS_REASON": "请填写重新编辑的原因（将记录在案）",
    "ROLE_UNKNOWN": "未知的填写身份“{role}”：只能是 enterprise（企业）或 recommender（推荐单位）",
    # --- the 推荐单位 signs part 六 of the enterprise's booklet (core/workspace/part6_signing.py) ---
    "SIGN_NO_BOOKLET": "{why}：没有可签署的 PDF 申报书，请打印第六部分后手写并盖章",
    "SIGN_BOOKLET_UNUSABLE": "{why}：不能签署",
    "SIGN_NO_FIELDS": "企业的 PDF 申报书没有第六部分的填写栏或“推荐单位（公章）”签名栏：不能在 PDF 上签署，请打印第六部分后手写并盖章",
    "SIGN_NO_PART6": "这份申报没有申请书，也就没有第六部分（初核推荐）：无需签署推荐意见",
    "SIGN_STATE": "申报处于“{state}”状态：推荐意见只在“拟推荐”或“已上报”时签署（先完成初核并改为拟推荐）",
    "SIGN_PART6_MISSING": "第六部分“{label}”尚未填写：不能签署推荐意见",
    "SIGN_PART6_BAD": "第六部分“{label}”填写有误（“{value}”）：请改正后再签署",
    "SIGN_NOT_RECOMMENDABLE": "{problem}：暂不能签署推荐意见",
    "SIGN_NO_KEY": "还没有本单位的签名证书（{path}）：请先用 zjtx workspace key 生成，或指定证书文件",
}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def format_value(v: Any) -> str:
    """Numbers as people write them: no trailing zeros, no exponent."""
    if isinstance(v, Decimal):
        from zjtx_desktop.core.numbers import quantize

        q = quantize(v, 2 if abs(v) >= 1 else 4)
        return str(v) if q is None else format(q.normalize(), "f")
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return "" if v is None else str(v)


def render(code: str, params: dict[str, Any]) -> str:
    template = CATALOG.get(code)
    if template is None:
        return code
    values = _Blank({k: format_value(v) for k, v in params.items()})
    return string.Formatter().vformat(template, (), values)
