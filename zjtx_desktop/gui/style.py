"""The window's look: calm, readable, with the official form's sober feel."""

WINDOW_SIZE = (1366, 768)  # a common laptop screen: the window and its screenshots

STYLE = """
QLabel#partTitle { font-size: 16pt; font-weight: bold; margin: 4px 0 8px 0; }
QLabel#appTitle { font-weight: bold; }
QLabel#group { font-weight: bold; background: #eef2f7; padding: 4px 6px; margin-top: 6px; }
QLabel#colHeader { font-weight: bold; background: #e3e8ef; padding: 4px 6px; }
QLabel#fieldLabel { padding-top: 4px; }
QLabel#fixed { color: #757575; padding-top: 4px; }
QLabel#note { color: #555555; }
QLabel#declaration { color: #333333; border: 1px solid #cccccc; padding: 6px; }
QLabel#unit { color: #555555; min-width: 2em; }
QLabel#counter { color: #616161; }
QLabel#advice { background: #fff8e1; border: 1px solid #ffe082; padding: 4px; }
QLabel#roleBanner { background: #e8eaf6; padding: 3px 8px; }
QLabel#formula { color: #1a5fb4; }
QLabel#saved { color: #2e7d32; }
QLineEdit, QPlainTextEdit { padding: 3px; }
QLineEdit:disabled, QPlainTextEdit:disabled { background: #f2f2f2; color: #9e9e9e; }
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {
    background: #f2f2f2; color: #424242; border: 1px solid #d6d6d6; }
QLabel#blocking { padding: 2px; }
"""
