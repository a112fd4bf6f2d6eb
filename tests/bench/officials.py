"""Benchmark: an official's batch — import N applications, build the 初核 list, write the A6.

Run: .venv/bin/python tests/bench/officials.py [N]   (default 1000)
N enterprises' 申请书 (the demo under N names and credit codes) are imported into a fresh
workspace (read, check, archived byte for byte, one transaction and audit row each), the batch
初核 list is built (every application's verdicts evaluated and cached), reopened (from the
cache), all are marked 拟推荐 with part 六, and the A6 汇总表 is written as xlsx and PDF.
Each step prints its time; the baseline, measured in the same run on the same disk, is bare
SQLite inserting the same files' bytes and one row each, one transaction per application.
Goals (officials.md §4): import ≤ 60 s, list ≤ 10 s first and ≤ 1 s reopened, 汇总表 ≤ 10 s.

Then P11 proper: N exchange packages (``.zjtx``: the 申请书, its signed booklet and 2 MB of
evidence, as ``tests/bench/packages.py`` exports one; here each from its own enterprise with
its own key, credit code and application id, digests recomputed and the manifest re-signed)
are imported into a second workspace, every one through the full verification (checks 1–11
with the booklet's PAdES validation), next to bare SQLite inserts of the same packages' bytes.
The copies keep the first enterprise's signed booklet, so each is imported with the flags
PKG_PDF_MISMATCH / PKG_PDF_SIGNER — the work done is that of a real package. Skip it with
``--no-packages``.

``--gui`` measures P11's “no GUI stall over 100 ms” instead: the officials' window (offscreen)
imports the N packages (DATA.json files with ``--no-packages``) by its background import,
while a 10 ms QTimer heartbeat on the GUI thread records the longest gap between its ticks
beyond the interval — the longest the window stood still — during the import and while the
list is drawn after it. The same import without the window is timed first for comparison.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zjtx_desktop.core.workspace import batch, inbox, summary  # noqa: E402
from zjtx_desktop.core.workspace.summary_print import write_pdf, write_xlsx  # noqa: E402
from zjtx_desktop.core.workspace.workspace import Workspace  # noqa: E402

FORM = "nat-xjr-application-2021"


def uscc(n: int) -> str:
    from stdnum.cn import uscc as code

    body = f"9122010{n:010d}"[:17]
    return body + code.calc_check_digit(body)


def write_files(folder: Path, n: int) -> list[Path]:
    demo = json.loads((ROOT / "resources" / "demo" / f"{FORM}.json").read_text("utf-8"))
    paths = []
    for i in range(n):
        demo["values"]["enterprise_name"] = f"吉林省第{i + 1}号精密机械有限公司"
        demo["values"]["credit_code"] = uscc(i + 1)
        demo["values"]["main_product_name"] = f"五轴联动数控加工中心（型号{i + 1}）"
        path = folder / f"{i:04d}.json"
        path.write_text(json.dumps(demo, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def baseline(db: Path, paths: list[Path]) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT, body BLOB, data TEXT)")
    t = time.perf_counter()
    for p in paths:
        blob = p.read_bytes()
        conn.execute("BEGIN")
        text = blob.decode("utf-8") if p.suffix == ".json" else ""
        conn.execute("INSERT INTO a VALUES (?, ?, ?)", (p.name, blob, text))
        conn.execute("COMMIT")
    return time.perf_counter() - t


def package_files(folder: Path, n: int) -> list[Path]:
    """N packages of N enterprises, made from one exported package (see the docstring)."""
    import base64
    import hashlib
    import uuid

    from cryptography.hazmat.primitives.asymmetric import ec

    sys.path.insert(0, str(Path(__file__).parent))
    import packages as pkgbench  # the packages bench's application with 2 MB of evidence

    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.datafile import parse_data
    from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
    from zjtx_desktop.core.exchange import identity as idmod
    from zjtx_desktop.core.exchange.package import export_package, zip_bytes
    from zjtx_desktop.core.export.proof import form_sha256, short_digest
    from zjtx_desktop.core.store.drafts import DraftStore

    store = DraftStore(folder / "drafts.sqlite3")
    pkgbench.FORMS = (FORM,)
    app = pkgbench.make_application(store, folder)
    app = OpenApplication(store, app.id)
    ident = idmod.create_identity(folder / "id.p12", "基准测试企业", pkgbench.CREDIT_CODE, b"b")
    exported = export_package(app, folder, ident)
    with zipfile.ZipFile(exported.path) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    base = json.loads(files["manifest.json"])
    out = []
    for i in range(n):
        code, name = uscc(i + 1), f"吉林省第{i + 1}号精密机械有限公司"
        key = ec.generate_private_key(ec.SECP256R1())
        me = idmod.Identity(key, idmod._certificate(key, name, code))
        data = json.loads(files[f"data/{FORM}.json"])
        data["values"].update(enterprise_name=name, credit_code=code)
        changed = dict(files)
        changed[f"data/{FORM}.json"] = json.dumps(data, ensure_ascii=False, indent=2).encode()
        m = json.loads(json.dumps(base))
        d = parse_data(data)
        raw = {slot_of(d.form, d.form.fields[k]): v for k, v in d.values.items()}
        st = ApplicationSession([d.form], raw).state(FORM)
        m["forms"][0]["sha256"] = form_sha256(st)
        m["forms"][0]["short"] = short_digest(m["forms"][0]["sha256"])
        for f in m["files"]:
            f["size"] = len(changed[f["path"]])
            f["sha256"] = hashlib.sha256(changed[f["path"]]).hexdigest()
        m.update(package_id=str(uuid.uuid4()), application_id=f"B{i:06d}")
        m["enterprise"] = {"name": name, "credit_code": code}
        m["signer"].update(
            certificate=base64.b64encode(me.cert_der).decode("ascii"),
            fingerprint=me.fingerprint,
            subject=me.subject,
        )
        raw_m = json.dumps(m, ensure_ascii=False, indent=2).encode()
        rest = [(k, v) for k, v in changed.items() if k not in ("manifest.json", "manifest.sig")]
        path = folder / f"ZJTX_{code}_r1.zjtx"
        path.write_bytes(zip_bytes(raw_m, base64.b64encode(me.sign(raw_m)), rest))
        out.append(path)
    return out


def import_packages(folder: Path, n: int) -> None:
    folder.mkdir()
    paths = package_files(folder, n)
    base = baseline(folder / "base.sqlite", paths)
    size = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{n} exchange packages ({size:.0f} MB); bare SQLite inserts of them: {base:.2f} s")
    label = "import packages (verify all, archive, log)"
    _ws, outs, ticks = timed_import(folder / "ws.sqlite", paths, base, label)
    bad = [o for o in outs if o.status != "accepted"]
    assert not bad, bad[:1]
    print(f"  {len(ticks)} progress reports, longest gap {max(ticks) * 1000:.0f} ms")


def timed_import(
    path: Path, paths: list[Path], base: float, label: str
) -> tuple[Workspace, list[Any], list[float]]:
    """A fresh county workspace importing ``paths``, timed against ``base``; the gaps between
    its progress reports."""
    ws = Workspace.init(path, unit="长春市工业和信息化局", level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    ticks: list[float] = []
    t0 = time.perf_counter()
    last = [t0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        ticks.append(now - last[0])
        last[0] = now

    outs = inbox.import_files(ws, paths, progress=progress)
    step(label, t0, base, 60)
    return ws, outs, ticks


def step(label: str, t0: float, base: float, goal: float) -> float:
    dt = time.perf_counter() - t0
    ok = "✓" if dt <= goal else "✗"
    print(f"{label:<44} {dt:7.2f} s  ({dt / base:5.1f}× bare SQLite; goal ≤ {goal:g} s {ok})")
    return dt


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "--no-packages" not in sys.argv:
            import_packages(folder / "packages", n)
        if "--packages-only" in sys.argv:
            return
        paths = write_files(folder, n)
        base = baseline(folder / "base.sqlite", paths)
        print(f"{n} applications; bare SQLite inserts of the same files: {base:.2f} s")
        ws, outs, ticks = timed_import(
            folder / "ws.sqlite", paths, base, "import (read, check, archive, log)"
        )
        assert sum(o.status == "accepted" for o in outs) == n
        print(f"  longest gap between progress reports: {max(ticks) * 1000:.0f} ms")
        t0 = time.perf_counter()
        rows = batch.batch_rows(ws)
        step("batch 初核 list, first build", t0, base, 10)
        t0 = time.perf_counter()
        rows = batch.batch_rows(ws)
        step("batch 初核 list, reopened (cache)", t0, base, 1)
        t0 = time.perf_counter()
        ordered = sorted(rows, key=lambda r: (r["class"], r["revenue"]))
        assert len(ordered) == n
        step("sort the list", t0, base, 0.2)
        for r in rows:
            ws.conn.execute("UPDATE applications SET state = '拟推荐' WHERE id = ?",
                            (r["application_id"],))  # fmt: skip
            ws.conn.execute(
                "INSERT OR REPLACE INTO part6 VALUES (?, 'review_class', '\"a\"', '', '张三')",
                (r["application_id"],),
            )
        t0 = time.perf_counter()
        s = summary.build(ws, "A6")
        write_xlsx(s, folder / "A6.xlsx")
        write_pdf(s, folder / "A6.pdf")
        step(f"A6 汇总表 xlsx + pdf ({len(s.rows)} rows)", t0, base, 10)


def gui_stall(folder: Path, paths: list[Path]) -> float:
    """The officials' window imports ``paths``; prints and returns the longest stall in ms."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from zjtx_desktop.gui.app import make_qapp
    from zjtx_desktop.gui.officials.window import OfficialsWindow

    make_qapp()
    ws = Workspace.init(folder / "ws-gui.sqlite", unit="长春市工业和信息化局", level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    window = OfficialsWindow(ws)
    window.resize(1366, 768)
    window.show()
    gaps = {"import": 0.0, "draw": 0.0}
    phase = ["import"]
    last = [time.perf_counter()]

    def beat() -> None:
        now = time.perf_counter()
        gaps[phase[0]] = max(gaps[phase[0]], now - last[0] - 0.010)  # beyond the interval
        last[0] = now

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)
    loop = QEventLoop()
    home = window.home
    home.import_done.connect(lambda: phase.__setitem__(0, "draw"))  # the worker finished
    home.imported.connect(lambda _o: QTimer.singleShot(200, loop.quit))  # the list is drawn
    t0 = time.perf_counter()
    heart.start()
    last[0] = time.perf_counter()
    home.import_files(paths)
    loop.exec()
    heart.stop()
    worst = max(gaps.values()) * 1000
    ok = "✓" if worst <= 100 else "✗"
    print(f"window: import {len(paths)} and draw the list      {time.perf_counter() - t0:7.2f} s"
          f"  ({home.table.rowCount()} rows shown)")  # fmt: skip
    print(f"  longest GUI stall {worst:.0f} ms (importing {gaps['import'] * 1000:.0f} ms, "
          f"drawing the list {gaps['draw'] * 1000:.0f} ms; goal ≤ 100 ms {ok})")  # fmt: skip
    window.close()
    ws.close()
    return worst


def main_gui(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "--no-packages" in sys.argv:
            paths = write_files(folder, n)
        else:
            (folder / "p").mkdir()
            paths = package_files(folder / "p", n)
        ws = Workspace.init(folder / "ws.sqlite", unit="长春市工业和信息化局", level="市",
                            programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
        t0 = time.perf_counter()
        inbox.import_files(ws, paths)
        batch.batch_rows(ws)
        print(f"the same import + list without the window  {time.perf_counter() - t0:7.2f} s")
        ws.close()
        gui_stall(folder, paths)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    (main_gui if "--gui" in sys.argv else main)(int(args[0]) if args else 1000)
