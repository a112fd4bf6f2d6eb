"""The README's 申报条件自查 (demo) section shows what `zjtx check` prints today."""

import re
import shlex
from pathlib import Path

from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import project_root

BLOCK = re.compile(r"```console\n\$ (zjtx check [^\n]*)\n(.*?)\n```", re.S)


def _section() -> str:
    readme = Path(project_root(), "README.md").read_text(encoding="utf-8")
    start = readme.index("## 申报条件自查 (demo)")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end > 0 else len(readme)]


def test_readme_demo_verdicts_are_the_current_output_of_zjtx_check(capsys):
    blocks = BLOCK.findall(_section())
    assert len(blocks) == 2
    for command, shown in blocks:
        args = shlex.split(command)[1:]
        args = [str(Path(project_root(), a)) if a.endswith(".json") else a for a in args]
        assert main(args) == 0
        out = capsys.readouterr().out.rstrip()
        assert out == shown, f"README out of date for: {command} (regenerate the section)"
