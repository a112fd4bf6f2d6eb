"""One received application as the official sees it: a reviewer session and its verdicts.

The enterprise's data (as received, never changed) and the official's part 六 (kept in the
workspace) are put together in a session in the 推荐单位's role; the enterprise's
declarations go to their own slots. ``verdict_row`` is what the batch 初核 list shows for the
application: 分类 a/b/c and 必备 M1–M6 from the 初核 rule set, the 专项 gaps and the
不得推荐 declarations from the full rule set; the workspace caches it per revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from zjtx_desktop.core.eligibility import rulesets
from zjtx_desktop.core.eligibility.declarations import declared_slot
from zjtx_desktop.core.eligibility.model import Criterion, Status
from zjtx_desktop.core.eligibility.quantities import Quantities
from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.forms.registry import get_form, programmes
from zjtx_desktop.core.refs import Slot

APPLICATION_FORM = "nat-xjr-application-2021"
INITIAL_RULES = "nat-xjr-2021b3-initial"
FULL_RULES = "nat-xjr-2021b3-full"
MARK = {Status.MET: "✓", Status.NOT_MET: "✗", Status.UNKNOWN: "?"}
# Part 六 fields the workspace keeps (the 申请书's recommender fields: part 六 and the cover)
RECOMMENDER_ROLE = "recommender"


def form_order(form_ids: list[str]) -> list[str]:
    for p in programmes().values():
        if set(p.forms) == set(form_ids):
            return list(p.forms)
    return sorted(form_ids)


def recommender_fields(form_id: str = APPLICATION_FORM) -> list[str]:
    form = get_form(form_id)
    return [f.id for f in form.fields.values() if form.filler(f) == RECOMMENDER_ROLE]


def build_session(
    data: Mapping[str, Mapping[str, Any]],
    declarations: Mapping[str, Any] | None = None,
    part6: Mapping[str, Any] | None = None,
    role: str = RECOMMENDER_ROLE,
) -> ApplicationSession:
    """The reviewer's session: received values as typed, declarations, part 六 on top.

    Values of recommender fields inside the received data are ignored: part 六 is the
    official's, never the enterprise's (§3.1)."""
    forms = [get_form(fid) for fid in form_order(list(data))]
    raw: dict[Slot, Any] = {}
    for form in forms:
        for fid, v in data[form.id].items():
            f = form.fields.get(fid)
            if f is None or form.filler(f) == RECOMMENDER_ROLE:
                continue
            raw[slot_of(form, f)] = v
        if part6:
            for fid, v in part6.items():
                f = form.fields.get(fid)
                if f is not None and form.filler(f) == RECOMMENDER_ROLE:
                    raw[slot_of(form, f)] = v
    for key, answer in (declarations or {}).items():
        ruleset_id, _, quantity_id = key.partition(":")
        if quantity_id and answer not in (None, ""):
            raw[declared_slot(ruleset_id, quantity_id)] = answer
    return ApplicationSession(forms, raw, role=role)


def _statuses(session: ApplicationSession, ruleset_id: str) -> list[tuple[Criterion, Status]]:
    """Each criterion's status exactly as ``evaluate`` decides it (its condition, made
    “cannot tell” by a judgement only a reviewer can make), without building the
    explanations: the batch list needs the verdicts of hundreds of applications."""
    rs = rulesets().get(ruleset_id)
    if rs is None or not set(rs.forms) & set(session.states):
        return []
    qs = Quantities(rs, session)
    out = []
    for c in rs.criteria:
        status = Status.of(c.condition(qs.env))
        if status == Status.MET and c.judgements:
            status = Status.UNKNOWN
        out.append((c, status))
    return out


def rules_key() -> str:
    """The rule-set versions the cached verdicts were computed with."""
    sets = rulesets()
    return "+".join(f"{i}@{sets[i].version}" for i in (INITIAL_RULES, FULL_RULES) if i in sets)


def rules_caption() -> str:
    """Which rules the verdicts follow, printed with every list that carries them (the one
    wording of ``eligibility.report.rules_caption``, as the 自评表's export prints it)."""
    from zjtx_desktop.core.eligibility.report import rules_caption as caption

    sets = rulesets()
    return caption([sets[i] for i in (INITIAL_RULES, FULL_RULES) if i in sets])


def _revenue(session: ApplicationSession) -> str:
    st = session.states.get(APPLICATION_FORM)
    if st is None or "operating_revenue.y2" not in st.form.fields:
        return ""
    v = st.value("operating_revenue.y2")
    return "" if v is None else format(Decimal(v), "f")


def band(revenue: str) -> str:
    """营业收入 band of the notice's classes (万元): ≥1亿, 5000万–1亿, <5000万 (L989-991)."""
    if not revenue:
        return ""
    r = Decimal(revenue)
    return "1亿元及以上" if r >= 10000 else ("5000万元—1亿元" if r >= 5000 else "不足5000万元")


def verdict_row(session: ApplicationSession) -> dict[str, Any]:
    """The figures' verdicts for the batch list (JSON-able; cached per revision)."""
    row: dict[str, Any] = {
        "class": "",
        "criteria": {},
        "mandatory": {},
        "mandatory_met": None,
        "special_gaps": [],
        "exclusions": {},
        "revenue": _revenue(session),
    }
    row["band"] = band(row["revenue"])
    initial = _statuses(session, INITIAL_RULES)
    if initial:
        classes = [(c, st) for c, st in initial if c.group == "class"]
        met = [c.option for c, st in classes if st == Status.MET]
        open_ = [c.option for c, st in classes if st == Status.UNKNOWN]
        if len(met) == 1:
            row["class"] = met[0]
        elif not met and len(open_) == 1:
            row["class"] = f"{open_[0]}?"  # the figures fit this class; a judgement remains
        elif met or open_:
            row["class"] = "?"
        for c, st in initial:
            row["criteria"][c.id] = st.value
            if c.group == "required":
                row["mandatory"][c.id.removeprefix("INIT-")] = MARK[st]
        row["mandatory_met"] = sum(st == Status.MET for c, st in initial if c.group == "required")
    full = _statuses(session, FULL_RULES)
    if full:
        row["special_gaps"] = [
            c.id for c, st in full if c.group == "special" and st == Status.NOT_MET
        ]
        row["exclusions"] = {c.id: MARK[st] for c, st in full if c.group == "exclusion"}
        row["declared_champion"] = any(c.id == "X4" and st == Status.NOT_MET for c, st in full)
    return row
