"""The proof's exact texts (mutation testing of export/proof.py found them unasserted): what is
hashed, the footer line, the QR text, and which codes read off the paper are understood.
Expected texts are written out here, not produced by the module."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from types import SimpleNamespace

import pytest

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export import proof
from zjtx_desktop.core.forms.loader import load_form_text

FORM = """
id: proofy
title: 测试表
kind: basic_info
region: 全国
version: "3"
source: {document: 测试, seed: "004 L1"}
sections:
  - {id: main, title: 一、基本情况}
  - {id: tool, title: 辅助, printed: false}
  - {id: review, title: 六、初核, filled_by: recommender}
fields:
  - {id: name, label: 企业名称, section: main, type: text}
  - {id: code, label: 统一社会信用代码, section: main, type: uscc}
  - {id: since, label: 注册时间, section: main, type: date}
  - {id: staff, label: 从业人数, section: main, type: integer}
  - {id: revenue, label: 营业收入, section: main, type: amount}
  - {id: share, label: 占比, section: main, type: percent}
  - {id: province, label: 所在省份, section: main, type: province}
  - {id: kinds, label: 类型, section: main, type: multichoice, options: [甲, 乙]}
  - {id: listed, label: 是否上市, section: main, type: choice, options: [是, 否]}
  - {id: stock, label: 股票代码, section: main, type: text, relevant: "listed == '是'"}
  - {id: debt, label: 负债总额, section: main, type: amount, helper: true}
  - {id: scratch, label: 草稿, section: tool, type: text}
  - {id: opinion, label: 推荐意见, section: review, type: choice, options: [同意, 不同意]}
"""


def state(**values):
    form = load_form_text(FORM, "proofy.yaml")
    session = ApplicationSession([form])
    for k, v in values.items():
        session.set_value(("proofy", k), v)
    return session.state("proofy")


def test_the_canonical_values_are_what_the_paper_prints():
    st = state(
        name="  恒锐 ",
        code="91220101ma0y7k2q8r",
        since="２０１２-05-18",
        staff="３２０",
        revenue="26800.50",
        share="30%",
        kinds=["乙", "甲"],
        listed="否",
        stock="600000",  # hidden: 否 above
        debt="100",  # a helper: not on the paper
        scratch="x",  # a section not printed
        opinion="同意",  # the reviewer's part
    )
    assert proof.canonical_values(st) == {
        "name": "恒锐",
        "code": "91220101MA0Y7K2Q8R",
        "since": "2012-05-18",
        "staff": "320",
        "revenue": "26800.50",
        "share": "30",
        "kinds": ["乙", "甲"],
        "listed": "否",
    }
    assert proof.canonical_values(st, "full")["opinion"] == "同意"


def test_blank_values_are_left_out():
    st = state(name="", kinds=[], staff="320")
    assert proof.canonical_values(st) == {"staff": "320"}


def test_the_hashed_text_is_sorted_compact_json_with_the_form_and_its_version():
    form = load_form_text(FORM, "proofy.yaml")
    text = proof.canonical_bytes(form, {"staff": "320", "name": "恒锐"})
    assert text == '{"form":"proofy","values":{"name":"恒锐","staff":"320"},"version":"3"}'.encode()
    other = proof.canonical_bytes(form, {"staff": "320"}, version="2")
    assert other == b'{"form":"proofy","values":{"staff":"320"},"version":"2"}'
    st = state(staff="320")
    assert (
        proof.form_sha256(st)
        == hashlib.sha256(b'{"form":"proofy","values":{"staff":"320"},"version":"3"}').hexdigest()
    )


SHA = "3f47973ddc01" + "a" * 52


def test_footer_and_qr_texts():
    p = SimpleNamespace(
        form_id="proofy", version="3", sha256=SHA, app_id="abc", short="3F47973DDC01"
    )
    assert proof.short_digest(SHA) == "3F47973DDC01"
    assert proof.footer_text(p) == "申报编号 abc　表单 proofy v3　校验码 3F47973DDC01"
    assert proof.footer_text(p, "2/8") == "申报编号 abc　表单 proofy v3　校验码 3F47973DDC01-2/8"
    unsaved = SimpleNamespace(**{**vars(p), "app_id": ""})
    assert proof.footer_text(unsaved) == "申报编号 （未入库）　表单 proofy v3　校验码 3F47973DDC01"
    whole = SimpleNamespace(**{**vars(p), "form_id": "*"})
    assert proof.footer_text(whole) == "申报编号 abc　表单 全部表单　校验码 3F47973DDC01"
    blank = SimpleNamespace(**{**vars(p), "sha256": ""})
    assert proof.footer_text(blank) == "表单 proofy v3　空白表（手工填写）"
    assert proof.qr_payload(p) == f"ZJTX|abc|proofy|3|{SHA}"
    signed = SimpleNamespace(**vars(p), signer="b" * 64)
    assert proof.qr_payload(signed) == f"ZJTX|abc|proofy|3|{SHA}|{'b' * 64}"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("3F47973DDC01", proof.Code("3f47973ddc01")),
        (" 3f47-973d-dc01 ", proof.Code("3f47973ddc01")),
        ("3F47973DDC01-2/8", proof.Code("3f47973ddc01")),  # the footer's page suffix
        (SHA.upper(), proof.Code(SHA)),
        (f"zjtx|abc|proofy|3|{SHA.upper()}", proof.Code(SHA, "proofy", "abc", "3")),
        (f"ZJTX|abc|proofy|3|{SHA}|{'B' * 64}", proof.Code(SHA, "proofy", "abc", "3", "b" * 64)),
    ],
)
def test_codes_read_off_the_paper(text, code):
    assert proof.parse_code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "3F47973DDC0",  # 11 digits
        "3F47973DDC012",  # 13 digits
        "3F47973DDC0G",
        "ZJTX|abc|proofy|3",  # too few parts
        f"ZJTX|abc|proofy|3|{SHA}|short",
        f"ZJTX|abc|proofy|3|{SHA[:-1]}",
        f"ZJTX|abc|proofy|3|{SHA}|{'b' * 64}|extra",
    ],
)
def test_what_is_not_a_code_is_refused(text):
    with pytest.raises(proof.BadCode):
        proof.parse_code(text)


def test_a_code_matches_its_form_and_digest_prefix_only():
    st = state(staff="320")
    digest = proof.form_sha256(st)
    assert proof.check_code(st, proof.Code(digest[:12]))
    assert proof.check_code(st, proof.Code(digest, "proofy"))
    assert not proof.check_code(st, proof.Code(digest, "other-form"))
    assert not proof.check_code(st, proof.Code(digest[1:13]))


def test_the_application_digest_is_over_its_forms_digests_one_per_line():
    assert proof.application_sha256(["aa", "bb"]) == hashlib.sha256(b"aa\nbb").hexdigest()


def test_values_print_normalised_where_the_paper_prints_them_so():
    st = state(province="吉林", revenue="0.0000001", share="2.50")
    values = proof.canonical_values(st)
    assert values["province"] == "吉林省"
    assert values["revenue"] == "0.0000001"  # never in exponent form (1E-7)
    assert values["share"] == "2.50"


def test_raw_numbers_are_written_out_in_full():
    assert proof._canon(Decimal("1E+2")) == "100"
    assert proof._canon(2.5) == "2.5"
    assert proof._canon(["  a ", Decimal("1E-3")]) == ["a", "0.001"]
    form = load_form_text(FORM, "proofy.yaml")
    assert proof._as_printed(form.fields["name"], " 恒锐 ", None) == "恒锐"  # not parsed


def test_the_default_copy_is_the_enterprises():
    st = state(staff="320", opinion="同意")
    assert proof.form_sha256(st) == proof.form_sha256(st, "enterprise")
    assert proof.form_sha256(st) != proof.form_sha256(st, "full")
    enterprise = proof.form_sha256(st, "enterprise")
    assert proof.check_code(st, proof.Code(enterprise))
    assert not proof.check_code(st, proof.Code(proof.form_sha256(st, "full")))


def test_a_bad_code_says_what_a_code_looks_like():
    with pytest.raises(proof.BadCode) as e:
        proof.parse_code("ZJTX|abc")
    assert str(e.value) == "二维码内容应为 ZJTX|申报编号|表单|版本|SHA-256[|签名指纹]"
    with pytest.raises(proof.BadCode) as e:
        proof.parse_code("xyz")
    assert str(e.value) == "校验码应为页脚上的12位校验码、64位SHA-256或二维码内容"
    assert proof.parse_code(SHA) == proof.Code(SHA)  # 64 lower-case digits


def test_a_code_of_the_full_copy_checks_against_the_full_copy():
    """The reviewer's copy prints part 六: its code covers the opinion (hashed text by hand)."""
    st = state(staff="320", opinion="同意")
    full = hashlib.sha256(
        '{"form":"proofy","values":{"opinion":"同意","staff":"320"},"version":"3"}'.encode()
    ).hexdigest()
    assert proof.check_code(st, proof.Code(full[:12]), "full")
    assert not proof.check_code(st, proof.Code(full[:12]))


def test_an_empty_stored_value_is_not_on_the_paper_and_not_in_the_hash():
    """An empty text or an empty list as stored (a database or DATA.json written by an older
    version keeps them) prints nothing, exactly as a field never typed."""
    form = load_form_text(FORM, "proofy.yaml")
    raw = {("proofy", "staff"): "320", ("proofy", "name"): "", ("proofy", "kinds"): []}
    st = ApplicationSession([form], raw=raw).state("proofy")
    assert proof.canonical_values(st) == {"staff": "320"}
    assert (
        proof.form_sha256(st)
        == hashlib.sha256(b'{"form":"proofy","values":{"staff":"320"},"version":"3"}').hexdigest()
    )
