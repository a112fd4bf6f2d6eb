"""The officials' workspace (初审/初核, 退回, 汇总表): one SQLite file per unit, programme, 批次.

- ``Workspace.init(path, unit=…, level=…, programme=…)`` / ``Workspace(path, officer)``;
- ``inbox.import_files(ws, paths, progress, cancelled)`` → one ``FileOutcome`` per file;
- ``ws.set_part6`` / ``ws.add_comment`` / ``ws.resolve_comment`` / ``ws.set_state``
  (guarded transitions, ``states.TransitionRefused``) / ``ws.move`` (择优) / ``ws.sample``;
- ``batch.batch_rows(ws)`` (初核 list, verdicts cached per revision), ``batch.banners``;
- ``summary`` (汇总表 A6/A1/A40/A2/A41 as xlsx and PDF), ``audit.verify(ws.conn)``.

Qt-free, like the rest of ``core``; the window and the CLI are views over it.
"""
