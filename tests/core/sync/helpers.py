"""Helpers for the sync tests: valid resident IDs, whole-installation setup through the CLI,
and a content hash of the county's data (what must not change when a bundle is refused)."""

from __future__ import annotations

import datetime
import hashlib
import json

from stdnum.cn import ric

COUNTY = "131025"
TOWNSHIPS = ("131025100", "131025101")

# Tables whose content is "the county's data". sync_received (the log of import attempts,
# refused ones included) and the county's own audit trail of imports are bookkeeping and left out.
DATA_QUERIES = (
    "SELECT id, form_id, form_version, township, status, version, data, created_at, created_by, updated_at,"
    " updated_by, deleted, delete_reason FROM records ORDER BY id",
    "SELECT form_id, field, value, record_id FROM record_keys ORDER BY 1, 2, 3, 4",
    "SELECT township, seq, hash FROM sync_audit_in ORDER BY township, seq",
    "SELECT record_a, township_a, record_b, township_b FROM sync_resident_conflicts ORDER BY 1, 2",
    "SELECT id, direction, type, origin, target, payload FROM exchange_items ORDER BY id, direction",
    "SELECT township, record_id, reason FROM sync_record_refusals ORDER BY 1, 2",
)


def resident_id(serial: int, region: str = "131025", birth: str | None = None) -> str:
    """A valid ID for person number `serial` (the same serial, the same ID). Each serial is born on
    a day of its own, so two people are never one mistyped digit apart (the likely-duplicate check
    would take them for one person)."""
    if birth is None:
        birth = (datetime.date(1950, 1, 1) + datetime.timedelta(days=serial % 1000 * 13)).strftime("%Y%m%d")
    body = f"{region}{birth}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def county_data_hash(db) -> str:
    digest = hashlib.sha256()
    for query in DATA_QUERIES:
        for row in db.execute(query):
            digest.update(json.dumps(list(row), ensure_ascii=False, default=str).encode())
        digest.update(b"|")
    return digest.hexdigest()


def file_bytes(path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


PASSWORD = "test-password"


def make_sites(root, townships=TOWNSHIPS, *, fresh: bool = False):
    """A county and townships set up and enrolled with each other through the core API, as
    `township init` and `township keys export/enroll` do it. Returns (county_dir, {code: dir}).

    The sites are copies of ones built once per test process (tests/helpers/workspaces.py), so
    every copy holds the same keys; `fresh=True` builds new ones (another county's installation)."""
    from pathlib import Path

    from tests.helpers.workspaces import cached

    root = Path(root)
    if fresh:
        _build_sites(root, townships)
    else:
        cached(("sites", tuple(townships)), lambda folder: _build_sites(folder, townships), root)
    return root / "county", {code: root / code for code in townships}


def _build_sites(root, townships):
    from desktop.core.sync import enrollment, trust
    from desktop.core.sync.bundle import read_bundle_file
    from desktop.core.workspace.setup import initialise

    stick = root / "enroll-stick"
    stick.mkdir(parents=True, exist_ok=True)
    county_dir = root / "county"
    with initialise(county_dir, role="county", code=COUNTY, clerk="county", password=PASSWORD) as county:
        trust.setup_install(county.db, county.paths)
        trust.export_keys(county.db, county.paths, stick)
    pack = read_bundle_file(stick / enrollment.county_pack_file_name(COUNTY))
    for code in townships:
        folder = root / code
        with initialise(folder, role="township", code=code, clerk="clerk", password=PASSWORD) as township:
            trust.setup_install(township.db, township.paths, pack)
            trust.export_keys(township.db, township.paths, stick)
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(county_dir) as county:
        for code in townships:
            trust.enroll_file(county.db, county.paths, file_bytes(stick / enrollment.enrollment_file_name(code)))


# A complete floating-population record the form's rules accept; name and ID come from each person.
PERSON = {"ethnicity": "01", "hukou_address": "河北省廊坊市大城县平舒镇", "marital_status": "10",
          "arrival_date": "2020-03-01", "move_reason": "01", "status": "present"}


_NUMERALS = str.maketrans("0123456789", "零一二三四五六七八九")


def person(workspace, values) -> dict:
    """`values` completed into a record the entry rules accept (birth date and sex from the ID)."""
    from desktop.core.entry.form_entry import identity_from_id

    values = dict(values)
    if "name" in values:   # a name has no digits: 人12 -> 人一二
        values["name"] = values["name"].translate(_NUMERALS)
    return {**PERSON, "village": f"{workspace.township}001", **(identity_from_id(values.get("id_number", "")) or {}),
            **values}


def add_people(workspace, people, form="floating_population", overrides: dict | None = None):
    """Save valid, complete records through the entry path (the form's rules and unique fields), so
    that the county's rule check finds nothing to raise. `overrides` are the clerk's reasons for
    warnings ({field: reason}; kept only where a warning is raised)."""
    from desktop.core.entry import entry

    return [entry.add(workspace, form, person(workspace, values), overrides=overrides) for values in people]


def decode_payload(gzipped: bytes, kind: str) -> dict:
    """The payload of a decrypted format 4 payload (gzip'd JSON lines) as one dict, read with the
    stock gzip and json modules: the header's fields, each streamed list joined from its chunks."""
    import gzip

    from desktop.core.sync import stream

    lines = [json.loads(line) for line in gzip.decompress(gzipped).decode("utf-8").splitlines()]
    payload = dict(lines[0]["header"])
    for name in stream.STREAMED[kind]:
        payload[name] = [row for line in lines[1:] for row in line.get(name, [])]
    return payload


def older_format(data: bytes, township_dir, version: int, *, drop=("returns_through", "county_key")) -> bytes:
    """A township's data bundle as an older version wrote it: `format_version` set to `version`,
    without the payload's `drop` fields (those of later formats), re-encrypted to the same
    recipients and re-signed with the township's real keys."""
    import pyrage
    from pyrage import x25519

    from desktop.core.sync import bundle, container, trust
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(township_dir) as township:
        keys = trust.install_keys(township.paths)
        recipients = trust.active_recipients(township.db, COUNTY) + [keys.public().age_recipient]
    members = container.read_container(data, bundle.MEMBERS)
    payload = decode_payload(pyrage.decrypt(members[bundle.PAYLOAD], keys.all_age_identities()),
                             json.loads(members[bundle.MANIFEST])["kind"])
    for name in drop:
        payload.pop(name, None)
    plain = bundle._encode_payload(payload) if version >= 4 else bundle._encode_payload_v3(payload)
    encrypted = pyrage.encrypt(plain, [x25519.Recipient.from_str(r) for r in recipients])
    manifest = json.loads(members[bundle.MANIFEST])
    manifest["format_version"] = version
    manifest["payload_encoding"] = bundle.payload_encoding(version)
    manifest["members"][bundle.PAYLOAD] = {"sha256": hashlib.sha256(encrypted).hexdigest(), "length": len(encrypted)}
    manifest_bytes = (json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()
    return container.write_container([(bundle.MANIFEST, manifest_bytes),
                                      (bundle.SIGNATURE, keys.sign(manifest_bytes).encode()),
                                      (bundle.PAYLOAD, encrypted)])


def fill_township(township, n, batch=50_000):
    """Bulk-load n records of the shipped floating-population form with their audit chain into an
    open township workspace, `batch` records a transaction (a shortcut around one save per
    transaction, for large bundles)."""
    import uuid

    from desktop.core.store import audit
    from desktop.core.store.db import transaction
    from desktop.core.store.search import search_text

    code = township.township
    form, version = "floating_population", "2026110101"
    for start in range(0, n, batch):
        with transaction(township.db):
            last_seq, prev = audit.head(township.db)
            record_rows, audit_rows = [], []
            for i in range(start, min(n, start + batch)):
                born = (datetime.date(1950, 1, 1) + datetime.timedelta(days=i // 1000 % 20000)).strftime("%Y%m%d")
                values = {"name": f"测试{i}", "id_number": resident_id(i % 1000, birth=born),
                          "phone": f"138{i:08d}", "village": f"{code}{i % 20 + 1:03d}", "employer": "某某建筑公司",
                          "household_registration": "河北省廊坊市大城县", "reason": "务工"}
                seq = last_seq + (i - start) + 1
                stamp = "2026-11-26T09:00:00+08:00"
                details = audit.canonical_json({"values": values, "status": "complete", "form_version": version})
                record_id = str(uuid.UUID(int=i + int(code) % 0xFFFF * 10**7))
                digest = audit.row_hash(seq, stamp, "clerk", "create", record_id, form, details, None, prev)
                audit_rows.append((seq, stamp, "clerk", "create", record_id, form, details, None, prev, digest))
                prev = digest
                record_rows.append((record_id, form, version, code, "complete", 1,
                                    json.dumps(values, ensure_ascii=False, sort_keys=True), stamp, "clerk", stamp,
                                    "clerk", seq, search_text(values)))
            township.db.conn.executemany("INSERT INTO audit (seq, at, clerk, event, record_id, form_id, details,"
                                         " reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", audit_rows)
            township.db.conn.executemany("INSERT INTO records (id, form_id, form_version, township, status, version,"
                                         " data, created_at, created_by, updated_at, updated_by, last_audit_seq,"
                                         " search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", record_rows)
