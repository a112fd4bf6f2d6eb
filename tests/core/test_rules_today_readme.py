"""The README's 2022/2026 section shows what `zjtx check` prints today.

After changing a rule set, regenerate the outputs in place with
``.venv/bin/python -m tests.core.test_rules_today_readme``.
"""

import re
from pathlib import Path

from tests.core.test_eligibility_readme import BLOCK, _output
from zjtx_desktop.core.paths import project_root

README = Path(project_root(), "README.md")
HEADING = "## 今天的认定标准"


def _section(readme: str) -> tuple[int, int]:
    start = readme.index(HEADING)
    end = readme.find("\n## ", start + 1)
    return start, end if end > 0 else len(readme)


def test_readme_versions_side_by_side_are_the_current_output_of_zjtx_check():
    readme = README.read_text(encoding="utf-8")
    start, end = _section(readme)
    blocks = BLOCK.findall(readme[start:end])
    assert len(blocks) == 2
    for command, shown in blocks:
        code, out = _output(command)
        assert code == 0
        assert out == shown, f"README out of date for: {command} (see this module's docstring)"
    compare = blocks[0][1]
    assert "按小巨人培育条件（第三批）" in compare and "按小巨人（2026标准）" in compare


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    start, end = _section(text)

    def fresh(m: re.Match[str]) -> str:
        return f"```console\n$ {m.group(1)}\n{_output(m.group(1))[1]}\n```"

    README.write_text(text[:start] + BLOCK.sub(fresh, text[start:end]) + text[end:], "utf-8")
