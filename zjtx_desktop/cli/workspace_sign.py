"""CLI of the 推荐单位's signature on part 六 of an enterprise's booklet.

zjtx review sign --workspace WS APP -o OUT.pdf [--key UNIT.p12] [--passphrase-file F]
    0 written (``zjtx verify OUT.pdf`` then checks every signature), 1 refused with every
    reason (no booklet, part 六 incomplete, not 拟推荐/已上报, no key), 2 unusable (wrong
    passphrase, damaged key, the output cannot be written)

The key is the unit's (``zjtx workspace key``, beside the workspace file) unless ``--key``
names another PKCS#12 (one from a licensed CA); its passphrase comes as for the enterprise's
key: --passphrase-file, the environment variable ZJTX_KEY_PASSPHRASE, or a prompt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zjtx_desktop.cli.common import Groups, add_output, refusing
from zjtx_desktop.cli.packages import IDENTITY_ERROR, _passphrase
from zjtx_desktop.cli.workspace import _guard, _open, _ws

SIGN_REFUSED = "zjtx_desktop.core.workspace.part6_signing:SignRefused"


def _refused(messages: list[str]) -> int:
    for m in messages:
        print(f"不能签署：{m}", file=sys.stderr)
    return 1


@_guard
@refusing(IDENTITY_ERROR)
def cmd_review_sign(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import grouped, load_identity
    from zjtx_desktop.core.workspace.part6_signing import (
        SignRefused,
        refusals,
        sign_part6,
        unit_key_path,
    )

    ws = _open(args)
    app = ws.application(args.application)
    key = Path(args.key) if args.key else unit_key_path(ws.path)
    reasons = refusals(ws, app.id, key)  # before the passphrase is asked for
    if reasons:
        return _refused([str(r) for r in reasons])
    identity = load_identity(key, _passphrase(args))
    try:
        done = sign_part6(ws, app.id, identity, Path(args.output))
    except SignRefused as e:
        return _refused(e.messages)
    for fid, text in done.values.items():
        print(f"{fid}：{text}")
    signer = f"推荐单位 {identity.subject}，指纹 {grouped(done.fingerprint)}"
    print(f"已签署第六部分：{done.path}（{signer}）")
    print(f"SHA-256 {done.sha256}（已记入操作记录）")
    return 0


def extend(groups: Groups) -> None:
    rs = groups["review"].add_parser(
        "sign",
        help="签署推荐意见（第六部分）：在企业签章的 PDF 申请书上填入第六部分并加推荐单位签名",
    )
    _ws(rs)
    rs.add_argument("application", metavar="APP")
    add_output(rs, "-o", "--output", metavar="OUT.pdf")
    rs.add_argument("--key", metavar="UNIT.p12", help="签名证书（默认：工作区旁的单位证书）")
    rs.add_argument("--passphrase-file", help="签名证书口令文件")
    rs.set_defaults(func=cmd_review_sign)
