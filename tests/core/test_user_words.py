"""Audit item 11: what users read is Chinese and names things as the forms do — no field ids,
no stored status words, no check codes, no audit action codes, no OS error strings.

Expected texts are written by hand from the audit's repros."""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import (
    FORM,
    enterprise_home,
    fixture,
    new_workspace,
    returned_e01,
)
from tests.exchange.kit import members, other_identity, resign, rezip
from zjtx_desktop.cli import main
from zjtx_desktop.core.exchange.checks import CHECKS, FATAL, FLAG_NAMES, flag_name
from zjtx_desktop.core.exchange.verify import verify_package
from zjtx_desktop.core.workspace import audit, inbox
from zjtx_desktop.core.workspace.batch import batch_rows, table

ROOT = Path(__file__).resolve().parents[2]


# --- where a comment points, and its status ------------------------------------------------


def test_the_enterprise_reads_a_returns_comments_by_the_printed_labels(tmp_path, packages, capsys):
    _ws, _app, target, _ids = returned_e01(tmp_path, packages)
    db = enterprise_home(packages, "E01", tmp_path) / "drafts.sqlite3"
    assert main(["--db", str(db), "package", "open-return", str(target)]) == 0
    out = capsys.readouterr().out
    assert "[须修改] 营业收入（2020年）：请按审计报告填写2020年营业收入" in out
    assert "[须修改] 佐证材料 E003：审计报告缺少第3页" in out
    assert "operating_revenue" not in out and FORM not in out


def test_review_comments_shows_chinese_statuses_and_labels(tmp_path, packages, capsys):
    ws, app, _target, ids = returned_e01(tmp_path, packages)
    ws.resolve_comment(ids[1], "已电话核实")
    ws.close()
    assert main(["review", "comments", "--workspace", str(ws.path), app]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"#{ids[0]} [须修改] 未处理 营业收入（2020年）：请按审计报告填写2020年营业收入（张三）"
    )
    assert lines[1].startswith(f"#{ids[1]} [请说明] 已关闭 ")
    assert lines[-1] == f"#{ids[2]} [须修改] 未处理 佐证材料 E003：审计报告缺少第3页（张三）"
    for word in ("open", "answered", "resolved", "superseded", "operating_revenue"):
        assert word not in "\n".join(lines)


def test_every_comment_status_has_its_chinese_name():
    from zjtx_desktop.core.workspace.workspace import Comment

    def status(s: str) -> str:
        c = Comment(1, "A", 1, FORM, "x", "", "", "提示", "t", "a", "", s, None, "", "")
        return c.status_text

    # the schema's four statuses (core/workspace/schema.py, comments.status)
    assert [status(s) for s in ("open", "answered", "resolved", "superseded")] == [
        "未处理", "企业已答复", "已关闭", "已更正"
    ]  # fmt: skip


# --- flags ---------------------------------------------------------------------------------


def _key_changed(tmp_path: Path, packages: dict[str, Path]) -> Path:
    """E01's package again, revision 2, signed by another key of the same enterprise."""
    files = members(packages["E01"])
    code = json.loads(files["manifest.json"])["enterprise"]["credit_code"]

    def second(m: dict) -> None:
        m["revision"] = 2
        m["package_id"] = m["package_id"][:-1] + ("0" if m["package_id"][-1] != "0" else "1")

    return rezip(tmp_path / "E01-new-key.zjtx", resign(files, other_identity(code), second))


def test_a_changed_key_is_named_in_the_list_and_in_the_json_outcome(tmp_path, packages, capsys):
    ws = new_workspace(tmp_path)
    inbox.import_files(ws, [packages["E01"]])
    ws.close()
    changed = _key_changed(tmp_path, packages)
    assert main(["inbox", "import", "--workspace", str(ws.path), str(changed), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["status"] == "accepted" and "PKG_KEY_CHANGED" in row["codes"]
    assert "签名密钥已变更（与已固定的指纹或上次提交的不同）：" in row["message"]
    assert main(["batch", "--workspace", str(ws.path)]) == 0
    out = capsys.readouterr().out
    headers, first = out.splitlines()[:2]
    cell = first.split("\t")[headers.split("\t").index("标记")]
    assert "签名密钥已变更" in cell and "PKG_" not in out


def test_every_flag_a_package_can_carry_has_a_name():
    flags = {code for code in CHECKS if code not in FATAL} | {inbox.UNVERIFIED}
    assert flags <= set(FLAG_NAMES)
    assert all(not name.isascii() for name in FLAG_NAMES.values())
    assert flag_name("PKG_NEW_CHECK_NOBODY_NAMED") == "PKG_NEW_CHECK_NOBODY_NAMED"


def test_a_plain_data_file_is_marked_unverified_in_chinese(tmp_path):
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [fixture("E02")])
    assert out.message == inbox.CODE_MESSAGES[inbox.UNVERIFIED]
    headers, cells = table(batch_rows(ws))
    assert cells[0][headers.index("标记")] == "未校验来源"


# --- the audit log's 操作 column -------------------------------------------------------------


def _logged_actions() -> set[str]:
    """Every action the code writes to the audit log (calls of ``log``/``audit.append``)."""
    found: set[str] = set()
    for path in (ROOT / "zjtx_desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = {
            t.id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for n in ast.walk(tree):
            if not isinstance(n, ast.Call) or not isinstance(n.func, ast.Attribute):
                continue
            if n.func.attr == "log" and n.args:  # ws.log / self.log (store.log's first is an id)
                arg = n.args[0]
            elif n.func.attr == "append" and ast.unparse(n.func.value) == "audit":
                arg = n.args[2]
            else:
                continue
            name = getattr(arg, "id", "")
            value = arg.value if isinstance(arg, ast.Constant) else consts.get(name)
            if isinstance(value, str):
                found.add(value)
    return found


def test_every_audit_action_has_a_chinese_name():
    actions = _logged_actions()
    assert {"workspace_init", "import_refused", "state", "sign_part6"} <= actions
    assert actions <= set(audit.ACTION_NAMES), actions - set(audit.ACTION_NAMES)


def test_the_exported_log_names_the_actions(tmp_path):
    ws = new_workspace(tmp_path)
    inbox.import_files(ws, [fixture("E02")])
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    inbox.import_files(ws, [bad])
    out = tmp_path / "操作记录.xlsx"
    audit.export(ws.conn, out)
    sheet = load_workbook(out).active
    column = [c.value for c in sheet["C"]]
    assert column == ["操作", "创建工作区", "接收申报", "拒收"]


# --- a package that cannot be read ---------------------------------------------------------


def _message(path: Path) -> tuple[int, str]:
    v = verify_package(path)
    return v.exit_code, v.checks[0].message


def test_a_missing_file_is_said_missing(tmp_path):
    assert _message(tmp_path / "x.zjtx") == (2, "无法读取文件 x.zjtx：文件不存在，未接收")


@pytest.mark.parametrize(
    ("how", "detail"),
    [("end cut off", "文件末尾缺失"), ("zero bytes", "文件内容是空字节"), ("empty", "文件是空的")],
)
def test_a_copy_cut_short_is_called_incomplete(tmp_path, packages, how, detail):
    whole = packages["E01"].read_bytes()
    cut = tmp_path / "E01.zjtx"
    body = {"end cut off": whole[: len(whole) // 2], "zero bytes": bytes(100_000), "empty": b""}
    cut.write_bytes(body[how])
    assert _message(cut) == (
        2,
        f"交换包 E01.zjtx 不完整或已损坏（{detail}）：可能复制或传输时中断，请重新复制一份，未接收",
    )


def test_a_damaged_manifest_is_called_damaged_without_python_words(tmp_path, packages):
    """The audit's byte_100: one byte of the compressed manifest flipped."""
    data = bytearray(packages["E01"].read_bytes())
    with zipfile.ZipFile(packages["E01"]) as zf:
        info = zf.getinfo("manifest.json")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF
    broken = tmp_path / "b.zjtx"
    broken.write_bytes(bytes(data))
    code, message = _message(broken)
    assert code == 1
    assert message == (
        "交换包 b.zjtx 不完整或已损坏（清单无法读取）：可能复制或传输时中断，请重新复制一份，未接收"
    )


def test_a_file_that_is_no_package_is_still_called_so(tmp_path):
    f = tmp_path / "notes.zjtx"
    f.write_text("这不是交换包", encoding="utf-8")
    assert _message(f) == (2, "文件 notes.zjtx 不是交换包（无法作为 ZIP 读取），未接收")


def test_the_inbox_says_each_files_fate_in_chinese(tmp_path, capsys):
    ws = new_workspace(tmp_path)
    ws.close()
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    argv = ["inbox", "import", "--workspace", str(ws.path), str(fixture("E02")), str(bad)]
    assert main(argv) == 1
    lines = capsys.readouterr().out.splitlines()
    fate = {line.split()[2]: line for line in lines}
    assert fate["坏.json"].startswith("拒收 ")
    assert fate["E02.json"].startswith("已接收 ")
    assert fate["E02.json"].endswith("E02.json  " + inbox.CODE_MESSAGES[inbox.UNVERIFIED])
    assert main([*argv[:-1], "--json"]) == 0  # the JSON keeps the words tools rely on
    assert [o["status"] for o in json.loads(capsys.readouterr().out)] == ["duplicate"]
