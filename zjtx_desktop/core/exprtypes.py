"""Types of form expressions, inferred at load from the field types (issue 13 item 5).

A rule comparing a number with a text (``rd_staff <= 'employees'``) evaluates to "cannot tell"
on every keystroke and so never fires; the loader refuses it instead, with the key path. The
inference is deliberately small: number, text, date, list (a multiple choice), yes/no, and
"any" where nothing can be said (``None``, a field that does not exist — reported elsewhere).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from enum import Enum

from zjtx_desktop.core.fieldtypes import NUMERIC_TYPES


class T(Enum):
    NUM = "数字"
    STR = "文字"
    DATE = "日期"
    LIST = "多选列表"
    BOOL = "是/否"
    ANY = "任意"


def type_of_field(field_type: str) -> T:
    if field_type in NUMERIC_TYPES or field_type == "year":
        return T.NUM
    if field_type == "date":
        return T.DATE
    if field_type == "multichoice":
        return T.LIST
    return T.STR


# functions: (types the arguments must have, result type); None = any number of NUM arguments
_NUMERIC = {"pct", "growth", "sum", "avg", "min", "max", "abs", "round"}
_RESULT = {"len": T.NUM, "filled": T.BOOL, "count": T.NUM, "today": T.DATE}

Lookup = Callable[[str], str | None]  # field id → its field type (None: no such field)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _compatible(a: T, b: T) -> bool:
    return a is T.ANY or b is T.ANY or a is b


class _Checker:
    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.problems: list[str] = []

    def bad(self, text: str) -> T:
        self.problems.append(text)
        return T.ANY

    def need(self, node: ast.expr, want: T, what: str) -> None:
        got = self.infer(node)
        if not _compatible(got, want):
            self.bad(f"{what}应为{want.value}，“{ast.unparse(node)}”是{got.value}")

    def infer(self, node: ast.expr) -> T:
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                return T.BOOL
            if isinstance(v, int | float):
                return T.NUM
            if isinstance(v, str):
                return T.STR
            return T.ANY
        name = _dotted(node)
        if name is not None:
            ftype = self.lookup(name)
            return T.ANY if ftype is None else type_of_field(ftype)
        if isinstance(node, ast.List | ast.Tuple):
            for e in node.elts:
                self.infer(e)
            return T.LIST
        if isinstance(node, ast.BoolOp):
            for part in node.values:
                self.infer(part)
            return T.BOOL
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                self.need(node.operand, T.NUM, "取负数的")
                return T.NUM
            self.infer(node.operand)
            return T.BOOL
        if isinstance(node, ast.BinOp):
            self.need(node.left, T.NUM, "算术运算的")
            self.need(node.right, T.NUM, "算术运算的")
            return T.NUM
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.IfExp):
            self.infer(node.test)
            a, b = self.infer(node.body), self.infer(node.orelse)
            return a if a is b else T.ANY
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fname = node.func.id
            if fname in _NUMERIC:
                for arg in node.args:
                    self.need(arg, T.NUM, f"{fname}() 的参数")
                return T.NUM
            if fname == "len":
                for arg in node.args:
                    got = self.infer(arg)
                    if got not in (T.STR, T.LIST, T.ANY):
                        self.bad(
                            f"len() 的参数应为文字或多选列表，“{ast.unparse(arg)}”是{got.value}"
                        )
            elif fname == "count":
                for arg in node.args:
                    self.need(arg, T.BOOL, "count() 的参数")
            else:
                for arg in node.args:
                    self.infer(arg)
            return _RESULT.get(fname, T.ANY)
        return T.ANY

    def _compare(self, node: ast.Compare) -> T:
        left = self.infer(node.left)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.infer(right_node)
            shown = f"“{ast.unparse(node)}”"
            if isinstance(op, ast.In | ast.NotIn):
                if right not in (T.LIST, T.STR, T.ANY):
                    self.bad(f"{shown}：in 的右边应为多选列表或文字，这里是{right.value}")
                elif right is T.STR and left not in (T.STR, T.ANY):
                    self.bad(f"{shown}：在文字中查找的应为文字，这里是{left.value}")
            elif isinstance(op, ast.Eq | ast.NotEq):
                if not _compatible(left, right) and T.BOOL not in (left, right):
                    self.bad(f"{shown}：{left.value}与{right.value}比较，永远不会相等")
            elif not _compatible(left, right) or left in (T.BOOL, T.LIST):
                self.bad(f"{shown}：{left.value}与{right.value}不能比较大小")
            left = right
        return T.BOOL


def type_problems(source: str, lookup: Lookup) -> list[str]:
    """Why the expression mixes types (empty when it does not). ``source`` must compile."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return []  # reported as a syntax error by the compiler
    checker = _Checker(lookup)
    checker.infer(tree.body)
    return checker.problems
