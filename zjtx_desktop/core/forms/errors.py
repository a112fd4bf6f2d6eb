"""Problems in definition files (forms, programmes, facts, rule sets): each with a stable code.

As pyxform's ``ErrorCode``: the loader reports ``LoaderCode.X.format(...)`` and tests assert the
code, so a reworded message breaks no test and a new kind of error cannot go undocumented
(FORMAT.md lists the codes; a test checks that it lists every one).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any


class LoaderCode(Enum):
    # --- reading ----------------------------------------------------------------------------
    UNREADABLE = "无法读取：{error}"
    NOT_UTF8 = "文件不是 UTF-8 编码（第{start}字节起，可能是 GBK）：请另存为 UTF-8"
    YAML_SYNTAX = "YAML 格式错误：{problem}"
    YAML_ALIAS = "定义文件中不允许使用 YAML 别名（*名称）"
    TOO_LARGE = "文件过大（超过{limit}字符）"
    TOO_DEEP = "YAML 嵌套层数过多"
    NOT_A_MAPPING = "{kind}文件的顶层应为映射（键: 值）"
    SCHEMA = "{message}"
    # --- ids ----------------------------------------------------------------------------------
    DUPLICATE_ID = "重复的{what} id“{id}”"
    DUPLICATE_FILE_ID = "{what} id“{id}”与 {other} 重复：复制的文件须改 id"
    # --- references ---------------------------------------------------------------------------
    UNKNOWN_SECTION = "引用了不存在的部分“{ref}”"
    UNKNOWN_FIELD = "引用了不存在的字段“{ref}”"
    UNKNOWN_FORM_FIELD = "表单“{form}”没有字段“{ref}”"
    UNKNOWN_COLUMNS = "引用了不存在的列组“{ref}”"
    UNKNOWN_FORM = "引用了不存在的表单“{ref}”"
    FORM_UNLOADABLE = "表单“{ref}”无法加载：{error}"
    UNKNOWN_PROGRAMME = "引用了不存在的申报项目“{ref}”"
    UNKNOWN_GROUP = "引用了不存在的组“{ref}”"
    UNKNOWN_QUANTITY = "未定义的量“{ref}”"
    UNKNOWN_MESSAGE_CODE = "消息代码“{code}”不在消息目录中"
    NOT_A_COLUMN = "“{ref}”不是本行的列"
    # --- fields --------------------------------------------------------------------------------
    UNKNOWN_FIELD_TYPE = "未知字段类型“{type}”"
    COLUMNS_AND_REPEAT = "columns 与 repeat 不能同时使用"
    OPTIONS_MISSING = "“{type}”类型的字段必须列出选项"
    OPTIONS_NOT_ALLOWED = "“{type}”类型的字段不能有选项"
    BAD_YEAR = "年份“{year}”无法解析"
    BAD_DATE = "日期“{date}”应写成 YYYY-MM-DD"
    LAYOUT_UNKNOWN = "print_layout 中的“{{{ref}}}”不是{what}"
    LAYOUT_MISSING = "print_layout 没有放置{what}“{ref}”：填了也印不到纸上"
    # --- facts (forms/facts.yaml) -----------------------------------------------------------
    FACT_PLACEHOLDER = "事实键“{fact}”含未解析的占位符（列没有 year？）"
    UNKNOWN_FACT = "未登记的事实键“{fact}”：事实键须登记在 forms/facts.yaml（拼写错误会让检查失效）"
    FACT_YEAR = "事实键“{fact}”{expected}"
    FACT_TYPE_MISMATCH = "事实键“{fact}”应为{expected}类型的字段，这里是“{type}”"
    # --- expressions ---------------------------------------------------------------------------
    EXPR_SYNTAX = "{error}（表达式：{source}）"
    EXPR_TYPE = "类型不符：{detail}（表达式：{source}）"
    CALC_CYCLE = "计算循环引用：{cycle}（每个计算值都要由其他字段算出）"
    RELEVANT_CYCLE = "显示条件循环引用：{cycle}（字段是否显示不能取决于自己）"
    # --- rule sets -----------------------------------------------------------------------------
    BAD_WINDOW = "结束日期 {end} 早于开始日期 {start}"
    BAD_YEARS = "年数“{years}”应为正整数"
    UNKNOWN_CRITERION = "没有条件“{ref}”"
    UNKNOWN_SCORE_GROUP = "引用了不存在的得分组“{ref}”"
    BRANCH_NEEDS_READING = "“或”指标的每个分支都要写明 reading"
    POINTS_MAX_MISMATCH = "满分{max}与最高档分值{top}不一致"
    GROUP_MAX_MISMATCH = "得分组“{id}”满分{max}与其指标满分之和{total}不一致"
    RESERVED_QUANTITY = "量名“{ref}”留给评价得分使用"
    LAST_BAND_CONDITIONAL = "最后一档应不带条件（其余情况），以免有值落不进任何一档"
    QUANTITY_NEEDS_DECLARATION = "没有来源的量必须写明 declaration（企业须声明的内容）"
    QUANTITY_CYCLE = "量的计算循环引用：{cycle}"
    ARG_MISSING = "“{name}”需要参数“{arg}”"
    ARG_UNKNOWN = "“{name}”没有参数“{arg}”"
    NEEDS_FORM = "“{name}”需要 form"
    CONDITION_UNKNOWN_QUANTITY = "未定义的量“{ref}”（条件只能引用 quantities 中的量）"
    CONDITION_FORM = "{problem}"

    def format(self, **params: Any) -> str:
        return self.value.format(**params)


class Problem(tuple[str, str]):
    """(key path, message) — compares equal to the plain pair — with its ``code``."""

    code: LoaderCode

    def __new__(cls, where: str, code: LoaderCode, /, **params: Any) -> Problem:
        self = super().__new__(cls, (where, code.format(**params)))
        self.code = code
        return self

    @property
    def where(self) -> str:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]


class FormError(Exception):
    """One or more problems in a definition file."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = problems
        lines = [f"{self.path.name}: {kp or '(root)'}: {msg}" for kp, msg in problems]
        super().__init__("\n".join(lines))

    @property
    def codes(self) -> list[LoaderCode]:
        return [p.code for p in self.problems]


def problem(path: Path | str, where: str, code: LoaderCode, /, **params: Any) -> FormError:
    """A FormError with one problem."""
    return FormError(path, [Problem(where, code, **params)])


def _key_path(parts: Iterable[Any]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
