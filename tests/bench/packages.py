"""Benchmark: exchange packages, exported once and verified many times (issue 9, P11).

Run: .venv/bin/python tests/bench/packages.py [N]
Exports one package of a three-form application (申请书, 基本情况表, 目标表) with about 2 MB of
evidence (a 1.6 MB scan as PDF and a 0.4 MB photo), then copies it into N packages (default
1,000), each with its own package_id and one figure of its own (人数), digests recomputed and
the manifest re-signed with the enterprise's key, as N enterprises would send them. Prints,
measured in the same run on the same disk:
  - bare SHA-256 of every package's bytes (the baseline),
  - integrity verification (checks 1–5: archive, manifest, signature, every file's SHA-256),
  - with the data (checks 6–7: every value parsed, each form's canonical digest recomputed),
  - full verification without the booklet's PAdES validation (checks 6–8: data, digests,
    each PDF page's code),
  - full verification with it, on the first 100 packages (pyhanko's validation dominates),
each with its ratio to the baseline.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zjtx_desktop.core.application import OpenApplication  # noqa: E402
from zjtx_desktop.core.datafile import read_data  # noqa: E402
from zjtx_desktop.core.engine.session import slot_of  # noqa: E402
from zjtx_desktop.core.exchange.evidence import add_evidence  # noqa: E402
from zjtx_desktop.core.exchange.identity import create_identity  # noqa: E402
from zjtx_desktop.core.exchange.package import export_package, zip_bytes  # noqa: E402
from zjtx_desktop.core.exchange.verify import verify_package  # noqa: E402
from zjtx_desktop.core.forms.registry import get_form  # noqa: E402
from zjtx_desktop.core.store.drafts import DraftStore  # noqa: E402

FORMS = ("nat-xjr-application-2021", "nat-zd-basic-2021", "nat-zd-targets-2021")
CREDIT_CODE = "91220101MA0Y7K2Q8R"


def evidence_files(folder: Path) -> list[Path]:
    from PIL import Image

    scan = folder / "审计报告.pdf"
    noise = Image.frombytes("L", (2000, 1400), os.urandom(2000 * 1400))
    noise.save(scan, "PDF", resolution=150)  # about 1.6 MB, incompressible like a scan
    photo = folder / "营业执照.png"
    Image.frombytes("L", (640, 640), os.urandom(640 * 640)).save(photo)  # about 0.4 MB
    return [scan, photo]


def make_application(store: DraftStore, folder: Path) -> OpenApplication:
    forms = [get_form(f) for f in FORMS]
    app_id = store.create(forms, name="基准测试企业", programme="nat-xjr-2021b3")
    values = {}
    for form in forms:
        data = read_data(ROOT / "resources" / "demo" / f"{form.id}.json")
        values.update({slot_of(form, form.fields[k]): v for k, v in data.values.items()})
    store.set_many(app_id, values, kind="import")
    for f, item in zip(evidence_files(folder), ("附件2-2", "附件2-1"), strict=True):
        add_evidence(store, app_id, f, item=item)
    return OpenApplication(store, app_id)


def variants(package: Path, ident, n: int, folder: Path) -> list[Path]:
    """N packages: each its own package_id and 从业人数, digests and manifest re-signed."""
    import uuid

    from zjtx_desktop.core.datafile import parse_data
    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.export.proof import form_sha256, short_digest

    with zipfile.ZipFile(package) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    base = json.loads(files["manifest.json"])
    out = []
    for i in range(n):
        m = json.loads(json.dumps(base))
        data = json.loads(files["data/nat-zd-basic-2021.json"])
        data["values"]["employees"] = str(100 + i)
        blob = json.dumps(data, ensure_ascii=False, indent=2).encode()
        changed = dict(files)
        changed["data/nat-zd-basic-2021.json"] = blob
        datas = [parse_data(json.loads(changed[f["path"]])) for f in m["forms"]]
        raw = {slot_of(d.form, d.form.fields[k]): v for d in datas for k, v in d.values.items()}
        session = ApplicationSession([d.form for d in datas], raw)
        for f in m["forms"]:
            f["sha256"] = form_sha256(session.state(f["id"]))
            f["short"] = short_digest(f["sha256"])
        for f in m["files"]:
            f["size"] = len(changed[f["path"]])
            f["sha256"] = hashlib.sha256(changed[f["path"]]).hexdigest()
        m["package_id"] = str(uuid.uuid4())
        raw_m = json.dumps(m, ensure_ascii=False, indent=2).encode()
        sig = base64.b64encode(ident.sign(raw_m))
        rest = [(k, v) for k, v in changed.items() if k not in ("manifest.json", "manifest.sig")]
        path = folder / f"p{i:04d}.zjtx"
        path.write_bytes(zip_bytes(raw_m, sig, rest))
        out.append(path)
    return out


def timed(label: str, fn, paths: list[Path], base: float | None) -> float:
    t = time.perf_counter()
    results = [fn(p) for p in paths]
    dt = time.perf_counter() - t
    ratio = f"  {dt / base:5.1f}× bare hashing" if base else ""
    per = dt / len(paths) * 1000
    print(f"{label:<48} {dt:7.2f} s  {per:6.1f} ms/package{ratio}")
    bad = [r for r in results if r is not None and not getattr(r, "accepted", True)]
    if bad:
        print(f"  !! {len(bad)} packages refused: {bad[0].checks}")
    return dt


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = DraftStore(folder / "drafts.sqlite3")
        app = make_application(store, folder)
        ident = create_identity(folder / "id.p12", "基准测试企业", CREDIT_CODE, b"bench")
        # the demo's 统一社会信用代码 is the one above
        t = time.perf_counter()
        exported = export_package(app, folder, ident)
        print(
            f"export one package (3 forms, booklet, 2 MB evidence)   "
            f"{time.perf_counter() - t:5.2f} s  {exported.path.stat().st_size / 1e6:.1f} MB"
        )
        paths = variants(exported.path, ident, n, folder)

        def bare(p: Path) -> None:
            hashlib.sha256(p.read_bytes()).hexdigest()

        base = timed(f"bare SHA-256 of {n} packages", bare, paths, None)
        timed("integrity (checks 1–5)", lambda p: verify_package(p, content=False), paths, base)
        timed(
            "data and digests too (checks 1–7)",
            lambda p: verify_package(p, booklet=False),
            paths,
            base,
        )
        timed(
            "full, without PAdES (checks 1–8)",
            lambda p: verify_package(p, pdf_signature=False),
            paths,
            base,
        )
        first = paths[: min(100, n)]
        base100 = timed(f"bare SHA-256 of {len(first)} packages", bare, first, None)
        timed("full with PAdES validation (checks 1–8 + PDF)", verify_package, first, base100)
        store.close()


if __name__ == "__main__":
    main()
