"""The enterprise's signing certificate on paper: its SHA-256 fingerprint as every format
prints it (PDF, Word, Excel) on the 目录 page and under 法定代表人（签名）, so the stamped
paper vouches for the key that signs the exchange package (issue 9, officials.md §3.3)."""

from __future__ import annotations

TOC_LABEL = "交换包签名指纹："
TOC_NOTE = (
    "此指纹对应企业的签名证书：经盖章的纸质件为该证书担保，"
    "主管部门可据此核验电子交换包。签名用于防篡改，不是电子公章。"
)
SIGNATURE_LABEL = "签名指纹："


def grouped(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four: ``3F47 973D DC01 8A2B``."""
    head = fingerprint[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def toc_line(fingerprint: str) -> str:
    return TOC_LABEL + grouped(fingerprint)


def signature_line(fingerprint: str) -> str:
    return SIGNATURE_LABEL + grouped(fingerprint)
