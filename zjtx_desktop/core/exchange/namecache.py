"""Certificate names prepared once per process, not once per package.

Validating a booklet's PAdES signature, pyhanko matches the signer's issuer name against the
ESS signing-certificate attribute; asn1crypto compares names after RFC 5280's LDAP string
preparation (stringprep, character by character — slow on CJK names), caching the result on
each parsed name object only. Every package is parsed afresh, so the same enterprise's (or a
CA's) names were prepared again for each package: ~20 % of the signature check. Here the
prepared value is kept per encoded attribute (its DER bytes: type and value), so a name that
differs in any byte is prepared anew, and the comparison itself is asn1crypto's unchanged.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_installed = False


@lru_cache(maxsize=8192)
def _prepped(der: bytes) -> str:
    from asn1crypto import x509

    value = x509.NameTypeAndValue.load(der)
    return str(value._ldap_string_prep(value["value"].native))


def prepped_value(self: Any) -> str:
    """``NameTypeAndValue.prepped_value``, shared between equal encodings."""
    if self._prepped is None:
        self._prepped = _prepped(self.dump())
    return str(self._prepped)


def install() -> None:
    """Make asn1crypto's names use the shared cache (idempotent)."""
    global _installed
    from asn1crypto import x509

    if not _installed:
        x509.NameTypeAndValue.prepped_value = property(prepped_value)
        _installed = True
