"""Helpers for the exchange tests: the CLI in-process, an enterprise with a package written by
the app, and the tools an attacker would use on it (re-zip, re-sign)."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.cli import main

PASS = "口令-test-1"


@contextlib.contextmanager
def env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def cli(db: Path, *argv: str) -> tuple[int, str, str]:
    """``zjtx --db DB …`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        env(ZJTX_KEY_PASSPHRASE=PASS),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(["--db", str(db), *argv])
        except SystemExit as e:  # argparse, or a helper that exits with a message
            code = int(e.code or 0)
    return code, out.getvalue(), err.getvalue()


@dataclass
class Enterprise:
    db: Path
    app_id: str
    package: Path
    folder: Path

    def verify(self, path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
        code, out, _err = cli(self.db, "package", "verify", str(path), "--json", *extra)
        return code, json.loads(out)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(path: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` as a new archive at ``path`` (what `zip -r` after an edit gives)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def p12_identity(db: Path) -> Any:
    from zjtx_desktop.core.exchange.identity import identity_path, load_identity

    return load_identity(identity_path(db.parent), PASS.encode())


def other_identity(credit_code: str, name: str = "另一把钥匙有限公司") -> Any:
    """A key and certificate the attacker made (same claimed enterprise unless told)."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from zjtx_desktop.core.exchange.identity import Identity, _certificate

    key = ec.generate_private_key(ec.SECP256R1())
    return Identity(key, _certificate(key, name, credit_code))


def resign(files: dict[str, bytes], ident: Any, edit: Any = None) -> dict[str, bytes]:
    """Put the signer's certificate into the manifest, let ``edit(manifest)`` change it, and
    sign it again: a package re-made by someone holding ``ident``'s key."""
    import hashlib

    m = json.loads(files["manifest.json"])
    m["signer"]["certificate"] = base64.b64encode(ident.cert_der).decode()
    m["signer"]["fingerprint"] = ident.fingerprint
    m["signer"]["subject"] = ident.subject
    for f in m["files"]:
        if f["path"] in files:
            f["size"] = len(files[f["path"]])
            f["sha256"] = hashlib.sha256(files[f["path"]]).hexdigest()
    if edit is not None:
        edit(m)
    raw = json.dumps(m, ensure_ascii=False, indent=2).encode()
    out = dict(files)
    out["manifest.json"] = raw
    out["manifest.sig"] = base64.b64encode(ident.sign(raw))
    return out


def recomputed_forms(files: dict[str, bytes]) -> Any:
    """The attacker's tool: an ``edit`` for ``resign`` that recomputes forms[].sha256 from
    the (edited) data, as the app would; the booklet still prints the old codes."""
    from zjtx_desktop.core.datafile import parse_data
    from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
    from zjtx_desktop.core.export.proof import form_sha256, short_digest

    m = json.loads(files["manifest.json"])
    datas = [parse_data(json.loads(files[f["path"]])) for f in m["forms"]]
    raw = {slot_of(d.form, d.form.fields[k]): v for d in datas for k, v in d.values.items()}
    session = ApplicationSession([d.form for d in datas], raw)

    def edit(manifest: dict[str, Any]) -> None:
        for f in manifest["forms"]:
            f["sha256"] = form_sha256(session.state(f["id"]))
            f["short"] = short_digest(f["sha256"])

    return edit


def fix_hashes(files: dict[str, bytes]) -> dict[str, bytes]:
    """Update sizes and SHA-256 in the manifest without signing it again."""
    import hashlib

    m = json.loads(files["manifest.json"])
    for f in m["files"]:
        f["size"] = len(files[f["path"]])
        f["sha256"] = hashlib.sha256(files[f["path"]]).hexdigest()
    out = dict(files)
    out["manifest.json"] = json.dumps(m, ensure_ascii=False, indent=2).encode()
    return out


def codes(report: dict[str, Any]) -> list[str]:
    return [c["code"] for c in report["checks"]]
