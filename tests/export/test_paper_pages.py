"""Issue 11: what stands on which printed page, read back from the real files.

Expected lines are read from the seed templates (/work/shared/seeds, line numbers cited) and
looked for on the pages of our PDF (pdftotext -bbox for positions), of our .docx converted by
LibreOffice, and of our .xlsx printed by LibreOffice — never produced by our own code.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.export.readback import norm, pdf_pages, run, soffice, tool
from zjtx_desktop.core.export.api import export_blank
from zjtx_desktop.core.export.compare import DEFAULT_SEEDS
from zjtx_desktop.core.export.fonts import font_path

SEEDS = {
    "004": "004_610bb7f52b8dce8c.txt",
    "002": "002_f9d69bf221a563fb.txt",
}


def seed(doc: str, first: int, last: int | None = None) -> list[str]:
    """Non-empty lines ``first``..``last`` (1-based, inclusive) of a seed text, spaces removed
    (the dump puts spaces between Latin and Han characters: “2020 年年末数值”)."""
    path = DEFAULT_SEEDS / SEEDS[doc]
    if not path.exists():
        pytest.skip("seed texts not available")
    lines = path.read_text(encoding="utf-8").splitlines()[first - 1 : last or first]
    return [norm(ln) for ln in lines if ln.strip()]


def lo_convert(src: Path, out: Path, target: str = "pdf") -> Path:
    """``src`` converted (printed) by LibreOffice headless, with our fonts."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    env = {
        "HOME": str(out),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "FONTCONFIG_FILE": str(font_path("fonts.conf")),
    }
    res = run(
        [
            soffice() or "soffice",
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ],
        env=env,
    )
    converted = out / f"{src.stem}.{target}"
    assert res.returncode == 0 and converted.exists(), res.stdout + res.stderr
    return converted


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """The words pdftotext finds on one page (1-based) with their boxes."""
    if tool("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"]).stdout
    return [
        (float(a), float(b), float(c), float(d), html.unescape(w))
        for a, b, c, d, w in _WORD.findall(out)
    ]


# --- Beijing 目标表: the base year's note inside the 注释 heading (004 L4189-4193) --------------

BJ_TARGETS = "bj-zd-targets-2021b1"


def test_beijing_annotation_heading_holds_the_base_year_note(tmp_path: Path) -> None:
    heading = seed("004", 4189, 4193)  # 注释 / 实施期初始值为 / 2020 年年末数值
    assert heading == ["注释", "实施期初始值为", "2020年年末数值"]
    pdf = export_blank([BJ_TARGETS], tmp_path / "bj.pdf")
    pages = pdf_pages(pdf)
    first_row = norm(seed("004", 4195)[0])  # 专业化 (the first row's group, under the heading)
    for n, text in enumerate(pages, start=1):
        found = words(pdf, n)
        boxes = {w: (x0, y0, x1, y1) for x0, y0, x1, y1, w in found}
        if "注释" not in boxes:
            continue
        # the repeated heading row on every page: 注释 and under it, in the same column, the
        # note's two lines, all above the first body row
        x0, _y0, x1, y1 = boxes["注释"]
        below = [boxes[heading[1]], boxes[heading[2]]]
        for bx0, by0, bx1, _by1 in below:
            assert by0 > y1 and by0 - y1 < 40, (n, boxes)
            assert bx0 < (x0 + x1) / 2 < bx1  # centred under 注释: one cell
        if n == 1:
            assert boxes[first_row][1] > below[-1][3]
        assert norm(text).count("实施期初始值为2020年年末数值") == 1  # nowhere else on the page
    assert sum("注释" in p for p in pages) == len(pages)


def test_beijing_annotation_heading_in_word_and_excel(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    title, *note = seed("004", 4189, 4193)
    heading = title + "\n" + "".join(note)  # the note's own break is the cell's wrap
    doc = Document(str(export_blank([BJ_TARGETS], tmp_path / "bj.docx")))
    table = doc.tables[-1]
    assert table.rows[0].cells[-1].text == heading
    assert not any("年末数值" in p.text for p in doc.paragraphs)  # not a line of its own
    ws = load_workbook(str(export_blank([BJ_TARGETS], tmp_path / "bj.xlsx"))).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value and "年末数值" in str(c.value)]
    assert [c.value for c in cells] == [heading]
    assert cells[0].alignment.wrap_text


# --- blank 基本情况表: one page, as the template (004 L590-707, L4025-4153) ------------------

ONE_PAGE = [  # the form, its 注 lines, the instruction under 主导产品类别
    ("nat-zd-basic-2021", (705, 707), (633, 641)),
    ("bj-zd-basic-2021b1", (4151, 4153), (4073, 4082)),
]


@pytest.mark.parametrize(("form_id", "notes", "instructed"), ONE_PAGE)
def test_a_blank_basic_form_keeps_its_notes_on_its_one_page(
    tmp_path: Path, form_id: str, notes: tuple[int, int], instructed: tuple[int, int]
) -> None:
    last_notes = seed("004", *notes)  # 注：1.请优先组织符合★条件的企业填报。 / 2.“企业名称”…
    instruction = "".join(seed("004", *instructed))
    pdf = export_blank([form_id], tmp_path / f"{form_id}.pdf")
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    page = norm(pages[0])
    for line in last_notes:
        assert line in page
    assert instruction in page  # the instructions printed under the labels stay whole
    word = lo_convert(export_blank([form_id], tmp_path / f"{form_id}.docx"), tmp_path)
    lo_pages = pdf_pages(word)
    assert len(lo_pages) == 1, [norm(p)[:40] for p in lo_pages]
    for line in last_notes:
        assert line in norm(lo_pages[0])


def test_jilin_blank_basic_form_keeps_its_notes_with_the_profile(tmp_path: Path) -> None:
    # Jilin prints its two seals above the table (002 L575) and lets the 企业简介 run onto
    # further pages (“可另附页”, L641-645): the notes may follow on page 2, never alone there
    profile_prompt = seed("002", 651)[0]  # 包括但不限于以下内容：
    notes = seed("002", 666, 669)
    assert notes[0].startswith("注：1.")
    pdf = export_blank(["jl-zd-basic-2021b2"], tmp_path / "jl.pdf")
    last = norm(pdf_pages(pdf)[-1])
    assert profile_prompt in last
    for line in notes:
        assert line in last


# --- Excel as LibreOffice prints it: the seal line with what it attests, no page of a QR -------

APP = "nat-xjr-application-2021"
FOOTER = re.compile(r"申报编号.*?校验码[0-9A-F]{12}(-\d+/\d+)?|第\d+页共\d+页")
# how many standards part 四 lists moves where the 真实性声明 falls: with 30 more, a sheet
# broken only by height starts a page with the signature line
MORE_STANDARDS = (0, 30)
EXTRA_STANDARD = "；参与：《数控机床可靠性评定》"


def _lo_pages_of(paths: list[Path], out: Path) -> dict[Path, list[str]]:
    """Each workbook printed to PDF by LibreOffice (one run for all), its pages' texts."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    env = {
        "HOME": str(out),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "FONTCONFIG_FILE": str(font_path("fonts.conf")),
    }
    cmd = [soffice() or "soffice", f"-env:UserInstallation=file://{out}/profile", "--headless"]
    res = run([*cmd, "--convert-to", "pdf", "--outdir", str(out), *map(str, paths)], env=env)
    assert res.returncode == 0, res.stderr
    return {p: pdf_pages(out / f"{p.stem}.pdf") for p in paths}


def _workbooks(tmp_path: Path) -> list[Path]:
    import json

    from tests.export.readback import DEMO
    from zjtx_desktop.core.datafile import read_data, session_for
    from zjtx_desktop.core.export.api import export_session

    raw = json.loads((DEMO / f"{APP}.json").read_text(encoding="utf-8"))
    listed = raw["values"]["std_nat_names"]
    out = []
    for n in MORE_STANDARDS:
        raw["values"]["std_nat_names"] = listed + EXTRA_STANDARD * n
        data = tmp_path / f"app{n}.json"
        data.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        export_session(session_for(read_data(data)), tmp_path / f"app{n}.xlsx")
        out.append(tmp_path / f"app{n}.xlsx")
    for form_id in ("nat-zd-basic-2021", "jl-zd-basic-2021b2", "nat-zd-targets-2021"):
        path = tmp_path / f"{form_id}.xlsx"
        export_session(session_for(read_data(DEMO / f"{form_id}.json")), path)
        out.append(path)
    return out


def test_excel_keeps_the_signature_line_with_the_declaration_and_its_table(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    heading, *declaration = seed("004", 1376, 1380)  # 真实性声明 / 以上所填内容…
    last_row = seed("004", 1374)[0]  # the prompt of part 五's last row, just above it
    signature, seal = seed("004", 1382)[0].split("：", 1)[0] + "：", "（企业公章）："
    assert (heading, signature) == ("真实性声明", "法定代表人（签名）：")
    books = _workbooks(tmp_path)
    printed = _lo_pages_of(books, tmp_path)
    for book in books:
        pages = [norm(p) for p in printed[book]]
        sheets = load_workbook(str(book)).worksheets
        # every page ends where the export put its break: the sheet cannot break elsewhere
        ours = sum(len(ws.row_breaks.brk) + 1 for ws in sheets)
        assert len(pages) == ours, (book.name, len(pages), ours)
        assert "草稿" not in pages[0]
        for n, page in enumerate(pages, start=1):
            body = FOOTER.sub("", page)
            assert len(re.findall(r"[\u4e00-\u9fff]", body)) > 20, (book.name, n, page)
        if not book.name.startswith("app"):
            continue
        [on] = [i for i, p in enumerate(pages) if signature in p]
        page = pages[on]
        assert seal in page and heading in page and "".join(declaration) in page
        assert last_row in page, (book.name, page)  # with the end of part 五's table


# --- the 申请书 cover: its labels as printed, no colon added (004 L1038-1042, issue item 9) --


def test_cover_labels_print_without_added_colons(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    from tests.export.readback import DEMO
    from zjtx_desktop.core.datafile import read_data, session_for
    from zjtx_desktop.core.export.api import export_session

    labels = seed("004", 1038, 1042)
    assert labels == ["企业名称（盖章）", "推荐时间", "推荐单位（盖章）"]
    session = session_for(read_data(DEMO / f"{APP}.json"))
    pdf = export_session(session, tmp_path / "a.pdf").path
    cover = norm(pdf_pages(pdf)[0])
    for label in labels:
        assert label in cover and label + "：" not in cover
    assert "企业名称（盖章）吉林省恒锐精密机床有限公司" in cover  # the name on its line
    doc = Document(str(export_session(session, tmp_path / "a.docx").path))
    cells = [c.text for t in doc.tables[:1] for r in t.rows for c in r.cells]
    assert [c for c in cells if c in labels] == labels
    ws = load_workbook(str(export_session(session, tmp_path / "a.xlsx").path)).worksheets[0]
    texts = [str(c.value) for row in ws.iter_rows(max_row=12) for c in row if c.value]
    on_cover = [t for t in texts if t.startswith(tuple(labels))]
    assert len(on_cover) == 3 and not any(
        t.startswith(tuple(x + "：" for x in labels)) for t in on_cover
    )


# --- a limited text (另附页无效) prints whole on one page, no （续） row (issue item 7) ----------


def test_a_profile_just_under_its_limit_prints_whole_on_one_page(tmp_path: Path) -> None:
    import json

    from tests.export.readback import DEMO
    from zjtx_desktop.core.datafile import read_data, session_for
    from zjtx_desktop.core.export.api import export_session

    label = "".join(seed("004", 679, 683))  # 企业简介（不超过500字，另附页无效）
    assert "500" in label and "另附页无效" in label
    raw = json.loads((DEMO / "nat-zd-basic-2021.json").read_text(encoding="utf-8"))
    item = "主营高档数控机床研发制造，含五轴联动加工中心。"
    text = "".join(f"第{i}条：{item}" for i in range(40))[:499]
    raw["values"]["profile"] = text
    data = tmp_path / "long.json"
    data.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    session = session_for(read_data(data))
    pdf = export_session(session, tmp_path / "long.pdf").path
    word = lo_convert(export_session(session, tmp_path / "long.docx").path, tmp_path)
    for path in (pdf, word):
        raw_pages = pdf_pages(path)
        assert not any("（续）" in p for p in raw_pages)
        pages = [norm(p) for p in raw_pages]
        holding = [p for p in pages if text[:40] in p]
        assert len(holding) == 1 and text[-40:] in holding[0], path.name  # one page, whole
