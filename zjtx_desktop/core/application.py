"""An open application: the engine session over a stored draft. Views (GUI, CLI) use this.

Every accepted change goes to the engine (issues, what changed) and to the store (committed
at once). Finalising (定稿) needs no errors and a 说明 for every warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession, ChangeResult, FieldRef
from zjtx_desktop.core.forms.registry import get_form_version
from zjtx_desktop.core.issues import Issue, IssueCounts, Severity, count_issues
from zjtx_desktop.core.store.drafts import AppRecord, DraftStore


@dataclass
class SavedChange(ChangeResult):
    saved_at: str = ""


class DeclarationRefused(Exception):
    """A declaration that cannot be kept; the message says why, in Chinese."""


class ReopenRefused(Exception):
    """Reopening a final application without a reason; the message says so, in Chinese."""


class FinaliseRefused(Exception):
    def __init__(self, blocking: list[tuple[str, Issue]]) -> None:
        self.blocking = blocking
        super().__init__(f"还有{len(blocking)}个问题需要处理，不能定稿")


class OpenApplication:
    def __init__(self, store: DraftStore, app_id: str, role: str = "enterprise") -> None:
        self.store = store
        self.id = app_id
        self.record: AppRecord = store.get(app_id)
        # the form versions the draft was started with, while available (an installed pack may
        # add a newer one beside them; the draft moves to it only when the user migrates it)
        forms = [get_form_version(fid, version) for fid, version in self.record.forms]
        self.session = ApplicationSession(forms, store.values(app_id), role=role)
        self.explanations = store.explanations(app_id)

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

    def set_value(self, ref: FieldRef, raw: Any, kind: str = "edit") -> SavedChange:
        """Validate and save at once. ``kind`` is "undo"/"redo" when a view replays history."""
        slot = self.session.slot(ref)
        before = self.session.raw.get(slot)
        result = self.session.set_value(ref, raw)
        stored = self.session.raw.get(slot)
        saved = self.store.set(self.id, slot, stored, kind=kind)
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

    def declare(self, ruleset_id: str, quantity_id: str, answer: str | None) -> str:
        """Keep (or, with None, withdraw) the enterprise's declaration for the self-check;
        saved at once and recorded in the history like any change. Returns the time it was
        saved; raises DeclarationRefused when final, not the enterprise, or no such statement.
        An answer that is not understood is kept as typed and counts as undeclared; views ask
        ``declaration_problem`` first to say why at the place it was typed."""
        from zjtx_desktop.core.eligibility.declarations import declared_slot

        if self.is_final:
            raise DeclarationRefused("申报已定稿，不能再修改声明（先重新编辑）")
        if self.role != "enterprise":
            raise DeclarationRefused("企业声明只能由企业填写")
        self._declarable(ruleset_id, quantity_id)
        value = (answer or "").strip() or None
        slot = declared_slot(ruleset_id, quantity_id)
        saved = self.store.set(self.id, slot, value, kind="edit")
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
            raise DeclarationRefused(f"没有可由企业声明的“{ruleset_id}:{quantity_id}”")
        return q

    def _set_raw(self, slot: tuple[str, str], value: Any) -> None:
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
        if not refs:
            self._set_raw(slot, value)
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

    def counts(self) -> IssueCounts:
        """未填 / 错误 / 警告 over the whole application (the home list's columns)."""
        return count_issues([i for _, i in self.session.all_issues()])

    def reopen(self, reason: str = "") -> None:
        """Back to a draft; the reason is recorded, so one must be given."""
        if not reason.strip():
            raise ReopenRefused("请填写重新编辑的原因（将记录在案）")
        self.store.set_status(self.id, "draft", reason.strip())
        self.record = self.store.get(self.id)

    def data(self, form_id: str) -> dict[str, Any]:
        """DATA.json of one form: {"form", "values"} with values as typed."""
        return {"form": form_id, "values": self.session.values(form_id)}
