"""`township sync status` at the county shows a pending resync or rejoin per township, from the
moment the county knows of it until the township's answer arrives."""

from __future__ import annotations

import json

import pytest

from tests.core.sync.helpers import TOWNSHIPS
from tests.core.sync.test_sync_cli_end_to_end import _setup
from tests.core.sync.test_sync_recovery import COUNTY_CLERK, _add, _backup, _clerk, _restore, _round

A, B = TOWNSHIPS


def _recovery(cli, county) -> dict:
    result = cli("sync", "status", "--data-dir", county, "--json")
    assert result.code == 0, result.err
    return {code: entry["recovery"] for code, entry in json.loads(result.out)["townships"].items()}


def _text(cli, county) -> str:
    result = cli("sync", "status", "--data-dir", county)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_status_shows_a_rejoin_from_request_to_answer(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _add(cli, townships[B], 1, B)
    _round(cli, tmp_path, county, townships, "1")
    backup = _backup(cli, townships[A], tmp_path / "a-backup")
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "2")
    assert _recovery(cli, county) == {A: None, B: None}
    _restore(cli, townships[A], backup, _clerk(A))
    _add(cli, townships[A], 1, A)
    trip = tmp_path / "trip"
    trip.mkdir()
    assert cli("export", "--data-dir", townships[A], "--to", trip).code == 0
    assert cli("import", "--data-dir", county, *trip.glob("TD-*-0*.tdb")).code == 0
    assert _recovery(cli, county) == {A: {"state": "rejoin-requested", "sequence": 2}, B: None}
    assert f"{A}: rejoin requested (bundle 2)" in _text(cli, county)
    assert cli("export", "--data-dir", county, "--to", trip).code == 0
    assert _recovery(cli, county)[A]["state"] == "rejoin-offered"
    assert "waiting for the township's next bundle" in _text(cli, county)
    assert cli("import", "--data-dir", townships[A], *trip.glob(f"TD-{A}-R*.tdb")).code == 0
    result = cli("sync", "status", "--data-dir", townships[A], "--json")
    assert json.loads(result.out)["rejoined"]["sequence"] == 2     # the township's side: rejoined, not yet answered
    _round(cli, tmp_path, county, townships, "3")
    assert _recovery(cli, county) == {A: None, B: None}
    assert "rejoin" not in _text(cli, county)


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_status_shows_a_resync_until_the_township_resends(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    before = _backup(cli, county, tmp_path / "county-backup")
    _round(cli, tmp_path, county, townships, "1")
    _add(cli, townships[A], 1, A)
    _restore(cli, county, before, COUNTY_CLERK)
    _round(cli, tmp_path, county, townships, "2")      # bundle 2 starts above what the county holds
    assert _recovery(cli, county)[A] == {"state": "resync", "from_seq": 0}
    assert f"{A}: resync asked: waiting for the township to resend from audit row 0" in _text(cli, county)
    _round(cli, tmp_path, county, townships, "3")
    assert _recovery(cli, county)[A] is None
