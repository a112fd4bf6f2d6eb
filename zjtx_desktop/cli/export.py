"""CLI commands: export (PDF, Word, Excel; the booklet of a stored application) and verify.

    zjtx export FORM_ID DATA.json -o OUT.pdf|OUT.docx|OUT.xlsx
    zjtx export --draft ID -o OUT.pdf          # booklet: 目录, forms in order, page numbers
    zjtx verify DATA.json CODE                 # CODE: the footer's 校验码 or the QR text

export: 0 written, 1 written as a draft (the data still has errors: 草稿 watermark and a list
of the problems), 2 unusable input. verify: 0 the data is the paper's, 1 it is not, 2 unusable.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail, add_output


def _options(args: argparse.Namespace, app_id: str = "") -> Any:
    from zjtx_desktop.core.export.model import ExportOptions

    image = Path(args.signature_image) if args.signature_image else None
    if image is not None and not image.is_file():
        raise SystemExit(_fail(f"找不到签名图片 {image}"))
    return ExportOptions(
        app_id=args.app_id or app_id,
        copy="full" if args.full else "enterprise",
        signature_name=args.signature_name or "",
        signature_image=image,
        seam_strip=args.seam_strip,
        seal_guides=args.seal_guides,
        duplex=args.duplex,
    )


def _report(result: Any) -> int:
    for w in result.warnings:
        print(f"注意：{w}", file=sys.stderr)
    form_proofs = result.proofs[:-1]
    for p in form_proofs:
        print(f"{p.form_id}  校验码 {p.short}")
    print(f"已导出：{result.path}")
    if result.draft:
        n = len(result.unresolved)
        print(f"草稿：还有{n}个问题未解决，已加“草稿”水印并在文末列出", file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.export.api import ExportError, export_session
    from zjtx_desktop.core.export.formats import format_for, suffix_list

    out = Path(args.output)
    fmt = format_for(out.suffix)
    if fmt is None:
        return _fail(f"输出文件应为 {suffix_list()}：{out}")
    if args.compare:
        return _export_compare(args, out)
    try:
        if args.blank:
            if not fmt.blank:
                return _fail(f"{fmt.name} 不能导出空白表：{out}")
            return _export_blank(args, out)
        if args.draft:
            if args.form_id or args.data:
                return _fail("--draft 与 表单id/DATA.json 不能同时使用")
            return _export_draft(args, out)
        if not args.form_id or not args.data:
            return _fail(
                "用法：zjtx export FORM_ID DATA.json -o 输出文件（或 --draft ID -o 输出文件）"
            )
        from zjtx_desktop.core.datafile import DataFileError, read_data, session_for

        try:
            data = read_data(Path(args.data))
        except DataFileError as e:
            return _fail(str(e))
        for note in data.notes:
            print(f"注意：{note}", file=sys.stderr)
        if data.form.id != args.form_id:
            return _fail(f"数据文件属于表单“{data.form.id}”，不是“{args.form_id}”")
        from zjtx_desktop.core.export.identity import default_app_id

        session = session_for(data)
        opts = _options(args, default_app_id(session))  # not the file name: DATA.json is common
        return _report(export_session(session, out, opts))
    except ExportError as e:
        return _fail(str(e))


def _export_compare(args: argparse.Namespace, out: Path) -> int:
    """--compare: OUT.pdf is the side-by-side proof (our pages beside the seed template's
    text); the export itself is made in a temporary directory."""
    import tempfile

    from zjtx_desktop.core.export.compare import CompareError, write_compare
    from zjtx_desktop.core.export.formats import format_for, formats
    from zjtx_desktop.core.forms.registry import UnknownForm, get_form

    fmt = format_for(out.suffix)
    if fmt is None or not fmt.compare or args.draft or not args.form_id:
        able = "|".join(f"对照{f.suffix}" for f in formats() if f.compare)
        return _fail(f"用法：zjtx export FORM_ID (DATA.json | --blank) --compare -o {able}")
    try:
        form = get_form(args.form_id)
    except UnknownForm:
        return _fail(f"未知表单“{args.form_id}”：用 zjtx forms list 查看可用表单")
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "export.pdf"
        inner = argparse.Namespace(**{**vars(args), "compare": False, "output": str(ours)})
        with contextlib.redirect_stdout(io.StringIO()):
            code = cmd_export(inner)
        if code not in (0, 1):
            return code
        try:
            missing = write_compare(ours, form, out)
        except CompareError as e:
            return _fail(str(e))
    print(f"已导出对照：{out}（模板原文中有 {missing} 行在导出中找不到，以红色 ✗ 标出）")
    return code


def _export_blank(args: argparse.Namespace, out: Path) -> int:
    from zjtx_desktop.core.export.api import export_blank
    from zjtx_desktop.core.forms.loader import FormError
    from zjtx_desktop.core.forms.registry import UnknownForm, get_form

    if args.draft or args.data or not args.form_id:
        return _fail("用法：zjtx export --blank FORM_ID -o 输出文件（空白表，不带数据）")
    try:
        get_form(args.form_id)
    except UnknownForm:
        return _fail(f"未知表单“{args.form_id}”：用 zjtx forms list 查看可用表单")
    except FormError as e:
        return _fail(str(e))
    export_blank([args.form_id], out, _options(args))
    print(f"已导出空白表：{out}")
    return 0


def _export_draft(args: argparse.Namespace, out: Path) -> int:
    from zjtx_desktop.cli.common import _resolve, _store
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.export.api import export_application

    store = _store(args)
    app = OpenApplication(store, _resolve(store, args.draft))
    return _report(export_application(app, out, _options(args, app.id)))


def _session_of(obj: Any) -> Any:
    """One DATA.json, or an application as ``zjtx drafts show --json`` prints it."""
    from zjtx_desktop.core.datafile import parse_data
    from zjtx_desktop.core.merge import merged_session

    items = obj.get("forms") if isinstance(obj, dict) and "forms" in obj else [obj]
    if not isinstance(items, list) or not items:
        raise ValueError("forms 应为 DATA.json 的列表")
    sources = [
        (f"forms[{i}]", parse_data(item, f"forms[{i}]：" if len(items) > 1 else ""))
        for i, item in enumerate(items)
    ]
    return merged_session(sources)  # the one merge policy: disagreeing facts are refused


def cmd_verify(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.datafile import DataFileError, load_json
    from zjtx_desktop.core.export.proof import BadCode, application_sha256, form_sha256, parse_code

    if args.data.lower().endswith(".pdf") or args.code is None:
        from zjtx_desktop.cli.packages import cmd_verify_pdf  # the printed pages themselves

        return cmd_verify_pdf(args)
    try:
        code = parse_code(args.code)
    except BadCode as e:
        return _fail(str(e))
    try:  # read as every DATA.json is: deep nesting, huge integers, NaN → 文件无法读取
        obj = load_json(Path(args.data).read_bytes(), f"{args.data}：")
        session = _session_of(obj)
    except OSError as e:
        return _fail(f"无法读取 {args.data}：{e.strerror}")
    except (DataFileError, ValueError) as e:
        return _fail(str(e))
    copy = "full" if args.full else "enterprise"
    digests = {st.form.id: form_sha256(st, copy) for st in session.states.values()}
    candidates = dict(digests)
    if len(digests) > 1:
        candidates["*"] = application_sha256(list(digests.values()))
    if code.form_id:
        candidates = {k: v for k, v in candidates.items() if k == code.form_id}
    hits = [k for k, v in candidates.items() if v.startswith(code.digest)]
    if hits:
        what = "整份申报" if hits[0] == "*" else hits[0]
        print(f"一致：数据与纸质材料（{what}）相符")
        return 0
    print("不一致：这份数据不是纸质材料上打印的数据（或已修改）")
    for form_id, digest in digests.items():
        print(f"  {form_id}  当前数据的校验码 {digest[:12].upper()}")
    return 1


def _add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--full", action="store_true", help="打印全部部分（含推荐单位填写的第六部分）")


def register(sub: Any) -> None:
    from zjtx_desktop.core.export.formats import formats, suffixes

    names = [f.name for f in formats()]
    what = "、".join(names[:-1]) + " 或 " + names[-1] if len(names) > 1 else "".join(names)
    e = sub.add_parser("export", help=f"导出 {what}（--draft：整份申报的 PDF 装订本）")
    e.add_argument("form_id", nargs="?", help="表单id")
    e.add_argument("data", nargs="?", help="DATA.json")
    add_output(e, "-o", "--output", help="输出文件 " + " / ".join(suffixes()))
    e.add_argument("--draft", metavar="ID", help="导出已保存的申报（草稿id）")
    e.add_argument(
        "--app-id", help="页脚与二维码中的申报编号（默认：草稿id，或统一社会信用代码+批次）"
    )
    e.add_argument("--signature-name", help="法定代表人（签名）处打印的姓名")
    e.add_argument("--signature-image", metavar="PNG", help="法定代表人签名图片")
    e.add_argument("--seam-strip", action="store_true", help="页边打印骑缝章位置")
    e.add_argument("--seal-guides", action="store_true", help="用虚线圆标出盖章位置")
    e.add_argument(
        "--duplex", action="store_true", help="双面打印：页边距对称，骑缝章与二维码在外侧"
    )
    e.add_argument("--blank", action="store_true", help="导出空白表（手工填写，不需数据文件）")
    e.add_argument(
        "--compare",
        action="store_true",
        help="输出对照 PDF：每页导出结果与模板原文并排（供审核人逐页核对）",
    )
    _add_options(e)
    e.set_defaults(func=cmd_export)

    v = sub.add_parser(
        "verify", help="核对数据与纸质材料是否一致（页脚校验码或二维码内容），或逐页核对导出的 PDF"
    )
    v.add_argument("data", help="DATA.json（或 zjtx drafts show --json 的输出），或导出的 PDF")
    v.add_argument("code", nargs="?", help="页脚上的校验码、二维码内容或完整的 SHA-256")
    v.add_argument("--data", dest="pdf_data", metavar="DATA.json", help="PDF 模式：另给数据文件")
    v.add_argument("--json", action="store_true", help="PDF 模式：以 JSON 输出结果")
    _add_options(v)
    v.set_defaults(func=cmd_verify)
