"""CLI of the workspace's printed outputs and the submission profile's figures.

zjtx workspace export-booklets --workspace WS -o DIR     # 批量导出: <序号>_<企业名称>.pdf
zjtx review record --workspace WS APP -o OUT.pdf|OUT.xlsx   # 初核记录单
zjtx workspace status --workspace WS [--now "2021-07-23 10:00"] [--json]   # 截止, 名额
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zjtx_desktop.cli.common import NEW_FOLDER, Groups, _print_json, add_output
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


@_guard
def cmd_workspace_status(args: argparse.Namespace) -> int:
    from datetime import datetime

    from zjtx_desktop.core.workspace.deadline import deadline_status, parse_deadline
    from zjtx_desktop.core.workspace.quotas import quota_report

    ws = _open(args, reading=True)
    now = parse_deadline(args.now)[0] if args.now else datetime.now()
    raw = ws.profile.get("deadline")
    status = deadline_status(str(raw), now) if raw else None
    report = quota_report(ws)
    if args.json:
        _print_json(
            {
                "deadline": None
                if status is None
                else {
                    "deadline": status.deadline.isoformat(timespec="minutes"),
                    "days_left": status.days_left,
                    "overdue": status.overdue,
                    "text": status.text,
                },
                "quotas": {
                    "total": report.total,
                    "used": report.used,
                    "pool": report.pool,
                    "pool_used": report.pool_used,
                    "pool_left": report.pool_left,
                    "units": [
                        {
                            "code": u.code,
                            "name": u.name,
                            "quota": u.quota,
                            "used": u.used,
                            "unused": u.unused,
                            "over": u.over,
                            "granted": u.granted,
                            "still_over": u.over_ids,
                        }
                        for u in report.units
                    ],
                },
                "banners": report.banners(),
            }
        )
        return 0
    print(status.text if status else "未设置报送截止（zjtx workspace set WS deadline 2021-05-08）")
    print("\n".join(report.lines()))
    for b in report.banners():
        print(f"注意：{b}")
    return 0


def extend(groups: Groups) -> None:
    workspace = groups["workspace"]
    eb = workspace.add_parser(
        "export-booklets", help="批量导出：每家拟推荐企业签章版申请书 PDF，按序号命名"
    )
    _ws(eb)
    add_output(eb, "-o", "--output", kind=NEW_FOLDER, metavar="DIR")
    eb.set_defaults(func=cmd_export_booklets)
    rr = groups["review"].add_parser(
        "record", help="初核记录单：核对了什么、结论、意见、经办人，打印签字后存档（pdf/xlsx）"
    )
    _ws(rr)
    rr.add_argument("application", metavar="APP")
    add_output(rr, "-o", "--output", metavar="OUT.pdf|OUT.xlsx")
    rr.set_defaults(func=cmd_review_record)
    st = workspace.add_parser(
        "status", help="报送截止（还有几天、是否逾期）和推荐名额（未用名额的统筹）"
    )
    _ws(st)
    st.add_argument("--now", metavar="TIME", help="按此时间计算（默认现在），如 2021-07-23 10:00")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_workspace_status)
