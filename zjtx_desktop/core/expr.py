"""A small, safe expression language for rules, relevance and calculations in form files.

Expressions are written in Python syntax (so authors need to learn nothing new) but only a
whitelist of nodes is accepted. Field references are bare names or dotted names
(``operating_revenue.y2``). Evaluation uses three-valued logic: a missing value is ``None``
("cannot tell yet") and propagates through arithmetic and comparisons, so a rule over blank
fields stays silent instead of firing. Expressions are compiled once to closures: evaluation
on each keystroke is a few function calls.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Any

Env = Callable[[str], Any]
Compiled = Callable[[Env], Any]


class ExprError(ValueError):
    """An expression that cannot be compiled (syntax or a construct we do not allow)."""


# Bounds on what a form file may ask of the machine. The largest shipped expression has 36
# nodes in 176 characters; a 3,000-term rule is a mistake or an attack, never a rule.
MAX_SOURCE_CHARS = 2_000
MAX_NODES = 400
MAX_TEXT_RESULT = 100_000  # characters of a joined text or list


def _num(v: Any) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return Decimal(v)
    return None


def pct(a: Any, b: Any) -> Decimal | None:
    """100 × a ÷ b; unknown when b is not positive."""
    x, y = _num(a), _num(b)
    if x is None or y is None or y <= 0:
        return None
    return x * 100 / y


def growth(cur: Any, prev: Any) -> Decimal | None:
    """Growth rate in percent from prev to cur; unknown from a non-positive base."""
    x, y = _num(cur), _num(prev)
    if x is None or y is None or y <= 0:
        return None
    return (x / y - 1) * 100


def _all_known(args: Sequence[Any]) -> bool:
    return all(a is not None for a in args)


def _sum(*args: Any) -> Any:
    if not _all_known(args):
        return None
    total: Any = Decimal(0)
    for a in args:
        total += a
    return total


def _min(*args: Any) -> Any:
    return min(args) if _all_known(args) else None


def _max(*args: Any) -> Any:
    return max(args) if _all_known(args) else None


def _abs(a: Any) -> Any:
    return None if a is None else abs(a)


def _round(a: Any, n: Any = 0) -> Any:
    if a is None:
        return None
    return round(Decimal(a), int(n))


def _len(a: Any) -> Any:
    if a is None:
        return None
    return len(a)


def _filled(a: Any) -> bool:
    return a is not None and a != [] and a != ""


def _count(*args: Any) -> int:
    """Number of arguments that are True (unknowns do not count)."""
    return sum(1 for a in args if a is True)


def _today() -> dt.date:
    return dt.date.today()


def _avg(*args: Any) -> Any:
    if not _all_known(args) or not args:
        return None
    return _sum(*args) / len(args)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "pct": pct,
    "growth": growth,
    "sum": _sum,
    "avg": _avg,
    "min": _min,
    "max": _max,
    "abs": _abs,
    "round": _round,
    "len": _len,
    "filled": _filled,
    "count": _count,
    "today": _today,
}


def _cmp(op: ast.cmpop) -> Callable[[Any, Any], Any]:
    def wrap(f: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
        def g(a: Any, b: Any) -> Any:
            if a is None or b is None:
                return None
            try:
                return f(a, b)
            except TypeError:
                return None

        return g

    table: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
        ast.Eq: lambda a, b: a == b,
        ast.NotEq: lambda a, b: a != b,
        ast.Lt: lambda a, b: a < b,
        ast.LtE: lambda a, b: a <= b,
        ast.Gt: lambda a, b: a > b,
        ast.GtE: lambda a, b: a >= b,
        ast.In: lambda a, b: a in b,
        ast.NotIn: lambda a, b: a not in b,
    }
    f = table.get(type(op))
    if f is None:
        raise ExprError(f"不支持的比较运算：{type(op).__name__}")
    return wrap(f)


def _arith(op: ast.operator) -> Callable[[Any, Any], Any]:
    table: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b,
    }
    f = table.get(type(op))
    if f is None:
        raise ExprError(f"不支持的运算：{type(op).__name__}")

    adds = isinstance(op, ast.Add)

    def g(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        # text and lists only join (+), bounded: 'a' * 4000000000 would exhaust memory
        if not (_is_number(a) and _is_number(b)) and not (adds and _joinable(a, b)):
            return None
        try:
            return f(a, b)
        except (ZeroDivisionError, DivisionByZero, InvalidOperation, TypeError, OverflowError):
            return None

    return g


def _joinable(a: Any, b: Any) -> bool:
    same = (isinstance(a, str) and isinstance(b, str)) or (
        isinstance(a, list) and isinstance(b, list)
    )
    return same and len(a) + len(b) <= MAX_TEXT_RESULT


def _is_number(v: Any) -> bool:
    return isinstance(v, int | Decimal) and not isinstance(v, bool)


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _constant(raw: object) -> Compiled:
    value: Any
    if isinstance(raw, float):
        value = Decimal(str(raw))
    elif isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**30:
        raise ExprError("常量过大")
    elif raw is None or isinstance(raw, bool | int | str):
        value = raw
    else:
        raise ExprError(f"不支持的常量：{raw!r}")

    def constant(env: Env) -> Any:
        return value

    return constant


def _reference(name: str) -> Compiled:
    def reference(env: Env) -> Any:
        return env(name)

    return reference


class Expression:
    """A compiled expression with the set of field ids it reads."""

    __slots__ = ("_fn", "fields", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        if len(source) > MAX_SOURCE_CHARS:
            raise ExprError(f"表达式过长（{len(source)}字符，上限{MAX_SOURCE_CHARS}）：请拆分")
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as e:
            raise ExprError(f"表达式语法错误：{e.msg}") from None
        except (RecursionError, MemoryError):
            raise ExprError("表达式嵌套过深：请拆分") from None
        nodes = sum(1 for _ in ast.walk(tree))
        if nodes > MAX_NODES:
            raise ExprError(f"表达式过于复杂（{nodes}个成分，上限{MAX_NODES}）：请拆分")
        fields: set[str] = set()
        self._fn = self._compile(tree.body, fields)
        self.fields = frozenset(fields)

    def __call__(self, env: Env) -> Any:
        return self._fn(env)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"

    def _compile(self, node: ast.expr, fields: set[str]) -> Compiled:
        c = self._compile
        if isinstance(node, ast.Constant):
            return _constant(node.value)
        name = _dotted(node)
        if name is not None:
            fields.add(name)
            return _reference(name)
        if isinstance(node, ast.List | ast.Tuple):
            items = [c(e, fields) for e in node.elts]
            return lambda env: [f(env) for f in items]
        if isinstance(node, ast.BoolOp):
            parts = [c(v, fields) for v in node.values]
            if isinstance(node.op, ast.And):

                def and_(env: Env) -> Any:
                    unknown = False
                    for p in parts:
                        r = p(env)
                        if r is None:
                            unknown = True
                        elif not r:
                            return False
                    return None if unknown else True

                return and_

            def or_(env: Env) -> Any:
                unknown = False
                for p in parts:
                    r = p(env)
                    if r is None:
                        unknown = True
                    elif r:
                        return True
                return None if unknown else False

            return or_
        if isinstance(node, ast.UnaryOp):
            operand = c(node.operand, fields)
            if isinstance(node.op, ast.Not):
                return lambda env: None if (r := operand(env)) is None else not r
            if isinstance(node.op, ast.USub):
                return lambda env: None if (r := operand(env)) is None else -r
            raise ExprError(f"不支持的运算：{type(node.op).__name__}")
        if isinstance(node, ast.BinOp):
            texts = [n for n in (node.left, node.right) if isinstance(n, ast.Constant)]
            if not isinstance(node.op, ast.Add) and any(isinstance(n.value, str) for n in texts):
                raise ExprError("文字不能参与乘除或减法（如 'a' * 3）")
            left, right, f = c(node.left, fields), c(node.right, fields), _arith(node.op)
            return lambda env: f(left(env), right(env))
        if isinstance(node, ast.Compare):
            left = c(node.left, fields)
            ops = [_cmp(o) for o in node.ops]
            rights = [c(r, fields) for r in node.comparators]

            def compare(env: Env) -> Any:
                a = left(env)
                result: Any = True
                for op, rf in zip(ops, rights, strict=True):
                    b = rf(env)
                    r = op(a, b)
                    if r is None:
                        result = None
                    elif not r:
                        return False
                    a = b
                return result

            return compare
        if isinstance(node, ast.IfExp):
            test, body, orelse = c(node.test, fields), c(node.body, fields), c(node.orelse, fields)

            def ifexp(env: Env) -> Any:
                t = test(env)
                if t is None:
                    return None
                return body(env) if t else orelse(env)

            return ifexp
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                fname = _dotted(node.func) or "?"
                raise ExprError(f"未知函数：{fname}（可用：{'、'.join(sorted(FUNCTIONS))}）")
            if node.keywords:
                raise ExprError("函数不接受关键字参数")
            fn = FUNCTIONS[node.func.id]
            args = [c(a, fields) for a in node.args]
            return lambda env: fn(*(a(env) for a in args))
        raise ExprError(f"不支持的表达式成分：{type(node).__name__}")


def truthy(value: Any) -> bool:
    """Relevance conditions: unknown counts as not relevant."""
    return value is True or (value is not None and value is not False and bool(value))
