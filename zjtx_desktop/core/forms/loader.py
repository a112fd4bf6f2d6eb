"""Load a form definition file: read → check against the schema → expand → check references.

Every problem is reported as ``FormError`` naming the file and the key path
(``fields[12].options[2]``), so an author adding a province's variant is told exactly where.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.expr import ExprError, Expression
from zjtx_desktop.core.fieldtypes import CHOICE_TYPES, FIELD_TYPES
from zjtx_desktop.core.forms.cycles import find_cycle
from zjtx_desktop.core.forms.errors import FormError, LoaderCode, Problem, _key_path, problem
from zjtx_desktop.core.forms.model import (
    Calculation,
    Column,
    FieldDef,
    FixedCell,
    FormDef,
    Option,
    Rule,
    Section,
    Static,
    layout_marks,
)
from zjtx_desktop.core.forms.parsecache import cached_parse
from zjtx_desktop.core.messages import CATALOG
from zjtx_desktop.core.paths import forms_dir

__all__ = [
    "FormError",
    "LoaderCode",
    "Problem",
    "_key_path",
    "cached_parse",
    "load_form",
    "load_form_text",
    "read_definition",
]


def __getattr__(name: str) -> Any:
    # the YAML reader is imported only when a definition is not in the cache (start-up speed)
    if name == "_UniqueKeyLoader":
        from zjtx_desktop.core.forms.yamlio import UniqueKeyLoader

        return UniqueKeyLoader
    raise AttributeError(name)


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads((forms_dir() / "schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def read_text(path: Path) -> str:
    """A definition file's text: UTF-8 (a BOM is allowed), or a FormError saying what it is."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise problem(path, "", LoaderCode.UNREADABLE, error=e.strerror or e) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise problem(path, "", LoaderCode.NOT_UTF8, start=e.start) from None


def read_definition(path: Path) -> dict[str, Any]:
    """Parsed and schema-checked definition. A definition that passed once is cached as JSON
    keyed by the hash of the file and the schema, so start-up skips YAML and the schema check."""
    text = read_text(path)
    schema_text = (forms_dir() / "schema.json").read_bytes()
    return cached_parse(path, text, schema_text, _parse_and_check)


def _parse_and_check(path: Path, text: str) -> dict[str, Any]:
    from zjtx_desktop.core.forms.yamlio import load_yaml

    data = load_yaml(path, text)
    if not isinstance(data, dict):
        raise problem(path, "", LoaderCode.NOT_A_MAPPING, kind="定义")
    problems = [
        Problem(_key_path(err.absolute_path), LoaderCode.SCHEMA, message=err.message)
        for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        raise FormError(path, problems)
    return data


def _subst(text: str, values: dict[str, Any]) -> str:
    for k, v in values.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def _options(raw: list[Any] | None) -> tuple[Option, ...]:
    out = []
    for o in raw or []:
        if isinstance(o, str):
            out.append(Option(o, o))
        else:
            out.append(
                Option(
                    o["value"],
                    o.get("label", o["value"]),
                    o.get("exclusive", False),
                    o.get("print_label", ""),
                )
            )
    return tuple(out)


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


class _Builder:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.problems: list[Problem] = []
        self.row_index: dict[str, int] = {}  # field row id → its index in fields: (key paths)
        self.params: dict[str, Any] = dict(data.get("params", {}))

    def fail(self, where: str, code: LoaderCode, /, **params: Any) -> None:
        self.problems.append(Problem(where, code, **params))

    def expr(self, where: str, source: str) -> Expression | None:
        try:
            return Expression(source)
        except ExprError as e:
            self.fail(where, LoaderCode.EXPR_SYNTAX, error=e, source=source)
            return None

    def build(self) -> FormDef:
        d = self.data
        p = self.params
        columns: dict[str, tuple[Column, ...]] = {}
        for set_id, cols in d.get("columns", {}).items():
            seen: set[str] = set()
            built = []
            for i, c in enumerate(cols):
                if c["id"] in seen:
                    self.fail(
                        f"columns.{set_id}[{i}].id", LoaderCode.DUPLICATE_ID, what="列", id=c["id"]
                    )
                seen.add(c["id"])
                year = c.get("year")
                if isinstance(year, str):
                    resolved = _subst(year, p)
                    if not resolved.isdigit():
                        self.fail(f"columns.{set_id}[{i}].year", LoaderCode.BAD_YEAR, year=year)
                        year = None
                    else:
                        year = int(resolved)
                built.append(Column(c["id"], _subst(c["label"], p), year, c.get("note", "")))
            columns[set_id] = tuple(built)

        sections: dict[str, Section] = {}
        for i, s in enumerate(d["sections"]):
            if s["id"] in sections:
                self.fail(f"sections[{i}].id", LoaderCode.DUPLICATE_ID, what="部分", id=s["id"])
            sections[s["id"]] = Section(
                s["id"],
                _subst(s["title"], p),
                s.get("filled_by", "enterprise"),
                s.get("layout", "grid"),
                tuple(_subst(h, p) for h in s.get("header", [])),
                s.get("printed", True),
                _subst(s.get("help", ""), p),
            )

        fields: dict[str, FieldDef] = {}
        fixed: list[FixedCell] = []
        rows: set[str] = set()
        for i, f in enumerate(d["fields"]):
            where = f"fields[{i}]"
            if f["id"] in rows:
                self.fail(f"{where}.id", LoaderCode.DUPLICATE_ID, what="字段", id=f["id"])
            rows.add(f["id"])
            self.row_index.setdefault(f["id"], i)
            if f["section"] not in sections:
                self.fail(f"{where}.section", LoaderCode.UNKNOWN_SECTION, ref=f["section"])
            for field_def in self._expand_field(where, f, columns, fixed):
                if field_def.id in fields:
                    self.fail(f"{where}.id", LoaderCode.DUPLICATE_ID, what="字段", id=field_def.id)
                fields[field_def.id] = field_def

        fields = _qualify_duplicate_labels(fields)
        for fd in fields.values():
            if fd.required_code and fd.required_code not in CATALOG:
                self.fail(
                    f"fields[{self.row_index[fd.row]}].required_code",
                    LoaderCode.UNKNOWN_MESSAGE_CODE,
                    code=fd.required_code,
                )
        self._check_layouts(fields)
        rules = self._rules(d.get("rules", []), columns, fields)
        calcs = self._calculations(d.get("calculations", []), columns, fields)
        statics = []
        static_ids: set[str] = set()
        for i, s in enumerate(d.get("statics", [])):
            if s["id"] in static_ids:
                self.fail(f"statics[{i}].id", LoaderCode.DUPLICATE_ID, what="印刷文字", id=s["id"])
            static_ids.add(s["id"])
            if s["section"] not in sections:
                self.fail(f"statics[{i}].section", LoaderCode.UNKNOWN_SECTION, ref=s["section"])
            if s.get("after") and s["after"] not in fields and s["after"] not in rows:
                self.fail(f"statics[{i}].after", LoaderCode.UNKNOWN_FIELD, ref=s["after"])
            statics.append(
                Static(s["id"], s["section"], s["kind"], _subst(s["text"], p), s.get("after", ""))
            )

        # Relevance may only read fields that exist, with the types they have.
        checked: set[tuple[str, str]] = set()
        for fd in fields.values():
            if fd.relevant is not None and (fd.row, fd.relevant.source) not in checked:
                checked.add((fd.row, fd.relevant.source))
                self._check_refs(f"fields[{self.row_index[fd.row]}].relevant", fd.relevant, fields)
        self._refuse_cycles(
            {f.id: set(f.relevant.fields) for f in fields.values() if f.relevant is not None},
            {
                f.id: f"fields[{self.row_index[f.row]}].relevant"
                for f in fields.values()
                if f.relevant is not None
            },
            LoaderCode.RELEVANT_CYCLE,
        )

        if self.problems:
            raise FormError(self.path, self.problems)
        return FormDef(
            id=d["id"],
            title=_subst(d["title"], p),
            kind=d["kind"],
            region=d["region"],
            version=str(d["version"]),
            source=dict(d["source"]),
            params=p,
            columns=columns,
            sections=sections,
            fields=fields,
            rules=rules,
            calculations=calcs,
            statics=statics,
            fixed_cells=fixed,
            path=self.path,
            short_title=d.get("short_title", ""),
            batch=d.get("batch", ""),
            attachment_mark=d.get("attachment_mark", ""),
            subtitle=d.get("subtitle", ""),
            subtitle_between_seals=d.get("subtitle_between_seals", False),
            fill_zero=d.get("fill_zero", False),
            raw=d,
        )

    def _expand_field(
        self,
        where: str,
        f: dict[str, Any],
        columns: dict[str, tuple[Column, ...]],
        fixed: list[FixedCell],
    ) -> list[FieldDef]:
        p = self.params
        if f["type"] not in FIELD_TYPES:
            self.fail(f"{where}.type", LoaderCode.UNKNOWN_FIELD_TYPE, type=f["type"])
        cols: tuple[Column, ...] = ()
        if "columns" in f and "repeat" in f:
            self.fail(where, LoaderCode.COLUMNS_AND_REPEAT)
        if "columns" in f:
            cols = columns.get(f["columns"], ())
            if not cols:
                self.fail(f"{where}.columns", LoaderCode.UNKNOWN_COLUMNS, ref=f["columns"])
        elif "repeat" in f:
            cols = tuple(Column(str(n), f"{n}.") for n in range(1, f["repeat"] + 1))
        cells: dict[str, dict[str, Any]] = f.get("cells", {})
        for cid in cells:
            if cid not in {c.id for c in cols}:
                self.fail(f"{where}.cells.{cid}", LoaderCode.NOT_A_COLUMN, ref=cid)
        out = []
        for col in cols or (Column("", ""),):
            spec = {**f, **cells.get(col.id, {})}
            if "fixed" in spec:
                fixed.append(FixedCell(f["id"], col.id, spec["fixed"]))
                continue
            values = {**p, "col": col.id, "col_label": col.label}
            if col.year is not None:
                values["year"] = col.year
            fid = f"{f['id']}.{col.id}" if col.id else f["id"]
            relevant = None
            if "relevant" in spec:
                relevant = self.expr(f"{where}.relevant", _subst(spec["relevant"], values))
            ftype = spec["type"]
            options = _options(spec.get("options"))
            if ftype in CHOICE_TYPES and not options:
                self.fail(f"{where}.options", LoaderCode.OPTIONS_MISSING, type=ftype)
            if options and ftype not in CHOICE_TYPES:
                self.fail(f"{where}.options", LoaderCode.OPTIONS_NOT_ALLOWED, type=ftype)
            fact = _subst(spec.get("fact", ""), values)
            if "{" in fact:
                self.fail(f"{where}.fact", LoaderCode.FACT_PLACEHOLDER, fact=fact)
            elif fact:
                self._check_fact(f"{where}.fact", fact, ftype)
            out.append(
                FieldDef(
                    id=fid,
                    label=_subst(spec["label"], p),
                    section=spec["section"],
                    type=ftype,
                    row=f["id"],
                    unit=spec.get("unit", ""),
                    required=spec.get("required", False),
                    required_code=spec.get("required_code", ""),
                    options=options,
                    max_choices=spec.get("max_choices"),
                    max_chars=spec.get("max_chars"),
                    min_chars=spec.get("min_chars"),
                    attachment=spec.get("attachment", ""),
                    min=_dec(spec.get("min")),
                    max=_dec(spec.get("max")),
                    decimals=spec.get("decimals"),
                    help=_subst(spec.get("help", ""), values),
                    example=spec.get("example", ""),
                    column=col.id,
                    column_label=col.label,
                    relevant=relevant,
                    fact=fact,
                    helper=spec.get("helper", False),
                    star=spec.get("star", False),
                    group=_subst(spec.get("group", ""), p),
                    print_label=_subst(spec.get("print_label", ""), values),
                    print_unit=spec.get("print_unit", True),
                    print_layout=spec.get("print_layout", ""),
                    print_row=spec.get("print_row", ""),
                    comment=spec.get("comment", ""),
                    filled_by=spec.get("filled_by", ""),
                )
            )
        return out

    def _check_layouts(self, fields: dict[str, FieldDef]) -> None:
        """A ``print_layout`` places each option's □ (a choice) or each value of its printed
        sentence (``{field id}``, fields of the same part): a name that is neither prints
        nothing, and an option or the field's own value left out could be filled in the window
        and never reach the paper."""
        done: set[str] = set()
        for fd in fields.values():
            if not fd.print_layout or fd.row in done:
                continue
            done.add(fd.row)
            where = f"fields[{self.row_index[fd.row]}].print_layout"
            marks = layout_marks(fd.print_layout)
            if fd.options:
                values = [o.value for o in fd.options]
                for m in marks:
                    if m not in values:
                        self.fail(where, LoaderCode.LAYOUT_UNKNOWN, ref=m, what="本字段的选项")
                for v in values:
                    if v not in marks:
                        self.fail(where, LoaderCode.LAYOUT_MISSING, ref=v, what="选项")
                continue
            for m in marks:
                other = fields.get(m)
                if other is None or other.section != fd.section:
                    self.fail(where, LoaderCode.LAYOUT_UNKNOWN, ref=m, what="本部分的字段")
            if fd.id not in marks:
                self.fail(where, LoaderCode.LAYOUT_MISSING, ref=fd.id, what="本字段的值")

    def _check_fact(self, where: str, fact: str, ftype: str) -> None:
        """A fact key must be in the table (forms/facts/facts.yaml), with this field type."""
        from zjtx_desktop.core.facts import fact_problem

        found = fact_problem(fact, ftype)
        if found is not None:
            code, params = found
            self.fail(where, code, **params)

    def _column_values(
        self, where: str, entry: dict[str, Any], columns: dict[str, tuple[Column, ...]]
    ) -> list[dict[str, Any]]:
        if "columns" not in entry:
            return [dict(self.params)]
        cols = columns.get(entry["columns"])
        if not cols:
            self.fail(f"{where}.columns", LoaderCode.UNKNOWN_COLUMNS, ref=entry["columns"])
            return []
        return [
            {**self.params, "col": c.id, "col_label": c.label, "year": c.year or ""} for c in cols
        ]

    def _check_refs(self, where: str, e: Expression | None, fields: dict[str, FieldDef]) -> None:
        if e is None:
            return
        for ref in sorted(e.fields - fields.keys()):
            self.fail(where, LoaderCode.UNKNOWN_FIELD, ref=ref)
        self._check_types(where, e, fields)

    def _check_types(self, where: str, e: Expression, fields: dict[str, FieldDef]) -> None:
        """Types inferred from the field types: a number compared with a text never fires."""
        from zjtx_desktop.core.exprtypes import type_problems

        def lookup(name: str) -> str | None:
            f = fields.get(name)
            return None if f is None else f.type

        for detail in type_problems(e.source, lookup):
            self.fail(where, LoaderCode.EXPR_TYPE, detail=detail, source=e.source)

    def _rules(
        self,
        raw: list[dict[str, Any]],
        columns: dict[str, tuple[Column, ...]],
        fields: dict[str, FieldDef],
    ) -> list[Rule]:
        rules: list[Rule] = []
        ids: set[str] = set()
        for i, r in enumerate(raw):
            where = f"rules[{i}]"
            if r["id"] in ids:
                self.fail(f"{where}.id", LoaderCode.DUPLICATE_ID, what="规则", id=r["id"])
            ids.add(r["id"])
            if r["code"] not in CATALOG:
                self.fail(f"{where}.code", LoaderCode.UNKNOWN_MESSAGE_CODE, code=r["code"])
            for values in self._column_values(where, r, columns):
                at = _subst(r["at"], values)
                if at not in fields:
                    self.fail(f"{where}.at", LoaderCode.UNKNOWN_FIELD, ref=at)
                check = self.expr(f"{where}.assert", _subst(r["assert"], values))
                self._check_refs(f"{where}.assert", check, fields)
                when = None
                if "when" in r:
                    when = self.expr(f"{where}.when", _subst(r["when"], values))
                    self._check_refs(f"{where}.when", when, fields)
                params: dict[str, Expression] = {}
                for name, src in r.get("params", {}).items():
                    pe = self.expr(f"{where}.params.{name}", _subst(src, values))
                    self._check_refs(f"{where}.params.{name}", pe, fields)
                    if pe is not None:
                        params[name] = pe
                if check is None:
                    continue
                suffix = f".{values['col']}" if "col" in values else ""
                rules.append(
                    Rule(
                        id=r["id"] + suffix,
                        code=r["code"],
                        severity=r["severity"],
                        at=at,
                        check=check,
                        when=when,
                        params=params,
                        column_label=str(values.get("col_label", "")),
                        source=r.get("source", ""),
                    )
                )
        return rules

    def _calculations(
        self,
        raw: list[dict[str, Any]],
        columns: dict[str, tuple[Column, ...]],
        fields: dict[str, FieldDef],
    ) -> list[Calculation]:
        out: list[Calculation] = []
        ids: set[str] = set()
        reads: dict[str, set[str]] = {}  # target → the fields its expressions read
        where_of: dict[str, str] = {}
        for i, c in enumerate(raw):
            where = f"calculations[{i}]"
            if c["id"] in ids:
                self.fail(f"{where}.id", LoaderCode.DUPLICATE_ID, what="计算", id=c["id"])
            ids.add(c["id"])
            for values in self._column_values(where, c, columns):
                target = _subst(c["target"], values)
                if target not in fields:
                    self.fail(f"{where}.target", LoaderCode.UNKNOWN_FIELD, ref=target)
                e = self.expr(f"{where}.expr", _subst(c["expr"], values))
                self._check_refs(f"{where}.expr", e, fields)
                if e is None:
                    continue
                reads.setdefault(target, set()).update(e.fields)
                where_of.setdefault(target, f"{where}.expr")
                suffix = f".{values['col']}" if "col" in values else ""
                out.append(
                    Calculation(
                        id=c["id"] + suffix,
                        target=target,
                        expr=e,
                        formula=_subst(c["formula"], values),
                        decimals=c.get("decimals", 2),
                        tolerance=Decimal(str(c.get("tolerance", "0.1"))),
                        source=c.get("source", ""),
                    )
                )
        self._refuse_cycles(reads, where_of, LoaderCode.CALC_CYCLE)
        return out

    def _refuse_cycles(
        self, reads: dict[str, set[str]], where_of: dict[str, str], code: LoaderCode
    ) -> None:
        """One problem per circle of names reading each other, at the first entry in it."""
        reported: set[frozenset[str]] = set()
        for name, where in where_of.items():
            cycle = find_cycle(name, reads)
            if cycle and frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                self.fail(where, code, cycle=" → ".join(cycle))


def _qualify_duplicate_labels(fields: dict[str, FieldDef]) -> dict[str, FieldDef]:
    """Two cells printed with the same label (the 电话 of 法定代表人 and of 联系人) are told apart
    in messages by the first label of their printed row."""
    from dataclasses import replace

    seen: dict[tuple[str, str], int] = {}
    for f in fields.values():
        key = (f.label, f.column)
        seen[key] = seen.get(key, 0) + 1
    first_in_row: dict[str, str] = {}
    for f in fields.values():
        if f.print_row:
            first_in_row.setdefault(f.print_row, f.label)
    out = {}
    for fid, f in fields.items():
        owner = first_in_row.get(f.print_row, "")
        if seen[(f.label, f.column)] > 1 and owner and owner != f.label:
            f = replace(f, qualifier=owner)
        out[fid] = f
    return out


def load_form(path: Path) -> FormDef:
    """Load and check one definition file; raises FormError."""
    data = read_definition(path)
    return _Builder(path, data).build()


def load_form_text(text: str, name: str = "<inline>.yaml") -> FormDef:
    """Load a definition from text (tests write small forms inline)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_text(text, encoding="utf-8")
        form = load_form(path)
    form.path = Path(name)
    return form
