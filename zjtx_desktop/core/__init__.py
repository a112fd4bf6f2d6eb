"""The Qt-free core: forms, engine, rules, storage and exports. Never imports PySide6."""
