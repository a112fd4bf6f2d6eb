"""Bring DATA.json files into the drafts database: one application per enterprise.

A county official collects the files of many enterprises, often one file per form. Files of
the same enterprise (same 统一社会信用代码; the same 企业名称 where a file has no code) become one
application, so the common facts are entered once; the programme is the one whose forms they
are. Files that disagree on a common fact are never merged (one value would silently replace
the other): each becomes an application of its own, and the report says why. Whether files
agree is the core's one merge policy (``core/merge.py``), the same ``check`` and ``export`` use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zjtx_desktop.core.datafile import DataFile, DataFileError, read_data
from zjtx_desktop.core.engine.session import Slot, slot_of
from zjtx_desktop.core.facts import FactKey
from zjtx_desktop.core.forms.registry import programmes
from zjtx_desktop.core.merge import conflicts
from zjtx_desktop.core.refs import slot as make_slot
from zjtx_desktop.core.store.drafts import DraftStore

Progress = Callable[[int, int], None]


@dataclass
class ImportedApplication:
    app_id: str
    name: str
    programme: str
    files: list[Path]


@dataclass
class ImportReport:
    imported: list[ImportedApplication] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one Chinese line per file not imported
    notes: list[str] = field(default_factory=list)  # what was decided (files kept apart)


@dataclass
class _Group:
    files: list[tuple[Path, DataFile]] = field(default_factory=list)
    slots: dict[Slot, Any] = field(default_factory=dict)
    code: str = ""
    name: str = ""

    def same_enterprise(self, code: str, name: str) -> bool:
        """The same credit code; where either side lacks one, the same name."""
        if code and self.code:
            return code == self.code
        return bool(name) and name == self.name

    def forms(self) -> set[str]:
        return {d.form.id for _p, d in self.files}

    def accepts(self, path: Path, data: DataFile) -> str:
        """ "" if the file joins this group, else why not (the core's one merge policy)."""
        if data.form.id in self.forms():
            return "same_form"
        found = conflicts([*((p.name, d) for p, d in self.files), (path.name, data)])
        return f"“{found[0].label}”不一致" if found else ""


def _identity(data: DataFile) -> tuple[str, str]:
    """(统一社会信用代码, 企业名称) as the file gives them ("" when absent): a 目标表 may carry
    only the name."""
    by_fact = {f.fact: data.values.get(f.id) for f in data.form.fields.values() if f.fact}
    code = str(by_fact.get(FactKey.CREDIT_CODE) or "").strip().upper()
    return code, str(by_fact.get(FactKey.ENTERPRISE_NAME) or "").strip()


def _slots(data: DataFile) -> dict[Slot, Any]:
    return {slot_of(data.form, data.form.fields[k]): v for k, v in data.values.items()}


def _programme_of(form_ids: set[str]) -> str:
    for p in programmes().values():
        if set(p.forms) == form_ids:
            return p.id
    return ""


def _order(form_ids: set[str], programme: str) -> list[str]:
    if programme:
        return [f for f in programmes()[programme].forms if f in form_ids]
    return sorted(form_ids)


def import_files(
    store: DraftStore,
    paths: Iterable[Path],
    progress: Progress | None = None,
    created: Callable[[ImportedApplication], None] | None = None,
) -> ImportReport:
    """Read every file, group them by enterprise, and create one draft per group, each in one
    transaction; ``created`` hears of each as soon as it is committed (the CLI prints its id
    then, so an import killed half-way has announced every application it left)."""
    paths = list(paths)
    report = ImportReport()
    groups: list[_Group] = []
    for i, path in enumerate(paths):
        try:
            data = read_data(path)
        except DataFileError as e:
            report.problems.append(str(e))
        else:
            report.notes += data.notes
            slots = _slots(data)
            code, name = _identity(data)
            candidates = [g for g in groups if g.same_enterprise(code, name)]
            reasons = [g.accepts(path, data) for g in candidates]
            target = next((g for g, r in zip(candidates, reasons, strict=True) if not r), None)
            if target is None:
                target = _Group()
                groups.append(target)
                conflicts = [r for r in reasons if r != "same_form"]
                if conflicts:
                    report.notes.append(
                        f"{path.name}：与同一企业的其他文件{conflicts[0]}，已单独导入"
                    )
                elif reasons:
                    report.notes.append(f"{path.name}：同一企业的这张表已有一份，已单独导入")
            target.files.append((path, data))
            for slot, value in slots.items():  # agreeing values: the first file's text stays
                target.slots.setdefault(slot, value)
            target.code = target.code or code
            target.name = target.name or name
        if progress is not None:
            progress(i + 1, len(paths) * 2)
    for j, g in enumerate(groups):
        form_ids = g.forms()
        programme = _programme_of(form_ids)
        by_id = {d.form.id: d.form for _p, d in g.files}
        forms = [by_id[f] for f in _order(form_ids, programme)]
        name = str(g.slots.get(make_slot("", "enterprise_name")) or "")
        app_id = store.create(forms, name=name, programme=programme, values=g.slots)
        done_app = ImportedApplication(app_id, name, programme, [p for p, _d in g.files])
        report.imported.append(done_app)
        if created is not None:
            created(done_app)
        if progress is not None:
            done = len(paths) + (j + 1) * len(paths) // len(groups)
            progress(done, len(paths) * 2)
    if progress is not None and not groups:
        progress(len(paths) * 2, len(paths) * 2)
    return report
