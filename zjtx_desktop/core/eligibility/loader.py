"""Load a rule set: read → check against ``criteria.schema.json`` → build → check references.

Problems are reported like form-definition problems: ``FormError`` naming the file and the
key path (``criteria[3].condition``), so an author adding a province's reading is told where.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.builtins import BUILTINS
from zjtx_desktop.core.eligibility.explain import condition_problems
from zjtx_desktop.core.eligibility.model import (
    AdviceItem,
    AdviceSpec,
    Alternative,
    Band,
    Branch,
    Criterion,
    Group,
    Highlight,
    Indicator,
    PointsTable,
    Quantity,
    RuleSet,
    ScoreGroup,
    Source,
    Waiver,
    Window,
)
from zjtx_desktop.core.expr import ExprError, Expression
from zjtx_desktop.core.forms.cycles import find_cycle
from zjtx_desktop.core.forms.errors import FormError, LoaderCode, Problem, problem
from zjtx_desktop.core.forms.loader import _key_path, _subst, read_text
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.forms.registry import UnknownForm, form_ids, get_form
from zjtx_desktop.core.paths import forms_dir

TYPES = ("新申请", "复核")


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
        from zjtx_desktop.core.forms.yamlio import load_yaml

        data = load_yaml(path, read_text(path))  # UTF-8 checked, no aliases, size bound
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise problem(
            path, where, LoaderCode.YAML_SYNTAX, problem=getattr(e, "problem", e)
        ) from None
    except OSError as e:
        raise problem(path, "", LoaderCode.UNREADABLE, error=e) from None
    if not isinstance(data, dict):
        raise problem(path, "", LoaderCode.NOT_A_MAPPING, kind="规则集")
    problems = [
        Problem(_key_path(err.absolute_path), LoaderCode.SCHEMA, message=err.message)
        for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        raise FormError(path, problems)
    return data


def _programme_ids() -> set[str]:
    from zjtx_desktop.core.forms.registry import programme_files

    out: set[str] = set()
    for p in programme_files():
        try:
            d = yaml.safe_load(read_text(p))
        except (FormError, yaml.YAMLError):
            continue  # named by zjtx forms check; never breaks the other files
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            out.add(d["id"])
    return out


class _Builder:
    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        extra_forms: dict[str, FormDef] | None = None,
        extra_programmes: set[str] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.params: dict[str, Any] = dict(data.get("params", {}))
        self.problems: list[Problem] = []
        self.forms: dict[str, FormDef] = dict(extra_forms or {})
        self.extra_programmes = extra_programmes or set()

    def fail(self, where: str, code: LoaderCode, /, **params: Any) -> None:
        self.problems.append(Problem(where, code, **params))

    def text(self, s: str) -> str:
        return _subst(s, self.params)

    def expr(self, where: str, source: str) -> Expression | None:
        try:
            return Expression(self.text(source))
        except ExprError as e:
            self.fail(where, LoaderCode.EXPR_SYNTAX, error=e, source=source)
            return None

    def form(self, where: str, form_id: str) -> FormDef | None:
        if form_id in self.forms:
            return self.forms[form_id]
        if form_id not in form_ids():
            self.fail(where, LoaderCode.UNKNOWN_FORM, ref=form_id)
            return None
        try:
            form = get_form(form_id)
        except (UnknownForm, FormError) as e:
            self.fail(where, LoaderCode.FORM_UNLOADABLE, ref=form_id, error=e)
            return None
        self.forms[form_id] = form
        return form

    def build(self) -> RuleSet:
        d = self.data
        if d["programme"] not in _programme_ids() | self.extra_programmes:
            self.fail("programme", LoaderCode.UNKNOWN_PROGRAMME, ref=d["programme"])
        forms = tuple(d["forms"])
        for i, fid in enumerate(forms):
            self.form(f"forms[{i}]", fid)
        groups: dict[str, Group] = {}
        for i, g in enumerate(d["groups"]):
            if g["id"] in groups:
                self.fail(f"groups[{i}].id", LoaderCode.DUPLICATE_ID, what="组", id=g["id"])
            groups[g["id"]] = Group(g["id"], self.text(g["title"]), g["require"])
        quantities = self._quantities(d["quantities"])
        points = self._points(d.get("points"), quantities)
        criteria = self._criteria(d["criteria"], groups, quantities)
        applies = tuple(
            Window(tuple(w["types"]), w["from"], w.get("until", ""), self.text(w.get("note", "")))
            for w in d.get("applies", [])
        )
        for i, w in enumerate(applies):
            if w.end and w.end < w.start:
                self.fail(f"applies[{i}]", LoaderCode.BAD_WINDOW, end=w.end, start=w.start)
        own = {c["id"] for c in d["criteria"]}
        for i, w in enumerate(d.get("waive", [])):
            if "overlay_on" not in d and w["criterion"] not in own:
                self.fail(f"waive[{i}].criterion", LoaderCode.UNKNOWN_CRITERION, ref=w["criterion"])
        highlights = []
        for i, h in enumerate(d.get("highlights", [])):
            if h["quantity"] not in quantities:
                self.fail(
                    f"highlights[{i}].quantity", LoaderCode.UNKNOWN_QUANTITY, ref=h["quantity"]
                )
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
            grade=d.get("grade", ""),
            grade_note=self.text(d.get("grade_note", "")),
            tier=d.get("tier", ""),
            applies=applies,
            overlay_on=tuple(d.get("overlay_on", [])),
            waivers=tuple(
                Waiver(w["criterion"], self.text(w["reading"]), tuple(w.get("types", TYPES)))
                for w in d.get("waive", [])
            ),
            points=points,
        )

    # --- points table -----------------------------------------------------------------

    def _points(
        self, raw: dict[str, Any] | None, quantities: dict[str, Quantity]
    ) -> PointsTable | None:
        if raw is None:
            return None
        groups = tuple(
            ScoreGroup(g["id"], self.text(g["title"]), _dec(g["max"])) for g in raw["groups"]
        )
        gids = [g.id for g in groups]
        indicators = []
        for i, ind in enumerate(raw["indicators"]):
            where = f"points.indicators[{i}]"
            if ind["group"] not in gids:
                self.fail(f"{where}.group", LoaderCode.UNKNOWN_SCORE_GROUP, ref=ind["group"])
            branches = self._branches(f"{where}.branches", ind.get("branches", []), quantities)
            if "entered" in ind and ind["entered"] not in quantities:
                self.fail(f"{where}.entered", LoaderCode.UNKNOWN_QUANTITY, ref=ind["entered"])
            if len(branches) > 1 and any(not b.reading for b in branches):
                self.fail(f"{where}.branches", LoaderCode.BRANCH_NEEDS_READING)
            alts = self._branches(f"{where}.alternatives", ind.get("alternatives", []), quantities)
            top = max((b.points for br in branches for b in br.bands), default=Decimal(0))
            if branches and top != _dec(ind["max"]):
                self.fail(f"{where}.max", LoaderCode.POINTS_MAX_MISMATCH, max=ind["max"], top=top)
            indicators.append(
                Indicator(
                    id=ind["id"],
                    title=self.text(ind["title"]),
                    group=ind["group"],
                    max=_dec(ind["max"]),
                    clause=self.text(ind["clause"]),
                    branches=branches,
                    alternatives=alts,
                    grade=ind.get("grade", ""),
                    note=self.text(ind.get("note", "")),
                    entered=ind.get("entered", ""),
                )
            )
        for g in groups:
            total = sum((x.max for x in indicators if x.group == g.id), Decimal(0))
            if total != g.max:
                self.fail(
                    "points.groups", LoaderCode.GROUP_MAX_MISMATCH, id=g.id, max=g.max, total=total
                )
        table = PointsTable(self.text(raw["title"]), groups, tuple(indicators))
        for qid, label in (
            ("score_total", table.title),
            *((f"score_{g.id}", g.title) for g in groups),
        ):
            if qid in quantities:
                self.fail(f"quantities.{qid}", LoaderCode.RESERVED_QUANTITY, ref=qid)
            quantities[qid] = Quantity(
                id=qid,
                label=label,
                unit="分",
                sources=(Source("score", T.SCORE_BASIS, builtin=qid),),
                decimals=0,
            )
        return table

    def _branches(
        self, where: str, raw: list[dict[str, Any]], quantities: dict[str, Quantity]
    ) -> tuple[Branch, ...]:
        out = []
        for j, b in enumerate(raw):
            bands = []
            for k, band in enumerate(b["bands"]):
                qid = band.get("quantity", b["quantity"])
                if qid not in quantities:
                    self.fail(f"{where}[{j}].bands[{k}]", LoaderCode.UNKNOWN_QUANTITY, ref=qid)
                bands.append(
                    Band(
                        option=band["option"],
                        label=self.text(band["label"]),
                        points=_dec(band["points"]),
                        quantity=qid,
                        min=_dec(band["min"]) if "min" in band else None,
                        below=_dec(band["below"]) if "below" in band else None,
                        equals=band.get("equals"),
                    )
                )
            if bands and (
                bands[-1].min is not None
                or bands[-1].below is not None
                or bands[-1].equals is not None
            ):
                self.fail(f"{where}[{j}].bands", LoaderCode.LAST_BAND_CONDITIONAL)
            if b["quantity"] not in quantities:
                self.fail(f"{where}[{j}].quantity", LoaderCode.UNKNOWN_QUANTITY, ref=b["quantity"])
            out.append(Branch(self.text(b.get("reading", "")), b["quantity"], tuple(bands)))
        return tuple(out)

    def _advice(self, raw: dict[str, Any] | None, groups: dict[str, Group]) -> AdviceSpec | None:
        if raw is None:
            return None
        form = self.form("advice.form", raw["form"])
        items = []
        for i, it in enumerate(raw["items"]):
            where = f"advice.items[{i}]"
            if form is not None and it["field"] not in form.fields:
                self.fail(
                    f"{where}.field",
                    LoaderCode.UNKNOWN_FORM_FIELD,
                    form=raw["form"],
                    ref=it["field"],
                )
            if it["group"] not in groups:
                self.fail(f"{where}.group", LoaderCode.UNKNOWN_GROUP, ref=it["group"])
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
                self.fail(where, LoaderCode.QUANTITY_NEEDS_DECLARATION)
            out[qid] = Quantity(
                id=qid,
                label=self.text(q["label"]),
                unit=q.get("unit", ""),
                sources=tuple(sources),
                declaration=self.text(q.get("declaration", "")),
                decimals=q.get("decimals", 2),
                pending=self.text(q.get("pending", "")),
            )
        for qid in raw:
            cycle = find_cycle(qid, calc_refs)
            if cycle:
                self.fail(f"quantities.{qid}", LoaderCode.QUANTITY_CYCLE, cycle=" → ".join(cycle))
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
                self.fail(f"{where}.calc", LoaderCode.UNKNOWN_QUANTITY, ref=name)
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
                        self.fail(
                            f"{where}.{key}", LoaderCode.UNKNOWN_FORM_FIELD, form=form.id, ref=ref
                        )
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
            self.fail(f"{where}.args", LoaderCode.ARG_MISSING, name=name, arg=a)
        for a in sorted(args.keys() - set(needed)):
            self.fail(f"{where}.args.{a}", LoaderCode.ARG_UNKNOWN, name=name, arg=a)
        if BUILTINS[name].needs_form and "form" not in s:
            self.fail(where, LoaderCode.NEEDS_FORM, name=name)
        for key in ("field", "first", "last"):
            if form is not None and key in args and args[key] not in form.fields:
                self.fail(
                    f"{where}.args.{key}",
                    LoaderCode.UNKNOWN_FORM_FIELD,
                    form=form.id,
                    ref=args[key],
                )
        if "years" in args and not args["years"].isdigit():
            self.fail(f"{where}.args.years", LoaderCode.BAD_YEARS, years=args["years"])
        if "until" in args:
            try:
                dt.date.fromisoformat(args["until"])
            except ValueError:
                self.fail(f"{where}.args.until", LoaderCode.BAD_DATE, date=args["until"])
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
                self.fail(f"{where}.id", LoaderCode.DUPLICATE_ID, what="条件", id=c["id"])
            ids.add(c["id"])
            if c["group"] not in groups:
                self.fail(f"{where}.group", LoaderCode.UNKNOWN_GROUP, ref=c["group"])
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
                    grade=c.get("grade", self.data.get("grade", "")),
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
            self.fail(where, LoaderCode.CONDITION_UNKNOWN_QUANTITY, ref=name)
        for text in condition_problems(e.source):
            self.fail(where, LoaderCode.CONDITION_FORM, problem=text)
        return e


def _dec(v: Any) -> Decimal:
    return Decimal(str(v))


def load_ruleset(
    path: Path,
    extra_forms: dict[str, FormDef] | None = None,
    extra_programmes: set[str] | None = None,
) -> RuleSet:
    """Load and check one rule-set file; raises FormError. ``extra_forms`` and
    ``extra_programmes``: definitions of a pack being installed, known besides the registry's."""
    data = read_ruleset(path)
    return _Builder(path, data, extra_forms, extra_programmes).build()


@cache
def all_versions() -> list[RuleSet]:
    """Every rule set, shipped (raises FormError on a bad file) and installed (a bad installed
    file is skipped: ``zjtx packs list`` reports it), each version once."""
    from dataclasses import replace

    from zjtx_desktop.core.packs.store import installed_files

    out: list[RuleSet] = []
    seen: dict[tuple[str, str], RuleSet] = {}
    for p in ruleset_files():
        rs = load_ruleset(p)
        if any(r.id == rs.id for r in out):
            other = next(r for r in out if r.id == rs.id)
            raise problem(
                p,
                "id",
                LoaderCode.DUPLICATE_FILE_ID,
                what="规则集",
                id=rs.id,
                other=other.path.name,
            )
        out.append(rs)
        seen[(rs.id, rs.version)] = rs
    for pack, p in installed_files("criteria"):
        try:
            rs = load_ruleset(p)
        except FormError:
            continue
        if (rs.id, rs.version) in seen:
            continue  # never replaces what is there (install refuses it; this is a backstop)
        rs = replace(rs, origin=pack.key)
        out.append(rs)
        seen[(rs.id, rs.version)] = rs
    return out


@cache
def rulesets() -> dict[str, RuleSet]:
    """Every rule set by id, in file order — of several versions of one id (a pack installed
    beside a shipped one), the newest by document date, then version."""
    out: dict[str, RuleSet] = {}
    for rs in all_versions():
        have = out.get(rs.id)
        if have is None or (rs.date, _version_key(rs.version)) > (
            have.date,
            _version_key(have.version),
        ):
            out[rs.id] = rs
    return out


def _version_key(v: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in v.replace("-", ".").split("."))
