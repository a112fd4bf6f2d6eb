"""What the verdicts suggest a reviewer tick in part 六 (初核推荐), as text and a value.

The 推荐单位 decides; this only tells them what the figures say. Nothing here writes a value:
the view shows the advice to the role the rule set names, and the enterprise's copy prints
part 六 empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.model import FieldRef, RuleSetResult, Status
from zjtx_desktop.core.refs import field_ref


@dataclass(frozen=True)
class Advice:
    field: FieldRef  # the field the reviewer ticks
    value: str | int | None  # what the figures suggest; None while they cannot tell
    text: str  # the suggestion with its reasons, for the reviewer


def advice(result: RuleSetResult, role: str) -> list[Advice]:
    """The suggestions of ``result`` for a user in ``role`` (none for anyone else)."""
    spec = result.ruleset.advice
    if spec is None or spec.role != role:
        return []
    out = []
    for item in spec.items:
        members = [c for c in result.criteria if c.criterion.group == item.group]
        met = [c for c in members if c.status == Status.MET]
        unknown = [c for c in members if c.status == Status.UNKNOWN]
        ref = field_ref(spec.form, item.field)
        if item.show == "count":
            value: str | int | None = len(met) if not unknown else None
            text = T.ADVICE_COUNT.format(met=len(met), total=len(members))
            if unknown:
                text += T.ADVICE_PENDING.format(ids="、".join(c.id for c in unknown))
            out.append(Advice(ref, value, text))
            continue
        options = [c.criterion.option for c in met if c.criterion.option]
        if len(options) == 1:
            text = T.ADVICE_OPTION.format(option=options[0], id=met[0].id)
            out.append(Advice(ref, options[0], text))
        elif options:
            text = T.ADVICE_OPTIONS.format(options="、".join(options))
            out.append(Advice(ref, None, text))
        elif unknown:
            text = T.ADVICE_UNKNOWN.format(ids="、".join(c.id for c in unknown))
            out.append(Advice(ref, None, text))
        else:
            out.append(Advice(ref, None, T.ADVICE_NONE))
    return out
