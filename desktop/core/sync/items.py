"""The item envelope: how a return bundle carries acknowledgements, updates and other work.

A county return bundle's payload is `{"items": [item, ...]}`; every item is

    {"type": "sync.ack", "id": "<unique id>", "created": "<UTC time>", "payload": {...}}

`id` is unique for all time (the county makes it from the township, the type and a counter or
uuid), so a township that receives the same item twice (a cumulative return bundle, a repeat
import) handles it once. `type` says who handles it; types this program does not know are kept,
not refused, so an older township program never loses an item a newer county sent. Types:

| type | payload | handled by |
|---|---|---|
| `sync.ack` | `{"sequence": N, "accepted_through": N, "refused": [{"sequence", "reason"}], "records_refused": [{"record", "reason"}]}` | sync: marks changes synced |
| `codelist.update` | a `Resource` dict (`name`, `version`, `sha256`, base64 `content`) | sync: versions only go forward |
| `formpack.update` | a `Resource` dict | sync: versions only go forward |
| `county.keys` | `{"keys": {signing_key, age_recipient, fingerprint}}` (new county keys, signed by the old) | sync |
| anything else, e.g. `crosscheck.request`, `correction.task` | defined by the module that registers it | that module |
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.core.errors import UserError
from desktop.core.i18n import Text

ACK = "sync.ack"
CODELIST_UPDATE = "codelist.update"
FORMPACK_UPDATE = "formpack.update"
COUNTY_KEYS = "county.keys"
_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,120}$")


@dataclass(frozen=True)
class Item:
    type: str
    id: str
    payload: dict
    created: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    def as_dict(self) -> dict:
        return {"type": self.type, "id": self.id, "created": self.created, "payload": self.payload}

    @classmethod
    def from_dict(cls, data: object) -> Item:
        if not isinstance(data, dict) or set(data) != {"type", "id", "created", "payload"} \
                or not isinstance(data["type"], str) or not _TYPE.match(data["type"]) \
                or not isinstance(data["id"], str) or not _ID.match(data["id"]) \
                or not isinstance(data["payload"], dict) or not isinstance(data["created"], str):
            raise UserError(Text("a return bundle holds a malformed item", "回执包中有格式错误的条目"),
                            code="bad-item")
        return cls(data["type"], data["id"], data["payload"], data["created"])


def new_item(type_: str, payload: dict, item_id: str | None = None) -> Item:
    return Item(type_, item_id or f"{type_}:{uuid.uuid4().hex}", payload)
