"""A workspace opened by an officer: applications, part 六, comments, states, rank, sample.

The official never edits the enterprise's data (§3.1): what they write — part 六, comments,
states, rank, paper checks — lives in the workspace beside the received data. Every action
is one transaction with its audit row.
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.issues import Issue
from zjtx_desktop.core.refs import field_ref
from zjtx_desktop.core.store.database import immediate_transaction, is_read_only, now
from zjtx_desktop.core.store.errors import ReadOnlyStore
from zjtx_desktop.core.workspace import audit
from zjtx_desktop.core.workspace import flags as pkg_flags
from zjtx_desktop.core.workspace.review import (
    APPLICATION_FORM,
    build_session,
    recommender_fields,
)
from zjtx_desktop.core.workspace.schema import (
    MARK_TABLE,
    WORKSPACE,
    WorkspaceUnusable,
    open_workspace_db,
)
from zjtx_desktop.core.workspace.states import (
    State,
    TransitionRefused,
    check_listed,
)

if TYPE_CHECKING:
    from zjtx_desktop.core.exchange.trust import TrustStore

LEVELS = ("县", "市", "省")
SEVERITIES = ("须修改", "请说明", "提示")
PROFILE_KEYS = (
    "unit", "level", "programme", "batch", "province", "partner", "deadline", "copies", "quotas",
)  # fmt: skip


class WorkspaceError(Exception):
    """An action the workspace refuses; the message says why, in Chinese."""


@dataclass(frozen=True)
class AppRow:
    id: str
    enterprise: str
    credit_code: str
    programme: str
    revision: int
    submission: str
    state: State
    verified: bool
    received_at: str
    rank: int
    paper_reset: tuple[str, ...]


@dataclass(frozen=True)
class Submission:
    id: str
    application_id: str
    revision: int
    kind: str
    files: list[str]
    data: dict[str, dict[str, Any]]
    declarations: dict[str, Any]
    evidence: list[dict[str, Any]]
    replies: list[dict[str, Any]]
    digests: dict[str, str]
    signer: str
    flags: list[str]
    received_at: str
    status: str
    key_status: str = ""  # the trust store's word on the key at import (pkg_flags.key_phrase)


@dataclass(frozen=True)
class Comment:
    id: int
    application_id: str
    revision: int
    form_id: str
    field_id: str
    slot: str
    file: str
    severity: str
    text: str
    author: str
    created_at: str
    status: str
    supersedes: int | None
    reply: str
    resolved_note: str
    answered_at: str = ""  # the enterprise's own clock, ISO 8601; '' when unknown

    @property
    def reply_line(self) -> str:
        """The answer as every view shows it: 企业答复（2026-12-06 10:20）：…; '' if none."""
        if not self.reply:
            return ""
        when = self.answered_at[:16].replace("T", " ")
        return f"企业答复（{when}）：{self.reply}" if when else f"企业答复：{self.reply}"

    @property
    def status_text(self) -> str:
        """未处理, 企业已答复, 已关闭 or 已更正 (``COMMENT_STATUS``), never the stored word."""
        return COMMENT_STATUS.get(self.status, self.status)

    @property
    def place(self) -> str:
        """Where the comment points, as the forms print it (``comment_place``)."""
        from zjtx_desktop.core.workspace.field_names import comment_place

        return comment_place(self.form_id, self.field_id, self.file, self.slot)


# a comment's status as every view shows it (the 初核记录单, the window's list, the CLI)
COMMENT_STATUS = {"open": "未处理", "answered": "企业已答复", "resolved": "已关闭",
                  "superseded": "已更正"}  # fmt: skip


_APP_COLS = (
    "id, enterprise, credit_code, programme, revision, submission, state, verified, "
    "received_at, rank, paper_reset"
)
_SUB_COLS = (
    "id, application_id, revision, kind, files, data, declarations, evidence, replies, "
    "digests, signer, flags, received_at, status, key_status"
)


def _app(r: tuple[Any, ...]) -> AppRow:
    return AppRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        State(r[6]),
        bool(r[7]),
        r[8],
        r[9],
        tuple(json.loads(r[10] or "[]")),
    )


def _sub(r: tuple[Any, ...]) -> Submission:
    # files, data, declarations, evidence, replies, digests are JSON; signer (r[10]) is text
    j = [json.loads(x or "null") for x in r[4:10]]
    return Submission(
        r[0],
        r[1],
        r[2],
        r[3],
        j[0] or [],
        j[1] or {},
        j[2] or {},
        j[3] or [],
        j[4] or [],
        j[5] or {},
        r[10],
        json.loads(r[11] or "[]"),
        r[12],
        r[13],
        r[14],
    )


class Workspace:
    def __init__(
        self,
        path: Path,
        officer: str = "",
        trust: TrustStore | None = None,
        *,
        reading: bool = False,
    ) -> None:
        """Open the workspace as ``officer`` (a new name is added to its officers). With
        ``reading`` nothing is written on opening (the officer is not added) and a file that
        cannot be written opens read-only (``read_only``): listing, checking the audit log and
        reading comments work on a copy on a CD or a read-only share, a write is refused.
        ``trust``: the official's trust store (pinned keys, CA roots, CRLs; the one
        ``zjtx trust`` writes), given by the window or the CLI. Without it packages are
        verified but their signing key is not looked up (their source says 密钥未核对)."""
        self.path = Path(path)
        self.trust = trust
        self.conn: sqlite3.Connection = open_workspace_db(self.path, reading=reading)
        self.read_only = is_read_only(self.conn)
        self.profile = self._meta()
        if not self.profile.get("unit"):
            self.conn.close()
            raise WorkspaceUnusable(f"{path} 不是已初始化的工作区（先用 zjtx workspace init）")
        officers = self.officers()
        self.officer = officer.strip() or (officers[0] if officers else "")
        if self.officer and self.officer not in officers and not reading:
            with self.transaction():
                self._add_officer(self.officer)

    # --- creation, profile, officers ----------------------------------------------------

    @classmethod
    def init(
        cls,
        path: Path,
        *,
        unit: str,
        level: str,
        programme: str,
        batch: str = "",
        partner: str = "",
        officer: str = "",
    ) -> Workspace:
        from zjtx_desktop.core.forms.registry import programmes

        if level not in LEVELS:
            raise WorkspaceError(f"单位级别应为 县、市 或 省，而不是“{level}”")
        if not unit.strip():
            raise WorkspaceError("请填写单位名称")
        if programme not in programmes():
            known = "、".join(programmes())
            raise WorkspaceError(f"未知申报项目“{programme}”（可用：{known}）")
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise WorkspaceError(f"{path} 已存在，未作改动（工作区不会被覆盖）")
        conn = open_workspace_db(path, create=True)
        meta = {
            "unit": unit.strip(),
            "level": level,
            "programme": programme,
            "batch": batch,
            "partner": partner,
            "created_at": now(),
        }
        conn.execute("BEGIN IMMEDIATE")
        for k, v in meta.items():
            conn.execute(f"INSERT INTO {MARK_TABLE} (key, value) VALUES (?, ?)", (k, v))
        actor = officer.strip()
        if actor:
            conn.execute("INSERT INTO officers VALUES (?, ?)", (actor, now()))
        audit.append(conn, actor, "workspace_init", new=meta)
        conn.execute("COMMIT")
        conn.close()
        return cls(path, actor)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One act and its audit row, as the drafts store writes: another program holding the
        file is waited for (``LOCK_WAIT_S``), then named; SQLite's words become the Chinese
        ``StoreError`` of the drafts database, calling the file 工作区."""
        if self.read_only:
            raise ReadOnlyStore(
                f"{WORKSPACE.label} {self.path} 是只读的（文件或所在文件夹不可写）："
                "可以查看和导出，不能修改"
            )
        with immediate_transaction(self.conn, self.path, WORKSPACE.label):
            yield

    def _meta(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in self.conn.execute(f"SELECT key, value FROM {MARK_TABLE}"):
            out[k] = json.loads(v) if k in ("copies", "quotas") else v
        return out

    def set_profile(self, key: str, value: Any) -> None:
        """Deadline, 一式N份 per paper item ({"nat-xjr-application-2021": 2}), quotas …"""
        if key not in PROFILE_KEYS:
            raise WorkspaceError(f"工作区没有“{key}”这一项（可设：{'、'.join(PROFILE_KEYS)}）")
        stored = json.dumps(value, ensure_ascii=False) if key in ("copies", "quotas") else value
        old = self.profile.get(key)
        with self.transaction():
            self.conn.execute(
                f"INSERT OR REPLACE INTO {MARK_TABLE} (key, value) VALUES (?, ?)", (key, stored)
            )
            audit.append(self.conn, self.officer, "profile", field_id=key, old=old, new=value)
        self.profile[key] = value

    def officers(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM officers ORDER BY added_at")]

    def _add_officer(self, name: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO officers VALUES (?, ?)", (name, now()))
        audit.append(self.conn, name, "officer_added", new=name)

    def log(self, action: str, **kw: Any) -> int:
        """One audit row by the current officer (inside the caller's transaction)."""
        return audit.append(self.conn, self.officer, action, **kw)

    # --- applications and what was received ---------------------------------------------

    def applications(self) -> list[AppRow]:
        cur = self.conn.execute(f"SELECT {_APP_COLS} FROM applications ORDER BY rank, id")
        return [_app(r) for r in cur]

    def application(self, app_id: str) -> AppRow:
        r = self.conn.execute(
            f"SELECT {_APP_COLS} FROM applications WHERE id = ?", (app_id,)
        ).fetchone()
        if r is None:
            matches = self.conn.execute(
                f"SELECT {_APP_COLS} FROM applications WHERE id LIKE ?", (app_id + "%",)
            ).fetchall()
            if len(matches) != 1:
                raise WorkspaceError(f"工作区中没有申报编号为“{app_id}”的申报")
            r = matches[0]
        return _app(r)

    def submission(self, sub_id: str) -> Submission:
        r = self.conn.execute(f"SELECT {_SUB_COLS} FROM submissions WHERE id = ?", (sub_id,))
        row = r.fetchone()
        if row is None:
            raise WorkspaceError(f"没有编号为 {sub_id} 的接收记录")
        return _sub(row)

    def submissions(self, app_id: str) -> list[Submission]:
        cur = self.conn.execute(
            f"SELECT {_SUB_COLS} FROM submissions WHERE application_id = ? ORDER BY revision",
            (app_id,),
        )
        return [_sub(r) for r in cur]

    def current(self, app_id: str) -> Submission:
        return self.submission(self.application(app_id).submission)

    def session(self, app_id: str, revision: int | None = None) -> ApplicationSession:
        """The reviewer's session of the current (or a given) revision, with part 六."""
        app = self.application(app_id)
        sub = self.current(app.id)
        if revision is not None and revision != app.revision:
            sub = next((s for s in self.submissions(app.id) if s.revision == revision), sub)
        return build_session(sub.data, sub.declarations, self.part6(app.id))

    # --- part 六 -------------------------------------------------------------------------

    def part6(self, app_id: str) -> dict[str, Any]:
        cur = self.conn.execute(
            "SELECT field, value FROM part6 WHERE application_id = ?", (app_id,)
        )
        return {f: json.loads(v) for f, v in cur}

    def set_part6(self, app_id: str, field_id: str, raw: Any) -> list[Issue]:
        """Keep what the official typed for a part 六 (or cover) field; return its issues."""
        app = self.application(app_id)
        self._editable(app)
        if field_id not in recommender_fields():
            raise WorkspaceError(f"“{field_id}”不是推荐单位填写的字段（第六部分或封面）")
        old = self.part6(app.id).get(field_id)
        blank = raw is None or raw == "" or raw == []
        with self.transaction():
            if blank:
                self.conn.execute(
                    "DELETE FROM part6 WHERE application_id = ? AND field = ?", (app.id, field_id)
                )
            else:
                self.conn.execute(
                    "INSERT OR REPLACE INTO part6 VALUES (?, ?, ?, ?, ?)",
                    (app.id, field_id, json.dumps(raw, ensure_ascii=False), now(), self.officer),
                )
            self.log(
                "part6",
                application_id=app.id,
                revision=app.revision,
                form_id=APPLICATION_FORM,
                field_id=field_id,
                old=old,
                new=raw,
            )
            self._touch(app)
        return list(self.session(app.id).issues(field_ref(APPLICATION_FORM, field_id)))

    def _editable(self, app: AppRow) -> None:
        if app.state in (State.REPORTED, State.VOID):
            raise WorkspaceError(f"申报处于“{app.state}”状态，不能修改（先撤销）")

    def _touch(self, app: AppRow) -> None:
        """The first edit moves 已接收 (or 已重新提交) to 初核中 (inside a transaction)."""
        if app.state in (State.RECEIVED, State.RESUBMITTED):
            self._transition(app, State.IN_REVIEW, "", by_app=True)

    def open_for_review(self, app_id: str) -> None:
        app = self.application(app_id)
        if app.state in (State.RECEIVED, State.RESUBMITTED):
            with self.transaction():
                self._touch(app)

    # --- comments ------------------------------------------------------------------------

    def add_comment(
        self,
        app_id: str,
        form_id: str,
        field_id: str,
        severity: str,
        text: str,
        *,
        slot: str = "",
        file: str = "",
        supersedes: int | None = None,
    ) -> int:
        app = self.application(app_id)
        self._editable(app)
        if severity not in SEVERITIES:
            raise WorkspaceError(f"意见类别应为 {'、'.join(SEVERITIES)}，而不是“{severity}”")
        if not text.strip():
            raise WorkspaceError("意见内容不能为空")
        sub = self.current(app.id)
        if form_id == "evidence":
            known = {e.get("path", "").rsplit("/", 1)[-1].split(".")[0] for e in sub.evidence}
            if file and sub.evidence and file not in known:
                raise WorkspaceError(f"本申报没有佐证材料“{file}”")
        elif form_id != "general":
            if form_id not in sub.data:
                raise WorkspaceError(f"本申报没有表单“{form_id}”")
            from zjtx_desktop.core.forms.registry import get_form

            if field_id not in get_form(form_id).fields:
                raise WorkspaceError(f"表单 {form_id} 没有字段“{field_id}”")
        old = None
        if supersedes is not None:
            prev = self.comment(supersedes)
            if prev.application_id != app.id:
                raise WorkspaceError("只能更正同一申报的意见")
            old = prev.text
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO comments (application_id, revision, form_id, field_id, slot, file, "
                "severity, text, author, created_at, status, supersedes, reply, resolved_note, "
                "resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, '', '', '')",
                (
                    app.id,
                    app.revision,
                    form_id,
                    field_id,
                    slot,
                    file,
                    severity,
                    text.strip(),
                    self.officer,
                    now(),
                    supersedes,
                ),
            )
            cid = int(cur.lastrowid or 0)
            if supersedes is not None:
                self.conn.execute(
                    "UPDATE comments SET status = 'superseded' WHERE id = ?", (supersedes,)
                )
            self.log(
                "comment",
                application_id=app.id,
                revision=app.revision,
                form_id=form_id,
                field_id=field_id or file,
                slot=slot,
                old=old,
                new=text.strip(),
                reason=severity,
                ref=cid,
            )
            self._touch(app)
        return cid

    def comment(self, comment_id: int) -> Comment:
        r = self.conn.execute(
            "SELECT id, application_id, revision, form_id, field_id, slot, file, severity, text, "
            "author, created_at, status, supersedes, reply, resolved_note, answered_at "
            "FROM comments "
            "WHERE id = ?",
            (comment_id,),
        ).fetchone()
        if r is None:
            raise WorkspaceError(f"没有编号为 {comment_id} 的意见")
        return Comment(*r)

    def comments(self, app_id: str, status: str | None = None) -> list[Comment]:
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM comments WHERE application_id = ? ORDER BY id", (app_id,)
            )
        ]
        out = [self.comment(i) for i in ids]
        return [c for c in out if status is None or c.status == status]

    def open_comments(self, app_id: str) -> list[Comment]:
        """Comments still waiting: open, or answered by the enterprise and not yet resolved."""
        return [c for c in self.comments(app_id) if c.status in ("open", "answered")]

    def resolve_comment(self, comment_id: int, note: str) -> None:
        c = self.comment(comment_id)
        if c.author != self.officer:
            raise WorkspaceError(f"只有意见的提出人（{c.author}）可以关闭这条意见")
        if not note.strip():
            raise WorkspaceError("关闭意见须写明处理说明")
        if c.status in ("resolved", "superseded"):
            raise WorkspaceError(f"这条意见已经{'关闭' if c.status == 'resolved' else '被更正'}")
        with self.transaction():
            self.conn.execute(
                "UPDATE comments SET status = 'resolved', resolved_note = ?, resolved_at = ? "
                "WHERE id = ?",
                (note.strip(), now(), comment_id),
            )
            self.log(
                "comment_resolved",
                application_id=c.application_id,
                form_id=c.form_id,
                field_id=c.field_id,
                old=c.status,
                new="resolved",
                reason=note.strip(),
                ref=comment_id,
            )

    # --- states --------------------------------------------------------------------------

    def set_state(self, app_id: str, new: State | str, reason: str = "") -> None:
        """The official's transition, guarded (§3.5); one audit row."""
        app = self.application(app_id)
        target = State(new)
        check_listed(app.state, target, reason)
        if target == State.RECOMMENDED:
            problem = self.recommend_problem(app.id)
            if problem:
                raise TransitionRefused(f"不能改为“拟推荐”：{problem}")
        with self.transaction():
            self._transition(app, target, reason)

    def _transition(
        self, app: AppRow, new: State, reason: str, by_app: bool = False, ref: Any = None
    ) -> None:
        check_listed(app.state, new, reason, by_app=by_app)
        self.conn.execute("UPDATE applications SET state = ? WHERE id = ?", (new, app.id))
        self.log(
            "state",
            application_id=app.id,
            revision=app.revision,
            old=app.state,
            new=new,
            reason=reason,
            ref=ref,
        )

    def recommend_problem(self, app_id: str) -> str:
        """Why 拟推荐 is not possible now ("" when it is): the first reason (T1)."""
        p6 = self.part6(app_id)
        labels = {
            "review_class": "符合分类指标",
            "review_mandatory_count": "符合必备指标项数",
            "review_opinion": "推荐意见",
        }
        for fid, label in labels.items():
            if p6.get(fid) in (None, "", []):
                return f"第六部分“{label}”尚未填写"
        if p6.get("review_opinion") != "同意":
            return "第六部分推荐意见不是“同意”"
        session = self.session(app_id)
        for issue in session.state(APPLICATION_FORM).all_issues():
            if issue.rule in ("review_class_matches_ticks", "review_count_matches_ticks"):
                return "第六部分" + (
                    "填写的分类与勾选的分类指标不一致"
                    if issue.rule == "review_class_matches_ticks"
                    else "填写的必备指标项数与勾选的项数不一致"
                )
        must = [c for c in self.open_comments(app_id) if c.severity == "须修改"]
        if must:
            ids = "、".join(str(c.id) for c in must)
            return f"还有{len(must)}条“须修改”意见未关闭（第{ids}条）"
        sub = self.current(app_id)
        acks = self.flag_acks(sub.id)
        for code in sub.flags:
            if pkg_flags.blocks_recommendation(code) and code not in acks:
                todo = pkg_flags.what_to_do(code, sub.signer)
                return f"交换包标记“{pkg_flags.name(code)}”尚未处理：{todo}"
        return ""

    # --- flags the official settles by a check of their own -------------------------------

    def flag_acks(self, submission_id: str) -> dict[str, pkg_flags.Acknowledgement]:
        cur = self.conn.execute(
            "SELECT code, note, actor, at FROM flag_acks WHERE submission_id = ?", (submission_id,)
        )
        return {r[0]: pkg_flags.Acknowledgement(*r) for r in cur}

    def source_label(self, app_id: str) -> str:
        """交换包（已验签，指纹已核对） … or 未校验来源: what was checked of the current
        revision's signing key."""
        sub = self.current(app_id)
        return pkg_flags.source_label(
            sub.kind, sub.signer, sub.key_status, sub.flags, self.flag_acks(sub.id)
        )

    def flags_to_acknowledge(self, app_id: str) -> list[str]:
        """The current revision's flags the official may settle by a check of their own and
        has not yet (the window shows 确认标记… while there is one)."""
        sub = self.current(app_id)
        acks = self.flag_acks(sub.id)
        return [c for c in sub.flags if c in pkg_flags.ACKNOWLEDGEABLE and c not in acks]

    def acknowledge_flag(self, app_id: str, code: str, note: str, pin: bool = False) -> None:
        """The official settles a flag of the current revision by an offline check of their
        own (pkg_flags.ACKNOWLEDGEABLE): the note says what was checked; one audit row. With
        ``pin`` a key flag also pins the key in the trust store, so later packages signed
        with it pass without the flag. Flags that say the content disagrees are refused:
        they need a return."""
        app = self.application(app_id)
        self._editable(app)
        sub = self.current(app.id)
        code = code.strip().upper()
        if code not in sub.flags:
            raise WorkspaceError(f"本申报第{app.revision}版没有“{pkg_flags.name(code)}”标记")
        if code not in pkg_flags.ACKNOWLEDGEABLE:
            todo = pkg_flags.what_to_do(code)
            raise WorkspaceError(f"“{pkg_flags.name(code)}”不能确认消除：{todo}")
        if not self.officer:
            raise WorkspaceError("确认标记须署名：请给出操作人")
        if not note.strip():
            raise WorkspaceError(
                "确认标记须写明核对情况（如：已核对纸质件目录页签名指纹，与交换包一致）"
            )
        done = self.flag_acks(sub.id).get(code)
        if done is not None:
            raise WorkspaceError(f"“{pkg_flags.name(code)}”已由{done.actor}确认（{done.note}）")
        pinned = ""
        if pin:
            if code not in pkg_flags.KEY_FLAGS:
                raise WorkspaceError(f"“{pkg_flags.name(code)}”与签名密钥无关，不能固定指纹")
            if self.trust is None:
                raise WorkspaceError("没有信任库，无法固定指纹")
            from zjtx_desktop.core.exchange.trust import TrustError

            try:
                pinned = self.trust.pin(app.credit_code, sub.signer, app.enterprise, "paper").sha256
            except TrustError as e:
                raise WorkspaceError(str(e)) from None
        with self.transaction():
            self.conn.execute(
                "INSERT INTO flag_acks VALUES (?, ?, ?, ?, ?)",
                (sub.id, code, note.strip(), self.officer, now()),
            )
            self.log(
                "flag_ack",
                application_id=app.id,
                revision=app.revision,
                field_id=code,
                new={"pinned": pinned} if pinned else None,
                reason=note.strip(),
                ref=sub.id,
            )
            self._touch(app)

    # --- rank and sample -----------------------------------------------------------------

    def move(self, app_id: str, position: int) -> None:
        """择优: move an application to rank ``position`` (1-based); the others follow."""
        apps = self.applications()
        app = self.application(app_id)
        order = [a.id for a in apps if a.id != app.id]
        position = max(1, min(position, len(apps)))
        old = next(i for i, a in enumerate(apps, start=1) if a.id == app.id)
        order.insert(position - 1, app.id)
        with self.transaction():
            for i, aid in enumerate(order, start=1):
                self.conn.execute("UPDATE applications SET rank = ? WHERE id = ?", (i, aid))
            self.log("rank", application_id=app.id, revision=app.revision, old=old, new=position)

    def sample(self, percent: float, seed: int, state: str | None = None) -> list[str]:
        """抽查: ⌈p·n⌉ applications drawn with a printed seed; the same seed draws the same."""
        if not 0 < percent <= 100:
            raise WorkspaceError("抽查比例应在 0 到 100 之间")
        pool = sorted(a.id for a in self.applications() if state is None or a.state == state)
        k = math.ceil(round(percent * len(pool) / 100, 9))
        drawn = sorted(random.Random(seed).sample(pool, k))
        with self.transaction():
            self.log("sample", new=drawn, reason=f"比例{percent}%，随机种子{seed}", ref=len(pool))
        return drawn
