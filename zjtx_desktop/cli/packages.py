"""CLI commands for exchange packages, signing keys, trust and evidence (issue 9).

    zjtx package export --draft ID (-o FILE.zjtx | --to DIR)   0 written, 1 refused (reasons)
    zjtx package verify FILE.zjtx [--json]        0 accepted (flags possible), 1 refused, 2 unusable
    zjtx keys show | create [--draft ID | --name N --credit-code C] [--replace] | import FILE.p12
    zjtx trust pin CREDIT_CODE FINGERPRINT | --qr IMAGE | list | add-root PEM | add-crl CRL
    zjtx evidence add ID FILE [--title T] [--item 附件2-1] | list ID | remove ID E001

The key's passphrase comes from --passphrase-file, the environment variable
ZJTX_KEY_PASSPHRASE, or a prompt when a terminal is attached.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import FOLDER, Groups, _fail, _print_json, add_output, refusing

IDENTITY_ERROR = "zjtx_desktop.core.exchange.identity:IdentityError"
EVIDENCE_ERROR = "zjtx_desktop.core.exchange.evidence:EvidenceError"
TRUST_ERROR = "zjtx_desktop.core.exchange.trust:TrustError"

PASSPHRASE_ENV = "ZJTX_KEY_PASSPHRASE"


def data_dir(args: argparse.Namespace) -> Path:
    """The folder of the drafts database: keys, trust store and evidence live beside it."""
    from zjtx_desktop.core.paths import default_db_path

    db = Path(args.db) if getattr(args, "db", None) else default_db_path()
    return db.parent


def _passphrase(args: argparse.Namespace, confirm: bool = False) -> bytes:
    f = getattr(args, "passphrase_file", None)
    if f:
        try:
            return Path(f).read_text(encoding="utf-8").rstrip("\r\n").encode("utf-8")
        except OSError as e:
            raise SystemExit(_fail(f"无法读取口令文件 {f}：{e.strerror}")) from None
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env.encode("utf-8")
    if not sys.stdin.isatty():
        raise SystemExit(
            _fail(f"需要签名证书的口令：用 --passphrase-file 或环境变量 {PASSPHRASE_ENV} 给出")
        )
    import getpass

    p = getpass.getpass("签名证书口令：")
    if confirm and getpass.getpass("再输入一次：") != p:
        raise SystemExit(_fail("两次输入的口令不一致"))
    return p.encode("utf-8")


# --- package --------------------------------------------------------------------------


def _cannot_export(reasons: list[str]) -> int:
    for r in reasons:
        print(f"不能导出：{r}", file=sys.stderr)
    return 1


@refusing(IDENTITY_ERROR, EVIDENCE_ERROR)
@refusing("builtins:OSError", message=lambda e: f"无法写入交换包：{e.strerror or e}")
def cmd_package_export(args: argparse.Namespace) -> int:
    from zjtx_desktop.cli.common import _resolve, _store
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.exchange.identity import identity_path, load_identity
    from zjtx_desktop.core.exchange.package import PackageRefused, export_package, refusals

    if bool(args.output) == bool(args.to):
        return _fail("用 -o FILE.zjtx 或 --to 文件夹 给出输出位置（二选一）")
    store = _store(args)
    app = OpenApplication(store, _resolve(store, args.draft))
    early = [r for r in refusals(app, _NoIdentity()) if "签名证书" not in r]
    if early:
        return _cannot_export(early)
    ident = load_identity(identity_path(data_dir(args)), _passphrase(args))
    other = [r for r in refusals(app, ident) if "签名证书属于" in r]
    if other:  # the code was corrected after the key was made: say how to make a new one
        return _cannot_export(
            [f"{other[0]}（zjtx keys create --draft {args.draft} --replace：旧证书移到备份）"]
        )
    target = Path(args.to) if args.to else Path(args.output)
    try:
        result = export_package(app, target, ident, addressee=args.addressee or "")
    except PackageRefused as e:
        return _cannot_export(e.reasons)
    for form_id, code in result.forms:
        print(f"{form_id}  校验码 {code}")
    print(f"已导出：{result.path}（第 {result.revision} 版）")
    return 0


class _NoIdentity:
    credit_code = ""
    subject = ""


def cmd_package_verify(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.verify import verify_package

    path = Path(args.file)
    if not path.is_file():
        if args.json:
            _print_json({"accepted": False, "checks": [], "forms": [], "signer": {}})
        return _fail(f"找不到文件 {path}")
    v = verify_package(path, trust_store(args))
    if args.json:
        _print_json(v.to_json())
        return v.exit_code
    for f in v.forms:
        print(f"{f.id}  校验码 {f.code}")
    if v.signer.fingerprint:
        from zjtx_desktop.core.exchange.identity import grouped

        state = {
            "pinned": "指纹已核对（已固定）",
            "root": "证书由信任库中的根证书签发",
            "changed": "与已固定的指纹不同",
            "first": "密钥未核对（未固定指纹）",
        }.get(v.signer.pin, "未核验")
        print(f"签名：{v.signer.subject}  指纹 {grouped(v.signer.fingerprint)}（{state}）")
    for c in v.checks:
        mark = "拒收" if c.fatal else "提示"
        print(f"[{mark}] {c.code}: {c.message}", file=sys.stderr if c.fatal else sys.stdout)
    print("通过：交换包完整，可以接收" if v.accepted else "未通过：交换包未接收")
    return v.exit_code


def cmd_verify_pdf(args: argparse.Namespace) -> int:
    """``zjtx verify FILE.pdf [--data DATA.json] [--json]``: every page re-created from the
    data and compared with the file's; the signatures checked offline."""
    import json

    from zjtx_desktop.core.exchange.keyfiles import trust_dir
    from zjtx_desktop.core.exchange.pdfverify import verify_pdf
    from zjtx_desktop.core.exchange.trust import TrustStore

    data = None
    if args.pdf_data:
        try:
            data = json.loads(Path(args.pdf_data).read_text(encoding="utf-8"))
        except OSError as e:
            return _fail(f"无法读取 {args.pdf_data}：{e.strerror}")
        except (ValueError, UnicodeDecodeError) as e:
            return _fail(f"{args.pdf_data} 不是有效的 JSON：{e}")
    v = verify_pdf(Path(args.data), data, TrustStore(trust_dir(data_dir(args))))
    if args.json:
        _print_json(v.to_json())
        return v.exit_code
    if v.unusable:
        return _fail(v.unusable)
    for d in v.diffs:
        print(d.describe())
    for p in v.problems:
        print(f"签名：{p}")
    for n in v.notes:
        print(f"说明：{n}")
    if v.matches and v.unchecked:
        left = len(v.unchecked)
        print(
            f"一致：比对的 {v.pages - left} 页与内嵌数据重新生成的页面相同；"
            f"另有 {left} 页自评结果无法在本机核验，未比对（见说明）"
        )
    elif v.matches:
        print(f"一致：全部 {v.pages} 页与内嵌数据重新生成的页面相同")
    elif v.verdict_only:
        print("不一致：只有自评结果页与本机重新生成的不同，可能来自规则包不同（见说明）")
    else:
        print("不一致：PDF 与数据不符（见上），可能被改动或混入了其他申报的页面")
    return v.exit_code


# --- keys -----------------------------------------------------------------------------


def cmd_keys_show(args: argparse.Namespace) -> int:
    from cryptography import x509

    from zjtx_desktop.core.exchange.identity import describe, identity_path
    from zjtx_desktop.core.exchange.keyfiles import crt_path

    d = data_dir(args)
    if not crt_path(d).exists():
        return _fail("还没有签名证书：用 zjtx keys create 生成，或 zjtx keys import 导入")
    try:
        cert = x509.load_pem_x509_certificate(crt_path(d).read_bytes())
    except (OSError, ValueError) as e:
        return _fail(f"无法读取证书 {crt_path(d)}：{e}")
    info = describe(cert)
    info["file"] = str(identity_path(d))
    if args.json:
        _print_json(info)
        return 0
    print(f"证书持有人：{info['subject']}（{info['credit_code']}）")
    print(f"签名指纹：{info['printed']}")
    print(f"完整指纹：{info['fingerprint']}")
    print(f"有效期至：{info['not_after'][:10]}  {'自签发' if info['self_issued'] else 'CA 签发'}")
    print(info["note"])
    return 0


@refusing(IDENTITY_ERROR)
def cmd_keys_create(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import (
        create_identity,
        credit_code_problem,
        grouped,
        identity_path,
        retire_identity,
    )

    name, code = args.name, args.credit_code
    if args.draft:
        from zjtx_desktop.cli.common import _resolve, _store
        from zjtx_desktop.core.application import OpenApplication
        from zjtx_desktop.core.exchange.package import enterprise_of

        store = _store(args)
        name, code = enterprise_of(OpenApplication(store, _resolve(store, args.draft)))
        problem = credit_code_problem(code) if code else ""
        if problem:  # the key would carry a code no correct application has
            return _fail(
                f"申报中的“统一社会信用代码”（{code}）不正确：{problem}。"
                "请先在申报中改正“统一社会信用代码”，再生成签名证书"
            )
    if not name or not code:
        return _fail("请用 --draft ID 或 --name 与 --credit-code 给出企业名称和统一社会信用代码")
    path = identity_path(data_dir(args))
    problem = credit_code_problem(code.strip().upper())
    if problem:  # refused before the old key is moved aside or a passphrase asked for
        return _fail(f"统一社会信用代码“{code}”不正确：{problem}；未生成签名证书")
    passphrase = _passphrase(args, True)
    retired = retire_identity(path) if args.replace and path.exists() else None
    ident = create_identity(path, name, code, passphrase)
    if retired is not None:
        print(f"原签名证书已移到备份：{retired}（未删除）")
    print(f"已生成签名证书：{ident.subject}（{ident.credit_code}）")
    print(f"签名指纹：{grouped(ident.fingerprint)}（打印在目录页和签名页上）")
    if retired is not None:
        print("新证书的指纹与以前交给主管部门的不同：请重新导出并打印申请书，随纸质件报送")
    return 0


@refusing(IDENTITY_ERROR)
def cmd_keys_import(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.identity import grouped, identity_path, import_identity

    ident = import_identity(Path(args.file), identity_path(data_dir(args)), _passphrase(args))
    print(
        f"已导入签名证书：{ident.subject}（{ident.credit_code}）指纹 {grouped(ident.fingerprint)}"
    )
    return 0


# --- trust ----------------------------------------------------------------------------


def trust_store(args: argparse.Namespace) -> Any:
    """The official's trust store: ``trust/`` beside the drafts database (``--db`` or the
    user data directory), the one ``zjtx trust pin|add-root|add-crl`` writes."""
    from zjtx_desktop.core.exchange.keyfiles import trust_dir
    from zjtx_desktop.core.exchange.trust import TrustStore

    return TrustStore(trust_dir(data_dir(args)))


_trust = trust_store


@refusing(TRUST_ERROR)
def cmd_trust_pin(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.exchange.trust import TrustError, decode_qr_image, fingerprint_from_qr

    if args.qr:
        texts = decode_qr_image(Path(args.qr))
        fps = []
        for t in texts:
            try:
                fps.append(fingerprint_from_qr(t))
            except TrustError:
                continue
        if not fps:
            return _fail(f"{args.qr} 中没有找到带签名指纹的 ZJTX 二维码")
        fp, source = fps[0], "qr"
    elif args.fingerprint:
        fp, source = args.fingerprint, "paper"
    else:
        return _fail("请给出纸质件目录页上的签名指纹，或用 --qr 给出二维码图片")
    pin = _trust(args).pin(args.credit_code, fp, args.subject or "", source)
    print(f"已固定：{pin.credit_code} 的签名指纹 {pin.sha256.upper()}（来源：{pin.source}）")
    return 0


@refusing(TRUST_ERROR)
def cmd_trust_list(args: argparse.Namespace) -> int:
    store = _trust(args)
    pins = store.pins()
    rows = [p.__dict__ for p in pins]
    roots = sorted(p.name for p in (store.root / "roots").glob("*.pem"))
    crls = sorted(p.name for p in (store.root / "crls").glob("*.crl"))
    if args.json:
        _print_json({"pins": rows, "roots": roots, "crls": crls})
        return 0
    for p in pins:
        print(f"{p.credit_code}  {p.sha256.upper()}  {p.source}  {p.since}  {p.subject}")
    for r in roots:
        print(f"根证书  {r}")
    for c in crls:
        print(f"吊销列表  {c}")
    if not (pins or roots or crls):
        print("信任库为空")
    return 0


@refusing(TRUST_ERROR)
def cmd_trust_add(args: argparse.Namespace) -> int:
    store = _trust(args)
    add = store.add_root if args.trust_cmd == "add-root" else store.add_crl
    target = add(Path(args.file))
    print(f"已导入：{target}")
    return 0


# --- evidence -------------------------------------------------------------------------


@refusing(EVIDENCE_ERROR)
def cmd_evidence(args: argparse.Namespace) -> int:
    from zjtx_desktop.cli.common import _resolve, _store
    from zjtx_desktop.core.exchange.evidence import add_evidence, list_evidence, remove_evidence

    store = _store(args)
    app_id = _resolve(store, args.id)
    if args.evidence_cmd == "add":
        for f in args.files:
            ev = add_evidence(store, app_id, Path(f), args.title or "", args.item or "")
            print(f"{ev.id}  {ev.title}  {ev.pages}页  {ev.sha256[:12].upper()}")
        return 0
    if args.evidence_cmd == "remove":
        ev = remove_evidence(store, app_id, args.evidence_id)
        print(f"已移除 {ev.id}  {ev.title}")
        return 0
    items = list_evidence(store, app_id)
    if args.json:
        _print_json([e.__dict__ for e in items])
        return 0
    for e in items:
        item = f"  [{e.item}]" if e.item else ""
        print(f"{e.id}  {e.title}{item}  {e.pages}页  {e.size}字节  {e.sha256[:12].upper()}")
    print(f"共 {len(items)} 份佐证材料")
    return 0


def register(sub: Any) -> Groups:
    """The package, keys, trust and evidence commands; the ``package`` group is open to others."""
    pk = sub.add_parser("package", help="交换包（.zjtx）：导出与核验")
    pks = pk.add_subparsers(dest="package_cmd", required=True)
    pe = pks.add_parser("export", help="导出交换包（有错误时拒绝）")
    pe.add_argument("--draft", required=True, metavar="ID")
    add_output(pe, "-o", "--output", required=False, metavar="FILE.zjtx", help="交换包文件 .zjtx")
    add_output(pe, "--to", kind=FOLDER, required=False, metavar="DIR",
               help="写入文件夹，文件名按规范生成")  # fmt: skip
    pe.add_argument("--addressee", help="报送单位（如 XX县工业和信息化局）")
    pe.add_argument("--passphrase-file", help="签名证书口令文件")
    pe.set_defaults(func=cmd_package_export)
    pv = pks.add_parser("verify", help="核验交换包")
    pv.add_argument("file")
    pv.add_argument("--json", action="store_true")
    pv.set_defaults(func=cmd_package_verify)

    k = sub.add_parser("keys", help="签名证书（企业）").add_subparsers(
        dest="keys_cmd", required=True
    )
    ks = k.add_parser("show", help="显示签名证书与指纹")
    ks.add_argument("--json", action="store_true")
    ks.set_defaults(func=cmd_keys_show)
    kc = k.add_parser("create", help="生成签名证书（EC P-256，自签发）")
    kc.add_argument("--draft", metavar="ID", help="从申报中取企业名称和统一社会信用代码")
    kc.add_argument("--name")
    kc.add_argument("--credit-code")
    kc.add_argument("--passphrase-file")
    kc.add_argument(
        "--replace",
        action="store_true",
        help="已有签名证书时重新生成（如统一社会信用代码改正后）：旧证书移到带日期的备份，不删除",
    )
    kc.set_defaults(func=cmd_keys_create)
    ki = k.add_parser("import", help="导入 CA 签发的 PKCS#12 证书")
    ki.add_argument("file")
    ki.add_argument("--passphrase-file")
    ki.set_defaults(func=cmd_keys_import)

    t = sub.add_parser("trust", help="信任库（主管部门）").add_subparsers(
        dest="trust_cmd", required=True
    )
    tp = t.add_parser("pin", help="按纸质件上的签名指纹（或二维码图片）固定企业的证书")
    tp.add_argument("credit_code")
    tp.add_argument("fingerprint", nargs="?")
    tp.add_argument("--qr", metavar="IMAGE", help="扫描或拍摄的二维码图片")
    tp.add_argument("--subject", help="备注：企业名称")
    tp.set_defaults(func=cmd_trust_pin)
    tl = t.add_parser("list", help="列出固定的证书、根证书和吊销列表")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(func=cmd_trust_list)
    for name, what in (("add-root", "导入 CA 根证书"), ("add-crl", "导入证书吊销列表（CRL）")):
        ta = t.add_parser(name, help=what)
        ta.add_argument("file")
        ta.set_defaults(func=cmd_trust_add)

    e = sub.add_parser("evidence", help="佐证材料").add_subparsers(
        dest="evidence_cmd", required=True
    )
    ea = e.add_parser("add", help="添加佐证材料（PDF、JPG、PNG）")
    ea.add_argument("id")
    ea.add_argument("files", nargs="+")
    ea.add_argument("--title")
    ea.add_argument("--item", help="对应的清单项，如 附件2-1")
    ea.set_defaults(func=cmd_evidence)
    el = e.add_parser("list", help="列出佐证材料")
    el.add_argument("id")
    el.add_argument("--json", action="store_true")
    el.set_defaults(func=cmd_evidence)
    er = e.add_parser("remove", help="移除佐证材料")
    er.add_argument("id")
    er.add_argument("evidence_id")
    er.set_defaults(func=cmd_evidence)
    return {"package": pks}
