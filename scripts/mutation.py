"""Mutation testing of one core module with mutmut (README, development).

    .venv/bin/python scripts/mutation.py sme_size      # or any key of MODULES below
    .venv/bin/python scripts/mutation.py proof --survivors   # re-run only the last survivors
    .venv/bin/python scripts/mutation.py evaluate --survivors --only x_evaluate_criterion
    .venv/bin/python scripts/mutation.py store_drafts --survivors \
        --only 'xǁDraftStoreǁclose__mutmut_5,xǁDraftStoreǁundo__mutmut_2'   # single mutants

Runs in a copy of the checkout (build/mutation/MODULE, kept so a second run resumes), with only
that module mutated and only the tests that exercise it selected (mutmut then runs, for each
mutant, just the selected tests that call the mutated function), and prints every survivor.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = {
    "fieldtypes": (
        "zjtx_desktop/core/fieldtypes.py",
        ["tests/core/test_fieldtypes.py", "tests/core/test_input_rule.py"],
    ),
    "sme_size": ("zjtx_desktop/core/refdata/sme_size.py", ["tests/core/test_sme_size_standard.py"]),
    "proof": (
        "zjtx_desktop/core/export/proof.py",
        ["tests/export/test_proof_exact.py", "tests/export/test_verify_digits.py"],
    ),
    "store": (
        "zjtx_desktop/core/store/*",
        ["tests/core/test_store.py", "tests/core/test_undo.py", "tests/core/test_rights.py"],
    ),
    # the store one file at a time (the whole package is over an hour on a shared machine)
    "store_drafts": (
        "zjtx_desktop/core/store/drafts.py",
        [
            "tests/core/test_store.py",
            "tests/core/test_undo.py",
            "tests/core/test_rights.py",
            "tests/core/test_store_durability.py",  # durable points, long bursts
            "tests/core/test_importer.py",  # create with values and explanations
            "tests/core/test_store_faults.py",  # locked, full disk, read-only writes
            "tests/core/test_store_drafts.py",
        ],
    ),
    "store_database": (
        "zjtx_desktop/core/store/database.py",
        [
            "tests/core/test_store.py",
            "tests/core/test_store_faults.py",
            "tests/core/test_store_read_only.py",  # the read-only paths, in-process
        ],
    ),
    "store_errors": (
        "zjtx_desktop/core/store/errors.py",
        [
            "tests/core/test_store.py",
            "tests/core/test_store_faults.py",
            "tests/core/test_store_read_only.py",
            "tests/core/test_store_errors.py",
        ],
    ),
    "store_backups": (
        "zjtx_desktop/core/store/backups.py",
        ["tests/core/test_store.py", "tests/core/test_store_faults.py"],
    ),
    "evaluate": (
        "zjtx_desktop/core/eligibility/evaluate.py",
        [
            "tests/core/test_three_valued.py",
            "tests/core/test_eligibility_explain.py",
            "tests/core/test_eligibility_initial.py",
            "tests/core/test_eligibility_zd.py",
            "tests/core/test_eligibility_declarations.py",  # statements, 企业声明
            "tests/core/test_eligibility_full.py",  # notes, 不计入总体结论, alternatives
            "tests/core/test_evaluate_criterion.py",
            "tests/core/test_rules_2026.py",  # overlays, waivers, versions by date and type
            "tests/core/test_points_2022.py",
        ],
    ),
}


def _config(module: str) -> str:
    path, tests = MODULES[module]
    quoted = ", ".join(f'"{t}"' for t in tests if (ROOT / t).exists())
    return f"""
[tool.mutmut]
source_paths = ["zjtx_desktop/"]
only_mutate = ["{path}"]
also_copy = ["forms/", "resources/", "setup.py"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]
pytest_add_cli_args_test_selection = [{quoted}]
"""


def _drop_stale(src: Path, copy: Path) -> None:
    """Remove the copy's .py files whose source is gone (a moved module must not stay importable
    under its old name in the copy or in mutmut's own copy of it)."""
    for old in copy.rglob("*.py") if copy.exists() else []:
        if not (src / old.relative_to(copy)).exists():
            old.unlink()


def _matches(key: str, name: str) -> bool:
    """A mutant named in full (x_f__mutmut_1) is that one only, not x_f__mutmut_10 …"""
    return key.endswith("." + name) if "__mutmut_" in name else name in key


def _forget_survivors(work: Path, only: str = "") -> int:
    """Mark every surviving (or unreached) mutant as not yet run, so the next run tries it
    against the tests added since (mutmut otherwise keeps a mutant's last result)."""
    import json

    n = 0
    for meta in (work / "mutants").rglob("*.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        for key, code in codes.items():
            # 0 survived, 33 no test called it (tests added since may call it now)
            if code in (0, 33) and any(_matches(key, name) for name in only.split(",")):
                codes[key] = None
                n += 1
        meta.write_text(json.dumps(data), encoding="utf-8")
    return n


def main() -> int:
    module = sys.argv[1] if len(sys.argv) > 1 else ""
    if module not in MODULES:
        print(f"用法：scripts/mutation.py {{{'|'.join(MODULES)}}}", file=sys.stderr)
        return 2
    work = ROOT / "build" / "mutation" / module
    work.mkdir(parents=True, exist_ok=True)
    for name in ("zjtx_desktop", "forms", "resources", "tests"):
        shutil.copytree(ROOT / name, work / name, dirs_exist_ok=True)
        _drop_stale(ROOT / name, work / name)
        _drop_stale(ROOT / name, work / "mutants" / name)
    args = sys.argv[2:]
    only = args[args.index("--only") + 1] if "--only" in args[:-1] else ""
    if "--survivors" in args:
        print(f"{_forget_survivors(work, only)} 个存活变异体将重新运行")
    for name in ("setup.py", "README.md"):
        shutil.copy(ROOT / name, work / name)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(text + _config(module), encoding="utf-8")
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    env = {**os.environ, "ZJTX_CACHE": "off"}
    base = MODULES[module][0].removesuffix(".py").replace("/", ".").replace("*", "")
    # some functions' mutants only: --only x_NAME[,x_OTHER…]; or single mutants, named in full
    # (x_NAME__mutmut_7): mutmut re-runs every mutant a name matches, killed ones too
    globs = (
        [f"{base}.{n}" if "__mutmut_" in n else f"{base}.{n}*" for n in only.split(",")]
        if only
        else [f"{base}*"]
    )
    subprocess.run([mutmut, "run", "--max-children", "1", *globs], cwd=work, env=env, check=False)
    results = subprocess.run(
        [mutmut, "results"], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    print(results.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
