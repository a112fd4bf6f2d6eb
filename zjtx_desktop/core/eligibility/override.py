"""The user's choice of rule version, for the self-check panel: one version instead of the one
chosen by date, and a second version beside it (what ``zjtx check --programme`` / ``--compare``
do on the command line, here per tier so the other tiers' verdicts stay as they were)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjtx_desktop.core.eligibility.choose import TIER_NAMES, Assessment
from zjtx_desktop.core.eligibility.compare import compare_lines
from zjtx_desktop.core.eligibility.evaluate import applicable, evaluate
from zjtx_desktop.core.eligibility.loader import rulesets
from zjtx_desktop.core.eligibility.model import RuleSet, RuleSetResult

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession


def versions(session: ApplicationSession) -> list[RuleSet]:
    """The versioned rule sets (2022 / 2026 standards) the user may pick for this application:
    of each id the newest installed, base to top tier, older versions first."""
    present = set(session.states)
    order = list(TIER_NAMES)
    sets = [
        rs
        for rs in rulesets().values()
        if rs.tier in order and not rs.is_overlay and present & set(rs.forms)
    ]
    return sorted(sets, key=lambda rs: (order.index(rs.tier), rs.date, rs.id))


def evaluate_with(
    session: ApplicationSession, a: Assessment, override: str | None = None
) -> list[RuleSetResult]:
    """Every applicable rule set's verdict; ``override`` (a rule-set id) replaces the version
    that the date chose for its tier and is marked as chosen by the user."""
    chosen = applicable(session, a)
    if override is None or override not in rulesets():
        return [evaluate(rs, session, a, chosen=True) for rs in chosen]
    picked = rulesets()[override]
    out = [
        evaluate(picked, session, a)
        if rs.tier and rs.tier == picked.tier
        else evaluate(rs, session, a, chosen=True)
        for rs in chosen
    ]
    if not any(r.ruleset is picked for r in out):  # its tier had no version for this date
        out.append(evaluate(picked, session, a))
    return out


def compare_beside(
    results: list[RuleSetResult], other_id: str, session: ApplicationSession, a: Assessment
) -> list[str]:
    """The version shown for ``other_id``'s tier and ``other_id`` side by side, older
    standard first; nothing when that tier is not shown or it is the version shown."""
    other = rulesets().get(other_id)
    if other is None:
        return []
    shown = next((r for r in results if r.ruleset.tier and r.ruleset.tier == other.tier), None)
    if shown is None or shown.ruleset is other:
        return []
    pair = sorted([shown, evaluate(other, session, a)], key=lambda r: r.ruleset.date)
    return compare_lines(pair, session)
