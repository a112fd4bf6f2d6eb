"""Issue 13 item 20 and the hostile form files: a definition file cannot exhaust the machine,
and one bad file in forms/ never breaks the others.

``zjtx forms check`` runs in a subprocess with a memory limit (RLIMIT_AS) and a timeout, over
a copy of the shipped forms/ with one hostile file added (ZJTX_HOME points at the copy).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zjtx_desktop.core.expr import ExprError, Expression
from zjtx_desktop.core.paths import data_root

ROOT = Path(__file__).resolve().parents[2]
FORM = "nat-xjr-application-2021"
MEMORY_BOUND = 1024 * 1024 * 1024  # 1 GiB of address space for the whole check
TIME_BOUND_S = 120  # generous for a loaded 2-core machine; a bomb runs for hours


def home_with(tmp_path: Path, name: str, content: bytes) -> Path:
    home = tmp_path / "home"
    shutil.copytree(data_root() / "forms", home / "forms")
    shutil.copytree(data_root() / "resources", home / "resources")
    (home / "forms" / name).write_bytes(content)
    return home


def zjtx(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZJTX_HOME": str(home), "ZJTX_CACHE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIME_BOUND_S,
        preexec_fn=limit,
    )


def shipped_text() -> str:
    return (data_root() / "forms" / f"{FORM}.yaml").read_text(encoding="utf-8")


def copy_of_shipped(new_id: str) -> str:
    return shipped_text().replace(f"id: {FORM}", f"id: {new_id}", 1)


def with_rule(text: str, expression: str) -> str:
    rule = (
        "rules:\n  - id: hostile_rule\n    code: RD_STAFF_GT_EMPLOYEES\n"
        f"    severity: warning\n    at: employees\n    assert: \"{expression}\"\n"
    )
    return text.replace("rules:\n", rule, 1)


BOMB = "\n".join(
    ["id: bomb", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    + [f"a{i}: &a{i} [*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1},*a{i - 1}]" for i in range(1, 10)]  # noqa: E501
)

HOSTILE = {
    "anchor-bomb": BOMB.encode(),
    "python-object": b"id: evil\nx: !!python/object/apply:os.system ['echo pwned']\n",
    "huge": b"id: huge\n" + b"# " + b"x" * 3_000_000 + b"\n",
    "string-repetition": with_rule(copy_of_shipped("rep"), "len('a' * 4000000000) > 0").encode(),
    "3000-terms": with_rule(
        copy_of_shipped("terms"), " + ".join(["employees"] * 3000) + " > 0"
    ).encode(),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_form_file_is_refused_within_bounds_and_the_shipped_forms_still_work(
    tmp_path, kind
):
    home = home_with(tmp_path, f"zz-{kind}.yaml", HOSTILE[kind])
    checked = zjtx(home, "forms", "check")
    assert checked.returncode == 1, checked.stderr[-2000:]
    assert f"zz-{kind}.yaml" in checked.stderr
    assert "Traceback" not in checked.stderr
    assert not (Path.cwd() / "pwned").exists()
    demo = str(data_root() / "resources" / "demo" / f"{FORM}.json")
    validated = zjtx(home, "validate", FORM, demo)
    assert validated.returncode in (0, 1), validated.stderr[-2000:]


def test_a_copy_with_a_harmless_rule_passes_so_the_refusals_above_are_for_the_bomb(tmp_path):
    fine = with_rule(copy_of_shipped("fine"), "employees >= 0").encode()
    home = home_with(tmp_path, "zz-fine.yaml", fine)
    checked = zjtx(home, "forms", "check", str(home / "forms" / "zz-fine.yaml"))
    assert checked.returncode == 0, checked.stderr[-2000:]


def test_a_gbk_copy_in_forms_never_breaks_the_shipped_forms(tmp_path):
    gbk = copy_of_shipped("gbk-copy").encode("gbk", errors="replace")
    home = home_with(tmp_path, "zz-gbk.yaml", gbk)
    demo = str(data_root() / "resources" / "demo" / f"{FORM}.json")
    validated = zjtx(home, "validate", FORM, demo)
    assert validated.returncode in (0, 1), validated.stderr[-2000:]
    listed = zjtx(home, "forms", "list")
    assert listed.returncode == 0 and FORM in listed.stdout
    checked = zjtx(home, "forms", "check")
    assert checked.returncode == 1
    assert "zz-gbk.yaml" in checked.stderr and "UTF-8" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_rules_that_refer_to_each_other_terminate(tmp_path):
    """Calculations and relevance are evaluated once per change, never to a fixpoint: a form
    whose fields depend on each other in a circle loads and evaluates in bounded time."""
    text = copy_of_shipped("circle").replace(
        "calculations:\n",
        "calculations:\n"
        "  - {id: c1, target: employees, expr: 'rd_staff + 1', formula: x, decimals: 0}\n"
        "  - {id: c2, target: rd_staff, expr: 'employees + 1', formula: x, decimals: 0}\n",
        1,
    )
    home = home_with(tmp_path, "zz-circle.yaml", text.encode())
    checked = zjtx(home, "forms", "check", str(home / "forms" / "zz-circle.yaml"))
    assert checked.returncode in (0, 1) and "Traceback" not in checked.stderr


@pytest.mark.parametrize(
    "source",
    ["'a' * 4000000000", "x * 'a'", " + ".join(["x"] * 3000), "(" * 300 + "1" + ")" * 300],
)
def test_expressions_that_would_exhaust_memory_are_refused_when_compiled(source):
    with pytest.raises(ExprError):
        Expression(source)


def test_text_from_a_field_is_never_repeated_at_evaluation():
    e = Expression("len(x * n)")
    assert e(lambda name: {"x": "a", "n": 4_000_000_000}[name]) is None
