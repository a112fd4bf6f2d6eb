"""A small inline form used by engine tests (pyxform style: tests write forms inline)."""

from zjtx_desktop.core.forms.loader import load_form_text

FORM = """
id: mini
title: 测试申请书
kind: application
region: 全国
version: "1"
source: {document: 测试, seed: "004 L1"}
params: {y1: 2019, y2: 2020}
columns:
  years:
    - {id: y1, label: "{y1}年", year: "{y1}"}
    - {id: y2, label: "{y2}年", year: "{y2}"}
sections:
  - {id: part1, title: 一、企业基本情况}
  - {id: part6, title: 六、初核推荐, filled_by: recommender}
fields:
  - {id: enterprise_name, label: 企业名称, section: part1, type: text, required: true, fact: enterprise_name}
  - {id: employees, label: 从业人数, section: part1, type: integer, unit: 人, required: true, fact: employees}
  - {id: rd_staff, label: 其中研发人员数, section: part1, type: integer, unit: 人, fact: rd_staff}
  - {id: industry_code2, label: 所属行业, section: part1, type: industry2, fact: industry_code2}
  - {id: niche_code4, label: 具体细分领域, section: part1, type: industry4, fact: niche_code4}
  - {id: scale_declared, label: 企业规模, section: part1, type: choice, options: [中型, 小型, 微型], fact: scale_declared}
  - {id: operating_revenue, label: 营业收入, section: part1, type: amount, unit: 万元, columns: years, required: true, fact: "operating_revenue@{year}"}
  - {id: main_business_revenue, label: 主营业务收入, section: part1, type: amount, unit: 万元, columns: years}
  - {id: mbr_share, label: 主营业务收入占比, section: part1, type: percent, unit: "%", min: 0, max: 100, columns: years}
  - {id: equity_financing, label: 近2年内是否获得新增股权融资, section: part1, type: choice, options: [否, 是]}
  - {id: equity_financing_amount, label: 如是，请填写金额, section: part1, type: amount, unit: 万元, required: true, relevant: "equity_financing == '是'"}
  - {id: intro, label: 企业总体情况简要介绍（300字以内，请勿另附页）, section: part1, type: longtext, max_chars: 300}
  - {id: opinion, label: 推荐意见, section: part6, type: choice, options: [同意, 不同意], required: true}
rules:
  - {id: mbr_le_or, code: MBR_GT_OR, severity: error, columns: years, at: "main_business_revenue.{col}",
     assert: "main_business_revenue.{col} <= operating_revenue.{col}",
     params: {a: "main_business_revenue.{col}", b: "operating_revenue.{col}"}}
  - {id: rd_le_staff, code: RD_STAFF_GT_EMPLOYEES, severity: error, at: rd_staff, assert: "rd_staff <= employees",
     params: {a: rd_staff, b: employees}}
  - {id: equity_positive, code: EQUITY_AMOUNT_POSITIVE, severity: error, at: equity_financing_amount,
     assert: "equity_financing_amount > 0"}
calculations:
  - {id: mbr_share, columns: years, target: "mbr_share.{col}",
     expr: "pct(main_business_revenue.{col}, operating_revenue.{col})",
     formula: "{col_label}主营业务收入 ÷ 营业收入 × 100", decimals: 2, tolerance: 0.1}
"""

TARGETS = """
id: mini-targets
title: 测试目标表
kind: targets
region: 全国
version: "1"
fill_zero: true
source: {document: 测试, seed: "004 L708"}
columns:
  targets:
    - {id: base, label: 实施期初始值, year: 2020}
    - {id: target1, label: 实施期满一年目标}
sections:
  - {id: main, title: 目标表}
fields:
  - {id: enterprise_name, label: 企业名称, section: main, type: text, fact: enterprise_name}
  - {id: patents, label: 有效发明专利数量（个）, section: main, type: integer, unit: 个, columns: targets, required: true}
  - {id: growth3, label: 近三年利润平均增长率（%）, section: main, type: percent, columns: targets, required: true,
     cells: {target1: {fixed: 无需填写}}}
"""


def mini():
    return load_form_text(FORM, "mini.yaml")


def mini_targets():
    return load_form_text(TARGETS, "mini-targets.yaml")
