"""The README's 申报条件自查 (demo) section shows what `zjtx check` prints today.

After changing a rule set, regenerate the outputs in place with
``.venv/bin/python -m tests.core.test_eligibility_readme``.
"""

import contextlib
import io
import re
import shlex
from pathlib import Path

from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import project_root

BLOCK = re.compile(r"```console\n\$ (zjtx check [^\n]*)\n(.*?)\n```", re.S)
README = Path(project_root(), "README.md")


def _section(readme: str) -> tuple[int, int]:
    start = readme.index("## 申报条件自查 (demo)")
    end = readme.find("\n## ", start + 1)
    return start, end if end > 0 else len(readme)


def _output(command: str) -> tuple[int, str]:
    args = shlex.split(command)[1:]
    args = [str(Path(project_root(), a)) if a.endswith(".json") else a for a in args]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(args)
    return code, buf.getvalue().rstrip()


def test_readme_demo_verdicts_are_the_current_output_of_zjtx_check():
    readme = README.read_text(encoding="utf-8")
    start, end = _section(readme)
    blocks = BLOCK.findall(readme[start:end])
    assert len(blocks) == 2
    for command, shown in blocks:
        code, out = _output(command)
        assert code == 0
        assert out == shown, f"README out of date for: {command} (see this module's docstring)"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    start, end = _section(text)

    def fresh(m: re.Match[str]) -> str:
        return f"```console\n$ {m.group(1)}\n{_output(m.group(1))[1]}\n```"

    README.write_text(text[:start] + BLOCK.sub(fresh, text[start:end]) + text[end:], "utf-8")
