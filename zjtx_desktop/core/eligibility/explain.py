"""Explanations: the figures that decided a criterion, in the wording of the rule.

A condition such as ``rd_ratio_y1 >= 3 and rd_ratio_y2 >= 3`` is split at ``and``/``or``/
``not`` into atoms (comparisons of quantities with thresholds). Each atom is evaluated on
its own and rendered with the relation that actually holds: "研发经费占比 2019年 2.8% < 3%".
A failed conjunction shows only its failed parts, a met disjunction only its met parts —
the figures that decided the verdict. The verdict itself is the expression language's.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.model import QuantityValue
from zjtx_desktop.core.expr import Expression
from zjtx_desktop.core.numbers import quantize
from zjtx_desktop.core.refs import FieldRef

Lookup = Callable[[str], QuantityValue]
Labels = Callable[[FieldRef], str]  # a field's name as a person reads it

_OPS: dict[type[ast.cmpop], str] = {
    ast.GtE: ">=",
    ast.Gt: ">",
    ast.LtE: "<=",
    ast.Lt: "<",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}


# --- the tree of a condition ------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    kind: str  # and | or | not | atom
    parts: tuple[Node, ...] = ()
    expr: Expression | None = None
    ast_node: ast.expr | None = None


def _build(node: ast.expr) -> Node:
    if isinstance(node, ast.BoolOp):
        kind = "and" if isinstance(node.op, ast.And) else "or"
        return Node(kind, tuple(_build(v) for v in node.values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return Node("not", (_build(node.operand),))
    return Node("atom", expr=Expression(ast.unparse(node)), ast_node=node)


@cache
def tree(source: str) -> Node:
    return _build(ast.parse(source.strip(), mode="eval").body)


def _operand_ok(node: ast.expr) -> bool:
    if isinstance(node, ast.Name | ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return all(isinstance(e, ast.Constant) for e in node.elts)
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    )


def condition_problems(source: str) -> list[str]:
    """Atoms the explainer cannot render: only quantities, constants and comparisons."""
    out = []

    def walk(n: Node) -> None:
        if n.kind != "atom":
            for p in n.parts:
                walk(p)
            return
        a = n.ast_node
        ok = isinstance(a, ast.Name) or (isinstance(a, ast.Constant) and a.value is True)
        if isinstance(a, ast.Compare):
            ok = all(type(o) in _OPS for o in a.ops) and all(
                _operand_ok(x) for x in [a.left, *a.comparators]
            )
        if not ok:
            out.append(
                f"“{ast.unparse(a) if a is not None else ''}”不能解释："
                "条件中只能比较量与常数（复杂的计算请写成一个量）"
            )

    walk(tree(source))
    return out


# --- evaluating with fragments ----------------------------------------------------------


def explain(
    source: str, lookup: Lookup, labels: Labels
) -> tuple[Any, list[str], list[QuantityValue]]:
    """(three-valued result, fragments that decided it, quantities they show)."""
    return _eval(tree(source), lookup, labels)


def _eval(n: Node, lookup: Lookup, labels: Labels) -> tuple[Any, list[str], list[QuantityValue]]:
    if n.kind == "atom":
        assert n.expr is not None and n.ast_node is not None
        v = n.expr(lambda name: lookup(name).value)
        frag, used = _render_atom(n.ast_node, v, lookup, labels)
        return v, [frag] if frag else [], used
    results = [_eval(p, lookup, labels) for p in n.parts]
    if n.kind == "not":
        v, frags, used = results[0]
        return (None if v is None else not v), frags, used
    values = [r[0] for r in results]
    if n.kind == "and":
        if any(v is not None and not v for v in values):
            value: Any = False
            chosen = [r for r in results if r[0] is not None and not r[0]]
        else:
            value = None if any(v is None for v in values) else True
            chosen = results
    else:
        if any(v is not None and v for v in values):
            value = True
            chosen = [r for r in results if r[0] is not None and r[0]]
        else:
            value = None if any(v is None for v in values) else False
            chosen = results
    frags = [f for r in chosen for f in r[1]]
    used = [q for r in chosen for q in r[2]]
    return value, frags, used


# --- rendering --------------------------------------------------------------------------


def _norm(v: Decimal) -> str:
    return format(v.normalize(), "f")


def fmt_number(v: Any, decimals: int, against: Any = None) -> str:
    """A number as shown: at most ``decimals`` places, more if rounding would hide a gap."""
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        return str(v)
    d = Decimal(v)
    places = decimals
    while True:
        q = quantize(d, places, ROUND_HALF_UP)
        if q is None:  # not finite: say what it is rather than stop the whole panel
            return str(d)
        shown = q
        if against is None or not isinstance(against, int | Decimal) or places >= 6:
            break
        if (shown == Decimal(against)) == (d == Decimal(against)):
            break
        places += 1
    return _norm(shown)


def with_unit(number: str, unit: str) -> str:
    if "{}" in unit:
        return unit.replace("{}", number)
    return f"{number}{unit}"


def value_text(qv: QuantityValue, against: Any = None) -> str:
    q = qv.quantity
    v = qv.value
    if isinstance(v, list):
        shown = "、".join(str(x) for x in v) if v else "无"
    elif isinstance(v, bool):
        shown = "是" if v else "否"
    elif isinstance(v, int | Decimal):
        shown = with_unit(fmt_number(v, q.decimals, against), q.unit)
    else:
        shown = str(v)
    if qv.detail:
        shown += f"（{qv.detail}）"
    return shown


def basis_text(qv: QuantityValue) -> str:
    if not qv.parts:
        return qv.basis
    parts = "、".join(
        f"{p.quantity.label} {value_text(p)}" + (f"〔{p.basis}〕" if p.basis else "")
        for p in qv.parts
    )
    return f"{qv.basis}：{parts}" if qv.basis else parts


def unknown_text(qv: QuantityValue, labels: Labels) -> str:
    reasons = unknown_reasons(qv, labels)
    if qv.quantity.declaration and len(reasons) == 1:
        return reasons[0]  # nothing to fill in: the declaration says it all
    return T.UNKNOWN_VALUE.format(label=qv.quantity.label) + (
        f"（{'；'.join(reasons)}）" if reasons else ""
    )


def unknown_reasons(qv: QuantityValue, labels: Labels) -> list[str]:
    out: list[str] = [qv.quantity.pending] if qv.quantity.pending else []
    declared = bool(qv.quantity.declaration)
    if qv.missing:
        text = T.MISSING.format(fields="、".join(labels(f) for f in qv.missing))
        if qv.alternatives:
            text += T.MISSING_OR.format(fields="、".join(labels(f) for f in qv.alternatives))
        out.append(text)
    elif qv.parts:
        for p in qv.parts:
            if p.value is None:
                reasons = unknown_reasons(p, labels)
                if not p.missing:  # say which part cannot be computed
                    reasons = [p.quantity.label + r for r in reasons]
                out += [r for r in reasons if r not in out]
    elif qv.basis:
        out.append(qv.basis)
    elif qv.fields and not declared and not qv.absent_forms:
        out.append(T.NOT_COMPUTABLE.format(fields="、".join(labels(f) for f in qv.fields)))
    if qv.absent_forms and not qv.missing and not declared:
        out.append(T.IN_OTHER_FORM.format(forms="、".join(_form_title(f) for f in qv.absent_forms)))
    if declared:
        out.append(T.DECLARE.format(text=qv.quantity.declaration))
    return out


def _form_title(form_id: str) -> str:
    from zjtx_desktop.core.forms.registry import get_form

    try:
        return f"《{get_form(form_id).title}》"
    except Exception:  # a rule set loads only when its forms load; this is belt and braces
        return form_id


def _render_atom(
    a: ast.expr, result: Any, lookup: Lookup, labels: Labels
) -> tuple[str, list[QuantityValue]]:
    if isinstance(a, ast.Name):
        qv = lookup(a.id)
        if qv.value is None:
            return unknown_text(qv, labels), [qv]
        return f"{qv.quantity.label}：{value_text(qv)}{_basis_suffix([qv])}", [qv]
    if isinstance(a, ast.Constant):
        return "", []
    assert isinstance(a, ast.Compare)
    operands = [a.left, *a.comparators]
    qvs = [lookup(o.id) for o in operands if isinstance(o, ast.Name)]
    unknown = [q for q in qvs if q.value is None]
    if unknown:
        return "；".join(unknown_text(q, labels) for q in unknown), qvs
    ops = [_OPS[type(o)] for o in a.ops]
    if any(op in ("==", "!=", "in", "not in") for op in ops) or any(
        not isinstance(q.value, int | Decimal) or isinstance(q.value, bool) for q in qvs
    ):
        shown = "；".join(f"{q.quantity.label}：{value_text(q)}" for q in qvs)
        return shown + _basis_suffix(qvs), qvs
    pairs = list(zip(operands, ops, operands[1:], strict=False))
    texts: list[str] = []
    if result and len(pairs) == 2 and isinstance(operands[1], ast.Name):
        # a band: "5000万元 ≤ 营业收入 2020年 8000万元 < 10000万元"
        left, right = (_side(o, lookup, qvs) for o in (operands[0], operands[2]))
        mid = lookup(operands[1].id)
        texts.append(
            f"{left} {T.HOLDS[ops[0]]} {mid.quantity.label} {value_text(mid)} "
            f"{T.HOLDS[ops[1]]} {right}"
        )
    else:
        for lhs, op, rhs in pairs:
            if not isinstance(lhs, ast.Name) and isinstance(rhs, ast.Name):
                lhs, op, rhs = rhs, T.FLIP[op], lhs
            ok = _holds(op, _value(lhs, lookup), _value(rhs, lookup))
            if not result and ok:
                continue  # a failed chain shows only the pair that failed
            sym = T.HOLDS[op] if ok else T.FAILS[op]
            texts.append(f"{_side(lhs, lookup, qvs, rhs)} {sym} {_side(rhs, lookup, qvs, lhs)}")
    return "，".join(texts) + _basis_suffix(qvs), qvs


def _value(node: ast.expr, lookup: Lookup) -> Any:
    if isinstance(node, ast.Name):
        return lookup(node.id).value
    return ast.literal_eval(node)


def _holds(op: str, a: Any, b: Any) -> bool:
    table: dict[str, Callable[[Any, Any], bool]] = {
        ">=": lambda x, y: x >= y,
        ">": lambda x, y: x > y,
        "<=": lambda x, y: x <= y,
        "<": lambda x, y: x < y,
    }
    return bool(table[op](Decimal(a), Decimal(b)))


def _side(
    node: ast.expr, lookup: Lookup, qvs: list[QuantityValue], other: ast.expr | None = None
) -> str:
    if isinstance(node, ast.Name):
        qv = lookup(node.id)
        against = _value(other, lookup) if other is not None else None
        return f"{qv.quantity.label} {value_text(qv, against)}"
    v = ast.literal_eval(node)
    unit = qvs[0].quantity.unit if qvs else ""
    decimals = qvs[0].quantity.decimals if qvs else 2
    return with_unit(fmt_number(Decimal(v), max(decimals, 0)), unit)


def _basis_suffix(qvs: list[QuantityValue]) -> str:
    seen: list[str] = []
    for q in qvs:
        b = basis_text(q)
        if b and b not in seen:
            seen.append(b)
    return f"（{'；'.join(seen)}）" if seen else ""
