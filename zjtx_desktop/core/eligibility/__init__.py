"""Eligibility self-check (申报条件自查): programme criteria as data, evaluated over an application.

Rule sets live in ``forms/programmes/criteria/*.yaml`` (checked against
``forms/programmes/criteria.schema.json``). The public API, for the GUI and the CLI:

- ``rulesets()`` → ``{id: RuleSet}``; ``applicable(session)`` → the rule sets for its forms;
- ``evaluate(ruleset, session)`` → ``RuleSetResult`` (overall ``status``, ``groups`` with
  counts, ``criteria``: ``CriterionResult`` with ``status``, ``explanation``, ``fields`` and
  ``missing`` as ``(form id, field id)``, ``declarations``, ``judgements``);
- ``evaluate_all(session, ids=None)``; ``result_json`` / ``result_lines`` for output;
- ``advice(result, role)``: what the verdicts suggest a reviewer tick in part 六 (text only).

Evaluation reads only ``FormState.value`` (effective values), so calling ``evaluate`` again
after ``ApplicationSession.set_value`` gives the updated verdicts.
"""

from zjtx_desktop.core.eligibility.advice import Advice, advice
from zjtx_desktop.core.eligibility.evaluate import applicable, evaluate, evaluate_all
from zjtx_desktop.core.eligibility.loader import load_ruleset, ruleset_files, rulesets
from zjtx_desktop.core.eligibility.model import (
    CriterionResult,
    GroupResult,
    RuleSet,
    RuleSetResult,
    Status,
)
from zjtx_desktop.core.eligibility.report import result_json, result_lines

__all__ = [
    "Advice",
    "CriterionResult",
    "GroupResult",
    "RuleSet",
    "RuleSetResult",
    "Status",
    "advice",
    "applicable",
    "evaluate",
    "evaluate_all",
    "load_ruleset",
    "result_json",
    "result_lines",
    "ruleset_files",
    "rulesets",
]
