"""The demo application: the fictitious manufacturer of resources/demo/, as a stored draft."""

from __future__ import annotations

from zjtx_desktop.core.datafile import read_data
from zjtx_desktop.core.engine.session import slot_of
from zjtx_desktop.core.forms.registry import get_form, programmes
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store.drafts import DraftStore

DEMO_PROGRAMME = "nat-xjr-2021b3"
DEMO_PREFIX = "示例："


def demo_name(programme: str) -> str:
    return f"{DEMO_PREFIX}{programmes()[programme].short_title}"


def open_or_create_demo(store: DraftStore, programme: str = DEMO_PROGRAMME) -> str:
    """The id of the demo draft of ``programme``, creating it from resources/demo if absent."""
    name = demo_name(programme)
    for rec in store.list_all():
        if rec.name == name and rec.programme == programme:
            return rec.id
    forms = [get_form(f) for f in programmes()[programme].forms]
    app_id = store.create(forms, name=name, programme=programme)
    values = {}
    for form in forms:
        data = read_data(resources_dir() / "demo" / f"{form.id}.json")
        values.update({slot_of(form, form.fields[k]): v for k, v in data.values.items()})
    store.set_many(app_id, values, kind="import")
    return app_id
