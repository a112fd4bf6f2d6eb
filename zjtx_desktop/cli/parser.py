"""argparse in Chinese: the command line's usage errors and help headings, as every other
message of ``zjtx`` (audit item 13d: “invalid choice: '建议'” was the only English a county
official met).

argparse words its few errors with ``gettext`` templates; patching those would change every
parser in the process (pytest's too), so the parser class says them again instead: its
``error`` rewords the formatted message (the patterns below, argparse 3.10–3.12's), its
formatter says 用法, and its groups' titles and ``-h`` are Chinese. Subparsers inherit the
class (``add_subparsers`` makes its parsers with ``type(self)``). A message no pattern knows
is shown as argparse wrote it, after 错误：, never hidden.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

_TYPES = {"int": "整数", "float": "数字"}


def _plain(text: str) -> str:
    """'建议' → “建议”; "'a', 'b'" → a、b (argparse shows values and choices as reprs)."""
    items = [s.strip().strip("'\"") for s in text.split(",")] if "," in text else [text]
    if len(items) > 1:
        return "、".join(items)
    return f"“{text.strip().strip(chr(39) + chr(34))}”"


def _what(arg: str) -> str:
    """An argument as named in a message: options as typed, a sub-command group as 命令."""
    if arg == "command" or arg.endswith("_cmd"):
        return "命令"
    return f"参数 {arg}"


def _invalid_choice(arg: str, value: str, choices: str) -> str:
    if _what(arg) == "命令":
        return f"没有命令{value}（可用：{choices}）"
    return f"{_what(arg)} 的值{value}无效（可选：{choices}）"


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"argument (?P<a>.+?): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)$"),
        lambda m: _invalid_choice(m["a"], _plain(m["v"]), _plain(m["c"])),
    ),
    (
        re.compile(r"argument (?P<a>.+?): invalid (?P<t>\w+) value: (?P<v>.+)$"),
        lambda m: f"{_what(m['a'])} 的值{_plain(m['v'])}无效：应为{_TYPES.get(m['t'], m['t'])}",
    ),
    (
        re.compile(r"the following arguments are required: (?P<a>.+)$"),
        lambda m: f"缺少必需的参数：{m['a']}",
    ),
    (re.compile(r"unrecognized arguments: (?P<a>.+)$"), lambda m: f"无法识别的参数：{m['a']}"),
    (
        re.compile(r"argument (?P<a>.+?): expected one argument$"),
        lambda m: f"{_what(m['a'])} 后面需要一个值",
    ),
    (
        re.compile(r"argument (?P<a>.+?): expected at least one argument$"),
        lambda m: f"{_what(m['a'])} 后面至少需要一个值",
    ),
    (
        re.compile(r"argument (?P<a>.+?): expected (?P<n>\d+) arguments?$"),
        lambda m: f"{_what(m['a'])} 后面需要 {m['n']} 个值",
    ),
    (
        re.compile(r"argument (?P<a>.+?): not allowed with argument (?P<o>.+)$"),
        lambda m: f"{_what(m['a'])} 不能与 {m['o']} 同时使用",
    ),
    (
        re.compile(r"argument (?P<a>.+?): ignored explicit argument (?P<v>.+)$"),
        lambda m: f"{_what(m['a'])} 不接受值{_plain(m['v'])}",
    ),
    (
        re.compile(r"ambiguous option: (?P<o>.+?) could match (?P<m>.+)$"),
        lambda m: f"选项 {m['o']} 不明确，可能是：{m['m']}",
    ),
]


def chinese(message: str) -> str:
    """argparse's error message in Chinese (as it was when no pattern matches)."""
    for pattern, say in _PATTERNS:
        m = pattern.match(message)
        if m:
            return say(m)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示这段帮助并退出"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{self.prog}：{chinese(message)}\n")
