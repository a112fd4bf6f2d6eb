"""CLI of the workspace's printed outputs and the submission profile's figures.

zjtx workspace export-booklets --workspace WS -o DIR     # 批量导出: <序号>_<企业名称>.pdf
zjtx review record --workspace WS APP -o OUT.pdf|OUT.xlsx   # 初核记录单
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zjtx_desktop.cli.common import Groups
from zjtx_desktop.cli.workspace import _guard, _open, _ws


@_guard
def cmd_export_booklets(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.booklets import export_booklets

    done = export_booklets(_open(args), Path(args.output))
    print(f"已导出 {len(done.written)} 份申请书到 {args.output}")
    for p in done.written:
        print(f"  {p.name}")
    for enterprise, why in done.skipped:
        print(f"未导出 {enterprise}：{why}")
    return 0


@_guard
def cmd_review_record(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.workspace.check_record_print import write_record

    ws = _open(args)
    rec = write_record(ws, ws.application(args.application).id, Path(args.output))
    print(f"已导出初核记录单：{args.output}（{rec.code_text}）")
    return 0


def extend(groups: Groups) -> None:
    workspace = groups["workspace"]
    eb = workspace.add_parser(
        "export-booklets", help="批量导出：每家拟推荐企业签章版申请书 PDF，按序号命名"
    )
    _ws(eb)
    eb.add_argument("-o", "--output", required=True, metavar="DIR")
    eb.set_defaults(func=cmd_export_booklets)
    rr = groups["review"].add_parser(
        "record", help="初核记录单：核对了什么、结论、意见、经办人，打印签字后存档（pdf/xlsx）"
    )
    _ws(rr)
    rr.add_argument("application", metavar="APP")
    rr.add_argument("-o", "--output", required=True, metavar="OUT.pdf|OUT.xlsx")
    rr.set_defaults(func=cmd_review_record)
