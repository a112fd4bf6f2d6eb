"""The flags a received package carries, as the official reads them: a Chinese name, whether
the official may settle one by a check of their own (an acknowledgement with a note), and
what the source of a submission is worth (``source_label``).

Two kinds of flag (officials.md §3.4–3.5, signing.md §7):
- the key or the algorithm could not be checked here, and the check is an offline one the
  official makes: the fingerprint printed on the stamped paper's 目录 page (a changed or an
  unpinned key), or the 签章平台 (an algorithm such as SM2). Acknowledged with a note saying
  what was checked, the flag no longer holds up 拟推荐;
- the content disagrees with itself (the booklet's codes, a 草稿 page, a broken or foreign
  booklet signature): no check by the official can make it agree. Only a return (退回) and a
  new package from the enterprise settle it.
"""

from __future__ import annotations

from dataclasses import dataclass

# flag → the offline check that settles it (what the official is asked to do)
ACKNOWLEDGEABLE = {
    "PKG_KEY_CHANGED": "请核对企业盖章纸质件目录页上打印的签名指纹与本版交换包的指纹（{fp}）"
    "是否一致，一致后确认该标记并写明核对情况（可同时固定新指纹）；不一致请退回企业",
    "PKG_KEY_UNPINNED": "请核对企业盖章纸质件目录页上打印的签名指纹与本版交换包的指纹（{fp}）"
    "是否一致，一致后确认该标记（可同时固定该指纹）",
    "PKG_PDF_UNSUPPORTED": "请在签章平台上核验装订本的签名，核验通过后确认该标记并写明核验情况",
}
KEY_FLAGS = ("PKG_KEY_CHANGED", "PKG_KEY_UNPINNED")


def blocks_recommendation(code: str) -> bool:
    """Flags that hold up 拟推荐 until settled (§3.5: no PKG_PDF_* flag; P4: no key change).
    An unpinned key does not: signing.md §7 accepts a first contact with a warning."""
    return code.startswith("PKG_PDF_") or code == "PKG_KEY_CHANGED"


def name(code: str) -> str:
    """The flag's few words, as the batch list's 标记 column shows them."""
    from zjtx_desktop.core.exchange.checks import flag_name

    return flag_name(code)


def grouped(fp: str) -> str:
    head = fp[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def what_to_do(code: str, fingerprint: str = "") -> str:
    """The way out of a flag, in Chinese."""
    if code in ACKNOWLEDGEABLE:
        return ACKNOWLEDGEABLE[code].format(fp=grouped(fingerprint) or "见交换包")
    return (
        "交换包的内容前后不一致，不能由推荐单位确认消除：须退回企业，由企业重新导出交换包后再次提交"
    )


@dataclass(frozen=True)
class Acknowledgement:
    code: str
    note: str
    actor: str
    at: str


def key_phrase(kind: str, signer: str, key_status: str, flags: list[str],
               acks: dict[str, Acknowledgement]) -> str:  # fmt: skip
    """What was checked of a package's signing key: 已验签，指纹已核对 / 已验签，密钥未核对
    （首次收到） / 已验签，密钥已变更 …; '' for a plain DATA.json."""
    if kind != "package" or not signer:
        return ""
    if "PKG_KEY_CHANGED" in flags:
        ack = acks.get("PKG_KEY_CHANGED")
        if ack is not None:
            return f"已验签，密钥已变更（{ack.actor}已核对确认）"
        return "已验签，密钥已变更，未核对"
    if key_status == "pinned":
        return "已验签，指纹已核对"
    if key_status == "root":
        return "已验签，证书由信任库中的根证书签发"
    ack = acks.get("PKG_KEY_UNPINNED")
    if ack is not None:
        return f"已验签，密钥已核对（{ack.actor}确认）"
    if key_status == "first":
        return "已验签，密钥未核对（首次收到）"
    return "已验签，密钥未核对"


def source_label(kind: str, signer: str, key_status: str, flags: list[str],
                 acks: dict[str, Acknowledgement]) -> str:  # fmt: skip
    """The source column and the review panel's line: 交换包（…） or 未校验来源."""
    phrase = key_phrase(kind, signer, key_status, flags, acks)
    return f"交换包（{phrase}）" if phrase else "未校验来源"
