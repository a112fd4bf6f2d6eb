"""The 申报条件自查 panel beside the form: each rule set's verdict, its groups and criteria.

A thin view over ``core.eligibility``: the filling page asks for a refresh after each change
(evaluating every rule set of an application takes a few milliseconds). Clicking a criterion
shows its explanation and jumps to the first field still missing, else to the first field it
reads. A reviewer (role ``recommender``) also sees what the figures suggest ticking in part 六;
nothing is ever ticked for them.

The user may pick another rule version than the one the assessment date chose (规则版本) and
see a second version beside the one shown (对比), as ``zjtx check --programme / --compare``
do; which version and why stays in ``core.eligibility.override``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.engine.session import ApplicationSession, FieldRef
from zjtx_desktop.gui.packs_dialog import pack_events

if TYPE_CHECKING:  # imported on first refresh, after the window is shown (start-up time)
    from zjtx_desktop.core.eligibility import Advice, CriterionResult, RuleSetResult

COLOURS = {"met": "#2e7d32", "not_met": "#c62828", "unknown": "#6d4c41"}
KEY = Qt.ItemDataRole.UserRole


class EligibilityPanel(QWidget):
    jump = Signal(object)  # FieldRef
    declared = Signal(str, str, object)  # rule set id, quantity id, answer (None: withdrawn)

    def __init__(self, session: ApplicationSession, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.role = role
        self.read_only = False  # a finalised application: declarations shown, not changed
        self.results: list[RuleSetResult] = []
        self.advice: list[Advice] = []
        self._selected: tuple[str, str] | None = None
        self.override: str | None = None  # a rule-set id the user picked instead of the date's
        self.compare_id: str | None = None  # a second version shown beside it
        self._version_ids: list[str] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>申报条件自查</b>", self)
        heading.setObjectName("panelHeading")
        lay.addWidget(heading)
        # which rules were applied (date, type, version, grade): at the top, before any verdict
        self.rules_label = QLabel(self)
        self.rules_label.setObjectName("rulesApplied")
        self.rules_label.setWordWrap(True)
        self.rules_label.setAccessibleName("适用规则")
        self.rules_label.hide()
        lay.addWidget(self.rules_label)
        self.versions = QWidget(self)  # only for applications with versioned rules
        form = QFormLayout(self.versions)
        form.setContentsMargins(0, 0, 0, 0)
        self.version_box = QComboBox(self.versions)
        self.version_box.setAccessibleName("规则版本")
        self.version_box.setToolTip("默认按评估日期和申请类型选用；也可指定另一版本")
        self.version_box.currentIndexChanged.connect(self._version_picked)
        self.compare_box = QComboBox(self.versions)
        self.compare_box.setAccessibleName("对比版本")
        self.compare_box.setToolTip("与当前显示的同一层级版本并排比较")
        self.compare_box.currentIndexChanged.connect(self._compare_picked)
        form.addRow("规则版本", self.version_box)
        form.addRow("对比", self.compare_box)
        self.versions.hide()
        lay.addWidget(self.versions)
        self.advice_label = QLabel(self)
        self.advice_label.setObjectName("advice")
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.RichText)
        self.advice_label.setAccessibleName("初核建议")
        self.advice_label.hide()
        lay.addWidget(self.advice_label)
        split = QSplitter(Qt.Orientation.Vertical, self)
        lay.addWidget(split, 1)
        self.tree = QTreeWidget(split)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("申报条件自查")
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setIndentation(12)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.detail = QTextBrowser(split)
        self.detail.setAccessibleName("条件说明")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link)
        self.detail.setHtml(
            "<p style='color:#616161'>点击一项条件，这里显示判断依据；"
            "点击带下划线的字段名可转到该字段。</p>"
        )
        self.compare_view = QTextBrowser(split)
        self.compare_view.setAccessibleName("版本对比")
        self.compare_view.hide()
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setStretchFactor(2, 3)
        self.empty = QLabel("本申报项目暂无可自动判断的申报条件。", self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        lay.addWidget(self.empty)
        # a rule pack installed or removed (安装包 dialog) may change which version applies:
        # evaluate again now, not at the user's next edit
        pack_events().changed.connect(self._packs_changed)

    # --- refresh -------------------------------------------------------------------------

    def _packs_changed(self) -> None:
        self.refresh()  # the loader's caches were dropped by install/remove: read them anew

    def refresh(self) -> None:
        """Evaluate again and redraw, keeping what the user expanded and selected."""
        from zjtx_desktop.core.eligibility import advice
        from zjtx_desktop.core.eligibility import text as T
        from zjtx_desktop.core.eligibility.choose import assessment_of
        from zjtx_desktop.core.eligibility.override import evaluate_with, versions
        from zjtx_desktop.core.eligibility.report import (
            applied_lines,
            group_line,
            highlight_text,
            score_lines,
        )

        assessment = assessment_of(self.session)
        self._fill_version_boxes(versions(self.session))
        self.results = evaluate_with(self.session, assessment, self.override)
        self.advice = [a for r in self.results for a in advice(r, self.role)]
        applied = applied_lines(self.results)
        self.rules_label.setToolTip("\n".join(r.context for r in self.results if r.context))
        self.rules_label.setText("\n".join(applied))
        self.rules_label.setVisible(bool(applied))
        expanded = self._expanded_keys()
        first = self.tree.topLevelItemCount() == 0
        self.tree.clear()
        self.empty.setVisible(not self.results)
        self.tree.setVisible(bool(self.results))
        self.detail.setVisible(bool(self.results))
        for r in self.results:
            top = self._item(self._ruleset_text(r), r.status.value, ("ruleset", r.ruleset.id))
            top.setToolTip(0, f"{r.ruleset.title}\n{r.ruleset.document}（{r.ruleset.date}）")
            self.tree.addTopLevelItem(top)
            infos = [f"{label}：{shown}" for label, shown in highlight_text(r, self.session)]
            if r.score is not None:  # the points with their working, indicator by indicator
                infos += [line.strip() for line in score_lines(r.score, self.session)]
            for text in infos:
                info = QTreeWidgetItem([text])
                info.setToolTip(0, text)
                top.addChild(info)
            for g in r.groups:
                mark = T.STATUS_MARK[g.status.value]
                text = f"{mark} {g.group.title}　✓{g.met} ✗{g.not_met} ?{g.unknown}"
                key = ("group", f"{r.ruleset.id}/{g.group.id}")
                group = self._item(text, g.status.value, key)
                group.setToolTip(0, group_line(g))
                top.addChild(group)
                for c in r.criteria:
                    if c.criterion.group == g.group.id:
                        group.addChild(self._criterion_item(r, c))
                group.setExpanded(first or ("group", f"{r.ruleset.id}/{g.group.id}") in expanded)
            top.setExpanded(first or ("ruleset", r.ruleset.id) in expanded)
        self._show_advice()
        self._show_compare(assessment)
        if self._selected is not None:
            found = self.criterion(*self._selected)
            if found is not None:
                self._show_detail(*found)

    # --- rule versions: override and compare -----------------------------------------------

    def _fill_version_boxes(self, sets: list[Any]) -> None:
        """(Re)fill both boxes when the versions on offer change (a pack installed), keeping
        the user's picks where they are still offered."""
        ids = [rs.id for rs in sets]
        self.versions.setVisible(bool(ids))
        if ids == self._version_ids:
            return
        self._version_ids = ids
        self.override = self.override if self.override in ids else None
        self.compare_id = self.compare_id if self.compare_id in ids else None
        for box, first, current in (
            (self.version_box, "按评估日期自动选用", self.override),
            (self.compare_box, "（不对比）", self.compare_id),
        ):
            box.blockSignals(True)
            box.clear()
            box.addItem(first, None)
            for rs in sets:
                box.addItem(f"{rs.short_title}（{rs.document}）", rs.id)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
            box.blockSignals(False)

    def _version_picked(self, index: int) -> None:
        self.override = self.version_box.itemData(index)
        self.refresh()

    def _compare_picked(self, index: int) -> None:
        self.compare_id = self.compare_box.itemData(index)
        self.refresh()

    def _show_compare(self, assessment: Any) -> None:
        from zjtx_desktop.core.eligibility.override import compare_beside

        if not self.compare_id:
            self.compare_view.hide()
            return
        lines = compare_beside(self.results, self.compare_id, self.session, assessment)
        if not lines:
            lines = ["所选对比版本就是上面显示的版本，或其层级未显示；请另选一个版本。"]
        html = []
        for i, line in enumerate(lines):
            text = escape(line)
            if i == 0:
                text = f"<b>{text}</b>"
            elif line.lstrip().startswith("✗"):
                text = f"<span style='color:{COLOURS['not_met']}'>{text}</span>"
            html.append(text)
        self.compare_view.setHtml(
            "<div style='white-space:pre-wrap'>" + "<br>".join(html) + "</div>"
        )
        self.compare_view.show()

    def _expanded_keys(self) -> set[tuple[str, str]]:
        keys = set()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            stack = [top]
            while stack:
                item = stack.pop()
                key = item.data(0, KEY)
                if key and item.isExpanded():
                    keys.add(tuple(key))
                stack.extend(item.child(j) for j in range(item.childCount()))
        return keys

    def _item(self, text: str, status: str, key: tuple[str, str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setForeground(0, QBrush(QColor(COLOURS[status])))
        item.setData(0, KEY, key)
        item.setToolTip(0, text)
        return item

    def _ruleset_text(self, r: RuleSetResult) -> str:
        from zjtx_desktop.core.eligibility import text as T

        mark, status = T.STATUS_MARK[r.status.value], T.STATUS_TEXT[r.status.value]
        return f"{mark} {r.ruleset.short_title}：{status}"

    def _criterion_item(self, r: RuleSetResult, c: CriterionResult) -> QTreeWidgetItem:
        from zjtx_desktop.core.eligibility import text as T

        mark = T.STATUS_MARK[c.status.value]
        item = self._item(f"{mark} {c.criterion.title}", c.status.value, ("criterion", ""))
        item.setData(0, KEY, ("criterion", f"{r.ruleset.id}/{c.criterion.id}"))
        item.setToolTip(0, f"{c.criterion.title}\n{T.STATUS_TEXT[c.status.value]}：{c.explanation}")
        item.setData(
            0,
            Qt.ItemDataRole.AccessibleTextRole,
            f"{c.criterion.title}，{T.STATUS_TEXT[c.status.value]}",
        )
        return item

    def _show_advice(self) -> None:
        from zjtx_desktop.core.eligibility import text as T
        from zjtx_desktop.core.eligibility.evaluate import field_label

        if not self.advice:
            self.advice_label.hide()
            return
        lines = [f"<b>{T.ADVICE_HEADING}</b>"]
        for a in self.advice:
            lines.append(f"{escape(field_label(self.session, a.field))}：{escape(a.text)}")
        self.advice_label.setText("<br>".join(lines))
        self.advice_label.show()

    def advice_for(self, ref: FieldRef) -> Advice | None:
        return next((a for a in self.advice if a.field == ref), None)

    # --- lookups and clicks --------------------------------------------------------------

    def criterion(
        self, ruleset_id: str, criterion_id: str
    ) -> tuple[RuleSetResult, CriterionResult] | None:
        for r in self.results:
            if r.ruleset.id == ruleset_id:
                for c in r.criteria:
                    if c.criterion.id == criterion_id:
                        return r, c
        return None

    def item_of(self, ruleset_id: str, criterion_id: str) -> QTreeWidgetItem | None:
        key = ["criterion", f"{ruleset_id}/{criterion_id}"]
        for i in range(self.tree.topLevelItemCount()):
            stack = [self.tree.topLevelItem(i)]
            while stack:
                item = stack.pop()
                if list(item.data(0, KEY) or []) == key:
                    return item
                stack.extend(item.child(j) for j in range(item.childCount()))
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY)
        if not key or key[0] != "criterion":
            return
        ruleset_id, criterion_id = key[1].split("/", 1)
        found = self.criterion(ruleset_id, criterion_id)
        if found is None:
            return
        self._selected = (ruleset_id, criterion_id)
        self._show_detail(*found)
        target = self.target_field(found[1])
        if target is not None:
            self.jump.emit(target)

    def target_field(self, c: CriterionResult) -> FieldRef | None:
        """Where a click takes the user: the first blank field, else the first field read."""
        for ref in (*c.missing, *c.fields):
            if ref[0] in self.session.states and ref[1] in self.session.state(ref[0]).form.fields:
                return ref
        return None

    def _show_detail(self, r: RuleSetResult, c: CriterionResult) -> None:
        from zjtx_desktop.core.eligibility import text as T

        colour = COLOURS[c.status.value]
        parts = [
            f"<p><b style='color:{colour}'>{T.STATUS_MARK[c.status.value]} "
            f"{T.STATUS_TEXT[c.status.value]}</b>　{escape(c.criterion.title)}</p>",
            *[self._statement_html(s) for s in c.statements],  # what the user can do, first
            f"<p>{escape(c.explanation)}</p>",
        ]
        fields = [f for f in c.missing if f[0] in self.session.states]
        if fields:
            links = "、".join(self._link_html(ref) for ref in fields)
            parts.append(f"<p>待填写：{links}</p>")
        elif c.fields:
            links = "、".join(self._link_html(ref) for ref in c.fields[:8])
            parts.append(f"<p>相关字段：{links}</p>")
        parts.append(f"<p style='color:#616161'>依据：{escape(c.criterion.source)}</p>")
        self.detail.setHtml("".join(parts))

    def _statement_html(self, s: Any) -> str:
        """A declaration the criterion waits for, with its answers as links."""
        key = f"{s.ruleset}/{s.quantity}"
        now = f"（已声明：<b>{escape(s.answer)}{escape(s.unit)}</b>）" if s.answer else ""
        head = f"<p style='background:#fff8e1'>企业声明：{escape(s.text)}{now}"
        if self.read_only:
            return head + "</p>"
        if s.kind == "yesno":
            links = [f"<a href='declare:{key}/是'>是</a>", f"<a href='declare:{key}/否'>否</a>"]
        else:
            links = [f"<a href='declare-number:{key}'>填写{escape(s.label)}…</a>"]
        if s.answer:
            links.append(f"<a href='declare:{key}/'>撤回</a>")
        return head + "<br>" + "　".join(links) + "</p>"

    def _link_html(self, ref: FieldRef) -> str:
        from zjtx_desktop.core.eligibility.evaluate import field_label

        return f"<a href='field:{ref[0]}/{ref[1]}'>{escape(field_label(self.session, ref))}</a>"

    def _link(self, url: QUrl | Any) -> None:
        text = url.toString()
        if text.startswith("field:"):
            form_id, fid = text[len("field:") :].split("/", 1)
            self.jump.emit((form_id, fid))
        elif text.startswith("declare:"):
            ruleset_id, quantity_id, answer = text[len("declare:") :].split("/", 2)
            self.declared.emit(ruleset_id, quantity_id, answer or None)
        elif text.startswith("declare-number:"):
            ruleset_id, quantity_id = text[len("declare-number:") :].split("/", 1)
            self.ask_number(ruleset_id, quantity_id)

    def ask_number(self, ruleset_id: str, quantity_id: str) -> None:
        from PySide6.QtWidgets import QInputDialog

        found = next(
            (
                s
                for r in self.results
                for c in r.criteria
                for s in c.statements
                if (s.ruleset, s.quantity) == (ruleset_id, quantity_id)
            ),
            None,
        )
        if found is None:
            return
        prompt = f"{found.text}\n\n{found.label}（{found.unit}，只填数字）："
        text, ok = QInputDialog.getText(self, "企业声明", prompt, text=found.answer or "")
        if ok:
            self.declared.emit(ruleset_id, quantity_id, text.strip())

    def show_problem(self, message: str) -> None:
        """A declaration the core refused, said where the user made it."""
        self.detail.append(f"<p style='color:#c62828'>✖ {escape(message)}</p>")
