"""Applications for eligibility tests: the demo DATA.json files with single values changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zjtx_desktop.core.eligibility import RuleSetResult, Status, evaluate, rulesets
from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.paths import resources_dir

APP = "nat-xjr-application-2021"
NAT_BASIC, NAT_TARGETS = "nat-zd-basic-2021", "nat-zd-targets-2021"
JL_BASIC, JL_TARGETS = "jl-zd-basic-2021b2", "jl-zd-targets-2021b2"

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def demo_values(form_id: str) -> dict[str, Any]:
    path = Path(resources_dir(), "demo", f"{form_id}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["form"] == form_id
    return dict(data["values"])


def application(
    forms: tuple[str, ...], changes: dict[str, Any] | None = None
) -> ApplicationSession:
    """The demo enterprise's forms, with ``changes`` ({field id or "form:field": raw}) applied.

    A plain field id applies to every listed form that has the field; ``None`` blanks it.
    """
    defs = [get_form(f) for f in forms]
    raw: dict[tuple[str, str], Any] = {}
    for form in defs:
        for fid, v in demo_values(form.id).items():
            raw.setdefault(slot_of(form, form.fields[fid]), v)
    for key, value in (changes or {}).items():
        form_id, _, fid = key.rpartition(":")
        targets = [f for f in defs if (not form_id or f.id == form_id) and fid in f.fields]
        assert targets, f"no listed form has field {key}"
        for form in targets:
            slot = slot_of(form, form.fields[fid])
            if value is None:
                raw.pop(slot, None)
            else:
                raw[slot] = value
    return ApplicationSession(defs, raw)


def check(
    ruleset_id: str, forms: tuple[str, ...], changes: dict[str, Any] | None = None
) -> RuleSetResult:
    return evaluate(rulesets()[ruleset_id], application(forms, changes))


class Checker:
    """One rule set over variants of one demo application: ``c(changes).status("INIT-M1")``."""

    def __init__(self, ruleset_id: str, forms: tuple[str, ...]) -> None:
        self.ruleset_id = ruleset_id
        self.forms = forms

    def __call__(self, changes: dict[str, Any] | None = None) -> Result:
        return Result(check(self.ruleset_id, self.forms, changes))


class Result:
    def __init__(self, r: RuleSetResult) -> None:
        self.r = r

    def status(self, criterion_id: str) -> Status:
        return self.r.criterion(criterion_id).status

    def explanation(self, criterion_id: str) -> str:
        return self.r.criterion(criterion_id).explanation

    def missing(self, criterion_id: str) -> list[str]:
        return [fid for _form, fid in self.r.criterion(criterion_id).missing]

    def group(self, group_id: str) -> tuple[Status, int, int, int]:
        g = self.r.group(group_id)
        return g.status, g.met, g.not_met, g.unknown
