"""An open application: the engine session over a stored draft. Views (GUI, CLI) use this.

Every accepted change goes to the engine (issues, what changed) and to the store (committed
at once). Finalising (定稿) needs no errors and a 说明 for every warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession, ChangeResult, FieldRef
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.issues import Issue, Severity
from zjtx_desktop.core.store.drafts import AppRecord, DraftStore


@dataclass
class SavedChange(ChangeResult):
    saved_at: str = ""


class FinaliseRefused(Exception):
    def __init__(self, blocking: list[tuple[str, Issue]]) -> None:
        self.blocking = blocking
        super().__init__(f"还有{len(blocking)}个问题需要处理，不能定稿")


class OpenApplication:
    def __init__(self, store: DraftStore, app_id: str, role: str = "enterprise") -> None:
        self.store = store
        self.id = app_id
        self.record: AppRecord = store.get(app_id)
        forms = [get_form(fid) for fid, _version in self.record.forms]
        self.session = ApplicationSession(forms, store.values(app_id), role=role)
        self.explanations = store.explanations(app_id)

    @property
    def forms(self) -> list[Any]:
        return self.session.forms

    @property
    def role(self) -> str:
        return self.session.role

    def fills(self, ref: FieldRef) -> bool:
        """Whether this role fills the field's section (the enterprise never fills part 六)."""
        st = self.session.state(ref[0])
        return st.form.filler(st.form.fields[ref[1]]) == self.role

    @property
    def is_final(self) -> bool:
        return self.record.status == "final"

    def set_value(self, ref: FieldRef, raw: Any, kind: str = "edit") -> SavedChange:
        """Validate and save at once. ``kind`` is "undo"/"redo" when a view replays history."""
        result = self.session.set_value(ref, raw)
        stored = self.session.raw.get(self.session.slot(ref))
        saved = self.store.set(self.id, self.session.slot(ref), stored, kind=kind)
        return SavedChange(result.issues, result.changed, saved)

    def declare(self, ruleset_id: str, quantity_id: str, answer: str | None) -> str:
        """Keep (or, with None, withdraw) a declaration for the self-check; saved at once and
        recorded in the history like any change. Returns the time it was saved."""
        from zjtx_desktop.core.eligibility.declarations import declared_slot

        slot = declared_slot(ruleset_id, quantity_id)
        value = (answer or "").strip() or None
        saved = self.store.set(self.id, slot, value, kind="edit")
        if value is None:
            self.session.raw.pop(slot, None)
        else:
            self.session.raw[slot] = value
        return saved

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
        if change is None:
            return None
        slot = (change.scope, change.field)
        refs = [
            (form_id, fid)
            for form_id, st in self.session.states.items()
            for fid in st.form.fields
            if self.session.slot((form_id, fid)) == slot
        ]
        value = self.store.values(self.id).get(slot)
        if not refs:  # an application-level slot (a declaration): no field to revalidate
            if value is None:
                self.session.raw.pop(slot, None)
            else:
                self.session.raw[slot] = value
            return SavedChange([], set(), change.at)
        result = self.session.set_value(refs[0], value)
        return SavedChange(result.issues, result.changed, change.at)

    def undo(self) -> SavedChange | None:
        return self._reapply(self.store.undo(self.id))

    def redo(self) -> SavedChange | None:
        return self._reapply(self.store.redo(self.id))

    def explain(self, form_id: str, issue: Issue, text: str) -> None:
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

    def finalise(self) -> None:
        blocking = self.blocking_issues()
        if blocking:
            raise FinaliseRefused(blocking)
        self.store.set_status(self.id, "final")
        self.record = self.store.get(self.id)

    def reopen(self, reason: str = "") -> None:
        self.store.set_status(self.id, "draft", reason)
        self.record = self.store.get(self.id)

    def data(self, form_id: str) -> dict[str, Any]:
        """DATA.json of one form: {"form", "values"} with values as typed."""
        return {"form": form_id, "values": self.session.values(form_id)}
