"""The verification checks of an exchange package: codes, fatal or flag, Chinese messages.

Order and codes follow officials.md §3.4 (checks 1–11); the codes after PKG_KEY_CHANGED are
this program's additions for the signed booklet PDF and the key's trust (issue 9).
A fatal check stops verification: the package is refused. A flag is shown with the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# code -> (fatal, message template)
CHECKS: dict[str, tuple[bool, str]] = {
    "PKG_NOT_ZIP": (True, "文件 {name} 不是交换包（无法作为 ZIP 读取），未接收"),
    "PKG_UNREADABLE": (True, "无法读取文件 {name}：{reason}，未接收"),
    "PKG_DAMAGED": (
        True,
        "交换包 {name} 不完整或已损坏（{detail}）：可能复制或传输时中断，请重新复制一份，未接收",
    ),
    "PKG_TOO_LARGE": (True, "交换包过大或压缩比异常，未接收"),
    "PKG_UNSAFE_PATH": (True, "交换包含不安全的路径：{path}，未接收"),
    "PKG_MANIFEST": (True, "交换包清单缺失或不合格式（{detail}），未接收"),
    "PKG_VERSION": (True, "交换包版本 {v} 高于本程序支持的版本，请升级后导入"),
    "PKG_SIGNATURE": (True, "交换包签名无效：清单在签名后被改动，未接收"),
    "PKG_FILE_MISSING": (
        True,
        "文件 {path} 与清单不符（交换包中没有该文件）：交换包在生成后被改动，未接收",
    ),
    "PKG_HASH": (True, "文件 {path} 与清单不符（SHA-256 不一致）：交换包在生成后被改动，未接收"),
    "PKG_FILE_EXTRA": (True, "文件 {path} 不在清单中：交换包在生成后被改动，未接收"),
    "PKG_DATA": (True, "{detail}"),
    "PKG_DIGEST": (True, "{form} 的数据与清单中的校验码不一致，未接收"),
    "PKG_SIGNER_MISMATCH": (
        True,
        "签名证书属于 {subject}（{cert_code}），不是申报企业 {credit_code} 的证书，未接收",
    ),
    "PKG_PDF_MISMATCH": (False, "PDF 第 {n} 页校验码 {a} 与数据计算值 {b} 不一致"),
    "PKG_PDF_DRAFT": (False, "PDF 第 {n} 页带“草稿”水印"),
    "PKG_FORM_VERSION": (False, "表单版本 {v} 与本批次（{w}）不同"),
    "PKG_DUPLICATE": (False, "已接收过此交换包，未重复导入"),
    "PKG_OLDER": (False, "此交换包是第 {r} 版，已收到更新的第 {current} 版：仅存档"),
    "PKG_SAME_ENTERPRISE": (
        False,
        "同一企业（{credit_code}）已有另一份申报（{other}）：两份都保留，请核对",
    ),
    "PKG_KEY_CHANGED": (
        False,
        "签名密钥已变更（与已固定的指纹或上次提交的不同）：请核对企业盖章纸质件目录页上的"
        "签名指纹是否为 {fp}",
    ),
    "PKG_KEY_UNPINNED": (
        False,
        "该企业的签名密钥尚未核对（信任库中没有固定的指纹）：请核对企业盖章纸质件目录页上的"
        "签名指纹 {fp}，一致后固定该指纹",
    ),
    "PKG_KEY_REVOKED": (
        True,
        "签名证书已被吊销（{detail}）：离线无法确认签名早于吊销，交换包不能作为该企业的申报，"
        "未接收",
    ),
    "PKG_PDF_UNSIGNED": (False, "装订本 PDF 没有签名"),
    "PKG_PDF_SIGNATURE": (False, "装订本 PDF 的签名无效：{detail}"),
    "PKG_PDF_UNSUPPORTED": (False, "装订本 PDF 的签名（{alg}）无法在本机核验，请用签章平台核验"),
    "PKG_PDF_SIGNER": (False, "装订本 PDF 的签名证书与交换包的签名证书不同"),
}

FATAL = {code for code, (fatal, _) in CHECKS.items() if fatal}

# A flag kept with a received package, named in a few words for a list's 标记 column (the
# batch list, its xlsx): the full message needs the package's details, which only the
# verification had. DATA_UNVERIFIED is the inbox's flag of a plain DATA.json.
FLAG_NAMES: dict[str, str] = {
    "PKG_PDF_MISMATCH": "PDF 校验码与数据不一致",
    "PKG_PDF_DRAFT": "PDF 带“草稿”水印",
    "PKG_FORM_VERSION": "表单版本与本批次不同",
    "PKG_DUPLICATE": "重复提交",
    "PKG_OLDER": "旧版本（仅存档）",
    "PKG_SAME_ENTERPRISE": "同一企业另有申报",
    "PKG_KEY_CHANGED": "签名密钥已变更",
    "PKG_KEY_UNPINNED": "签名密钥未核对",
    "PKG_PDF_UNSIGNED": "PDF 未签名",
    "PKG_PDF_SIGNATURE": "PDF 签名无效",
    "PKG_PDF_UNSUPPORTED": "PDF 签名无法在本机核验",
    "PKG_PDF_SIGNER": "PDF 签名证书与交换包不同",
    "DATA_UNVERIFIED": "未校验来源",
}


def flag_name(code: str) -> str:
    """The flag's few words (``FLAG_NAMES``); a flag without them (one a newer check adds)
    by its message up to the first detail, never by its code while it has a message."""
    if code in FLAG_NAMES:
        return FLAG_NAMES[code]
    if code in CHECKS:
        return CHECKS[code][1].split("{")[0].rstrip("：（ ，") or code
    return code


@dataclass(frozen=True)
class Check:
    """One failed check: its code, whether it refuses the package, and the message."""

    code: str
    fatal: bool
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "fatal": self.fatal, "message": self.message}


def check(code: str, **params: Any) -> Check:
    fatal, template = CHECKS[code]
    return Check(code, fatal, template.format(**params))
