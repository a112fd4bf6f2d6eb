"""CLI commands of the officials' workspace (the contract other tools rely on).

    zjtx workspace init WS --unit NAME --level 县|市|省 --programme ID [--officer NAME]
    zjtx workspace set WS KEY VALUE           # deadline, copies (JSON), quotas (JSON) …
    zjtx inbox import --workspace WS FILE… [--json]   # 0 none refused, 1 some refused, 2 unusable
    zjtx inbox list --workspace WS [--json]
    zjtx review comment|comments|targets|resolve|part6|state|rank|sample --workspace WS …
    zjtx review comment --workspace WS APP --target 名称 --text TEXT   # named as in the window
    zjtx review ack --workspace WS APP PKG_KEY_CHANGED --note "已核对纸质件目录页指纹…" [--pin]
    zjtx batch --workspace WS [--json] [-o 初核清单.xlsx] [--filter TEXT] [--sort COLUMN [--desc]]
    zjtx package open-return FILE · package reply --draft ID COMMENT TEXT   # the enterprise
    zjtx paper --workspace WS CODE
    zjtx audit verify|export --workspace WS
    (workspace export-booklets|status and review record: cli/workspace_docs.py)

The officer (no login: the name goes into the audit log) is ``--officer NAME``, else the
environment variable ZJTX_OFFICER, else the workspace's first officer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import FOLDER, Groups, _fail, _print_json, add_output, refusing

WORKSPACE_ERROR = "zjtx_desktop.core.workspace.workspace:WorkspaceError"
IDENTITY_ERROR = "zjtx_desktop.core.exchange.identity:IdentityError"
NO_UNIT_KEY = "（先用 zjtx workspace key 生成单位签名证书）"


def _open(args: argparse.Namespace, reading: bool = False) -> Any:
    """The workspace of ``--workspace``; a command that only reads it passes ``reading``: it
    writes nothing on opening and works on a read-only copy too. The official's trust store
    (zjtx trust …, beside the drafts database) checks every package's signing key."""
    from zjtx_desktop.cli.packages import trust_store
    from zjtx_desktop.core.workspace.schema import WorkspaceUnusable
    from zjtx_desktop.core.workspace.workspace import Workspace

    officer = getattr(args, "officer", None) or os.environ.get("ZJTX_OFFICER", "")
    try:
        return Workspace(Path(args.workspace), officer, trust_store(args), reading=reading)
    except WorkspaceUnusable as e:
        raise SystemExit(_fail(str(e))) from None


# Refusals of the workspace become a message and exit code 1 (unusable input stays 2).
_guard = refusing(WORKSPACE_ERROR, "zjtx_desktop.core.workspace.states:TransitionRefused", code=1)


@refusing(WORKSPACE_ERROR)
def cmd_workspace_init(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.workspace import Workspace

    ws = Workspace.init(
        Path(args.workspace),
        unit=args.unit,
        level=args.level,
        programme=args.programme,
        batch=args.batch or "",
        partner=args.partner or "",
        officer=args.officer or "",
    )
    print(
        f"已创建工作区 {ws.path}：{ws.profile['unit']}（{ws.profile['level']}级），"
        f"申报项目 {ws.profile['programme']}"
    )
    ws.close()
    return 0


def cmd_workspace_set(args: argparse.Namespace) -> int:
    ws = _open(args)
    value: Any = args.value
    if args.key in ("copies", "quotas"):
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError:
            return _fail(f'{args.key} 应为 JSON，例如 {{"nat-xjr-application-2021": 2}}')
    from zjtx_desktop.core.workspace.deadline import parse_deadline
    from zjtx_desktop.core.workspace.quotas import parse_quotas
    from zjtx_desktop.core.workspace.workspace import WorkspaceError

    try:  # checked before it is kept: the batch list and the status read them
        if args.key == "quotas":
            parse_quotas(value)
        elif args.key == "deadline":
            parse_deadline(value)
    except WorkspaceError as e:
        return _fail(str(e))
    ws.set_profile(args.key, value)
    return 0


def cmd_inbox_import(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.inbox import import_files

    ws = _open(args)
    outcomes = import_files(ws, [Path(f) for f in args.files])
    if args.json:
        _print_json([o.as_json() for o in outcomes])
    else:
        for o in outcomes:
            line = f"{o.status_text:<3} {o.application_id or '-':<17} {o.file}  {o.message}"
            print(line.rstrip())
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def cmd_inbox_list(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.batch import batch_rows

    ws = _open(args, reading=True)
    rows = batch_rows(ws)
    if args.json:
        _print_json(
            [
                {
                    "application_id": r["application_id"],
                    "enterprise": r["enterprise"],
                    "credit_code": r["credit_code"],
                    "revision": r["revision"],
                    "state": r["state"],
                    "class": r["class"],
                    "mandatory_met": r["mandatory_met"],
                    "criteria": r["criteria"],
                    "rank": r["rank"],
                    "flags": r["flags"],
                    "open_comments": r["open_comments"],
                    "paper": r["paper"],
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        print(
            f"{r['rank']:>3} {r['application_id']:<17} {r['state']:<5} r{r['revision']} "
            f"{r['class'] or '-'} 必备{r['mandatory_met']} {r['enterprise']}"
        )
    return 0


@_guard
def cmd_batch(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.batch import (
        banners,
        batch_rows,
        export_xlsx,
        select_rows,
        table,
    )

    ws = _open(args, reading=True)
    rows = select_rows(batch_rows(ws), args.filter or "", args.sort or "", args.desc)
    if args.output:
        n = export_xlsx(ws, Path(args.output), rows)
        print(f"已导出初核清单：{args.output}（{n} 行）")
    if args.json:
        _print_json({"rows": rows, "banners": [b.text for b in banners(ws, rows)]})
    elif not args.output:
        headers, cells = table(rows)
        print("\t".join(headers))
        for line in cells:
            print("\t".join(str(c) for c in line))
        for b in banners(ws, rows):
            print(f"注意：{b.text}")
    return 0


@_guard
def cmd_review_comment(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.comment_targets import comment_targets, find_target

    ws = _open(args)
    app = ws.application(args.application)
    if args.target is not None:  # named as the window's picker names it
        if args.form is not None:
            return _fail("请只用 --target，或只写 FORM FIELD")
        t = find_target(comment_targets(ws, app.id), args.target)
        form_id, field_id, file = t.form_id, t.field_id, t.file
    elif args.form is None:
        return _fail(
            "请用 --target 写出意见针对的字段（zjtx review targets 列出全部），或写 FORM FIELD"
        )
    else:
        form_id, field_id, file = args.form, args.field or "", ""
        if form_id == "evidence":
            file, field_id = args.field or "", ""
    cid = ws.add_comment(
        app.id,
        form_id,
        field_id,
        args.severity,
        args.text,
        slot=args.slot or "",
        file=file,
        supersedes=args.supersedes,
    )
    print(cid)
    return 0


@_guard
def cmd_review_targets(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from zjtx_desktop.core.workspace.comment_targets import comment_targets

    ws = _open(args, reading=True)
    targets = comment_targets(ws, ws.application(args.application).id)
    if args.json:
        _print_json([asdict(t) for t in targets])
        return 0
    for t in targets:
        print(t.text)
    return 0


@_guard
def cmd_review_resolve(args: argparse.Namespace) -> int:
    _open(args).resolve_comment(args.comment, args.note)
    return 0


@_guard
def cmd_review_part6(args: argparse.Namespace) -> int:
    ws = _open(args)
    app = ws.application(args.application)
    worst = 0
    for pair in args.values:
        fid, eq, raw = pair.partition("=")
        if not eq:
            return _fail(f"应为 字段=值：{pair}")
        value: Any = [v for v in raw.split(",") if v] if fid == "mandatory_indicators" else raw
        for issue in ws.set_part6(app.id, fid, value):
            from zjtx_desktop.core.messages import render

            print(f"{fid}：{render(issue.code, issue.params)}", file=sys.stderr)
            worst = 1
    return worst


@_guard
def cmd_review_state(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.flags import KEY_FLAGS, blocks_recommendation
    from zjtx_desktop.core.workspace.states import TransitionRefused, parse_state

    ws = _open(args)
    app = ws.application(args.application).id
    try:
        ws.set_state(app, parse_state(args.state), args.reason or "")
    except TransitionRefused as e:  # a flag the official settles: the command that does it
        todo = [c for c in ws.flags_to_acknowledge(app) if blocks_recommendation(c)]
        if not todo or "尚未处理" not in str(e):
            raise
        pin = " --pin" if todo[0] in KEY_FLAGS else ""
        command = f"zjtx review ack --workspace {args.workspace} {app} {todo[0]}"
        raise TransitionRefused(f"{e}\n核对后：{command} --note \"核对情况\"{pin}") from None
    return 0


@_guard
def cmd_review_ack(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.flags import name

    ws = _open(args)
    app = ws.application(args.application)
    ws.acknowledge_flag(app.id, args.flag, args.note, pin=args.pin)
    pinned = "，已在信任库中固定本版的签名指纹" if args.pin else ""
    print(f"已确认：{app.enterprise} 第{app.revision}版的“{name(args.flag.upper())}”{pinned}")
    return 0


@_guard
def cmd_review_rank(args: argparse.Namespace) -> int:
    ws = _open(args)
    ws.move(ws.application(args.application).id, args.position)
    return 0


@_guard
def cmd_review_sample(args: argparse.Namespace) -> int:
    ws = _open(args)
    drawn = ws.sample(args.percent, args.seed, args.state)
    print(f"随机种子 {args.seed}，抽取 {len(drawn)} 份：")
    for aid in drawn:
        print(f"  {aid}  {ws.application(aid).enterprise}")
    return 0


@_guard
def cmd_paper(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.paper import check_paper, check_paper_image

    ws = _open(args)
    if args.image:
        result = check_paper_image(ws, Path(args.image))
    elif args.code:
        result = check_paper(ws, args.code)
    else:
        return _fail("请给出页脚校验码，或用 --image 给出带二维码的照片/扫描件")
    print(result.message)
    return 0 if result.is_current else 1


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace import audit

    check = audit.verify(_open(args, reading=True).conn)
    if check.ok:
        print(f"操作记录完整：共 {check.rows} 条，哈希链无断点")
        return 0
    print(f"操作记录被改动：{check.reason}（seq {check.broken_seq}）")
    return 1


def cmd_audit_export(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace import audit

    n = audit.export(_open(args, reading=True).conn, Path(args.output))
    print(f"已导出操作记录：{args.output}（{n} 条）")
    return 0


def _ws(p: Any) -> None:
    p.add_argument("--workspace", required=True, metavar="WS", help="工作区文件")
    p.add_argument("--officer", metavar="NAME", help="经办人（写入操作记录）")


def register(sub: Any) -> Groups:
    """The officials' commands; the ``workspace`` and ``review`` groups are open to other
    modules (cli.workspace_docs adds to them through its ``extend``)."""
    w = sub.add_parser("workspace", help="推荐单位工作区").add_subparsers(
        dest="ws_cmd", required=True
    )
    wi = w.add_parser("init", help="创建工作区（每个单位、申报项目、批次一个文件）")
    wi.add_argument("workspace", metavar="WS")
    wi.add_argument("--unit", required=True, help="单位名称")
    wi.add_argument("--level", required=True, choices=["县", "市", "省"])
    wi.add_argument("--programme", required=True, metavar="ID")
    wi.add_argument("--batch", help="批次")
    wi.add_argument("--partner", help="联合行文单位（如财政局）")
    wi.add_argument("--officer", metavar="NAME")
    wi.set_defaults(func=cmd_workspace_init)
    ws_set = w.add_parser("set", help="设置报送要求：deadline、copies、quotas、batch、partner")
    ws_set.add_argument("workspace", metavar="WS")
    ws_set.add_argument("key")
    ws_set.add_argument("value")
    ws_set.add_argument("--officer", metavar="NAME")
    ws_set.set_defaults(func=cmd_workspace_set)

    i = sub.add_parser("inbox", help="收件：导入交换包和 DATA.json").add_subparsers(
        dest="inbox_cmd", required=True
    )
    ii = i.add_parser("import", help="导入（交换包 .zjtx 或 DATA.json，可多个）")
    _ws(ii)
    ii.add_argument("files", nargs="+", metavar="FILE")
    ii.add_argument("--json", action="store_true")
    ii.set_defaults(func=cmd_inbox_import)
    il = i.add_parser("list", help="列出工作区中的申报")
    _ws(il)
    il.add_argument("--json", action="store_true")
    il.set_defaults(func=cmd_inbox_list)

    b = sub.add_parser("batch", help="初核清单（可导出 xlsx）")
    _ws(b)
    b.add_argument("--json", action="store_true")
    add_output(b, "-o", "--output", required=False, metavar="OUT.xlsx")
    b.add_argument("--filter", metavar="TEXT", help="只列出含有这些词（空格分开）的行")
    b.add_argument("--sort", metavar="COLUMN", help="按这一列排序（列名如 营业收入（上年，万元））")
    b.add_argument("--desc", action="store_true", help="从大到小")
    b.set_defaults(func=cmd_batch)

    r = sub.add_parser("review", help="初核：意见、第六部分、状态、排序、抽查").add_subparsers(
        dest="review_cmd", required=True
    )
    rc = r.add_parser("comment", help="对字段提出意见（追加，不可修改）")
    _ws(rc)
    rc.add_argument("application", metavar="APP")
    rc.add_argument("form", nargs="?", metavar="FORM|evidence|general")
    rc.add_argument("field", nargs="?", metavar="FIELD|E003")
    rc.add_argument(
        "--target",
        metavar="名称",
        help="意见针对的字段或佐证材料：zjtx review targets 列出的名称，"
        "或其中唯一的一部分（如“营业收入（2020年）”）",
    )
    rc.add_argument("--severity", default="须修改", choices=["须修改", "请说明", "提示"])
    rc.add_argument("--text", required=True)
    rc.add_argument("--slot")
    rc.add_argument("--supersedes", type=int, metavar="COMMENT_ID", help="更正以前的意见")
    rc.set_defaults(func=cmd_review_comment)
    rt = r.add_parser("targets", help="列出一份申报可提意见的字段、佐证材料（同窗口的选择列表）")
    _ws(rt)
    rt.add_argument("application", metavar="APP")
    rt.add_argument("--json", action="store_true")
    rt.set_defaults(func=cmd_review_targets)
    rr = r.add_parser("resolve", help="关闭意见（仅提出人，须写说明）")
    _ws(rr)
    rr.add_argument("comment", type=int, metavar="COMMENT_ID")
    rr.add_argument("--note", required=True)
    rr.set_defaults(func=cmd_review_resolve)
    rp = r.add_parser("part6", help="填写第六部分（初核推荐）")
    _ws(rp)
    rp.add_argument("application", metavar="APP")
    rp.add_argument("values", nargs="+", metavar="FIELD=VALUE")
    rp.set_defaults(func=cmd_review_part6)
    rs = r.add_parser("state", help="改变状态（拟推荐、不予推荐、初核中、已作废 …）")
    _ws(rs)
    rs.add_argument("application", metavar="APP")
    rs.add_argument("state")
    rs.add_argument("--reason")
    rs.set_defaults(func=cmd_review_state)
    ra = r.add_parser(
        "ack",
        help="确认交换包标记：已核对纸质件目录页的签名指纹（PKG_KEY_CHANGED、PKG_KEY_UNPINNED）"
        "或已在签章平台核验（PKG_PDF_UNSUPPORTED）；须写明核对情况",
    )
    _ws(ra)
    ra.add_argument("application", metavar="APP")
    ra.add_argument("flag", metavar="FLAG")
    ra.add_argument("--note", required=True, help="核对情况，如“已核对纸质件目录页指纹 3F47…”")
    ra.add_argument("--pin", action="store_true", help="同时在信任库中固定本版的签名指纹")
    ra.set_defaults(func=cmd_review_ack)
    rk = r.add_parser("rank", help="择优排序：移到第 n 位")
    _ws(rk)
    rk.add_argument("application", metavar="APP")
    rk.add_argument("position", type=int)
    rk.set_defaults(func=cmd_review_rank)
    rd = r.add_parser("sample", help="抽查：按比例随机抽取（随机种子可复现）")
    _ws(rd)
    rd.add_argument("--percent", type=float, required=True)
    rd.add_argument("--seed", type=int, required=True)
    rd.add_argument("--state")
    rd.set_defaults(func=cmd_review_sample)

    register_diff(r)
    register_returns(w, r)
    register_forward(sub, i)
    register_open(w)
    register_verification(r)
    pp = sub.add_parser("paper", help="核对纸质件：输入页脚校验码或二维码内容")
    _ws(pp)
    pp.add_argument("code", nargs="?", help="页脚的12位校验码或二维码内容")
    pp.add_argument("--image", metavar="PNG|JPG", help="纸质页的照片或扫描件（读取二维码）")
    pp.set_defaults(func=cmd_paper)

    register_summary(sub)
    a = sub.add_parser("audit", help="操作记录").add_subparsers(dest="audit_cmd", required=True)
    av = a.add_parser("verify", help="核对操作记录的哈希链")
    _ws(av)
    av.set_defaults(func=cmd_audit_verify)
    ae = a.add_parser("export", help="导出操作记录（.csv 或 .xlsx）")
    _ws(ae)
    add_output(ae, "-o", "--output", metavar="OUT.csv|OUT.xlsx")
    ae.set_defaults(func=cmd_audit_export)
    return {"workspace": w, "review": r}


@_guard
def cmd_summary(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace import summary
    from zjtx_desktop.core.workspace.summary_print import write

    ws = _open(args)
    if args.identify:
        found = summary.identify(ws, args.identify)
        print(found or f"工作区中没有校验码为 {args.identify} 的汇总表")
        return 0 if found else 1
    if args.rollup:
        from zjtx_desktop.core.workspace.rollup import write_rollup

        if not args.output or not args.output.lower().endswith(".xlsx"):
            return _fail("汇总（--rollup）只导出为 .xlsx：请用 -o OUT.xlsx")
        n = write_rollup(ws, args.rollup, Path(args.output))
        print(f"已导出 {args.rollup} 汇总：{args.output}（{n} 行）")
        return 0
    if not args.table:
        return _fail("请用 --table 选择汇总表（A6、A1、A40、A2、A41）")
    for item in args.set or []:
        key, eq, text = item.partition("=")
        row, colon, column = key.rpartition(":")
        if not eq or not colon:
            return _fail(f"应为 行:列=内容（行是申报编号或 P1–P3）：{item}")
        if summary.template(args.table).rows == "applications":
            row = ws.application(row).id
        summary.set_cell(ws, args.table, row, column, text)
    if args.finalise:
        s = summary.finalise(ws, args.table)
    else:
        s = summary.build(ws, args.table, "all" if args.state == "all" else "recommended")
    bad = summary.problems(s)
    for p in bad:
        print(f"注意：{p}", file=sys.stderr)
    if args.output:
        out = Path(args.output)
        if out.suffix.lower() not in (".xlsx", ".pdf"):
            return _fail(f"汇总表只能导出为 .xlsx 或 .pdf：{out}")
        write(s, out)
        version = f"第{s.version}版" if s.version else "未定稿"
        print(f"已导出{s.template.id}：{out}（{len(s.rows)} 行，校验码 {s.code}，{version}）")
    return 1 if bad else 0


def register_summary(sub: Any) -> None:
    s = sub.add_parser("summary", help="汇总表 A6/A1/A40/A2/A41：填写、定稿、导出 xlsx/pdf")
    _ws(s)
    s.add_argument("--table", choices=["A6", "A1", "A40", "A2", "A41"])
    s.add_argument("--state", choices=["recommended", "all"], default="recommended",
                   help="all：预览全部（未作废的）申报")  # fmt: skip
    add_output(s, "-o", "--output", required=False, metavar="OUT.xlsx|OUT.pdf")
    s.add_argument("--set", action="append", metavar="ROW:COLUMN=TEXT",
                   help="填写推荐单位的列（行：申报编号，平台表为 P1–P3）")  # fmt: skip
    s.add_argument("--finalise", action="store_true", help="定稿：冻结为新版本，所列申报改为已上报")
    s.add_argument("--identify", metavar="CODE", help="查询汇总表校验码属于哪一版")
    s.add_argument(
        "--rollup", metavar="FORM_ID", help="按表单汇总（每家企业一行、每个字段一列，xlsx）"
    )
    s.set_defaults(func=cmd_summary)


@_guard
def cmd_review_diff(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from zjtx_desktop.core.workspace.diff import compare

    ws = _open(args, reading=True)
    d = compare(ws, ws.application(args.application).id, args.old, args.new)
    if args.json:
        _print_json(asdict(d))
    else:
        print("\n".join(d.lines()))
    return 0


@_guard
def cmd_review_comments(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    ws = _open(args, reading=True)
    comments = ws.comments(ws.application(args.application).id)
    if args.json:
        _print_json([asdict(c) for c in comments])
        return 0
    for c in comments:
        print(f"#{c.id} [{c.severity}] {c.status_text} {c.place}：{c.text}（{c.author}）")
        if c.reply:
            print(f"    {c.reply_line}")
        if c.resolved_note:
            print(f"    关闭说明：{c.resolved_note}")
    return 0


def register_diff(review: Any) -> None:
    rc = review.add_parser("comments", help="列出一份申报的意见（含企业答复、关闭说明）")
    _ws(rc)
    rc.add_argument("application", metavar="APP")
    rc.add_argument("--json", action="store_true")
    rc.set_defaults(func=cmd_review_comments)
    rd = review.add_parser(
        "diff", help="与上次比较：改动的字段、佐证材料、判断变化、须重新打印的纸质件"
    )
    _ws(rd)
    rd.add_argument("application", metavar="APP")
    rd.add_argument("--old", type=int, metavar="N")
    rd.add_argument("--new", type=int, metavar="N")
    rd.add_argument("--json", action="store_true")
    rd.set_defaults(func=cmd_review_diff)


def _unit_key_path(ws_path: Path) -> Path:
    return ws_path.with_name(ws_path.name + ".identity.p12")


def _key_passphrase() -> bytes:
    text = os.environ.get("ZJTX_KEY_PASSPHRASE", "")
    if not text:
        raise SystemExit(_fail("需要单位签名证书的口令：请设置环境变量 ZJTX_KEY_PASSPHRASE"))
    return text.encode("utf-8")


@refusing(IDENTITY_ERROR)
def cmd_workspace_key(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import create_identity

    ws = _open(args)
    path = _unit_key_path(ws.path)
    unit, code = str(ws.profile["unit"]), args.credit_code or ""
    ident = create_identity(path, unit, code, _key_passphrase(), unit=True)
    print(f"已为 {ws.profile['unit']} 生成签名证书：{path}（指纹 {ident.fingerprint[:16]}）")
    return 0


@_guard
@refusing(IDENTITY_ERROR, hint=NO_UNIT_KEY)
def cmd_review_return(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import load_identity
    from zjtx_desktop.core.workspace.deadline import PastDeadline, check_correction_deadline
    from zjtx_desktop.core.workspace.return_package import write_return_package
    from zjtx_desktop.core.workspace.workspace import WorkspaceError

    ws = _open(args)
    try:  # an unusable date (exit 2), before the passphrase is asked for
        check_correction_deadline(args.deadline, datetime.now(), args.allow_past)
    except PastDeadline as e:
        return _fail(f"{e}（确需如此，加 --allow-past）")
    except WorkspaceError as e:
        return _fail(str(e))
    ident = load_identity(_unit_key_path(ws.path), _key_passphrase())
    target = write_return_package(ws, ws.application(args.application).id, Path(args.to),
                                  ident, args.deadline, args.contact or "",
                                  allow_past=args.allow_past)  # fmt: skip
    print(f"已退回：{target}")
    return 0


@refusing("zjtx_desktop.core.workspace.return_package:ReturnRefused", code=1)
def cmd_open_return(args: argparse.Namespace) -> int:
    from zjtx_desktop.cli.common import _store
    from zjtx_desktop.core.workspace.comment_targets import comment_place
    from zjtx_desktop.core.workspace.return_package import open_return

    store = _store(args)
    opened = open_return(store, Path(args.file))
    print(opened.banner)
    print(f"推荐单位：{opened.unit}" + (f"　联系人：{opened.contact}" if opened.contact else ""))
    for form_id, where, slot, c in opened.markers():
        place = comment_place(form_id, "" if form_id == "evidence" else where, where, slot)
        print(f"  #{c['id']} [{c['severity']}] {place}：{c['text']}")
        reply = opened.replies.get(int(c["id"]))
        print(f"      答复：{reply.text}" if reply else "      （未答复）")
    print(f"答复：zjtx package reply --draft {opened.application_id} 意见编号 答复内容")
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from zjtx_desktop.cli.drafts import _store
    from zjtx_desktop.core.workspace.replies import ReplyRefused, answer

    store = _store(args)
    try:
        app_id = store.find(args.draft)
        reply = answer(store, app_id, args.comment, args.text)
    except ReplyRefused as e:
        return _fail(str(e), 1)
    except LookupError:
        return _fail(f"没有编号为 {args.draft} 的申报", 1)
    print(f"已答复第{reply.comment_id}条意见（{reply.answered_at}）：下次导出的交换包带上全部答复")
    return 0


def register_returns(workspace: Any, review: Any) -> None:
    wk = workspace.add_parser("key", help="生成本单位的签名证书（用于退回、上报和签署推荐意见）")
    wk.add_argument("workspace", metavar="WS")
    wk.add_argument("--credit-code", help="本单位的统一社会信用代码（可不填：主体为单位名称）")
    wk.add_argument("--officer", metavar="NAME")
    wk.set_defaults(func=cmd_workspace_key)
    rr = review.add_parser("return", help="退回企业：写出签名的退回意见交换包，状态改为已退回")
    _ws(rr)
    rr.add_argument("application", metavar="APP")
    rr.add_argument("--deadline", required=True, help="补正截止日期（如 2021-05-10，不能早于今天）")
    rr.add_argument("--allow-past", action="store_true", help="补正截止日期早于今天也退回")
    rr.add_argument("--contact")
    add_output(rr, "--to", kind=FOLDER, metavar="DIR")
    rr.set_defaults(func=cmd_review_return)


def extend(groups: Groups) -> None:
    """The enterprise side of a return: ``zjtx package open-return FILE`` and ``zjtx package
    reply``, beside the package commands (cli/packages.py opens its ``package`` group)."""
    op = groups["package"].add_parser(
        "open-return",
        help="打开推荐单位的退回意见（只对本机的申报）",
    )
    op.add_argument("file", metavar="FILE")
    op.set_defaults(func=cmd_open_return)
    rp = groups["package"].add_parser("reply", help="答复退回意见中的一条（随下一版交换包提交）")
    rp.add_argument("--draft", required=True, metavar="ID")
    rp.add_argument("comment", type=int, metavar="COMMENT")
    rp.add_argument("text", metavar="TEXT")
    rp.set_defaults(func=cmd_reply)


@_guard
@refusing(IDENTITY_ERROR, hint=NO_UNIT_KEY)
def cmd_forward(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import load_identity
    from zjtx_desktop.core.workspace.forward import write_forward_package

    ws = _open(args)
    ident = load_identity(_unit_key_path(ws.path), _key_passphrase())
    target = write_forward_package(ws, Path(args.to), ident)
    print(f"已上报：{target}")
    return 0


def cmd_import_forward(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.forward import import_forward

    outcomes = import_forward(_open(args), Path(args.file))
    if args.json:
        _print_json([o.as_json() for o in outcomes])
    else:
        for o in outcomes:
            line = f"{o.status_text:<3} {o.application_id or '-':<17} {o.file}  {o.message}"
            print(line.rstrip())
    return 1 if any(o.status == "refused" for o in outcomes) else 0


def register_forward(sub: Any, inbox_group: Any) -> None:
    f = sub.add_parser("forward", help="上报：拟推荐的申报连同初核意见、汇总表写成签名的上报交换包")
    _ws(f)
    add_output(f, "--to", kind=FOLDER, metavar="DIR")
    f.set_defaults(func=cmd_forward)
    i = inbox_group.add_parser("import-forward", help="导入下级单位的上报交换包")
    _ws(i)
    i.add_argument("file", metavar="FILE")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_import_forward)


def cmd_workspace_open(args: argparse.Namespace) -> int:
    """The officials' window on a workspace file."""
    from zjtx_desktop.gui.officials.launch import run_officials_window

    ws = _open(args)
    code = run_officials_window(ws, smoke=args.smoke)
    ws.close()
    return code


def register_open(workspace: Any) -> None:
    wo = workspace.add_parser("open", help="在窗口中打开工作区（推荐单位首页）")
    wo.add_argument("workspace", metavar="WS")
    wo.add_argument("--officer", metavar="NAME")
    wo.add_argument("--smoke", action="store_true", help="打开后立即关闭（检查能否启动）")
    wo.set_defaults(func=cmd_workspace_open)


@_guard
def cmd_review_verify(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.verification import add_verification

    ws = _open(args)
    attachment = Path(args.attachment) if args.attachment else None
    add_verification(
        ws,
        ws.application(args.application).id,
        args.channel,
        args.date,
        args.conclusion,
        attachment,
    )
    return 0


@_guard
def cmd_review_original(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.verification import mark_original_seen

    ws = _open(args)
    mark_original_seen(ws, ws.application(args.application).id, args.evidence)
    return 0


def cmd_review_verifications(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.verification import export_verifications

    n = export_verifications(_open(args, reading=True), Path(args.output))
    print(f"已导出核查情况表：{args.output}（{n} 条）")
    return 0


def register_verification(review: Any) -> None:
    rv = review.add_parser("verify", help="记录一次核查（部门或渠道、日期、结论、附件）")
    _ws(rv)
    rv.add_argument("application", metavar="APP")
    rv.add_argument("--channel", required=True, help="核查部门或渠道，如 信用中国")
    rv.add_argument("--date", required=True)
    rv.add_argument("--conclusion", required=True)
    rv.add_argument("--attachment", metavar="FILE")
    rv.set_defaults(func=cmd_review_verify)
    ro = review.add_parser("original", help="佐证材料原件已核")
    _ws(ro)
    ro.add_argument("application", metavar="APP")
    ro.add_argument("evidence", metavar="E001")
    ro.set_defaults(func=cmd_review_original)
    rl = review.add_parser("verifications", help="导出核查情况表（xlsx）")
    _ws(rl)
    add_output(rl, "-o", "--output", metavar="OUT.xlsx")
    rl.set_defaults(func=cmd_review_verifications)
