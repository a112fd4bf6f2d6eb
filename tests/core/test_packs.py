"""Installable packs: made from a shipped rule set they install; anything wrong is refused
with a message and nothing installed; an installed file damaged later breaks nothing else."""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
import yaml

from zjtx_desktop.cli import main
from zjtx_desktop.core.eligibility import rulesets
from zjtx_desktop.core.eligibility.choose import Assessment, choose
from zjtx_desktop.core.eligibility.loader import all_versions, criteria_dir
from zjtx_desktop.core.packs import (
    PackError,
    build_pack,
    install_pack,
    installed_packs,
    remove_pack,
)
from zjtx_desktop.core.packs.install import _forget_caches

META = {
    "id": "xjr-2026-rev",
    "version": "2026.2",
    "date": "2026-07-01",
    "title": "小巨人认定标准（2026，修订）",
    "sources": [{"document": "工信部企业〔2026〕2号"}],
}


@pytest.fixture(autouse=True)
def packs_dir(tmp_path, monkeypatch):
    d = tmp_path / "packs"
    monkeypatch.setenv("ZJTX_PACKS", str(d))
    _forget_caches()
    yield d
    monkeypatch.delenv("ZJTX_PACKS")
    _forget_caches()


def shipped(name: str = "xjr-2026.yaml") -> str:
    return (criteria_dir() / name).read_text(encoding="utf-8")


def newer_xjr(tmp_path: Path, text: str | None = None) -> Path:
    text = text if text is not None else shipped()
    text = text.replace('version: "2026.1"', 'version: "2026.2"').replace(
        'date: "2026-01-17"', 'date: "2026-07-01"'
    )
    d = tmp_path / "src" / "criteria"
    d.mkdir(parents=True, exist_ok=True)
    p = d / "xjr-2026.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def nothing_installed(d: Path) -> bool:
    return not d.exists() or not [p for p in d.rglob("*") if p.is_file()]


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_a_pack_made_from_a_shipped_rule_set_installs_beside_it_and_is_chosen_by_date(
    tmp_path, packs_dir
):
    pack = build_pack(tmp_path / "x.zjtxpack", META, [newer_xjr(tmp_path)])
    code, out, err = cli("packs", "install", str(pack))
    assert code == 0, err
    assert "已安装" in out
    versions = [(rs.id, rs.version, rs.origin) for rs in all_versions() if rs.id == "xjr-2026"]
    assert versions == [
        ("xjr-2026", "2026.1", "shipped"),
        ("xjr-2026", "2026.2", "xjr-2026-rev@2026.2"),
    ]
    assert rulesets()["xjr-2026"].version == "2026.2"
    chosen = choose("xjr", Assessment("2026-08-01", "新申请", "测试"), all_versions())
    assert chosen is not None and chosen.version == "2026.2"
    code, out, _ = cli("check", "--list")
    assert "安装包 xjr-2026-rev@2026.2" in out and "同 id 已有更新版本" in out
    code, out, _ = cli("packs", "list")
    assert "xjr-2026-rev" in out and "criteria/xjr-2026.yaml" in out
    code, out, _ = cli("packs", "remove", "xjr-2026-rev")
    assert code == 0 and nothing_installed(packs_dir)
    assert rulesets()["xjr-2026"].version == "2026.1"


def test_the_same_version_of_a_shipped_rule_set_is_never_replaced(tmp_path, packs_dir):
    src = tmp_path / "criteria"
    src.mkdir()
    (src / "xjr-2026.yaml").write_text(shipped(), encoding="utf-8")
    pack = build_pack(tmp_path / "same.zjtxpack", META, [src / "xjr-2026.yaml"])
    with pytest.raises(PackError) as e:
        install_pack(pack)
    assert "已存在" in str(e.value) and "不会替换" in str(e.value)
    assert nothing_installed(packs_dir)


def _refused(pack: Path, packs_dir: Path) -> str:
    code, _out, err = cli("packs", "install", str(pack))
    assert code == 1
    assert "拒绝安装" in err
    assert nothing_installed(packs_dir)
    return err


def test_a_broken_schema_is_refused(tmp_path, packs_dir):
    bad = newer_xjr(tmp_path, shipped().replace("grade: C\n", "grade: C\ncolour: red\n", 1))
    err = _refused(build_pack(tmp_path / "b.zjtxpack", META, [bad]), packs_dir)
    assert "colour" in err


def test_an_unknown_field_reference_is_refused(tmp_path, packs_dir):
    bad = newer_xjr(
        tmp_path, shipped().replace("expr: operating_revenue.y2", "expr: turnover.y2", 1)
    )
    err = _refused(build_pack(tmp_path / "f.zjtxpack", META, [bad]), packs_dir)
    assert "turnover" in err


def test_a_mismatched_sha256_is_refused(tmp_path, packs_dir):
    good = build_pack(tmp_path / "g.zjtxpack", META, [newer_xjr(tmp_path)])
    tampered = tmp_path / "t.zjtxpack"
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(tampered, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename.endswith("xjr-2026.yaml"):
                data = data.replace("不低于1200万元".encode(), "不低于1000万元".encode())
            out.writestr(info.filename, data)
    err = _refused(tampered, packs_dir)
    assert "SHA-256" in err


@pytest.mark.parametrize(
    "name", ["../evil.yaml", "/etc/evil.yaml", "criteria/../../evil.yaml", "C:/evil.yaml"]
)
def test_a_path_outside_the_pack_is_refused(tmp_path, packs_dir, name):
    data = newer_xjr(tmp_path).read_bytes()
    manifest = {
        **META,
        "files": [{"path": "criteria/xjr-2026.yaml", "sha256": hashlib.sha256(data).hexdigest()}],
    }
    pack = tmp_path / "p.zjtxpack"
    with zipfile.ZipFile(pack, "w") as z:
        z.writestr("manifest.yaml", yaml.safe_dump(manifest, allow_unicode=True))
        z.writestr("criteria/xjr-2026.yaml", data)
        z.writestr(name, b"id: evil\n")
    err = _refused(pack, packs_dir)
    assert "路径在安装包之外" in err
    assert not (tmp_path / "evil.yaml").exists()


def test_a_manifest_that_lists_a_file_outside_is_refused(tmp_path, packs_dir):
    manifest = {**META, "files": [{"path": "../x.yaml", "sha256": "0" * 64}]}
    pack = tmp_path / "m.zjtxpack"
    with zipfile.ZipFile(pack, "w") as z:
        z.writestr("manifest.yaml", yaml.safe_dump(manifest, allow_unicode=True))
    err = _refused(pack, packs_dir)
    assert "清单" in err


def test_a_file_that_is_not_a_pack_is_refused(tmp_path, packs_dir):
    p = tmp_path / "x.zjtxpack"
    p.write_text("not a zip", encoding="utf-8")
    err = _refused(p, packs_dir)
    assert "不是有效的安装包" in err


def test_a_pack_with_its_own_form_and_programme_installs_and_its_rules_read_that_form(
    tmp_path, packs_dir
):
    from zjtx_desktop.core.forms.registry import form_ids, get_form, programmes
    from zjtx_desktop.core.paths import forms_dir

    form = (forms_dir() / "self-assessment-2026.yaml").read_text(encoding="utf-8")
    form = form.replace("id: self-assessment-2026", "id: self-assessment-2027", 1).replace(
        'version: "2026.1"', 'version: "2027.1"', 1
    )
    (tmp_path / "self-assessment-2027.yaml").write_text(form, encoding="utf-8")
    prog = tmp_path / "programmes"
    prog.mkdir()
    (prog / "self-check-2027.yaml").write_text(
        "id: self-check-2027\ntitle: 自评2027\nforms: [self-assessment-2027]\n", encoding="utf-8"
    )
    rules = (
        shipped()
        .replace("self-assessment-2026", "self-assessment-2027")
        .replace("programme: self-check-2026", "programme: self-check-2027")
        .replace("id: xjr-2026\n", "id: xjr-2027\n", 1)
    )
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "xjr-2027.yaml").write_text(rules, encoding="utf-8")
    files = [
        tmp_path / "self-assessment-2027.yaml",
        prog / "self-check-2027.yaml",
        tmp_path / "criteria" / "xjr-2027.yaml",
    ]
    install_pack(build_pack(tmp_path / "y.zjtxpack", {**META, "id": "y2027"}, files))
    assert "self-assessment-2027" in form_ids()
    assert get_form("self-assessment-2027").version == "2027.1"
    assert "self-check-2027" in programmes()
    assert rulesets()["xjr-2027"].forms == ("self-assessment-2027",)
    remove_pack("y2027")
    assert "self-assessment-2027" not in form_ids()


def test_one_damaged_installed_file_breaks_nothing_else(tmp_path, packs_dir):
    install_pack(build_pack(tmp_path / "x.zjtxpack", META, [newer_xjr(tmp_path)]))
    [pack] = installed_packs()
    (pack.path / "criteria" / "xjr-2026.yaml").write_text("id: [broken", encoding="utf-8")
    _forget_caches()
    assert rulesets()["xjr-2026"].version == "2026.1"  # the shipped one, and the others load
    assert {"cx-2022", "zjtx-2022", "xjr-2022"} <= set(rulesets())
    _code, out, _ = cli("packs", "list")
    assert "SHA-256 与清单不符" in out


def test_a_draft_keeps_its_form_version_when_a_pack_brings_a_newer_one(tmp_path, packs_dir):
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.forms.registry import get_form
    from zjtx_desktop.core.paths import forms_dir
    from zjtx_desktop.core.store.drafts import DraftStore

    store = DraftStore(tmp_path / "drafts.sqlite3")
    app_id = store.create(
        [get_form("self-assessment-2026")], name="自评", programme="self-check-2026"
    )
    text = (forms_dir() / "self-assessment-2026.yaml").read_text(encoding="utf-8")
    newer = text.replace('version: "2026.1"', 'version: "2026.2"', 1).replace(
        'date: "2026-01-17"', 'date: "2026-09-01"', 1
    )
    (tmp_path / "self-assessment-2026.yaml").write_text(newer, encoding="utf-8")
    install_pack(
        build_pack(
            tmp_path / "f.zjtxpack",
            {**META, "id": "sa-rev"},
            [tmp_path / "self-assessment-2026.yaml"],
        )
    )
    assert get_form("self-assessment-2026").version == "2026.2"  # new drafts get the newer one
    opened = OpenApplication(store, app_id)
    assert [f.version for f in opened.forms] == ["2026.1"]  # the draft keeps its own
