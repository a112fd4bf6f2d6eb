"""`zjtx gui --screenshot DIR`: the pictures for the README and for review, from demo data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from zjtx_desktop.core.demo import DEMO_PROGRAMME, open_or_create_demo
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.main_window import MainWindow
from zjtx_desktop.gui.screen_fit import show_main_window

TARGETS_PROGRAMME = "jl-zd-2021b2"


def _settle() -> None:
    from zjtx_desktop.gui.home import SUMMARY_DELAY_MS
    from zjtx_desktop.gui.worker import wait_for_background

    end = time.perf_counter() + 2 * SUMMARY_DELAY_MS / 1000  # work scheduled after a paint
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.02)
    wait_for_background()
    for _ in range(5):
        QApplication.processEvents()


def _with_mistakes(store: DraftStore) -> str:
    """A copy of the demo 申请书 with the mistakes users make, to show the messages."""
    demo = open_or_create_demo(store, DEMO_PROGRAMME)
    rec = store.get(demo)
    from zjtx_desktop.core.forms.registry import get_form

    forms = [get_form(f) for f, _ in rec.forms]
    app_id = store.create(forms, name="示例（含填写错误）", programme=rec.programme)
    values = store.values(demo)
    percent_done = False
    for form in forms:
        for f in form.fields.values():
            slot = ("", f.fact) if f.fact else (form.id, f.id)
            if f.type == "uscc":
                values[slot] = "91220101MA0Y7K2Q8A"  # wrong check digit
            elif f.type == "percent" and f.max is not None and slot in values and not percent_done:
                values[slot] = "30%"  # the "%" users type against the rules
                percent_done = True
    store.set_many(app_id, values, kind="import")
    return app_id


def save_eligibility(window: MainWindow, save: Callable[[str], None]) -> None:
    """The 申报条件自查 panel on the demo, a criterion opened; then the reviewer's part 六."""
    page = window.open_demo(DEMO_PROGRAMME)
    page.refresh_eligibility()
    panel = page.eligibility
    item = panel.item_of("nat-xjr-2021b3-initial", "INIT-M3")
    if item is not None:
        panel.tree.scrollToItem(item)
        panel.tree.setCurrentItem(item)
        panel._clicked(item)
    save("eligibility-panel.png")
    reviewer = window.open_application(page.app.id, "recommender")
    reviewer.refresh_eligibility()
    form = reviewer.app.forms[0]
    part6 = next((s for s in form.sections.values() if s.filled_by == "recommender"), None)
    if part6 is not None:
        p = reviewer.show_part(form.id, part6.id)
        cell = p.cells.get("review_class")
        scroll = reviewer.stack.currentWidget()
        if cell is not None and hasattr(scroll, "ensureWidgetVisible"):
            scroll.ensureWidgetVisible(cell, 40, 200)
        save("reviewer-part6.png")


def save_export_dialog(window: MainWindow, out: Path, shots: list[Path]) -> None:
    from zjtx_desktop.gui.export_dialog import ExportDialog

    page = window.open_demo(TARGETS_PROGRAMME)
    dialog = ExportDialog(page.app, window)
    dialog.show()
    for _ in range(200):  # the preview is scheduled, then rendered in the background
        time.sleep(0.05)
        _settle()
        if dialog.pages:
            break
    path = out / "export-dialog.png"
    dialog.grab().save(str(path))
    shots.append(path)
    dialog.close()


def render_screenshots(store: DraftStore, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    wrong = _with_mistakes(store)
    open_or_create_demo(store, TARGETS_PROGRAMME)
    window = MainWindow(store)
    show_main_window(window)  # 1366×768, or the screen when smaller (150 %: 911×512)
    window.home.refresh()
    _settle()
    shots = []

    def save(name: str) -> None:
        _settle()
        path = out / name
        window.grab().save(str(path))
        shots.append(path)

    save("home.png")
    page = window.open_application(wrong)
    uscc = next(
        (fm.id, f.id) for fm in page.app.forms for f in fm.fields.values() if f.type == "uscc"
    )
    page.jump_to(uscc)
    save("application-errors.png")
    percent = next(
        (
            (fm.id, f.id)
            for fm in page.app.forms
            for f in fm.fields.values()
            if f.type == "percent" and page.app.raw((fm.id, f.id)) == "30%"
        ),
        None,
    )
    if percent is not None:
        page.jump_to(percent)
        save("application-percent-hint.png")
    page.issue_list.setFocus()
    page.issue_list.setCurrentRow(0)
    save("issue-list.png")
    revenue = next(
        (
            (fm.id, f.id)
            for fm in page.app.forms
            for f in fm.fields.values()
            if f.fact.startswith("operating_revenue@") and f.column.endswith("2")
        ),
        None,
    )
    if revenue is not None:  # 营业收入 typed in 元: the warning and its 说明 box
        page.jump_to(revenue)
        cell = page.pages[(revenue[0], page.app.session.field(revenue).section)].cells[revenue[1]]
        cell.set_raw("268000000")
        page.on_edit(revenue, "268000000")
        save("yuan-warning.png")
    page.finalise()  # refused: the issue list shows what blocks, each line a jump
    save("finalise-blocked.png")
    save_eligibility(window, save)
    save_export_dialog(window, out, shots)
    targets = window.open_demo(TARGETS_PROGRAMME)
    tform = next(f for f in targets.app.forms if f.kind == "targets")
    targets.show_part(tform.id, next(iter(tform.sections)))
    save("targets-grid.png")
    window.close()
    return shots
