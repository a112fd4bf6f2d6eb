"""An open application: the engine session over a stored draft. Views (GUI, CLI) use this.

Every accepted change goes to the engine (issues, what changed) and to the store (committed
at once). Finalising (定稿) needs no errors and a 说明 for every warning. Who may change what,
and when, is decided here (``EditRefused``), not by the views: nothing changes in a 定稿
application; each role changes only the fields it fills (the enterprise never part 六) and the
enterprise alone declares, finalises and reopens (with a reason). Undo is here too, one step per
typing burst in one field, declarations included; the window and the CLI only ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession, ChangeResult, FieldRef
from zjtx_desktop.core.forms.registry import get_form_version
from zjtx_desktop.core.issues import Issue, IssueCounts, Severity, count_issues
from zjtx_desktop.core.refs import field_ref
from zjtx_desktop.core.refs import slot as make_slot
from zjtx_desktop.core.rights import EditRefused, Role, role_name, role_of
from zjtx_desktop.core.store.drafts import AppRecord, DraftStore, Slot
from zjtx_desktop.core.store.errors import StoreError


@dataclass
class SavedChange(ChangeResult):
    saved_at: str = ""


class DeclarationRefused(EditRefused):
    """A declaration that cannot be kept; the message says why, in Chinese."""


class ReopenRefused(EditRefused):
    """Reopening refused (no reason given, not final, not the enterprise's to reopen)."""


class FinaliseRefused(EditRefused):
    def __init__(self, blocking: list[tuple[str, Issue]]) -> None:
        self.blocking = blocking
        super().__init__("FINALISE_BLOCKED", count=len(blocking))


class OpenApplication:
    def __init__(self, store: DraftStore, app_id: str, role: str = "enterprise") -> None:
        self.store = store
        self.id = app_id
        self.record: AppRecord = store.get(app_id)
        # the form versions the draft was started with, while available (an installed pack may
        # add a newer one beside them; the draft moves to it only when the user migrates it)
        forms = [get_form_version(fid, version) for fid, version in self.record.forms]
        self.session = ApplicationSession(forms, store.values(app_id), role=role_of(role))
        self.explanations = store.explanations(app_id)
        self._burst: Slot | None = None  # the slot being typed into: its edits are one undo step

    @property
    def forms(self) -> list[Any]:
        return self.session.forms

    @property
    def role(self) -> str:
        return self.session.role

    @property
    def fillers(self) -> set[str]:
        """Who fills some field of this application ({"enterprise", "recommender"} for the
        申请书: its part 六 and cover lines are the 推荐单位's)."""
        return {
            st.form.filler(f)
            for st in self.session.states.values()
            for f in st.form.fields.values()
        }

    def fills(self, ref: FieldRef) -> bool:
        """Whether this role fills the field's section (the enterprise never fills part 六)."""
        st = self.session.state(ref[0])
        return st.form.filler(st.form.fields[ref[1]]) == self.role

    @property
    def is_final(self) -> bool:
        return self.record.status == "final"

    # --- who may change what ------------------------------------------------------------

    def check_edit(self, ref: FieldRef) -> None:
        """Raise EditRefused unless this role may change the field now."""
        if self.is_final:
            raise EditRefused("EDIT_FINAL")
        if not self.fills(ref):
            st = self.session.state(ref[0])
            f = st.form.fields[ref[1]]
            filler = role_name(st.form.filler(f))
            raise EditRefused(
                "EDIT_NOT_FILLER", label=f.display_label, filler=filler, role=role_name(self.role)
            )

    def may_edit(self, ref: FieldRef) -> bool:
        try:
            self.check_edit(ref)
        except EditRefused:
            return False
        return True

    def _check_declare(self) -> None:
        if self.is_final:
            raise DeclarationRefused("EDIT_FINAL")
        if self.role != Role.ENTERPRISE:
            raise DeclarationRefused("DECLARE_NOT_ENTERPRISE", role=role_name(self.role))

    def _may_change_slot(self, slot: Slot) -> bool:
        """Whether this role may change a stored slot (undo/redo): a field it fills, or a
        declaration when it is the enterprise."""
        from zjtx_desktop.core.eligibility.declarations import PREFIX

        if slot[0] == "" and slot[1].startswith(PREFIX):
            return self.role == Role.ENTERPRISE
        return any(self.fills(ref) for ref in self._refs(slot))

    def _refs(self, slot: Slot) -> list[FieldRef]:
        return [
            field_ref(form_id, fid)
            for form_id, st in self.session.states.items()
            for fid in st.form.fields
            if self.session.slot(field_ref(form_id, fid)) == slot
        ]

    # --- changes ----------------------------------------------------------------------------

    def set_value(self, ref: FieldRef, raw: Any) -> SavedChange:
        """Validate and save at once; raises EditRefused when this role may not change it now.
        Consecutive edits of one field (a typing burst) are one undo step; ``end_burst``
        (a view calls it when the user leaves the field) starts a new one."""
        self.check_edit(ref)
        slot = self.session.slot(ref)
        before = self.session.raw.get(slot)
        result = self.session.set_value(ref, raw)
        stored = self.session.raw.get(slot)
        try:
            saved = self.store.set(self.id, slot, stored, burst=self._burst == slot)
        except StoreError:
            # not saved: the session goes back to what the database holds, so a later
            # save or export never carries a value the user was told was not kept
            self.session.set_value(ref, before)
            raise
        self._burst = slot
        self._name_follows(slot, before, stored)
        return SavedChange(result.issues, result.changed, saved)

    def _name_follows(self, slot: tuple[str, str], before: Any, after: Any) -> None:
        """The application's name follows 企业名称 while it is empty or was the old 企业名称
        (a name the user gave it stays)."""
        if slot != ("", "enterprise_name") or before == after:
            return
        old = str(before or "").strip()
        if self.record.name.strip() not in ("", old):
            return
        self.store.rename(self.id, str(after or "").strip())
        self.record = self.store.get(self.id)

    def end_burst(self) -> None:
        """The user left the field: its typing is one undo step, and a natural point to make
        it survive power loss too (typing is committed without an fsync: ``DraftStore``)."""
        self._burst = None
        self.store.durable()

    def declare(self, ruleset_id: str, quantity_id: str, answer: str | None) -> str:
        """Keep (or, with None, withdraw) the enterprise's declaration for the self-check;
        saved at once and recorded in the history like any change. Returns the time it was
        saved; raises DeclarationRefused when final, not the enterprise, or no such statement.
        An answer that is not understood is kept as typed and counts as undeclared; views ask
        ``declaration_problem`` first to say why at the place it was typed."""
        from zjtx_desktop.core.eligibility.declarations import declared_slot

        self._check_declare()
        self._declarable(ruleset_id, quantity_id)
        value = (answer or "").strip() or None
        slot = declared_slot(ruleset_id, quantity_id)
        saved = self.store.set(self.id, slot, value)
        self._burst = None
        self._set_raw(slot, value)
        return saved

    def declaration_problem(self, ruleset_id: str, quantity_id: str, answer: str) -> str:
        """Why ``answer`` would not be understood ("" when it would, or when it is blank)."""
        from zjtx_desktop.core.eligibility.declarations import answer_problem

        q = self._declarable(ruleset_id, quantity_id)
        return answer_problem(q, answer.strip()) if answer.strip() else ""

    @staticmethod
    def _declarable(ruleset_id: str, quantity_id: str) -> Any:
        from zjtx_desktop.core.eligibility import rulesets

        rs = rulesets().get(ruleset_id)
        q = rs.quantities.get(quantity_id) if rs is not None else None
        if q is None or not q.declaration:
            raise DeclarationRefused("DECLARE_UNKNOWN", ruleset=ruleset_id, quantity=quantity_id)
        return q

    def _set_raw(self, slot: Slot, value: Any) -> None:
        """An application-level slot (a declaration) in the session: no field to revalidate."""
        if value is None:
            self.session.raw.pop(slot, None)
        else:
            self.session.raw[slot] = value

    def raw(self, ref: FieldRef) -> Any:
        return self.session.raw.get(self.session.slot(ref))

    def history(self, ref: FieldRef) -> list[Any]:
        return self.store.history(self.id, self.session.slot(ref))

    def completeness(self) -> tuple[int, int]:
        """(filled, required) over the relevant required fields this role fills."""
        filled = required = 0
        for st in self.session.states.values():
            for fid, f in st.form.fields.items():
                if not f.required or st.form.filler(f) != st.role or not st.relevant.get(fid):
                    continue
                required += 1
                if st.raw(fid) not in (None, "", []):
                    filled += 1
        return filled, required

    def _reapply(self, change: Any) -> SavedChange | None:
        self._burst = None
        if change is None:
            return None
        slot = make_slot(change.scope, change.field)
        refs = self._refs(slot)
        value = self.store.values(self.id).get(slot)
        if not refs:
            self._set_raw(slot, value)
            return SavedChange([], set(), change.at)
        result = self.session.set_value(refs[0], value)
        return SavedChange(result.issues, result.changed, change.at)

    def can_undo(self) -> bool:
        return (
            not self.is_final and self.store.undo_step(self.id, self._may_change_slot) is not None
        )

    def can_redo(self) -> bool:
        step = None if self.is_final else self.store.redo_step(self.id)
        return step is not None and self._may_change_slot(make_slot(step.scope, step.field))

    def undo_label(self) -> str:
        """What undo would take back, for a view's button ("" when nothing)."""
        step = None if self.is_final else self.store.undo_step(self.id, self._may_change_slot)
        return "" if step is None else self._slot_label(make_slot(step.scope, step.field))

    def redo_label(self) -> str:
        return self._slot_label(self._redo_slot()) if self.can_redo() else ""

    def _redo_slot(self) -> Slot:
        step = self.store.redo_step(self.id)
        return make_slot("", "") if step is None else make_slot(step.scope, step.field)

    def _slot_label(self, slot: Slot) -> str:
        refs = self._refs(slot)
        if refs:
            return str(self.session.field(refs[0]).display_label)
        return "声明"

    def undo(self) -> SavedChange | None:
        """Take back the latest step this role may change (None when there is none);
        EditRefused when final. The result names what changed, as for an edit."""
        if self.is_final:
            raise EditRefused("EDIT_FINAL")
        return self._reapply(self.store.undo(self.id, self._may_change_slot))

    def redo(self) -> SavedChange | None:
        if self.is_final:
            raise EditRefused("EDIT_FINAL")
        if not self.can_redo():
            return None
        return self._reapply(self.store.redo(self.id))

    def explain(self, form_id: str, issue: Issue, text: str) -> None:
        """Keep the 说明 that lets a warning stand; refused like an edit of its field."""
        self.check_edit(field_ref(form_id, issue.field))
        key = (form_id, issue.field, issue.code, issue.rule)
        self.store.explain(self.id, key, text)
        if text.strip():
            self.explanations[key] = text
        else:
            self.explanations.pop(key, None)

    def explanation(self, form_id: str, issue: Issue) -> str:
        return self.explanations.get((form_id, issue.field, issue.code, issue.rule), "")

    def blocking_issues(self) -> list[tuple[str, Issue]]:
        out = []
        for form_id, issue in self.session.all_issues():
            if issue.severity == Severity.ERROR or (
                issue.severity == Severity.WARNING and not self.explanation(form_id, issue)
            ):
                out.append((form_id, issue))
        return out

    def _check_status_change(self) -> None:
        if self.role != Role.ENTERPRISE:
            raise EditRefused("STATUS_NOT_ENTERPRISE", role=role_name(self.role))

    def finalise(self) -> None:
        """定稿: refused when already final, for the reviewer, or while issues block."""
        self._check_status_change()
        if self.is_final:
            raise EditRefused("ALREADY_FINAL")
        blocking = self.blocking_issues()
        if blocking:
            raise FinaliseRefused(blocking)
        self.store.set_status(self.id, "final")
        self.record = self.store.get(self.id)

    def counts(self) -> IssueCounts:
        """未填 / 错误 / 警告 over the whole application (the home list's columns)."""
        return count_issues([i for _, i in self.session.all_issues()])

    def reopen(self, reason: str) -> None:
        """重新编辑 a 定稿 application; the reason is recorded and may not be empty."""
        self._check_status_change()
        if not self.is_final:
            raise ReopenRefused("NOT_FINAL")
        if not reason.strip():
            raise ReopenRefused("REOPEN_NEEDS_REASON")
        self.store.set_status(self.id, "draft", reason.strip())
        self.record = self.store.get(self.id)

    def data(self, form_id: str) -> dict[str, Any]:
        """DATA.json of one form: {"form", "values"} with values as typed."""
        return {"form": form_id, "values": self.session.values(form_id)}
