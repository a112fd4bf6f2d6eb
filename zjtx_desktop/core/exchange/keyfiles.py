"""Where an installation keeps its signing identity and its official's trust store.

Both live beside the drafts database (the user's data directory, or the folder of ``--db``):
``keys/identity.p12`` (key and certificate, passphrase-protected), ``keys/identity.crt`` (the
certificate alone, so every export can print its fingerprint without asking for the
passphrase) and ``trust/``. This module imports no cryptography: exports call it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

KEYS = "keys"
P12 = "identity.p12"
CRT = "identity.crt"
TRUST = "trust"

_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", re.S)


def p12_path(data_dir: Path) -> Path:
    return data_dir / KEYS / P12


def crt_path(data_dir: Path) -> Path:
    return data_dir / KEYS / CRT


def trust_dir(data_dir: Path) -> Path:
    return data_dir / TRUST


def certificate_fingerprint(data_dir: Path) -> str:
    """SHA-256 (hex) of the installation's certificate, or "" when none was made yet."""
    try:
        pem = crt_path(data_dir).read_bytes()
    except OSError:
        return ""
    m = _PEM.search(pem)
    if m is None:
        return ""
    try:
        der = base64.b64decode(b"".join(m.group(1).split()), validate=True)
    except ValueError:
        return ""
    return hashlib.sha256(der).hexdigest()
