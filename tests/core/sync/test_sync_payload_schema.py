"""The payload schema: its generated fast check and its path-naming walk always agree, and each
refusal names a field path in both languages."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.sync import payload_schema as ps
from tests.core.sync.conftest import data_payload

JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
                        st.text(max_size=30), st.lists(st.integers(), max_size=3),
                        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
                        st.sampled_from(["2026-11-26T10:00:00+08:00", "0" * 64, "131025100", "complete", ""]))


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    yield path


def _return_payload():
    return {"township": "131025100",
            "ack": {"sequence": 3, "sha256": "a" * 64, "through_seq": 10, "item_ids": ["x"], "gaps": [2, [4, 5]],
                    "records_refused": [{"record": "r", "reason": "why", "sequence": 2}],
                    "bundles_refused": [{"sequence": None, "sha256": None, "code": "bad", "reason": "r",
                                         "at": "2026-11-26T10:00:00+08:00"}]},
            "updates": {"code_lists": [{"name": "villages", "version": "2024.1", "sha256": "b" * 64, "content": "eA=="}],
                        "form_packs": []},
            "items": [{"id": "i", "type": "t", "origin": "131025", "target": "131025100",
                       "created_at": "2026-11-26T10:00:00+08:00", "payload": {"a": 1}}]}


BASES = {"township-data": data_payload(audit=[{
    "seq": 1, "at": "2026-11-26T10:00:00+08:00", "clerk": "c", "event": "create", "record_id": None, "form_id": None,
    "details": "{}", "reason": None, "prev_hash": "0" * 64, "hash": "1" * 64}]), "county-return": _return_payload()}


@pytest.mark.parametrize("kind", sorted(BASES))
def test_base_payloads_fit(kind):
    assert ps.SCHEMAS[kind].fast(BASES[kind])
    ps.SCHEMAS[kind].check(BASES[kind], "")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(BASES)), data=st.data(), value=JSON_VALUES, delete=st.booleans())
def test_fast_check_and_walk_agree(kind, data, value, delete):
    payload = copy.deepcopy(BASES[kind])
    path = data.draw(st.sampled_from([p for p in _leaves(payload) if p]))
    target = payload
    for key in path[:-1]:
        target = target[key]
    if delete and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = value
    schema = ps.SCHEMAS[kind]
    try:
        schema.check(payload, "")
        walked = True
    except ps.PayloadError as error:
        walked = False
        assert error.text.en and error.text.zh and error.path
    assert schema.fast(payload) == walked, (path, value)
