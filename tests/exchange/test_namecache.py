"""The shared name preparation gives asn1crypto's own result and never lets a name that
differs in a byte stand for another (RFC 5280 §7.1 comparison unchanged)."""

from __future__ import annotations

from asn1crypto import x509

from zjtx_desktop.core.exchange import namecache
from zjtx_desktop.core.exchange.pdfsign import _sign_modules

_sign_modules()  # installs the shared cache


def name(org: str, cn: str, code: str) -> x509.Name:
    built = x509.Name.build(
        {"organization_name": org, "common_name": cn, "organization_identifier": code}
    )
    return x509.Name.load(built.dump())  # parsed afresh, as from a package's certificate


def test_installed_in_asn1crypto() -> None:
    assert x509.NameTypeAndValue.prepped_value.fget is namecache.prepped_value


def test_same_value_as_asn1crypto_preparation() -> None:
    for org in ("吉林省第1号精密机械有限公司", "  ACME   Corp ", "Ｆｕｌｌｗｉｄｔｈ", "ß straße"):
        for rdn in name(org, "张三", "91220101MA0Y7K2Q8R").chosen:
            for ntv in rdn:
                expected = x509.NameTypeAndValue._ldap_string_prep(None, ntv["value"].native)
                assert ntv.prepped_value == expected


def test_names_compare_as_rfc5280_says() -> None:
    a = name("吉林省精密机械有限公司", "张三", "91220101MA0Y7K2Q8R")
    assert a == name("吉林省精密机械有限公司", "张三", "91220101MA0Y7K2Q8R")
    # case and runs of spaces do not count (RFC 5280 §7.1) ...
    assert name("ACME  Corp", "Li", "X1") == name("acme corp", "li", "x1")
    # ... one character does, also right after the other name was prepared and cached
    assert a != name("吉林省精密机械有限公亓", "张三", "91220101MA0Y7K2Q8R")
    assert a != name("吉林省精密机械有限公司", "张三", "91220101MA0Y7K2Q8X")


def test_a_changed_byte_is_prepared_anew() -> None:
    org = name("吉林省精密机械有限公司", "张三", "91220101MA0Y7K2Q8R").chosen[0][0]
    der = bytearray(org.dump())
    der[-1] ^= 0x01  # the last byte of the UTF-8 value: another character
    other = x509.NameTypeAndValue.load(bytes(der))
    assert other.prepped_value != org.prepped_value
    assert other.prepped_value == x509.NameTypeAndValue._ldap_string_prep(
        None, other["value"].native
    )
