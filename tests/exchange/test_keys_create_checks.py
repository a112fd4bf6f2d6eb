"""`zjtx keys create` refuses a key for an invalid 统一社会信用代码 (audit1 item 8): given with
--credit-code or taken from the draft; and when the code was corrected after the key was
made, export says how to make a new key, which moves the old one aside (never deleted)."""

from __future__ import annotations

from pathlib import Path

from tests.core.workspace_helpers import changed_copy, fixture
from tests.exchange.kit import cli

E02_CODE = "91220102MA0Y7K2Q2M"  # E02's code, valid
BAD_DIGIT = "91220102MA0Y7K2Q2A"  # the same with a wrong check digit


def _draft(db: Path, source: Path) -> str:
    code, out, err = cli(db, "drafts", "import", str(source))
    assert code == 0, err
    return out.split()[0]


def test_an_invalid_credit_code_is_refused_and_no_key_is_made(tmp_path: Path) -> None:
    db = tmp_path / "e" / "drafts.sqlite3"
    db.parent.mkdir()
    code, out, err = cli(db, "keys", "create", "--name", "某公司", "--credit-code", "123")
    assert (code, out) == (2, "")
    assert err == (
        "错误：统一社会信用代码“123”不正确：统一社会信用代码应为18位（现为3位）："
        "请核对营业执照上的18位代码；未生成签名证书\n"
    )
    code, _, err = cli(db, "keys", "create", "--name", "某公司", "--credit-code", BAD_DIGIT)
    assert code == 2 and "校验位不正确" in err
    assert not (db.parent / "keys").exists()


def test_a_draft_whose_code_is_invalid_is_refused_naming_the_field(tmp_path: Path) -> None:
    db = tmp_path / "e" / "drafts.sqlite3"
    db.parent.mkdir()
    app = _draft(db, changed_copy(tmp_path, "E02", {"credit_code": BAD_DIGIT}))
    code, out, err = cli(db, "keys", "create", "--draft", app)
    assert (code, out) == (2, "")
    assert err == (
        f"错误：申报中的“统一社会信用代码”（{BAD_DIGIT}）不正确：统一社会信用代码校验位不正确："
        "请核对营业执照上的18位代码。请先在申报中改正“统一社会信用代码”，再生成签名证书\n"
    )
    assert not (db.parent / "keys").exists()


def test_after_the_code_is_corrected_export_names_the_command_that_makes_a_new_key(
    tmp_path: Path,
) -> None:
    db = tmp_path / "e" / "drafts.sqlite3"
    db.parent.mkdir()
    app = _draft(db, fixture("E02"))
    other = "91220101MA0Y7K2Q8R"  # a key made for another (valid) code
    assert cli(db, "keys", "create", "--name", "长春华晟传感科技有限公司",
               "--credit-code", other)[0] == 0  # fmt: skip
    old = (db.parent / "keys" / "identity.p12").read_bytes()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = cli(db, "package", "export", "--draft", app, "--to", str(out_dir))
    assert code == 1
    assert err == (
        f"不能导出：签名证书属于 长春华晟传感科技有限公司（{other}），"
        f"不是本申报企业 长春华晟传感科技有限公司（{E02_CODE}）的证书："
        "请为本企业重新生成签名证书（原证书移到备份，不删除），或导入本企业的证书"
        f"（zjtx keys create --draft {app} --replace：旧证书移到备份）\n"
    )
    code, _, err = cli(db, "keys", "create", "--draft", app)
    assert code == 2 and "zjtx keys create --replace" in err  # no silent overwrite
    code, out, err = cli(db, "keys", "create", "--draft", app, "--replace")
    assert code == 0, err
    (backup,) = (db.parent / "keys").glob("identity-*.p12")
    assert backup.read_bytes() == old  # moved aside, never deleted
    assert backup.with_suffix(".crt").exists()
    assert out.splitlines()[0] == f"原签名证书已移到备份：{backup}（未删除）"
    assert f"已生成签名证书：长春华晟传感科技有限公司（{E02_CODE}）" in out
    code, _, err = cli(db, "package", "export", "--draft", app, "--to", str(out_dir))
    assert code == 0, err
