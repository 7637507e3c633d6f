"""A county store of many records, built fast: the records of ten townships written in bulk
through the records writer's bulk path (records.apply_received, as the county's import writes
them), 0.5 % of people registered again in another township (the same person ID in two current
records, as a person who moved and was registered twice).

`county_at(target, n)` copies a template built once per size under the system's temporary folder
(`township-county-<n>-v<VERSION>`), so the 1,000,000-record county of the benchmarks is built once
per machine (about a minute) and copied for each run; smaller ones (the query-plan tests) are built
in a second. The store is left as an import leaves it: no ANALYZE, no statistics.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import uuid
from pathlib import Path

VERSION = 4                        # bump when what is built changes: old templates are not reused
# (3: HMAC-SHA256 pages and record_keys without rowid; a v2 copy would be rewritten at every open)
COUNTY = "131025"
TOWNSHIPS = tuple(f"131025{100 + i:03d}" for i in range(10))
FORM = "floating_population"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞建国志文斌辉宇浩凯婷雪琳晨阳俊峰海波春燕云"
PROVINCES = ("河北省廊坊市大城县", "河北省沧州市青县", "河北省保定市雄县", "山东省德州市乐陵市", "河南省周口市太康县",
             "天津市静海区", "山西省运城市临猗县", "安徽省阜阳市临泉县")
PLACES = tuple(f"{p}{t}{v}村" for p in PROVINCES for t in "东西南北中" for v in "一二三四五六七八")
PASSWORD = "bench-password"
STEP = 50_000


def person_id(i: int) -> str:
    """A distinct, valid 18-character resident ID (GB 11643 check digit) for person number i < 18
    million: a birth date of 18,480 (1950-2004, days 1-28) and three sequence digits."""
    day, sequence = i % 18480, i // 18480
    body = f"131025{1950 + day % 55:04d}{1 + day // 55 % 12:02d}{1 + day // 660:02d}{sequence % 1000:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=False)) % 11]


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def villages() -> dict[str, tuple[str, ...]]:
    """Each township's village codes from the shipped division list (the entry rules accept only
    those)."""
    from desktop.core.codelists import codelists_divisions

    divisions = codelists_divisions.shipped()
    return {t: tuple(v.code for v in divisions.children(t, "village")) for t in TOWNSHIPS}


def rows(n: int, *, seed: int = 7, reregistered: float = 0.005):
    """(record, values) pairs as records.apply_received takes them: n records of ten townships,
    `reregistered` of them the same person as an earlier record of another township."""
    from desktop.core.store.search import search_text

    rng = random.Random(seed)
    of_township = villages()
    texts: dict[str, str] = {}
    again = set(rng.sample(range(1, n), int(n * reregistered))) if n > 1 else set()
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        township = TOWNSHIPS[i % len(TOWNSHIPS)]
        if i in again:   # the person of an earlier record, registered by the next township
            earlier = rng.randrange(0, i)
            pid, township = person_id(earlier), TOWNSHIPS[(earlier + 1) % len(TOWNSHIPS)]
        else:
            pid = person_id(i)
        phone = f"13{rng.randint(0, 10**9 - 1):09d}"
        # every required field, each consistent with the ID as the entry rules check it
        values = {"name": name, "id_number": pid, "sex": "1" if int(pid[16]) % 2 else "2",
                  "birth_date": f"{pid[6:10]}-{pid[10:12]}-{pid[12:14]}", "ethnicity": "01",
                  "marital_status": "10", "village": rng.choice(of_township[township]), "phone": phone,
                  "hukou_address": rng.choice(PLACES), "arrival_date": "2020-01-01", "move_reason": "01",
                  "status": "present"}
        if name not in texts:     # pinyin once per name: the other searched fields follow it
            texts[name] = search_text({"name": name})
        text = f"{texts[name]} {pid} {phone}"
        stamp = (f"2026-{1 + i * 11 // n:02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
                 f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{i % 10**6:06d}+08:00")
        record = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "form_id": FORM, "form_version": "1",
                  "township": township, "status": "complete" if i % 20 else "draft", "version": 1,
                  "data": json.dumps(values, ensure_ascii=False, sort_keys=True), "created_at": stamp,
                  "created_by": "clerk", "updated_at": stamp, "updated_by": "clerk", "deleted": 0,
                  "deleted_at": None, "deleted_by": None, "delete_reason": None, "search_text": text}
        if i == 0:
            assert text == search_text(values), (text, search_text(values))
        yield record, values


def fill(db, n: int, *, seed: int = 7, reregistered: float = 0.005) -> None:
    """Write n records into the county store `db`, STEP records a transaction."""
    from desktop.core.store import audit, records
    from desktop.core.store.db import transaction

    def unique(form_id, version):
        return ("id_number",)

    batch = []
    seq = audit.head(db)[0]
    for pair in rows(n, seed=seed, reregistered=reregistered):
        batch.append(pair)
        if len(batch) == STEP:
            with transaction(db):
                records.apply_received(db, batch, audit_seq=seq, unique_fields=unique, replaced=())
            batch = []
    if batch:
        with transaction(db):
            records.apply_received(db, batch, audit_seq=seq, unique_fields=unique, replaced=())


def build(folder: Path, n: int) -> None:
    from desktop.core.workspace.setup import initialise

    with initialise(folder, role="county", code=COUNTY, clerk="县管", password=PASSWORD) as workspace:
        fill(workspace.db, n)


def template(n: int) -> Path:
    """The folder of the n-record county, built on first use."""
    root = Path(os.environ.get("TOWNSHIP_BENCH_CACHE") or tempfile.gettempdir()) / f"township-county-{n}-v{VERSION}"
    done = root / "built"
    if not done.exists():
        shutil.rmtree(root, ignore_errors=True)
        build(root / "county", n)
        done.write_text("ok", encoding="utf-8")
    return root / "county"


def county_at(target: Path, n: int) -> Path:
    """A copy of the n-record county at `target` (open it with Workspace.open)."""
    shutil.copytree(template(n), target, ignore=shutil.ignore_patterns("township.log*"), dirs_exist_ok=True)
    return target


def open_county(folder: Path):
    """The copied county opened as its clerk signs in: its data key unwrapped with PASSWORD (a
    template built by another process is not unlocked in this one)."""
    from desktop.core.workspace.keyring import Keyring, keyring_path
    from desktop.core.workspace.workspace import Workspace

    folder = Path(folder)
    ring = Keyring.load(keyring_path(folder / "township.db"))
    return Workspace.open(folder, key=ring.unlock(PASSWORD) if ring is not None else None)
