"""CLI command ``check``: the eligibility self-check (申报条件自查) over DATA.json files.

``zjtx check DATA.json [DATA.json…] [--programme ID] [--json]`` evaluates every rule set that
applies to the data's forms (or the chosen ones). Several DATA.json files of one enterprise
(申请书, 基本情况表, 目标表) are checked together as one application, so a 重点“小巨人” rule
set can read the 2019 R&D figures from the 申请书. Exit 0 normally, 2 for unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail, _print_json


def _read(path: str) -> Any:
    from zjtx_desktop.core.datafile import read_data, read_stdin

    data = read_data(Path(path)) if path != "-" else read_stdin(sys.stdin)
    for note in data.notes:
        print(f"注意：{note}", file=sys.stderr)
    return data


def _session(paths: list[str]) -> Any:
    """One application from the files (the core's one merge policy: a shared fact given
    differently by two files is refused, never chosen); raises DataFileError."""
    from zjtx_desktop.core.merge import merged_session

    return merged_session([(p, _read(p)) for p in paths])


def _chosen(all_sets: dict[str, Any], wanted: list[str]) -> tuple[list[Any], str]:
    """Rule sets for --programme values (a rule-set id, or a programme id = all its sets)."""
    out: list[Any] = []
    for w in wanted:
        ids = (
            [w]
            if w in all_sets
            else [rs.id for rs in all_sets.values() if rs.programme == w and not rs.is_overlay]
        )
        if not ids:
            return [], f"未知申报条件规则集或申报项目“{w}”（可用：{'、'.join(all_sets)}）"
        out += [all_sets[i] for i in ids if all_sets[i] not in out]
    return out, ""


def _draft_session(args: argparse.Namespace) -> tuple[Any, str]:
    """A stored application, with its declarations; --declare RULESET:QUANTITY=ANSWER first
    saves answers (是/否, a figure, or nothing to withdraw) as the window's panel does."""
    from zjtx_desktop.cli.common import _resolve, _store
    from zjtx_desktop.core.application import DeclarationRefused, OpenApplication

    store = _store(args)
    app = OpenApplication(store, _resolve(store, args.draft))
    for d in args.declare or []:
        key, eq, answer = d.partition("=")
        ruleset_id, colon, quantity_id = key.partition(":")
        if not eq or not colon:
            return None, f"无法声明“{d}”：格式为 规则集:量=回答"
        try:
            problem = app.declaration_problem(ruleset_id, quantity_id, answer)
            if problem:
                return None, problem
            app.declare(ruleset_id, quantity_id, answer or None)
        except DeclarationRefused as e:
            return None, str(e)
    return app.session, ""


def cmd_check(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.datafile import DataFileError
    from zjtx_desktop.core.eligibility import (
        applicable,
        evaluate,
        result_json,
        result_lines,
        rulesets,
    )
    from zjtx_desktop.core.eligibility.choose import assessment_of
    from zjtx_desktop.core.forms.loader import FormError

    try:
        all_sets = rulesets()
    except FormError as e:
        return _fail(f"申报条件规则集有误：\n{e}")
    if args.list:
        return _list(args)
    if args.draft:
        if args.data:
            return _fail("--draft 与 DATA.json 只能选一个")
        session, problem = _draft_session(args)
        if problem:
            return _fail(problem)
    elif args.declare:
        return _fail("--declare 只用于已保存的申报（--draft ID）：声明随申报一起保存")
    elif not args.data:
        return _fail("请给出 DATA.json 文件（zjtx check DATA.json）或 --draft ID")
    else:
        try:
            session = _session(args.data)
        except DataFileError as e:
            return _fail(str(e))
    problem = _date_type_problem(args)
    if problem:
        return _fail(problem)
    assessment = assessment_of(session, args.date, args.type)
    chosen_by_date = True
    sets = applicable(session, assessment)
    if args.compare:
        return _compare(args, session, all_sets, assessment)
    if args.programme:
        sets, problem = _chosen(all_sets, args.programme)
        chosen_by_date = False
        if problem:
            return _fail(problem)
    if not sets:
        forms = "、".join(session.states)
        print(f"没有适用于表单 {forms} 的申报条件规则集（zjtx check --list 查看）", file=sys.stderr)
    results = [evaluate(rs, session, assessment, chosen=chosen_by_date) for rs in sets]
    if args.json:
        _print_json([result_json(r, session) for r in results])
    else:
        print("\n\n".join("\n".join(result_lines(r, session)) for r in results))
    return 0


def _date_type_problem(args: argparse.Namespace) -> str:
    import datetime as dt

    if args.date:
        try:
            dt.date.fromisoformat(args.date)
        except ValueError:
            return f"日期“{args.date}”应写成 YYYY-MM-DD，例如 2026-05-10"
    return ""


def _list(args: argparse.Namespace) -> int:
    """Every rule set, shipped or installed, with version, applicability and grade."""
    from zjtx_desktop.core.eligibility import rulesets
    from zjtx_desktop.core.eligibility.choose import window_text
    from zjtx_desktop.core.eligibility.loader import all_versions

    sets = all_versions()
    if args.json:
        _print_json([rs.summary() for rs in sets])
        return 0
    current = {id(rs) for rs in rulesets().values()}
    for rs in sets:
        grade = f"可信度{rs.grade}" if rs.grade else "可信度—"
        where = "内置" if rs.origin == "shipped" else f"安装包 {rs.origin}"
        older = "" if id(rs) in current else "（同 id 已有更新版本）"
        lines = [f"{rs.id:<22} v{rs.version:<8} {grade}  {rs.document}  {rs.title}{older}"]
        applies = window_text(rs)
        if rs.overlay_on:
            applies = f"叠加于 {'、'.join(rs.overlay_on)}；{applies}"
        lines.append(f"    适用：{applies or '、'.join(rs.forms)}　来源：{where}")
        if rs.grade_note:
            lines.append(f"    {rs.grade_note}")
        print("\n".join(lines))
    return 0


def _compare(args: argparse.Namespace, session: Any, all_sets: dict[str, Any], a: Any) -> int:
    """Two (or more) rule versions side by side: the verdict of each, and what decided it."""
    from zjtx_desktop.core.eligibility import evaluate, result_json
    from zjtx_desktop.core.eligibility.compare import compare_lines

    sets, problem = _chosen(all_sets, args.compare)
    if problem:
        return _fail(problem)
    if len(sets) < 2:
        return _fail("--compare 需要至少两个规则集，例如 --compare xjr-2022 --compare xjr-2026")
    results = [evaluate(rs, session, a) for rs in sets]
    if args.json:
        _print_json([result_json(r, session) for r in results])
    else:
        print("\n".join(compare_lines(results, session)))
    return 0


def register(sub: Any) -> None:
    c = sub.add_parser("check", help="申报条件自查：逐条判断是否满足申报条件")
    c.add_argument(
        "data", nargs="*", help="DATA.json（同一企业的几张表可一并给出；- 表示标准输入）"
    )
    c.add_argument(
        "--programme",
        action="append",
        metavar="ID",
        help="只检查这个规则集（或申报项目的全部规则集）；可重复",
    )
    c.add_argument("--draft", metavar="ID", help="检查已保存的申报（含企业声明），不读 DATA.json")
    c.add_argument(
        "--declare",
        action="append",
        metavar="RULESET:QUANTITY=ANSWER",
        help="与 --draft 同用：先保存一项企业声明（是/否/数字；留空为撤回）；可重复",
    )
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    c.add_argument("--list", action="store_true", help="列出可用的申报条件规则集（含安装包）")
    c.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="评估日期：按此日期选用当时适用的标准（默认取自评表的自评日期，否则今天）",
    )
    c.add_argument(
        "--type",
        choices=["新申请", "复核"],
        help="申请类型（默认取自评表，否则新申请）",
    )
    c.add_argument(
        "--compare",
        action="append",
        metavar="ID",
        help="并排比较两个版本的规则，例如 --compare xjr-2022 --compare xjr-2026",
    )
    c.set_defaults(func=cmd_check)
