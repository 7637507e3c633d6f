"""One network sync with the hub: pull and import what waits, write what is due, post the queue.

`sync_now` is `township sync now` and the app's background sync. In one run, for this site:

1. the signed health probe (hub_client): a captive portal or another server stops the run there,
   before anything is sent; with no hub key pinned yet, the key of the first signed answer is
   pinned (settings.HUB_KEY);
2. **pull**: everything the hub lists for this site after the last arrival id this installation
   imported from that hub, fetched into `inbox/` and imported as a file from the stick is
   (`incoming.import_files`: verified, applied all or nothing, idempotent by the bundle's
   identity - a bundle that came by stick too is "already imported"); the position advances only
   after the import, so a run stopped between the two fetches them again, harmlessly;
3. **write**: a township writes its next data bundle into the outbox when there is something
   the last one did not carry (never a new bundle per run while the county has not answered); a
   county writes return bundles for the townships whose bundles it just applied, and for those
   with messages never sent, and an items-only bundle for the province when cross-check items
   for other counties wait (desktop.core.sync.province_bundle);
4. **post** every queued bundle (outbox), oldest first per recipient. A bundle the hub refuses
   stays queued with the reason, and the others still go (one bad bundle never blocks the
   queue); when the hub cannot be reached the run stops with the bundles still queued.

A `HubError` that is `transient` (unreachable, portal, rate limit, hub failure) means: try again
later, nothing is lost. Qt-free.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.paths import DataDir
from desktop.core.progress import Progress, ensure
from desktop.core.store import settings
from desktop.core.store.db import Database, transaction
from desktop.core.sync import bundle, incoming, outbox, outgoing, province_bundle, trust
from desktop.core.sync.hub_client import HubClient, HubError

log = logging.getLogger("township.sync")

PULLED = "hub_pulled_after"    # {hub url: the last arrival id imported from it}
INBOX = "inbox"


@dataclass
class Report:
    """What one run did: bundles imported, written, posted, refused by the hub."""

    hub: str
    fingerprint: str = ""
    pinned: bool = False
    imported: list = field(default_factory=list)        # incoming.Outcome
    written: list = field(default_factory=list)         # outgoing.Written
    posted: list = field(default_factory=list)          # (file name, "stored" | "duplicate")
    refused: list = field(default_factory=list)         # (file name, Text)

    @property
    def ok(self) -> bool:
        return not self.refused and all(o.ok for o in self.imported)

    def lines(self) -> list[Text]:
        out = []
        if self.pinned:
            out.append(Text(f"first contact with the hub {self.hub}: its key {self.fingerprint} is kept; "
                            "an answer signed by another key will be refused",
                            f"首次连接中心 {self.hub}：已保存其密钥 {self.fingerprint}；其他密钥签名的应答将被拒绝"))
        out += [o.describe() for o in self.imported]
        out += [Text(f"wrote {w.path.name} ({w.counts.get('records', 0)} records, {w.counts.get('items', 0)} items)",
                     f"已写出 {w.path.name}（{w.counts.get('records', 0)} 条记录，{w.counts.get('items', 0)} 个事项）")
                for w in self.written]
        for name, status in self.posted:
            out.append(Text(f"sent {name} to the hub" + (" (it had it already)" if status == "duplicate" else ""),
                            f"已将 {name} 发送到中心" + ("（中心已有此包）" if status == "duplicate" else "")))
        for name, reason in self.refused:
            out.append(Text(f"{name} stays queued: {reason.en}", f"{name} 仍在待发送队列中：{reason.zh}"))
        if not (self.imported or self.written or self.posted or self.refused):
            out.append(Text("in step with the hub: nothing to send or fetch", "与中心已同步：没有要发送或接收的内容"))
        return out


def hub_url(db: Database, override: str | None = None) -> str:
    """The hub to use: `override` (--hub URL), else the setting; UserError when neither is set."""
    url = (override or settings.get(db, settings.HUB_URL) or "").strip()
    if not url:
        raise UserError(Text("no hub address is set: give --hub URL, or set it on the Sync page",
                             "未设置中心地址：请用 --hub URL 指定，或在“同步”页面设置"), code="no-hub-url")
    return url


def client_for(db: Database, paths: DataDir, url: str, *, timeout: float | None = None) -> HubClient:
    _role, code = trust.own_code(db)
    options = {"timeout": timeout} if timeout else {}
    return HubClient(url, trust.install_keys(paths), code, hub_key=settings.get(db, settings.HUB_KEY), **options)


def probe(db: Database, paths: DataDir, url: str, *, timeout: float | None = None) -> Report:
    """The signed health probe alone (the app's reachability check); pins the hub key at first contact."""
    client = client_for(db, paths, url, timeout=timeout)
    report = Report(url)
    _check_health(db, client, report)
    return report


def _check_health(db: Database, client: HubClient, report: Report) -> None:
    health = client.health()
    report.fingerprint = health.fingerprint
    if not client.hub_key:
        with transaction(db):
            settings.put(db, settings.HUB_KEY, health.hub_key)
        client.hub_key, report.pinned = health.hub_key, True
        log.info("pinned the hub key %s", health.fingerprint)


def sync_now(db: Database, paths: DataDir, url: str, *, clerk: str | None = None,
             progress: Progress | None = None, timeout: float | None = None) -> Report:
    """One run against the hub at `url` (see the module's docstring). Raises HubError when the
    hub cannot be reached or is not the hub; what was done before that is kept."""
    progress = ensure(progress)
    role, _code = trust.own_code(db)
    client = client_for(db, paths, url, timeout=timeout)
    report = Report(url)
    progress(0, 4, Text("checking the hub", "检查中心"))
    _check_health(db, client, report)
    progress(1, 4, Text("fetching what waits at the hub", "接收中心的待收同步包"))
    _pull(db, paths, client, role, report, clerk, progress)
    progress(2, 4, Text("writing the bundles due", "写出待发同步包"))
    _write_due(db, paths, role, report, clerk)
    progress(3, 4, Text("sending the queued bundles", "发送待发送的同步包"))
    _post_queue(db, paths, client, report)
    outbox.prune(db, paths)
    progress(4, 4)
    return report


def _pull(db, paths: DataDir, client: HubClient, role: str, report: Report, clerk, progress) -> None:
    positions = settings.get(db, PULLED) or {}
    after = int(positions.get(client.url, 0) or 0)
    listed = client.listing(after)
    if not listed:
        return
    # a county takes its townships' bundles and the province's (cross-county items)
    expect = (bundle.KIND_DATA, bundle.KIND_PROVINCE_RETURN) if role == "county" else (bundle.KIND_RETURN,)
    inbox = paths.root / INBOX
    inbox.mkdir(parents=True, exist_ok=True)
    wanted = sorted((e for e in listed if e.get("kind") in expect),
                    key=lambda e: (str(e.get("township") or e.get("sender") or ""), int(e.get("sequence") or 0)))
    files = []
    try:
        for entry in wanted:
            name = str(entry.get("name") or "")
            folder = inbox / str(entry["id"])     # one folder per arrival: two bundles may share a name
            folder.mkdir(exist_ok=True)
            # a name the bundle format gives (no path, no other characters), else its identity
            target = folder / (name if bundle.parse_bundle_file_name(name) else f"{entry['sha256']}.tdb")
            files.append(client.fetch(entry["sha256"], target, entry.get("file_sha256")))
        report.imported += incoming.import_files(db, paths, files, clerk=clerk, progress=progress)
        with transaction(db):    # only now: a run stopped before this fetches them again, harmlessly
            positions[client.url] = max(int(e["id"]) for e in listed)
            settings.put(db, PULLED, positions)
    finally:
        for path in files:
            shutil.rmtree(path.parent, ignore_errors=True)


def _township_has_news(db) -> bool:
    """Whether a new data bundle is due: none is waiting for the county's answer, or something
    happened that the last one did not carry (a change, an item received and not yet reported)."""
    _role, township = trust.own_code(db)
    last = db.execute("SELECT sequence, through_seq FROM sync_sent WHERE kind = ? AND township = ? "
                      "ORDER BY sequence DESC LIMIT 1", [bundle.KIND_DATA, township]).fetchone()
    acked = int((settings.get(db, incoming.LAST_ACK) or {}).get("acked_sequence") or 0)
    if last is None or last[0] <= acked:
        return True
    marks = ",".join("?" * len(outgoing.BOOKKEEPING_EVENTS))
    changed = db.execute(f"SELECT 1 FROM audit WHERE seq > ? AND event NOT IN ({marks}) LIMIT 1",
                         [last[1], *outgoing.BOOKKEEPING_EVENTS]).fetchone()
    unreported = db.execute("SELECT 1 FROM exchange_items WHERE direction = 'in' AND acked_at IS NULL "
                            "AND bundle_seq IS NULL LIMIT 1").fetchone()
    return bool(changed or unreported)


def _write_due(db, paths: DataDir, role: str, report: Report, clerk) -> None:
    target = outbox.folder(paths, create=True)
    if role == "township":
        if _township_has_news(db):
            written = outgoing.export_township(db, paths, target, clerk=clerk)
            if written is not None:
                report.written.append(written)
        return
    enrolled = {row["owner"] for row in trust.enrolled(db, status="active") if row["role"] == "township"}
    applied = {o.township for o in report.imported if o.outcome == "applied" and o.township}
    unsent = {row[0] for row in db.execute("SELECT DISTINCT target FROM exchange_items WHERE direction = 'out' "
                                           "AND sent_at IS NULL AND acked_at IS NULL")}
    townships = sorted((applied | unsent) & enrolled)
    if townships:
        report.written += outgoing.export_returns(db, paths, target, townships=townships, clerk=clerk)
    written = province_bundle.export_items(db, paths, target)   # cross-check items for other counties
    if written is not None:
        report.written.append(written)


def _post_queue(db, paths: DataDir, client: HubClient, report: Report) -> None:
    for entry in outbox.to_post(db):
        path = outbox.path_of(paths, entry)
        if not path.is_file():
            reason = Text("its copy in the outbox folder is missing; the next bundle carries its changes",
                          "发件箱中的副本已丢失；下一个同步包将带上其更改")
            with transaction(db):
                outbox.mark_failed(db, entry.sha256, reason)
            report.refused.append((entry.file_name, reason))
            continue
        try:
            answer = client.post_file(path)
        except HubError as error:
            with transaction(db):
                outbox.mark_failed(db, entry.sha256, error.text)
            if error.transient:
                raise                     # the rest stay queued for the next try
            report.refused.append((entry.file_name, error.text))
            continue
        with transaction(db):
            outbox.mark_sent(db, entry.sha256)
            if entry.kind == bundle.KIND_PROVINCE:
                # the province hub merges a county bundle in the transaction that stores it, and
                # sends nothing back: its answer is the acknowledgement
                outbox.acknowledge(db, entry.kind, entry.township, entry.sequence)
                province_bundle.acknowledged(db, entry.sequence)   # and the cross-county items it carried
        report.posted.append((entry.file_name, answer["status"]))
