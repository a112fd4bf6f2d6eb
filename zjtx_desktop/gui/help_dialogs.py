"""帮助: a short guide for first-time users and the 关于 box (versions, data directory,
database path from ``core.about``). Both scroll inside a window that fits the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.gui.screen_fit import fit_to_screen

GUIDE = """
<h2>第一次使用</h2>
<ol>
<li><b>新建申报</b>：在首页点“新建申报…”（Ctrl+N），选择申报项目，填写企业名称等通用信息。
这些信息在各张表中只需填写一次。</li>
<li><b>逐部分填写</b>：左侧列出各张表和各部分，○ 未填写、◐ 未完成、✖ 有错误、▲ 有警告、✔ 完成。
Enter 到下一项，Tab 到下一栏；单选题用方向键选择、空格确认；Ctrl+PgDown / Ctrl+PgUp 换部分；
Ctrl+F 按名称查找字段。</li>
<li><b>看提示</b>：红色 ✖ 是错误，须改正才能定稿；橙色 ▲ 是警告，
如数据属实，在下面的说明框写明原因即可保留；
灰色 ℹ 只是提示。金额以<b>万元</b>为单位，按元填写时会提醒。</li>
<li><b>申报条件自查</b>：右侧按政策文件逐条判断 ✓ 满足、✗ 不满足、? 尚不能判断
（还没填的部分不算不满足）。
点击一条可查看依据并转到相关字段。</li>
<li><b>随时保存</b>：每次修改立即保存在本机，断电也不丢失。撤销 Ctrl+Z，重做 Ctrl+Y。</li>
<li><b>定稿和导出</b>：全部填好后点“定稿”；还有问题时，下方问题清单列出每一项，点击即转到该字段。
“导出…”（Ctrl+E）生成可打印盖章的 PDF 或 Word，“打印…”（Ctrl+P）直接打印。
页脚的校验码可用 <code>zjtx verify</code> 核对纸质材料与数据是否一致。</li>
<li><b>明年再用</b>：文件 › “以上年申报为基础新建…”会把各年份的数字移到对应年份的栏目，
保留企业名称、代码等不变的信息，新年度的数字留空待填。</li>
</ol>
<p>数据只保存在本机，不联网。需要交给推荐单位的电子数据可用 文件 › “导出数据（DATA.json）…”。</p>
"""


class TextDialog(QDialog):
    """A titled text that scrolls, with one 关闭 button, sized to fit the screen."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lay = QVBoxLayout(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

    def finish(self, width: int, height: int) -> None:
        self.lay.addWidget(self.buttons)
        self.resize(width, height)
        fit_to_screen(self)


class GuideDialog(TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("使用指南", parent)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("使用指南")
        self.browser.setHtml(GUIDE)
        self.lay.addWidget(self.browser, 1)
        self.finish(640, 620)


class AboutDialog(TextDialog):
    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__("关于 专精特新申报助手", parent)
        from zjtx_desktop.core.about import about

        info = about(db_path)
        self.info = info
        head = QLabel(f"<h3>专精特新申报助手</h3><p>版本 {info.version}</p>", self)
        self.lay.addWidget(head)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("版本和数据位置")
        self.text.setPlainText(info.text())
        self.lay.addWidget(self.text, 1)
        self.finish(720, 560)
