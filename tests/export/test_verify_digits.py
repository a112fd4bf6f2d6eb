"""The paper's code proves the data only if every printed digit counts (issue 13 item 11):
`zjtx verify` compares all 12 digits of the footer code (and the 64 of the QR), and the hashed
text names the form version, so data read against another version of the form never
matches paper printed from this one."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tests.export.readback import DEMO, pdf_pages
from tests.export.test_export_pdf import qr_texts
from zjtx_desktop.cli import main

TARGETS = "jl-zd-targets-2021b2"


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("paper") / "t.pdf"
    assert main(["export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", str(out)]) == 0
    m = re.search(r"校验码\s*([0-9A-F]{12})", pdf_pages(out)[0])
    assert m
    return out, m.group(1)


def _other_digit(c: str) -> str:
    return "0" if c != "0" else "1"


def test_the_printed_code_matches(paper, capsys) -> None:
    assert main(["verify", str(DEMO / f"{TARGETS}.json"), paper[1]]) == 0


@pytest.mark.parametrize("position", range(12))
def test_a_code_differing_in_any_one_of_the_12_digits_does_not_match(paper, capsys, position):
    code = paper[1]
    wrong = code[:position] + _other_digit(code[position]) + code[position + 1 :]
    assert main(["verify", str(DEMO / f"{TARGETS}.json"), wrong]) == 1


def test_the_qr_text_matches_and_a_change_in_its_last_digit_does_not(paper, capsys) -> None:
    [qr] = qr_texts(paper[0], 1)
    data = str(DEMO / f"{TARGETS}.json")
    assert main(["verify", data, qr]) == 0
    assert main(["verify", data, qr[:-1] + _other_digit(qr[-1])]) == 1


def test_the_form_version_is_part_of_the_hashed_data() -> None:
    """The same values read against another version of the form give another code."""
    from zjtx_desktop.core.datafile import read_data, session_for
    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.export.proof import canonical_bytes, form_sha256

    data = read_data(DEMO / f"{TARGETS}.json")
    session = session_for(data)
    newer = dataclasses.replace(data.form, version=data.form.version + ".1")
    other = ApplicationSession([newer], dict(session.raw))
    assert session.state(TARGETS).form.version != other.state(TARGETS).form.version
    assert form_sha256(session.state(TARGETS)) != form_sha256(other.state(TARGETS))
    assert f'"version":"{data.form.version}"'.encode() in canonical_bytes(data.form, {})
