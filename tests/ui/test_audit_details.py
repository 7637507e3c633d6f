"""The audit page names every event and every detail it records in the clerk's language: for each
event type of desktop.core.store.audit.EVENTS, events with the details their writers store are
written into a real store, read back and rendered in Chinese and in English; neither shows a raw
key, a code, True/False or (in Chinese) an English word. A new event type without samples here
fails the first test; a new key or action in the samples without a label fails the others."""

from __future__ import annotations

import re

import pytest

from desktop.core.store import audit
from desktop.core.store.db import transaction

FORM = "floating_population"
RECORD = "20261204-0000-0000-0000-000000000001"
OTHER = "20261204-0000-0000-0000-000000000002"
TASK = "20261204-0000-0000-0000-000000000003"
FILE = "备份文件1"     # user text, stripped before the checks (an ASCII name would look like a raw key)

# event -> the details its writers store (grep audit.append / record_event: one sample per shape)
SAMPLES: dict[str, list[dict]] = {
    "create": [{"values": {"name": "张三"}, "status": "complete"}],
    "edit": [{"changes": {"phone": ["13800000000", "13900000000"]}, "status": ["draft", "complete"],
              "overrides": {"age": "本人确认"}}],
    "delete": [{}],
    "undelete": [{"delete_reason": "误删"}],
    "login": [{}, {"unlock": True}, {"first": True}],
    "login_failed": [{"account": "王丽", "why": "bad-login"}, {"account": "王丽", "why": "account-locked"},
                     {"account": "王丽", "why": "throttled"}],
    "logout": [{}],
    "export": [{"form": FORM, "file": FILE, "rows": 3, "unmasked": True, "codes": False, "search": "张",
                "status": "complete", "where": "filtered", "filter": ["131025100001"]},
               {"form": FORM, "file": FILE, "rows": 3, "unmasked": False, "codes": True},
               {"what": "compare", "form": FORM, "key": "id_number", "records": 3, "rows": 5, "unmasked": True,
                "file": FILE},
               {"what": "list", "form": FORM, "records": 2, "unmasked": True, "search": "张三"}],
    "import": [{"form": FORM, "file": FILE, "rows": 3}],
    "print": [{"report": "daily_summary", "township": "131025100", "date": "2026-12-04", "audit_seq": 12,
               "destination": "printer", "pages": 2},
              {"report": "circular", "county": "131025", "month": "2026-11", "destination": "pdf", "pages": 1},
              {"what": "slip", "record": RECORD, "reason": "本人要求"},
              {"what": "list", "form": FORM, "rows": 10, "destination": "pdf", "pages": 1, "search": "王"}],
    "restore": [{"file": FILE, "previous": FILE}, {"file": FILE, "previous": None}],
    "backup": [{"file": FILE}],
    "setup": [{"role": "township", "code": "131025100", "division": "平舒镇"},
              {"role": "county", "code": "131025", "division": "大城县"}],
    "account": [{"action": "create", "account": "刘主管", "role": "supervisor"},
                {"action": "deactivate", "account": "陈录入"}, {"action": "reactivate", "account": "陈录入"},
                {"action": "role", "account": "陈录入", "role": ["clerk", "supervisor"]},
                {"action": "reset_password", "account": "陈录入"}, {"action": "lock_after", "count": 5},
                {"action": "change_password", "account": "王丽"}, {"action": "recover", "account": "王丽"},
                {"action": "recovery_key"}, {"action": "create", "account": "管理", "role": "admin"},
                {"action": "create", "account": "录入", "role": "clerk"}],
    "form_install": [{"form": FORM, "version": "2026110101", "file": FILE}],
    "sync": [{"action": "export", "kind": "township-data", "township": "131025100", "sequence": 3,
              "sha256": "ab" * 32, "counts": {"records": 2}},
             {"action": "import", "kind": "township-data", "township": "131025100", "sequence": 3,
              "sha256": "ab" * 32, "counts": {"records": 2}, "gaps": []},
             {"action": "import", "kind": "county-return", "sequence": 2, "sha256": "ab" * 32,
              "acked_sequence": 3, "updates_installed": 1, "items": 4},
             {"action": "revoke", "township": "131025100", "fingerprint": "SHA256:abc", "keys": 1},
             {"action": "rejoin-request", "township": "131025100", "sequence": 4, "items_reopened": 2},
             {"action": "rebase", "township": "131025100", "sequence": 4, "from_row": 10, "rejoined_at": 3,
              "replaced_rows": 5},
             {"action": "resync", "from_seq": 10, "was": 20, "items_reopened": 1},
             {"action": "rejoin", "county_sequence": 5, "county_sha256": "cd" * 32, "county_through_seq": 30,
              "county_audit_head": "ef" * 32, "records_offered": 7}],
    "crosscheck": [{"action": "new", "request": TASK, "target": "131025101", "outside_county": "",
                    "due_date": "2026-12-11"},
                   {"action": "new", "request": TASK, "target": "", "outside_county": "山东省德州市",
                    "due_date": "2026-12-11"},
                   {"action": "answer", "request": TASK, "answer": "confirmed"},
                   {"action": "answer", "request": TASK, "answer": "differs"},
                   {"action": "answer", "request": TASK, "answer": "unknown"},
                   {"action": "export_provincial", "count": 2, "file": FILE}],
    "correction": [{"action": "raise", "task": TASK, "kind": "duplicate_id", "township": "131025100"},
                   {"action": "raise", "task": TASK, "kind": "rule", "township": "131025100"},
                   {"action": "raise", "task": TASK, "kind": "manual", "township": "131025100"},
                   {"action": "raise", "task": TASK, "kind": "possible_duplicate", "township": "131025100"},
                   {"action": "fixed", "task": TASK}, {"action": "disputed", "task": TASK},
                   {"action": "accept_dispute", "task": TASK, "township": "131025100"},
                   {"action": "reject_dispute", "task": TASK, "township": "131025100"},
                   {"action": "same_person", "task": TASK, "records": [RECORD, OTHER], "keep": RECORD,
                    "follow_up": TASK},
                   {"action": "different_people", "task": TASK, "records": [RECORD, OTHER], "keep": None,
                    "follow_up": None}],
    "task": [{"township": "131025100", "task": [None, 50]}],
    "keying": [{"fields": 12, "seconds": 95.5, "errors": 1, "status": "complete"}],
    "verification": [{"batch": 1, "action": "create", "selection": {"clerk": "陈录入"}, "records": 10},
                     {"batch": 1, "action": "verified", "keyed_by": "陈录入", "verified_by": "刘主管",
                      "fields": 12, "differences": [{"field": "phone"}], "changed": 1}],
    "reveal": [{"what": "id", "field": "id_number"}],
}
USER_TEXT = (FILE, "PDF")          # what may stay as it is in Chinese text
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def test_every_event_type_has_samples_here():
    assert set(SAMPLES) == set(audit.EVENTS), "give a new event type samples of its details (and labels)"


def test_every_sample_key_is_labelled_or_deliberately_hidden(qapp):
    from desktop.ui.admin import audit_model

    known = set(audit_model.detail_labels()) | set(audit_model.flag_labels()) | audit_model.HIDDEN_KEYS
    unlabelled = {(event, key) for event, samples in SAMPLES.items() for details in samples
                  for key in details if key not in known}
    assert not unlabelled


@pytest.fixture
def written(township):
    """Every sample written as a real event into the township's store, read back as the page reads it."""
    with transaction(township.db):
        for event, samples in SAMPLES.items():
            for details in samples:
                audit.append(township.db, event, clerk="王丽", details=details,
                             form_id=FORM if event in ("create", "edit", "reveal", "export") else None,
                             record_id=RECORD if event in ("create", "edit", "reveal") else None)
    return audit.entries(township.db, limit=sum(len(s) for s in SAMPLES.values()))   # newest first: these


def rendered(township, entries, language, qapp):
    from desktop.core.entry.field_names import FieldNames
    from desktop.ui.admin.audit_model import describe_details, event_label
    from desktop.ui.shell.locale_setup import install_language

    install_language(qapp, language)
    names = FieldNames(township)
    return [(e, event_label(e.event), describe_details(e, names)) for e in entries]


def test_chinese_shows_no_english_word_raw_key_or_boolean(qapp, township, written):
    shown = rendered(township, written, "zh", qapp)
    assert len(shown) == sum(len(s) for s in SAMPLES.values())
    for entry, label, text in shown:
        assert not ENGLISH_WORD.search(label), (entry.event, label)
        plain = text
        for kept in USER_TEXT:
            plain = plain.replace(kept, "")
        assert not ENGLISH_WORD.search(plain), (entry.event, entry.details, text)
        assert "其他" not in text, (entry.event, entry.details, text)   # an unlabelled code
    compare = next(t for e, _l, t in shown if e.details.get("what") == "compare")
    assert "比对" in compare and "完整身份号码" in compare


def test_english_shows_no_raw_key_code_or_boolean(qapp, township, written):
    from desktop.ui.admin import audit_model

    shown = rendered(township, written, "en", qapp)
    labels = audit_model.detail_labels()
    for entry, label, text in shown:
        assert label != entry.event or label[0].isupper(), entry.event
        for word in ("True", "False", "None", "{", "[", "_", "other"):
            assert word not in text, (entry.event, entry.details, text)
        for key, value in entry.details.items():
            if key in labels and labels[key] != key:
                assert not re.search(rf"(^|; ){re.escape(key)}:", text), (entry.event, key, text)
            known = audit_model.value_labels(entry.event).get(key, {})
            if isinstance(value, str) and value in known and known[value] != value:   # "differs" is its own label
                assert not re.search(rf"{re.escape(labels[key])}: {re.escape(value)}(;|$)", text), (entry.event, key, text)
    compare = next(t for e, _l, t in shown if e.details.get("what") == "compare")
    assert "what: comparison of two entries" in compare and "records: 3" in compare
    assert "ID numbers in full" in compare
