"""Mutation testing of one core module with mutmut (README, development).

    .venv/bin/python scripts/mutation.py sme_size      # or fieldtypes, proof, store, evaluate

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
    "evaluate": (
        "zjtx_desktop/core/eligibility/evaluate.py",
        [
            "tests/core/test_three_valued.py",
            "tests/core/test_eligibility_explain.py",
            "tests/core/test_eligibility_initial.py",
            "tests/core/test_eligibility_zd.py",
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


def main() -> int:
    module = sys.argv[1] if len(sys.argv) > 1 else ""
    if module not in MODULES:
        print(f"用法：scripts/mutation.py {{{'|'.join(MODULES)}}}", file=sys.stderr)
        return 2
    work = ROOT / "build" / "mutation" / module
    work.mkdir(parents=True, exist_ok=True)
    for name in ("zjtx_desktop", "forms", "resources", "tests"):
        shutil.copytree(ROOT / name, work / name, dirs_exist_ok=True)
    for name in ("setup.py", "README.md"):
        shutil.copy(ROOT / name, work / name)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(text + _config(module), encoding="utf-8")
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    env = {**os.environ, "ZJTX_CACHE": "off"}
    glob = MODULES[module][0].removesuffix(".py").replace("/", ".").replace("*", "") + "*"
    subprocess.run([mutmut, "run", "--max-children", "1", glob], cwd=work, env=env, check=False)
    results = subprocess.run(
        [mutmut, "results"], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    print(results.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
