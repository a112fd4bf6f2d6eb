"""Exports: one neutral print model (``model``, built by ``build``) and one module per file
format, each owning its library: ``pdf`` (reportlab), ``word`` (python-docx), ``excel``
(openpyxl). Views call ``api``; nothing here imports a format library until it writes one."""
