"""Load a rule set: read → check against ``criteria.schema.json`` → build → check references.

Problems are reported like form-definition problems: ``FormError`` naming the file and the
key path (``criteria[3].condition``), so an author adding a province's reading is told where.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from zjtx_desktop.core.eligibility.builtins import BUILTINS
from zjtx_desktop.core.eligibility.explain import condition_problems
from zjtx_desktop.core.eligibility.model import (
    AdviceItem,
    AdviceSpec,
    Alternative,
    Criterion,
    Group,
    Highlight,
    Quantity,
    RuleSet,
    Source,
)
from zjtx_desktop.core.expr import ExprError, Expression
from zjtx_desktop.core.forms.loader import FormError, _key_path, _subst, _UniqueKeyLoader
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.forms.registry import UnknownForm, form_ids, get_form
from zjtx_desktop.core.paths import forms_dir


def criteria_dir() -> Path:
    return forms_dir() / "programmes" / "criteria"


def ruleset_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or criteria_dir()).glob("*.yaml"))


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    path = forms_dir() / "programmes" / "criteria.schema.json"
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def read_ruleset(path: Path) -> dict[str, Any]:
    """The file's data, checked against the schema; raises FormError with key paths."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise FormError(path, [(where, f"YAML 格式错误：{getattr(e, 'problem', e)}")]) from None
    except OSError as e:
        raise FormError(path, [("", f"无法读取：{e}")]) from None
    if not isinstance(data, dict):
        raise FormError(path, [("", "规则集文件的顶层应为映射（键: 值）")])
    problems = [
        (_key_path(err.absolute_path), err.message)
        for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        raise FormError(path, problems)
    return data


def _programme_ids() -> set[str]:
    out: set[str] = set()
    for p in (forms_dir() / "programmes").glob("*.yaml"):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            out.add(d["id"])
    return out


class _Builder:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.params: dict[str, Any] = dict(data.get("params", {}))
        self.problems: list[tuple[str, str]] = []
        self.forms: dict[str, FormDef] = {}

    def fail(self, where: str, msg: str) -> None:
        self.problems.append((where, msg))

    def text(self, s: str) -> str:
        return _subst(s, self.params)

    def expr(self, where: str, source: str) -> Expression | None:
        try:
            return Expression(self.text(source))
        except ExprError as e:
            self.fail(where, f"{e}（表达式：{source}）")
            return None

    def form(self, where: str, form_id: str) -> FormDef | None:
        if form_id in self.forms:
            return self.forms[form_id]
        if form_id not in form_ids():
            self.fail(where, f"引用了不存在的表单“{form_id}”")
            return None
        try:
            form = get_form(form_id)
        except (UnknownForm, FormError) as e:
            self.fail(where, f"表单“{form_id}”无法加载：{e}")
            return None
        self.forms[form_id] = form
        return form

    def build(self) -> RuleSet:
        d = self.data
        if d["programme"] not in _programme_ids():
            self.fail("programme", f"引用了不存在的申报项目“{d['programme']}”")
        forms = tuple(d["forms"])
        for i, fid in enumerate(forms):
            self.form(f"forms[{i}]", fid)
        groups: dict[str, Group] = {}
        for i, g in enumerate(d["groups"]):
            if g["id"] in groups:
                self.fail(f"groups[{i}].id", f"重复的组 id“{g['id']}”")
            groups[g["id"]] = Group(g["id"], self.text(g["title"]), g["require"])
        quantities = self._quantities(d["quantities"])
        criteria = self._criteria(d["criteria"], groups, quantities)
        highlights = []
        for i, h in enumerate(d.get("highlights", [])):
            if h["quantity"] not in quantities:
                self.fail(f"highlights[{i}].quantity", f"未定义的量“{h['quantity']}”")
            highlights.append(Highlight(h["quantity"], self.text(h["label"])))
        advice = self._advice(d.get("advice"), groups)
        if self.problems:
            raise FormError(self.path, self.problems)
        src = d["source"]
        return RuleSet(
            id=d["id"],
            title=self.text(d["title"]),
            short_title=self.text(d.get("short_title", d["title"])),
            document=src["document"],
            document_title=src.get("title", ""),
            issuer=src.get("issuer", ""),
            date=src["date"],
            version=str(d["version"]),
            programme=d["programme"],
            forms=forms,
            params=self.params,
            quantities=quantities,
            groups=groups,
            criteria=criteria,
            highlights=tuple(highlights),
            path=self.path,
            advice=advice,
        )

    def _advice(self, raw: dict[str, Any] | None, groups: dict[str, Group]) -> AdviceSpec | None:
        if raw is None:
            return None
        form = self.form("advice.form", raw["form"])
        items = []
        for i, it in enumerate(raw["items"]):
            where = f"advice.items[{i}]"
            if form is not None and it["field"] not in form.fields:
                self.fail(f"{where}.field", f"表单“{raw['form']}”中没有字段“{it['field']}”")
            if it["group"] not in groups:
                self.fail(f"{where}.group", f"引用了不存在的组“{it['group']}”")
            items.append(AdviceItem(it["field"], it["group"], it["show"]))
        return AdviceSpec(raw["form"], raw["role"], tuple(items))

    # --- quantities -------------------------------------------------------------------

    def _quantities(self, raw: dict[str, Any]) -> dict[str, Quantity]:
        out: dict[str, Quantity] = {}
        calc_refs: dict[str, set[str]] = {}
        for qid, q in raw.items():
            where = f"quantities.{qid}"
            sources = []
            refs: set[str] = set()
            for j, s in enumerate(q["sources"]):
                source = self._source(f"{where}.sources[{j}]", s, raw, refs)
                if source is not None:
                    sources.append(source)
            calc_refs[qid] = refs
            if not q["sources"] and not q.get("declaration"):
                self.fail(where, "没有来源的量必须写明 declaration（企业须声明的内容）")
            out[qid] = Quantity(
                id=qid,
                label=self.text(q["label"]),
                unit=q.get("unit", ""),
                sources=tuple(sources),
                declaration=self.text(q.get("declaration", "")),
                decimals=q.get("decimals", 2),
            )
        for qid in raw:
            cycle = _cycle(qid, calc_refs)
            if cycle:
                self.fail(f"quantities.{qid}", f"量的计算循环引用：{' → '.join(cycle)}")
        return out

    def _source(
        self, where: str, s: dict[str, Any], quantities: dict[str, Any], refs: set[str]
    ) -> Source | None:
        basis = self.text(s["basis"])
        if "calc" in s:
            e = self.expr(f"{where}.calc", s["calc"])
            if e is None:
                return None
            for name in sorted(e.fields - quantities.keys()):
                self.fail(f"{where}.calc", f"未定义的量“{name}”")
            refs |= set(e.fields)
            return Source("calc", basis, expr=e)
        form = self.form(f"{where}.form", s["form"]) if "form" in s else None
        if "builtin" in s:
            return self._builtin(where, s, form, basis)
        e = self.expr(f"{where}.expr", s["expr"])
        detail = self.expr(f"{where}.detail", s["detail"]) if "detail" in s else None
        if form is not None:
            for key, ex in (("expr", e), ("detail", detail)):
                if ex is not None:
                    for ref in sorted(ex.fields - form.fields.keys()):
                        self.fail(f"{where}.{key}", f"表单“{form.id}”没有字段“{ref}”")
        if e is None:
            return None
        return Source("expr", basis, form=s["form"], expr=e, detail=detail)

    def _builtin(
        self, where: str, s: dict[str, Any], form: FormDef | None, basis: str
    ) -> Source | None:
        name = s["builtin"]
        args = {k: self.text(v) for k, v in s.get("args", {}).items()}
        needed = BUILTINS[name].args
        for a in sorted(set(needed) - args.keys()):
            self.fail(f"{where}.args", f"“{name}”需要参数“{a}”")
        for a in sorted(args.keys() - set(needed)):
            self.fail(f"{where}.args.{a}", f"“{name}”没有参数“{a}”")
        if BUILTINS[name].needs_form and "form" not in s:
            self.fail(where, f"“{name}”需要 form")
        if form is not None and "field" in args and args["field"] not in form.fields:
            self.fail(f"{where}.args.field", f"表单“{form.id}”没有字段“{args['field']}”")
        if "until" in args:
            try:
                dt.date.fromisoformat(args["until"])
            except ValueError:
                self.fail(f"{where}.args.until", f"日期“{args['until']}”应写成 YYYY-MM-DD")
        return Source("builtin", basis, form=s.get("form", ""), builtin=name, args=args)

    # --- criteria ---------------------------------------------------------------------

    def _criteria(
        self,
        raw: list[dict[str, Any]],
        groups: dict[str, Group],
        quantities: dict[str, Quantity],
    ) -> list[Criterion]:
        out: list[Criterion] = []
        ids: set[str] = set()
        document = self.data["source"]["document"]
        for i, c in enumerate(raw):
            where = f"criteria[{i}]"
            if c["id"] in ids:
                self.fail(f"{where}.id", f"重复的条件 id“{c['id']}”")
            ids.add(c["id"])
            if c["group"] not in groups:
                self.fail(f"{where}.group", f"引用了不存在的组“{c['group']}”")
            cond = self._condition(f"{where}.condition", c["condition"], quantities)
            alternatives = []
            for j, a in enumerate(c.get("alternatives", [])):
                ac = self._condition(
                    f"{where}.alternatives[{j}].condition", a["condition"], quantities
                )
                if ac is not None:
                    alternatives.append(Alternative(self.text(a["reading"]), ac))
            if cond is None:
                continue
            src = c["source"]
            out.append(
                Criterion(
                    id=c["id"],
                    title=self.text(c["title"]),
                    group=c["group"],
                    document=src.get("document", document),
                    clause=self.text(src["clause"]),
                    seed=src["seed"],
                    condition=cond,
                    check=c.get("check", "auto"),
                    judgements=tuple(self.text(t) for t in c.get("judgements", [])),
                    reading=self.text(c.get("reading", "")),
                    note=self.text(c.get("note", "")),
                    alternatives=tuple(alternatives),
                    gate=c.get("gate", True),
                    option=c.get("option", ""),
                )
            )
        return out

    def _condition(
        self, where: str, source: str, quantities: dict[str, Quantity]
    ) -> Expression | None:
        e = self.expr(where, source)
        if e is None:
            return None
        for name in sorted(e.fields - quantities.keys()):
            self.fail(where, f"未定义的量“{name}”（条件只能引用 quantities 中的量）")
        for problem in condition_problems(e.source):
            self.fail(where, problem)
        return e


def _cycle(start: str, refs: dict[str, set[str]]) -> list[str]:
    """A path start → … → start through calc references, or [] if there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(refs.get(node, ())):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def load_ruleset(path: Path) -> RuleSet:
    """Load and check one rule-set file; raises FormError."""
    data = read_ruleset(path)
    return _Builder(path, data).build()


@cache
def rulesets() -> dict[str, RuleSet]:
    """Every shipped rule set by id, in file order; raises FormError on the first bad file."""
    out: dict[str, RuleSet] = {}
    for p in ruleset_files():
        rs = load_ruleset(p)
        if rs.id in out:
            raise FormError(p, [("id", f"规则集 id“{rs.id}”与 {out[rs.id].path.name} 重复")])
        out[rs.id] = rs
    return out
