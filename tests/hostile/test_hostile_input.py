"""The hostile-input suite: generated DATA.json documents through every command.

Documents start from a shipped demo file and are made hostile by hypothesis: values of the
wrong type, NaN/Infinity/1e309, huge and deeply nested values, control characters, lone
surrogates, unknown forms and fields, ids with path separators, and files in GBK, UTF-16 or
with a BOM. Each goes through ``validate``, ``drafts import``, ``drafts show --json``,
``check`` and the exports (the CLI entry function in-process, for speed; a few real
subprocesses at the end), and must end with exit 0, 1 or 2, never a traceback, a Chinese
message, and a stored value that is what the file held unless a message named the field.

CI runs a reduced number of examples; ``pytest tests/hostile --deep`` runs the long version.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.tally import count
from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import resources_dir

ROOT = Path(__file__).resolve().parents[2]
FORMS = ["nat-xjr-application-2021", "nat-zd-targets-2021", "jl-zd-basic-2021b2"]
CJK = re.compile("[\u4e00-\u9fff]")
SUITE = "hostile-input"


def deep(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--deep"))


def demo(form_id: str) -> dict[str, Any]:
    return dict(json.loads(Path(resources_dir(), "demo", f"{form_id}.json").read_text("utf-8")))


# --- values ------------------------------------------------------------------------------

# JSON tokens written as they are (a number literal is not a Python float)
class Literal(str):
    """A JSON token to write verbatim: 1e309, -0, NaN, 3.14159265358979323846 …"""


NUMBER_LITERALS = [
    "3.14159265358979323846", "1e309", "-1e309", "-0", "-0.0", "1e-7", "0.0001",
    "9" * 27, "9" * 34, "1" + "0" * 14, "NaN", "Infinity", "-Infinity", "1E3", "0e0",
]
NASTY_TEXT = [
    "\x0b", "\x0c", "\x01", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "\ufffe", "\ud800",
    "\udfff", "A\ud800B", "../../etc/passwd", "..\\..\\x", "C#项目?%", "=cmd|' /C calc'!A0",
    "<w:t>", "]]>", "\u202e", "𠀋", "é", "ｅｘｃｅｌ", "１２３", "30%", " ", "",
]

texts = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=40),
    st.lists(st.sampled_from(NASTY_TEXT) | st.text(max_size=5), max_size=6).map("".join),
    st.integers(1, 200_000).map(lambda n: "长" * n),
)
scalars = st.one_of(
    texts,
    st.sampled_from(NUMBER_LITERALS).map(Literal),
    st.integers(-(10**40), 10**40),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda f: Literal(repr(f))),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8,
)


def nested(depth: int) -> Literal:
    return Literal("[" * depth + "]" * depth)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, Any], Any]:
    """(form id, the document, how it is written): a demo file with hostile changes."""
    form_id = draw(st.sampled_from(FORMS))
    doc = demo(form_id)
    fields = sorted(doc["values"])
    for _ in range(draw(st.integers(1, 4))):
        field = draw(st.sampled_from(fields))
        doc["values"][field] = draw(values | st.sampled_from([nested(600), nested(50)]))
    shape = draw(st.integers(0, 19))
    if shape == 0:
        doc["form"] = draw(st.sampled_from(["../" + form_id, "a/b", "C:\\forms\\x", "", "x" * 300]))
    elif shape == 1:
        doc["values"]["no_such_field\ud800"] = "x"
    elif shape == 2:
        doc = draw(st.sampled_from([[], "text", 3, None, {"form": 3}, {"form": form_id,
                                                                         "values": []}]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gbk"]))
    return form_id, doc, encoding


def dump(obj: Any, ascii_only: bool = True) -> str:
    """JSON text with Literal tokens verbatim and lone surrogates as \\u escapes."""
    if isinstance(obj, Literal):
        return str(obj)
    if isinstance(obj, bool) or obj is None:
        return json.dumps(obj)
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, str):
        return json.dumps(obj, ensure_ascii=ascii_only)
    if isinstance(obj, list):
        return "[" + ",".join(dump(x, ascii_only) for x in obj) + "]"
    return "{" + ",".join(
        f"{dump(str(k), ascii_only)}:{dump(v, ascii_only)}" for k, v in obj.items()
    ) + "}"


def write(tmp: Path, doc: Any, encoding: str) -> Path:
    p = tmp / "data.json"
    if encoding == "gbk":  # saved by a Chinese Windows editor: Chinese text in GBK bytes
        p.write_bytes(dump(doc, ascii_only=False).encode("gbk", errors="replace"))
    else:
        p.write_bytes(dump(doc).encode(encoding))
    return p


# --- running ----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    count(SUITE, "cases")
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = int(e.code or 0) if not isinstance(e.code, str) else 2
    except BaseException:
        count(SUITE, "crashes")
        raise
    out, err = capsys.readouterr()
    if code not in (0, 1, 2) or "Traceback" in err:
        count(SUITE, "crashes")
    assert code in (0, 1, 2), (argv, err[-2000:])
    assert "Traceback" not in err
    if code == 2:
        assert CJK.search(err), err  # a message in Chinese
    return code, out, err


def expected_stored(v: Any) -> Any:
    """What the file held, as it must come back: integers as integers (a -0 as written),
    other numbers as the text they were written with, text as text."""
    if isinstance(v, Literal):
        try:
            return int(v) if str(int(v)) == v else str(v)
        except ValueError:
            return str(v)
    return v


def check_round_trip(field_values: dict[str, Any], shown: dict[str, Any], err: str) -> None:
    for field, written in field_values.items():
        want = expected_stored(written)
        got = shown.get(field)
        if want in (None, "", []) and got is None:
            continue
        if got != want and field not in err:  # changed without naming the field
            count(SUITE, "silent changes")
            raise AssertionError(f"{field}: wrote {written!r}, got back {got!r} without a word")


SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True}


@pytest.fixture
def examples(request: pytest.FixtureRequest) -> int:
    return 400 if deep(request) else 25


def test_generated_documents_through_validate_import_show_and_check(tmp_path_factory, capsys,
                                                                    examples):
    @settings(max_examples=examples, **SETTINGS)
    @given(documents())
    def one(case: tuple[str, Any, str]) -> None:
        form_id, doc, encoding = case
        tmp = tmp_path_factory.mktemp("h")
        path = write(tmp, doc, encoding)
        db = str(tmp / "d.sqlite3")
        run(capsys, "validate", form_id, str(path))
        run(capsys, "check", str(path))
        code, out, err = run(capsys, "--db", db, "drafts", "import", str(path))
        if code != 0:
            return
        ids = out.split()
        assert len(ids) == 1
        _c, shown, _e = run(capsys, "--db", db, "drafts", "show", "--json", ids[0])
        if encoding != "gbk":
            check_round_trip(doc["values"], json.loads(shown)["values"], err)
        run(capsys, "--db", db, "drafts", "show", ids[0])
        run(capsys, "--db", db, "check", "--draft", ids[0])
        run(capsys, "--db", db, "drafts", "set", ids[0], "employees=12")
        run(capsys, "--db", db, "drafts", "export", ids[0], "-o", str(tmp / "back.json"))

    one()


def test_generated_documents_through_every_export(tmp_path_factory, capsys, request):
    n = 60 if deep(request) else 6

    @settings(max_examples=n, **SETTINGS)
    @given(documents(), st.sampled_from(["pdf", "docx", "xlsx"]))
    def one(case: tuple[str, Any, str], ext: str) -> None:
        form_id, doc, encoding = case
        tmp = tmp_path_factory.mktemp("e")
        path = write(tmp, doc, encoding)
        run(capsys, "export", form_id, str(path), "-o", str(tmp / f"out.{ext}"))
        db = str(tmp / "d.sqlite3")
        code, out, _err = run(capsys, "--db", db, "drafts", "import", str(path))
        if code == 0:
            run(capsys, "--db", db, "export", "--draft", out.split()[0], "-o",
                str(tmp / f"draft.{ext}"))

    one()


@pytest.mark.parametrize("seed", range(4))
def test_a_few_hostile_files_through_the_real_command(tmp_path, seed):
    """The same, through ``python -m zjtx_desktop`` in a subprocess: what a user runs."""
    doc = demo(FORMS[seed % len(FORMS)])
    hostile = [Literal("1e309"), "A\ud800", nested(2000), "\x0b\x01" * 10][seed]
    doc["values"][sorted(doc["values"])[seed]] = hostile
    path = write(tmp_path, doc, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZJTX_DB": str(tmp_path / "d.sqlite3")}
    for argv in (["validate", doc["form"], str(path)], ["drafts", "import", str(path)],
                 ["check", str(path)]):
        count(SUITE, "cases")
        try:
            r = subprocess.run([sys.executable, "-m", "zjtx_desktop", *argv],
                               capture_output=True, text=True, env=env, timeout=120)
        except subprocess.TimeoutExpired:
            count(SUITE, "hangs")
            raise
        if r.returncode not in (0, 1, 2) or "Traceback" in r.stderr:
            count(SUITE, "crashes")
        assert r.returncode in (0, 1, 2) and "Traceback" not in r.stderr, r.stderr[-2000:]


def test_the_oracle_is_independent_of_the_code_under_test():
    """expected_stored is written from the JSON text alone: check it on hand-made cases."""
    assert expected_stored(Literal("-0")) == "-0"
    assert expected_stored(Literal("12")) == 12
    assert expected_stored(Literal("1e309")) == "1e309"
    assert expected_stored(Literal("NaN")) == "NaN"
    assert not math.isnan(float(expected_stored(Literal("3.5"))))
